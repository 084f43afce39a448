//! The one snapshot harness: every case folder of a fixture set is rendered to text and
//! compared with its `expected.txt` by expect-test, so `UPDATE_EXPECT=1` rewrites them all.

use std::path::{Path, PathBuf};

/// The case folders of `tests/fixtures/<set>/`, sorted, so failures and rewrites come in a
/// stable order.
pub fn cases(set: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(set);
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Renders every case of the set with `render` and checks the text against the case's
/// `expected.txt` (rewritten instead under `UPDATE_EXPECT=1`). Returns how many cases there
/// were, so a test can insist that the set is not empty by mistake.
pub fn check_cases(set: &str, render: impl Fn(&Path) -> String) -> usize {
    let dirs = cases(set);
    for dir in &dirs {
        let got = render(dir);
        expect_test::expect_file![dir.join("expected.txt")].assert_eq(&got);
    }
    dirs.len()
}
