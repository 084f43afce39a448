//! `analyze --format json`: the report's long lists (diagnostics, edges, stages and the two
//! plans, nineteen twentieths of the bytes of a large file's report) written directly, the
//! rest by serde.
//!
//! serde hands the writer one call per field, number and string, whose generic work cost
//! about 190 instructions a line of output; here each object is written from constants that
//! hold its field names with their line breaks and indent, so a field costs one copy of a
//! known length and its value (docs/performance.md#cli). The objects are those of
//! `export::JsonReport`, field for field and in the same order: a test compares the two on
//! every fixture, and `JsonReport` stays the schema's definition for the page's export.

use std::io::{self, Write};

use stageplay::analysis::export::JsonReport;
use stageplay::analysis::{Analysis, Base, EdgeKind, LineIndex, Node, Stage, TargetPlan};

use crate::json_writer::{self, Direct};

/// Writes the report of `a`, the analysis of a text whose line index is `lines`, as
/// `serde_json::to_writer_pretty` writes `JsonReport`.
pub fn write(sink: &mut dyn Write, a: &Analysis, lines: &LineIndex) -> io::Result<()> {
    let report = JsonReport::with_lines(a, lines);
    json_writer::to_writer_pretty_with(sink, &report, &|key, d| match key {
        "diagnostics" => Some(diagnostics(d, a, lines)),
        "edges" => Some(edges(d, a, lines)),
        "stages" => Some(stages(d, a, lines)),
        "target" => Some(plan(d, a, &a.plan)),
        "other_builder" => Some(plan(d, a, &a.other_plan)),
        _ => None,
    })
}

/// `LineIndex::line` for offsets that mostly come in text order, as each list's do: the
/// lines after the last answer are tried first, a few, then searched.
struct Lines<'a> {
    /// Where each line starts (`LineIndex::line_starts`).
    starts: &'a [usize],
    /// The last answer, a 1-based line.
    last: usize,
}

impl<'a> Lines<'a> {
    fn new(index: &'a LineIndex) -> Self {
        Lines {
            starts: index.line_starts(),
            last: 1,
        }
    }

    /// The 1-based line that holds `offset`, as `LineIndex::line` gives it: the number of
    /// lines that start at or before it.
    fn line(&mut self, offset: usize) -> usize {
        let starts = self.starts;
        let holds = |s: &usize| *s <= offset;
        let mut line = self.last;
        if starts.get(line - 1).is_some_and(holds) {
            let mut steps = 0;
            while starts.get(line).is_some_and(holds) {
                line += 1;
                steps += 1;
                if steps == 8 {
                    // A long way ahead: the rest is searched.
                    line += starts
                        .get(line..)
                        .map_or(0, |rest| rest.partition_point(holds));
                    break;
                }
            }
        } else {
            line = starts.partition_point(holds);
        }
        self.last = line.max(1);
        self.last
    }

    /// The 1-based line and column (in bytes) of `offset`.
    fn line_column(&mut self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        (line, offset.saturating_sub(start) + 1)
    }
}

/// `[` and the start of each item's line, at the depth of a top-level field's list.
fn item_start(d: &mut Direct<'_>, first: bool, object: &[u8]) {
    d.raw(if first { b"[\n    " } else { b",\n    " });
    d.raw(object);
}

/// The end of a list: `[]` when it had no item, else `close` (a line break, the indent of
/// the list's field and `]`).
fn list_end(d: &mut Direct<'_>, empty: bool, close: &[u8]) {
    d.raw(if empty { b"[]" } else { close });
}

fn diagnostics(d: &mut Direct<'_>, a: &Analysis, lines: &LineIndex) -> io::Result<()> {
    // Sorted by their starts; an end is mostly on its start's line.
    let (mut starts, mut ends) = (Lines::new(lines), Lines::new(lines));
    for (k, diag) in a.diagnostics.iter().enumerate() {
        let (line, column) = starts.line_column(diag.span.start);
        let (end_line, end_column) = ends.line_column(diag.span.end);
        item_start(d, k == 0, b"{\n      \"column\": ");
        d.unsigned(column);
        d.raw(b",\n      \"end_column\": ");
        d.unsigned(end_column);
        d.raw(b",\n      \"end_line\": ");
        d.unsigned(end_line);
        d.raw(b",\n      \"line\": ");
        d.unsigned(line);
        d.raw(b",\n      \"message\": ");
        d.string(&diag.message);
        d.raw(b",\n      \"rule\": ");
        d.string(diag.rule);
        d.raw(b",\n      \"severity\": ");
        d.string(diag.severity.as_str());
        d.raw(b"\n    }");
        d.item_done()?;
    }
    list_end(d, a.diagnostics.is_empty(), b"\n  ]");
    Ok(())
}

