//! Snapshot tests of the file simulation: each folder of `tests/fixtures/files/<case>/` has
//! a `Dockerfile`, optionally `context.txt`, `.dockerignore` and `target`, and `expected.txt`
//! with the rendered filesystems of every stage, the final image, what is left behind and
//! the sizes. Run with `UPDATE_EXPECT=1` to rewrite the snapshots, then review the diff.

use std::path::Path;

use stageplay::analysis::{Options, analyze, files};

fn render(dir: &Path) -> String {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let dockerfile = read("Dockerfile").unwrap_or_default();
    let options = Options {
        target: read("target").map(|t| t.trim().to_string()),
        context: read("context.txt"),
        dockerignore: read(".dockerignore"),
        ..Options::default()
    };
    let a = analyze(&dockerfile, &options);
    files::render_text(&a.files, &a.stages, true)
}

#[test]
fn file_fixtures_match_their_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for dir in &dirs {
        let got = render(dir);
        let path = dir.join("expected.txt");
        if update {
            std::fs::write(&path, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}: snapshot differs (run with UPDATE_EXPECT=1 and review)\n--- got\n{got}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        dirs.len() >= 10,
        "expected the fixture cases, found {}",
        dirs.len()
    );
}
