#!/usr/bin/env bash
# Builds the `stageplay` CLI as it is measured and meant to be shipped (docs/cli.md#building):
# `target/release/stageplay` (`target/debug/stageplay` with --debug), linked statically on
# Linux with glibc. A static PIE needs no dynamic loader at start: each process starts about
# 0.2 ms sooner (0.93 -> 0.71 ms for `--version`, 8.58 -> 8.20 ms for `analyze --format json`
# on moby's file x20: docs/performance.md#cli) and keeps address-space randomisation.
#
# `crt-static` is given to the binary's own crate only (`cargo rustc ... -- FLAGS`): set for
# the whole build (RUSTFLAGS, .cargo/config.toml), Cargo applies it to the proc macros too,
# which then fail to build. `cargo install` cannot pass it; it builds the dynamic binary,
# which behaves the same. Elsewhere (macOS, musl, no libc.a) this is a plain release build.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
[ "${1:-}" = --debug ] && profile=dev
flags=()
case "$(rustc -vV | sed -n 's/^host: //p')" in
  *-linux-gnu)
    # Debian's libc6-dev, which linking any Rust program needs, carries libc.a.
    if [ -f "$(cc -print-file-name=libc.a)" ]; then
      flags=(-- -C target-feature=+crt-static)
    fi
    ;;
esac
cargo rustc --quiet --locked --profile "$profile" --bin stageplay "${flags[@]}"