fn edges(d: &mut Direct<'_>, a: &Analysis, lines: &LineIndex) -> io::Result<()> {
    let mut lines = Lines::new(lines);
    for (k, e) in a.edges.iter().enumerate() {
        let (from, from_image) = match &e.from {
            Node::Stage { stage } => (Some(*stage), None),
            Node::Image { name } => (None, Some(name.as_str())),
        };
        item_start(d, k == 0, b"{\n      \"from\": ");
        d.option_unsigned(from);
        d.raw(b",\n      \"from_image\": ");
        d.option_string(from_image);
        d.raw(match e.kind {
            EdgeKind::From => b",\n      \"kind\": \"from\",\n      \"line\": ",
            EdgeKind::Copy => b",\n      \"kind\": \"copy\",\n      \"line\": ",
            EdgeKind::Mount => b",\n      \"kind\": \"mount\",\n      \"line\": ",
        });
        d.unsigned(lines.line(e.span.start));
        d.raw(b",\n      \"onbuild\": ");
        d.bool(e.onbuild);
        d.raw(b",\n      \"paths\": ");
        for (p, path) in e.paths.iter().enumerate() {
            d.raw(if p == 0 {
                b"[\n        "
            } else {
                b",\n        "
            });
            d.string(path);
        }
        list_end(d, e.paths.is_empty(), b"\n      ]");
        d.raw(b",\n      \"to\": ");
        d.unsigned(e.to);
        d.raw(b"\n    }");
        d.item_done()?;
    }
    list_end(d, a.edges.is_empty(), b"\n  ]");
    Ok(())
}

fn stages(d: &mut Direct<'_>, a: &Analysis, lines: &LineIndex) -> io::Result<()> {
    let (mut starts, mut ends) = (Lines::new(lines), Lines::new(lines));
    for (k, s) in a.stages.iter().enumerate() {
        item_start(d, k == 0, b"{\n      \"base\": {\n        \"kind\": ");
        match &s.base {
            Base::Image { name } => {
                d.raw(b"\"image\",\n        \"name\": ");
                d.string(name);
            }
            Base::Stage { stage } => {
                d.raw(b"\"stage\",\n        \"stage\": ");
                d.unsigned(*stage);
            }
            Base::Scratch => d.raw(b"\"scratch\""),
        }
        d.raw(b"\n      },\n      \"base_text\": ");
        d.string(&s.base_text);
        d.raw(b",\n      \"end_line\": ");
        d.unsigned(ends.line(s.span.end));
        d.raw(b",\n      \"index\": ");
        d.unsigned(s.index);
        d.raw(b",\n      \"instructions\": ");
        d.unsigned(s.instructions.len());
        d.raw(b",\n      \"line\": ");
        d.unsigned(starts.line(s.span.start));
        d.raw(b",\n      \"name\": ");
        display_name(d, s);
        d.raw(b",\n      \"named\": ");
        d.bool(s.name.is_some());
        d.raw(b",\n      \"on_cycle\": ");
        d.bool(a.on_cycle.get(s.index).copied().unwrap_or(false));
        d.raw(b",\n      \"platform\": ");
        d.option_string(s.platform.as_deref());
        d.raw(b"\n    }");
        d.item_done()?;
    }
    list_end(d, a.stages.is_empty(), b"\n  ]");
    Ok(())
}

/// `Stage::display_name` without its allocation: `stage-N` needs no escape.
fn display_name(d: &mut Direct<'_>, s: &Stage) {
    match &s.name {
        Some(name) => d.string(name),
        None => {
            d.raw(b"\"stage-");
            d.unsigned(s.index);
            d.raw(b"\"");
        }
    }
}

/// A stage's display name, or `null` for no stage.
fn stage_name(d: &mut Direct<'_>, a: &Analysis, stage: Option<usize>) {
    match stage.and_then(|i| a.stages.get(i)) {
        Some(s) => display_name(d, s),
        None => d.raw(b"null"),
    }
}

