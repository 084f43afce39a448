#!/usr/bin/env bash
# Installs what Stageplay's build and tests need, skipping everything already present at the
# right version: the wasm32 target, Trunk, wasm-bindgen-cli, Debian's Chromium (and a Hangul
# font when there is none), and the npm
# dev dependencies (Playwright, axe-core, binaryen's wasm-opt). Idempotent; a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
# Must equal the `wasm-bindgen = "=..."` pin in Cargo.toml and `[tools]` in Trunk.toml.
WASM_BINDGEN_VERSION=0.2.130
WASM_OPT_VERSION=132

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
command -v npm >/dev/null || die "npm not found: install Node.js 20 first"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# 1. The wasm target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown || die "rustup could not add wasm32-unknown-unknown"
fi

# 2. Trunk and wasm-bindgen-cli, built from crates (concurrently: Trunk links for minutes).
pids=()
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION from crates (about 12 minutes on 2 cores)"
  # Trunk declares a newer rust-version than it needs; rustls avoids a system TLS library.
  ( CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --quiet --locked --ignore-rust-version --no-default-features \
      --features rustls "trunk@$TRUNK_VERSION" ) &
  pids+=($!)
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates (about 5 minutes)"
  # Not --locked: its lock file pins a crate version the registry may not carry.
  ( cargo install --quiet --force --no-default-features "wasm-bindgen-cli@$WASM_BINDGEN_VERSION" ) &
  pids+=($!)
fi
# ---- mdBook, for e2e/mdbook.spec.ts (the `stageplay mdbook` preprocessor's book) ----
MDBOOK_VERSION=0.5.4
if [ "$(mdbook --version 2>/dev/null)" != "mdbook v$MDBOOK_VERSION" ]; then
  say "installing mdbook $MDBOOK_VERSION from crates (measured: 20 minutes on a busy 2-core machine)"
  ( cargo install --quiet --locked "mdbook@$MDBOOK_VERSION" ) &
  pids+=($!)
fi
# ---- end of mdBook ----
for pid in "${pids[@]}"; do
  wait "$pid" || die "cargo install failed (is the crate registry reachable?)"
done

# 3. Chromium and its driver, from Debian.
if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium (about 2 minutes)"
  as_root apt-get update -qq || die "apt-get update failed (is the Debian mirror reachable?)"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver >/dev/null || die "apt-get could not install chromium"
fi

# Graphviz's `dot` checks the DOT export in the end-to-end tests (e2e/share-export.spec.ts).
if ! command -v dot >/dev/null; then
  say "installing Debian's graphviz"
  as_root apt-get update -qq || die "apt-get update failed (is the Debian mirror reachable?)"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    graphviz >/dev/null || die "apt-get could not install graphviz"
fi

# A Hangul font: the Korean pages are drawn with it, and e2e/i18n.spec.ts checks that the editor
# keeps its caret on a Hangul character (without one, Chromium draws Hangul as boxes as wide as
# Latin letters). Debian's Nanum fonts (about 10 MB), when fontconfig knows no Korean font.
korean_font() {
  if command -v fc-list >/dev/null; then fc-list :lang=ko | grep -q .; else dpkg -s fonts-nanum >/dev/null 2>&1; fi
}
if ! korean_font; then
  say "installing Debian's fonts-nanum (a Hangul font for the Korean pages)"
  as_root apt-get update -qq || die "apt-get update failed (is the Debian mirror reachable?)"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    fonts-nanum >/dev/null || die "apt-get could not install fonts-nanum"
fi

# 4. npm dev dependencies (Playwright, axe-core, binaryen) from the committed lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed (is the npm registry reachable?)"
fi
# 4b. The SARIF schema check of `stageplay check --format sarif` (tests/sarif): Ajv and the
# SARIF 2.1.0 schema from @microsoft/jest-sarif, pinned in its own lock file.
if [ ! -f tests/sarif/node_modules/.package-lock.json ] || [ tests/sarif/package-lock.json -nt tests/sarif/node_modules/.package-lock.json ]; then
  say "installing the SARIF schema check (npm ci in tests/sarif)"
  npm ci --prefix tests/sarif --no-audit --no-fund --loglevel=error || die "npm ci in tests/sarif failed (is the npm registry reachable?)"
fi
got=$(node_modules/.bin/wasm-opt --version 2>/dev/null || true)
case "$got" in
  *"version $WASM_OPT_VERSION"*) ;;
  *) die "node_modules/.bin/wasm-opt is '$got', expected version $WASM_OPT_VERSION" ;;
esac

# ---- MkDocs with Material, for e2e/mkdocs.spec.ts (docs sites) --------------------------------
# mkdocs-material and every dependency pinned in tests/sites/mkdocs/requirements.txt, from PyPI
# into a project-local, git-ignored venv (about 40 seconds). A fresh Debian has python3 but
# not its venv module, which is Debian's python3-venv.
MKDOCS_VENV=.tools/mkdocs-venv
MKDOCS_REQUIREMENTS=tests/sites/mkdocs/requirements.txt
if [ ! -f "$MKDOCS_VENV/.installed" ] || [ "$MKDOCS_REQUIREMENTS" -nt "$MKDOCS_VENV/.installed" ]; then
  command -v python3 >/dev/null || die "python3 not found: install Debian's python3"
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    say "installing Debian's python3-venv"
    as_root apt-get update -qq || die "apt-get update failed (is the Debian mirror reachable?)"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
      python3-venv >/dev/null || die "apt-get could not install python3-venv"
  fi
  say "installing mkdocs-material into $MKDOCS_VENV (pip, about 40 seconds)"
  rm -rf "$MKDOCS_VENV"
  python3 -m venv "$MKDOCS_VENV" || die "python3 -m venv failed"
  "$MKDOCS_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$MKDOCS_REQUIREMENTS" ||
    die "pip could not install $MKDOCS_REQUIREMENTS (is PyPI reachable?)"
  touch "$MKDOCS_VENV/.installed"
fi
# ---- end of MkDocs ----------------------------------------------------------------------------

say "ready (trunk $TRUNK_VERSION, $("$MKDOCS_VENV/bin/mkdocs" --version 2>/dev/null | cut -d' ' -f1-3), wasm-bindgen $WASM_BINDGEN_VERSION, wasm-opt $WASM_OPT_VERSION, $(/usr/bin/chromium --version 2>/dev/null | head -1))"
