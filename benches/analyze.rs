//! Benchmarks of `analyze` (docs/budgets.md: ≤ 1 ms median natively for a 650-line, 60-stage
//! Dockerfile): an in-repo generated file of that shape and, when `../shared/corpus` exists
//! (it is outside the repository), moby's own Dockerfile and the whole corpus.
//!
//! This program uses mimalloc, the allocator of the native `stageplay` CLI, so it measures
//! the analysis as the CLI runs it. `benches/analyze_system_alloc.rs` runs the same
//! measurements with the platform's allocator (glibc malloc on Debian) for comparison.
//!
//! Run: `cargo bench --bench analyze` (and `--bench analyze_system_alloc`).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    common::bench(c, "analyze");
}

criterion_group!(benches, bench);
criterion_main!(benches);