/// A list of stage indexes whose items start with `item` (a line break and their indent) and
/// which closes with `close`.
fn numbers(d: &mut Direct<'_>, list: &[usize], item: &[u8], close: &[u8]) {
    for (k, n) in list.iter().enumerate() {
        d.raw(if k == 0 { b"[" } else { b"," });
        d.raw(item);
        d.unsigned(*n);
    }
    list_end(d, list.is_empty(), close);
}

/// One builder's plan, the `target` and `other_builder` objects of `export::json::PlanJson`.
fn plan(d: &mut Direct<'_>, a: &Analysis, p: &TargetPlan) -> io::Result<()> {
    d.raw(b"{\n    \"builder\": ");
    d.string(p.builder.as_str());
    d.raw(b",\n    \"built\": ");
    numbers(d, &p.built, b"\n      ", b"\n    ]");
    d.raw(b",\n    \"failure\": ");
    match &p.failure {
        Some(f) => {
            d.raw(b"{\n      \"line\": ");
            d.unsigned(f.line);
            d.raw(b",\n      \"message\": ");
            d.string(&f.message);
            d.raw(b",\n      \"phase\": ");
            d.string(f.phase.as_str());
            d.raw(b",\n      \"rule\": ");
            d.string(f.rule);
            d.raw(b",\n      \"stage\": ");
            d.option_unsigned(f.stage);
            d.raw(b",\n      \"stage_name\": ");
            stage_name(d, a, f.stage);
            d.raw(b"\n    }");
        }
        None => d.raw(b"null"),
    }
    d.raw(b",\n    \"name\": ");
    stage_name(d, a, p.target);
    d.raw(b",\n    \"skipped\": ");
    for (k, skipped) in p.skipped.iter().enumerate() {
        d.raw(if k == 0 {
            b"[\n      {\n        \"reason\": "
        } else {
            b",\n      {\n        \"reason\": "
        });
        d.string(&skipped.reason);
        d.raw(b",\n        \"stage\": ");
        d.unsigned(skipped.stage);
        d.raw(b"\n      }");
        d.item_done()?;
    }
    list_end(d, p.skipped.is_empty(), b"\n    ]");
    d.raw(b",\n    \"stage\": ");
    d.option_unsigned(p.target);
    d.raw(b",\n    \"waves\": ");
    for (k, wave) in p.waves.iter().enumerate() {
        d.raw(if k == 0 { b"[\n      " } else { b",\n      " });
        numbers(d, wave, b"\n        ", b"\n      ]");
    }
    list_end(d, p.waves.is_empty(), b"\n    ]");
    d.raw(b"\n  }");
    d.item_done()
}

#[cfg(test)]
mod tests {
    use stageplay::analysis::{self, Builder, Options, export::JsonReport};

    /// The report of every fixture of the core, under both builders, is what serde_json
    /// writes of `JsonReport`.
    /// Each offset of a text, in order, backwards and by jumps, has the line the index
    /// gives it.
    #[test]
    fn lines_in_order_or_not_are_the_index_lines() {
        let text = "a\n\nbc\n\n\n\n\n\n\n\n\n\nlong line\nx".repeat(3);
        let index = stageplay::analysis::LineIndex::new(&text);
        let n = text.len();
        let offsets: Vec<usize> = (0..=n + 2)
            .chain((0..=n).rev())
            .chain([0, 20, 3, 25, 1, 7, 30, 0, n, 2, n / 2, n + 5, 0])
            .collect();
        let mut lines = super::Lines::new(&index);
        for at in offsets {
            let line = index.line(at);
            let column = at.saturating_sub(index.line_start(line)) + 1;
            assert_eq!(lines.line_column(at), (line, column), "offset {at}");
        }
    }

    #[test]
    fn writes_every_fixture_report_as_serde_json_does() {
        let seen = crate::json_writer::each_fixture(|dir, text, context| {
            for builder in [Builder::BuildKit, Builder::Legacy] {
                let options = Options {
                    context: context.clone(),
                    builder,
                    ..Options::default()
                };
                let a = analysis::analyze(text, &options);
                let mut ours = Vec::new();
                let lines = analysis::LineIndex::new(text);
                super::write(&mut ours, &a, &lines).unwrap_or_else(|e| panic!("write failed: {e}"));
                let theirs = serde_json::to_string_pretty(&JsonReport::new(&a, text))
                    .unwrap_or_else(|e| panic!("serde_json: {e}"));
                assert_eq!(String::from_utf8_lossy(&ours), theirs, "{}", dir.display());
            }
        });
        assert!(seen > 200, "only {seen} fixtures found");
    }
}
