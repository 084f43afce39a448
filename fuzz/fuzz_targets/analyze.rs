//! Fuzz target: any UTF-8 text (with fuzzed options, context and .dockerignore) through
//! `analyze` and every renderer: spans stay in the text, the JSON parses, DOT and Mermaid
//! labels stay quoted, both SVGs are well-formed XML. No length cap: runs choose `-max_len`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stageplay_fuzz::targets::analyze_and_render(data));
