//! The one seeded generator, for tests that need a fixed stream of varied text rather than
//! proptest's cases: proptest's deterministic generator, so every run checks the same input.

use proptest::test_runner::{TestRng, TestRunner};

/// A generator that yields the same stream on every run.
pub fn rng() -> TestRng {
    TestRunner::deterministic().new_rng()
}
