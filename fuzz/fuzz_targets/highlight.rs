//! Fuzz target: arbitrary text through the editor's highlighter and the markup escaper: the
//! markup is well-formed and shows the input's characters one for one.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stageplay_fuzz::targets::highlight(data));
