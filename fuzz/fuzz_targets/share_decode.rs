//! Fuzz target: arbitrary fragments, deflate data and JSON through the share-link decoder:
//! never panics, stays within its size limit, and what decodes round-trips through `encode`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stageplay_fuzz::targets::share_decode(data));
