//! How a file-flow fixture (`tests/fixtures/files/<case>/`) is read and rendered: its
//! options from `target`, `builder`, `context.txt` and `.dockerignore`, and the text its
//! `expected.txt` holds (the simulated filesystems, then the errors that fail the build).
//! Shared by the snapshot test (`files.rs`) and the conformance report
//! (`examples/conformance.rs`), so both judge a fixture the same way.

use std::path::Path;

use stageplay_analysis::{Builder, Options, analyze};

pub fn fixture_options(dir: &Path) -> (String, Options) {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    (
        read("Dockerfile").unwrap_or_default(),
        Options {
            target: read("target").map(|t| t.trim().to_string()),
            builder: match read("builder").as_deref().map(str::trim) {
                Some("legacy") => Builder::Legacy,
                _ => Builder::BuildKit,
            },
            context: read("context.txt"),
            dockerignore: read(".dockerignore"),
            ..Options::default()
        },
    )
}

pub fn render(dir: &Path) -> String {
    let (dockerfile, options) = fixture_options(dir);
    let a = analyze(&dockerfile, &options);
    let mut out = stageplay_analysis::files::render_text(&a.files, &a.stages, true);
    // The errors that fail the build, with their lines, when there are any.
    let lines = stageplay_analysis::LineIndex::new(&dockerfile);
    let errors: Vec<String> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == stageplay_analysis::Severity::Error)
        .map(|d| {
            format!(
                "  line {}: {} {}\n",
                lines.line(d.span.start),
                d.rule,
                d.message
            )
        })
        .collect();
    if !errors.is_empty() {
        out.push_str("\nerrors:\n");
        out.extend(errors);
    }
    out
}
