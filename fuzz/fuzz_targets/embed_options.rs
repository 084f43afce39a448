//! Fuzz target: arbitrary query strings through the embed option parser: never panics, the
//! options are bounded and round-trip, and the iframe snippet is well-formed.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stageplay_fuzz::targets::embed_options(data));
