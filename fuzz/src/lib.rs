//! Checkers the fuzz targets share: whether a renderer's output is well-formed XML, whether
//! DOT and Mermaid labels stay inside their quotes, and the visible text of escaped markup.
//!
//! They live in a library so that every `fuzz_targets/*.rs` file is one line of libFuzzer glue
//! and the checkers have their own unit tests (`cargo test` in `fuzz/`, on stable).

pub mod checks;
pub mod targets;
