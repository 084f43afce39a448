#!/usr/bin/env bash
# Builds the `stageplay` CLI as it is measured and meant to be shipped (docs/cli.md#building):
# `target/release/stageplay` (`target/debug/stageplay` with --debug), linked statically on
# Linux with glibc, and, for the release build, optimised with a profile of its own runs.
#
# Static: a static PIE needs no dynamic loader at start, so each process starts about 0.2 ms
# sooner (0.93 -> 0.71 ms for `--version`, 8.58 -> 8.20 ms for `analyze --format json` on
# moby's file x20: docs/performance.md#cli) and keeps address-space randomisation.
#
# Profile-guided (release only): the CLI is first built with LLVM's counters
# (`-C profile-generate`), run on the repository's own Dockerfiles (the test fixtures and a
# large file from the bench's generator: never the bench's input), and built again with
# what those runs counted (`-C profile-use`): about 10 % fewer instructions and 13 % less CPU
# on moby's file x20 (docs/performance.md#cli-profile-guided-build-issue-16-item-3-seventh-pass). Merging the counts
# needs an `llvm-profdata` of rustc's own LLVM major version: rustup's `llvm-tools`
# component, or Debian's `llvm-N`, which this script installs with apt when it is missing
# (about 90 MB, once). Without one it makes the same build unprofiled, and says so.
# `--no-pgo` (or STAGEPLAY_PGO=0) skips the profile: one build instead of two.
#
# `crt-static` must not reach the proc macros, which then fail to build. The plain build
# gives it to the binary's own crate only (`cargo rustc ... -- FLAGS`); the profiled builds
# need their flags on every crate (the analysis core is a crate of its own), so they pass
# RUSTFLAGS with an explicit `--target`, which Cargo applies to the target's crates only,
# never to build scripts or proc macros. `cargo install` cannot pass either: it builds the
# dynamic, unprofiled binary, which gives the same output. Elsewhere (macOS, musl, no
# libc.a) the build is not static.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'build-cli: %s\n' "$*" >&2; }
profile=release
pgo=yes
for arg in "$@"; do
  case "$arg" in
    --debug) profile=dev ;;
    --no-pgo) pgo=no ;;
    *) say "unknown option $arg (expected --debug or --no-pgo)"; exit 2 ;;
  esac
done
[ "${STAGEPLAY_PGO:-1}" = 0 ] && pgo=no
[ "$profile" = dev ] && pgo=no

host=$(rustc -vV | sed -n 's/^host: //p')
static=()
case "$host" in
  *-linux-gnu)
    # Debian's libc6-dev, which linking any Rust program needs, carries libc.a.
    if [ -f "$(cc -print-file-name=libc.a)" ]; then
      static=(-C target-feature=+crt-static)
    fi
    ;;
esac

plain() {
  cargo rustc --quiet --locked --profile "$profile" --bin stageplay ${static[@]+-- "${static[@]}"}
}

# What cannot be profiled is built plainly: no llvm-profdata to merge the counts, a
# toolchain without LLVM's profiling runtime (some distributions' rustc), counts that do
# not merge.
unprofiled() {
  say "$1: building without the profile, about 13 % slower"
  plain
  exit 0
}

# An llvm-profdata that reads what rustc's LLVM writes: of its major version, $1.
find_profdata() {
  local major=$1 c
  for c in "$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata" \
           "llvm-profdata-$major" "/usr/lib/llvm-$major/bin/llvm-profdata" llvm-profdata; do
    if command -v "$c" >/dev/null 2>&1 && "$c" --version 2>/dev/null | grep -q "LLVM version $major\."; then
      command -v "$c"
      return 0
    fi
  done
  if command -v apt-get >/dev/null && apt-cache show "llvm-$major" >/dev/null 2>&1; then
    say "installing Debian's llvm-$major for llvm-profdata (about 90 MB, once)"
    local sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    if DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "llvm-$major" >/dev/null 2>&1 && [ -x "/usr/lib/llvm-$major/bin/llvm-profdata" ]; then
      echo "/usr/lib/llvm-$major/bin/llvm-profdata"
      return 0
    fi
  fi
  return 1
}

# The Dockerfiles the profile is counted on: the test fixtures, and a large file from the
# bench's generator at 40 stages, x30 (about 560 KB), which the bench never measures (it
# repeats moby's file, or the generator's 60-stage file when the corpus is not there).
training_files() {
  find crates/stageplay-analysis/tests/fixtures tests/fixtures -type f -name Dockerfile | sort
}

# The runs the profile counts, in the commands and formats the CLI is used with. Exit codes
# are ignored (a failing build is still a report).
train() {
  local bin=$1 dir=$2 generated f
  generated="$dir/generated-40x30.Dockerfile"
  if python3 -c 'import sys; sys.path.insert(0, "scripts")
from bench_buildkit_parser import generated_dockerfile
sys.stdout.write(generated_dockerfile(40) * 30)' > "$generated" 2>/dev/null; then
    for _ in 1 2 3; do "$bin" analyze --format json "$generated" >/dev/null 2>&1 || true; done
    "$bin" analyze "$generated" >/dev/null 2>&1 || true
    "$bin" analyze --format json --builder legacy "$generated" >/dev/null 2>&1 || true
  fi
  while IFS= read -r f; do
    "$bin" analyze --format json "$f" >/dev/null 2>&1 || true
    "$bin" analyze "$f" >/dev/null 2>&1 || true
    "$bin" check "$f" >/dev/null 2>&1 || true
  done < <(training_files)
}

if [ "$pgo" = no ]; then
  plain
  exit 0
fi
major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
profdata=$(find_profdata "$major") ||
  unprofiled "no llvm-profdata of LLVM $major (rustup component add llvm-tools, or Debian's llvm-$major)"

dir="$PWD/target/pgo"
mkdir -p "$dir"
# `--cfg stageplay_pgo_generate`: main.rs writes the counts before its `_exit`, which skips
# the exit handler that would.
RUSTFLAGS="${RUSTFLAGS:-} ${static[*]} -C profile-generate=$dir/raw --cfg stageplay_pgo_generate" \
  cargo build --quiet --locked --release --target "$host" --target-dir "$dir/build" --bin stageplay ||
  unprofiled "the profiling build failed"
instrumented="$dir/build/$host/release/stageplay"
# The profile is named by what it was counted from (the instrumented binary, the training
# files, this script), so that Cargo, which compares flags and not the files they name,
# rebuilds when it changes, and an unchanged build reuses it without counting again.
key=$( { cksum < "$instrumented"; training_files | xargs cksum; cksum < "$0"; } | cksum | cut -d' ' -f1)
profile_data="$dir/stageplay-$key.profdata"
if [ ! -f "$profile_data" ]; then
  rm -rf "$dir/raw" "$dir"/stageplay-*.profdata
  train "$instrumented" "$dir"
  "$profdata" merge -o "$profile_data.tmp" "$dir/raw" ||
    unprofiled "llvm-profdata could not merge the counts"
  mv "$profile_data.tmp" "$profile_data"
fi
RUSTFLAGS="${RUSTFLAGS:-} ${static[*]} -C profile-use=$profile_data" \
  cargo build --quiet --locked --release --target "$host" --bin stageplay
# Cargo hard-links its outputs: replace the file, never write through the link.
rm -f target/release/stageplay
mkdir -p target/release
cp "target/$host/release/stageplay" target/release/stageplay
