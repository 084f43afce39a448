//! The `analyze` benchmarks (see `benches/analyze.rs`) with the platform's own allocator
//! instead of the CLI's mimalloc: the same work, to show what the allocator contributes.
//!
//! Run: `cargo bench --bench analyze_system_alloc`.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    common::bench(c, "analyze-system-alloc");
}

criterion_group!(benches, bench);
criterion_main!(benches);
