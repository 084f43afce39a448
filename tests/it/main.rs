//! The root package's integration tests, one binary with a module per part of the page and
//! the command line (one binary links Yew once). The analysis core's own tests live in
//! `crates/stageplay-analysis/tests/`.

mod cli;
mod examples;
mod export;
mod fuzz_findings;
mod graph;
mod lessons;
mod render;
mod seeded;
mod share;
mod startup;
mod state;
