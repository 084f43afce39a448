//! How fixtures are read. An analysis fixture (`tests/fixtures/analysis/<case>/`) takes its
//! options from `options.txt` and `dockerignore`; a file-flow fixture
//! (`tests/fixtures/files/<case>/`) from `target`, `builder`, `context.txt` and
//! `.dockerignore`, and renders the text its `expected.txt` holds (the simulated
//! filesystems, then the errors that fail the build). Shared by the snapshot tests
//! (`analysis.rs`, `files.rs`) and the conformance report (`examples/conformance.rs`), so
//! both judge a fixture the same way.

use std::path::Path;

use stageplay_analysis::{Builder, Options, analyze};

/// An analysis fixture's options: `options.txt` (`--target X`, `--builder legacy`,
/// `--build-arg K=V`, one a line) and the optional `dockerignore` file, with the lines of
/// `options.txt` that are none of these.
pub fn analysis_options(dir: &Path) -> (Options, Vec<String>) {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let mut o = Options::default();
    let mut unknown = Vec::new();
    for line in read("options.txt").unwrap_or_default().lines() {
        let line = line.trim();
        if let Some(t) = line.strip_prefix("--target ") {
            o.target = Some(t.trim().to_string());
        } else if line == "--builder legacy" {
            o.builder = Builder::Legacy;
        } else if let Some(kv) = line.strip_prefix("--build-arg ") {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            o.build_args.push((k.to_string(), v.to_string()));
        } else if !line.is_empty() {
            unknown.push(line.to_string());
        }
    }
    o.dockerignore = read("dockerignore");
    (o, unknown)
}

/// A file-flow fixture's Dockerfile and options.
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
