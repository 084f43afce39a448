#!/usr/bin/env bash
# The whole test suite, in order, stopping at the first failure: formatting, clippy (native
# and wasm), native tests, the release build, and the end-to-end tests in headless Chromium.
# The last line counts the tests: `N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

finish() {
  echo
  echo "$passed passed, $failed failed"
  exit "$1"
}

step() {
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" != 0 ]; then
    echo "==> FAILED: $name"
    failed=$((failed + 1))
    finish 1
  fi
}

count_cargo() {
  local p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

step "cargo fmt --check" cargo fmt --all --check
step "cargo clippy (native)" cargo clippy --quiet --workspace --all-targets -- -D warnings
step "cargo clippy (wasm32)" cargo clippy --quiet --workspace --target wasm32-unknown-unknown --lib --bins --features web -- -D warnings
# The core and the CLI build without the browser: neither may pull in Yew or a web binding.
step "the core and the CLI compile no Yew" bash -c '! { cargo tree -p stageplay -e normal,build --target all; cargo tree -p stageplay-analysis -e normal,build --target all; } | grep -E " (yew|web-sys|js-sys|gloo[-a-z]*|wasm-bindgen) v"'
step "cargo test" cargo test --workspace
count_cargo
step "trunk build --release" trunk build --release
# The analysis runs in the page's worker (docs/budgets.md, "The analysis in a worker"): the
# parser and the rest of the pipeline stay out of the page's own wasm. BuildKit's parse-error
# wording and parse-dockerfile's source paths are only in the core's parser; the worker's
# wasm must have them, so the check can fail.
step "the page's wasm has no analysis pipeline" bash -c 'page=$(ls dist/stageplay-web-*_bg.wasm) && ! grep -q -a -e "dockerfile parse error" -e "parse-dockerfile" "$page" && grep -q -a -e "dockerfile parse error" dist/stageplay-worker_bg.wasm && echo "the parser is in the worker only"'
step "scripts/build-cli.sh --debug (the CLI the e2e tests call, linked as it ships)" scripts/build-cli.sh --debug
step "the CLI is a static PIE on Linux with glibc (no dynamic loader at start)" bash -c '
  cli="${CARGO_TARGET_DIR:-target}/debug/stageplay"
  case "$(rustc -vV | sed -n "s/^host: //p")" in
    *-linux-gnu) ;;
    *) echo "not Linux with glibc: scripts/build-cli.sh links dynamically here"; exit 0 ;;
  esac
  headers=$(readelf -lhW "$cli") || exit 1
  grep -q "Type: *DYN" <<<"$headers" && ! grep -q "program interpreter" <<<"$headers" &&
    "$cli" --version && echo "static PIE: position-independent, no program interpreter"'
# `stageplay check --format sarif` against the published SARIF 2.1.0 schema (tests/sarif).
step "SARIF output against the SARIF 2.1.0 schema" node tests/sarif/validate.mjs "${CARGO_TARGET_DIR:-target}/debug/stageplay" crates/stageplay-analysis/tests/fixtures/analysis/buildkit-*/Dockerfile
passed=$((passed + $(grep -Eo '^[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')))
# ---- mdBook: e2e/mdbook.spec.ts builds tests/sites/mdbook with this mdbook (setup.sh) ----
step "mdbook 0.5.4 is installed" bash -c '[ "$(mdbook --version)" = "mdbook v0.5.4" ]'
# ---- end of mdBook ----
# ---- Docs sites: e2e/mkdocs.spec.ts builds tests/sites/mkdocs with this mkdocs (setup.sh) ----
step "mkdocs-material is installed" .tools/mkdocs-venv/bin/mkdocs --version
# ---- end of docs sites ----
step "playwright (headless Chromium)" npx playwright test
passed=$((passed + $(grep -Eo '^ *[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')))
finish 0
