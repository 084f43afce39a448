//! The JSON export (`export::JsonReport`, docs/cli.md): streamed field by field, it writes
//! exactly what the sorted `serde_json::Value` tree pretty-prints, and builds no such tree.

use stageplay_analysis::export::{JsonReport, to_json, to_json_value};
use stageplay_analysis::{Options, analyze};

use crate::conformance::report::fixtures::{analysis_options, fixture_options};
use crate::scaling::allocations;
use crate::snapshot::cases;

/// Every fixture's Dockerfile and options, both sets.
pub(crate) fn fixtures() -> Vec<(String, String, Options)> {
    let mut all = Vec::new();
    for dir in cases("analysis") {
        let text = std::fs::read_to_string(dir.join("Dockerfile")).unwrap_or_default();
        all.push((dir.display().to_string(), text, analysis_options(&dir).0));
    }
    for dir in cases("files") {
        let (text, options) = fixture_options(&dir);
        all.push((dir.display().to_string(), text, options));
    }
    all
}

/// A `Value` sorts every object's keys; the stream writes fields in the order the code
/// declares them. Equal texts on every fixture (plans that fail, `# check=`, contexts,
/// left-behind stages...) show that every object, nested ones included, is declared in
/// alphabetical order, so the stream changed no byte of the schema.
#[test]
fn the_streamed_json_is_the_sorted_tree_pretty_printed() {
    let all = fixtures();
    assert!(all.len() > 200, "only {} fixtures", all.len());
    for (name, text, options) in all {
        let a = analyze(&text, &options);
        let tree = serde_json::to_string_pretty(&to_json_value(&a, &text)).unwrap_or_default();
        assert_eq!(to_json(&a, &text), tree, "{name}");
    }
}

/// A file of `n` + 2 stages whose final image holds a file from each.
fn many_stages(n: usize) -> String {
    let mut s = String::from("FROM golang AS base\nRUN go build -o /out/app ./...\n");
    for i in 0..n {
        s.push_str(&format!(
            "FROM base AS s{i}\nCOPY --from=base /out/app /bin/app{i}\nRUN mkdir -p /d{i}\n"
        ));
    }
    s.push_str("FROM alpine\n");
    for i in 0..n {
        s.push_str(&format!("COPY --from=s{i} /bin/app{i} /bin/\n"));
    }
    s
}

/// Writing the JSON allocates about once per stage (its display name), not once per value
/// and key as a `Value` tree does: that tree cost more than the analysis itself on large
/// files (docs/performance.md#cli). Counted, not timed.
#[test]
fn writing_the_json_builds_no_tree() {
    let text = many_stages(60);
    let a = analyze(&text, &Options::default());
    assert!(a.files.final_image.files.len() >= 60);
    let report = JsonReport::new(&a, &text);
    let (written, allocs) = allocations(|| {
        let mut bytes = CountingSink(0);
        serde_json::to_writer_pretty(&mut bytes, &report).map(|()| bytes.0)
    });
    let written = written.expect("JSON");
    let objects = serde_json::to_string(&report)
        .unwrap_or_default()
        .matches('{')
        .count();
    eprintln!(
        "{written} B, {objects} objects, {allocs} allocations, {} stages",
        a.stages.len()
    );
    assert!(objects > 4 * a.stages.len(), "{objects} objects");
    assert!(
        allocs <= a.stages.len() as u64 + 16,
        "{allocs} allocations for {} stages",
        a.stages.len()
    );
}

/// A writer that only counts bytes, so the test measures the serializer, not a buffer.
struct CountingSink(usize);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
