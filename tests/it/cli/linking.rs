//! How the CLI is linked: what the dynamic loader must load at each start.

/// The CLI carries GCC's unwinder (`src/bin/stageplay/main.rs`), so the loader has no
/// `libgcc_s.so.1` to find and map at every start (docs/performance.md#cli). A library
/// the binary needs is named in its dynamic string table, so the name is absent when it
/// is not needed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_cli_does_not_load_libgcc_s() {
    let binary = std::fs::read(env!("CARGO_BIN_EXE_stageplay")).expect("read the CLI");
    let needle = b"libgcc_s.so";
    assert!(
        !binary.windows(needle.len()).any(|w| w == needle),
        "the CLI names libgcc_s.so, so the loader loads it at every start"
    );
}
