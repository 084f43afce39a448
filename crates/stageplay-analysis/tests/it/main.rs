//! The analysis core's integration tests, one binary with a module per part of the core it
//! exercises (one binary links once, which keeps `cargo test` quick). Fixture folders live in
//! `tests/fixtures/<set>/<case>/`; their expected outputs are checked by `snapshot.rs`, and
//! `UPDATE_EXPECT=1 cargo test -p stageplay-analysis` rewrites them (review the diff).

mod analysis;
mod conformance;
mod files;
mod fuzz_findings;
mod invariants;
mod json;
mod lint;
mod parse;
mod pathological;
mod properties;
mod scaling;
mod scope;
mod simulated;
mod snapshot;
mod wire;
