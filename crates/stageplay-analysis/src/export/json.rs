//! The stable JSON of an analysis: what `stageplay analyze --format json` prints
//! and the page's Export menu downloads.
//!
//! [`JsonReport`] serializes the analysis field by field, straight into whatever writer
//! the caller gives serde (the CLI's buffered standard output), without building a
//! `serde_json::Value` tree first: for moby's file repeated 20 times the tree cost more
//! than the whole analysis (docs/performance.md#cli). Every object's fields are declared in
//! alphabetical order, the order a `Value`'s map sorts them in, so [`to_json`] writes what
//! pretty-printing [`to_json_value`] writes (a test checks that on every fixture).

use std::borrow::Cow;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::kind_str;
use crate::Analysis;
use crate::diagnostic::Diagnostic;
use crate::graph::{Edge, Node};
use crate::plan::{Skipped, TargetPlan};
use crate::span::LineIndex;
use crate::stages::{Base, Stage};

/// The version of the JSON schema below; bumped only when a field changes meaning.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The whole analysis as JSON (docs/cli.md), ready for any serde serializer. Lines are
/// 1-based, columns 1-based in bytes.
pub struct JsonReport<'a> {
    a: &'a Analysis,
    lines: Cow<'a, LineIndex>,
}

impl<'a> JsonReport<'a> {
    /// The report of `a`, the analysis of `text`.
    pub fn new(a: &'a Analysis, text: &str) -> Self {
        JsonReport {
            a,
            lines: Cow::Owned(LineIndex::new(text)),
        }
    }

    /// The report of `a`, with `lines` the line index of the text it analysed.
    pub fn with_lines(a: &'a Analysis, lines: &'a LineIndex) -> Self {
        JsonReport {
            a,
            lines: Cow::Borrowed(lines),
        }
    }

    /// The line index of the text, for a caller that writes some of the report itself.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// The 1-based line and column (in bytes) of `offset`, from one search of the lines.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        (line, offset.saturating_sub(self.lines.line_start(line)) + 1)
    }
}

/// The whole analysis as one JSON value (docs/cli.md): [`JsonReport`] as a tree, for
/// callers that pick fields out of it.
pub fn to_json_value(a: &Analysis, text: &str) -> Value {
    serde_json::to_value(JsonReport::new(a, text)).unwrap_or_default()
}

/// [`JsonReport`], pretty-printed.
pub fn to_json(a: &Analysis, text: &str) -> String {
    serde_json::to_string_pretty(&JsonReport::new(a, text)).unwrap_or_else(|_| "{}".into())
}

/// A sequence written item by item: `f` turns each item into its JSON form only when the
/// serializer reaches it, so no list of converted items is ever held.
pub(crate) struct Each<'a, T, F>(pub &'a [T], pub F);

impl<'a, T, F, R> Serialize for Each<'a, T, F>
where
    F: Fn(&'a T) -> R,
    R: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

impl Serialize for JsonReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.a;
        // Alphabetical, as everywhere in this file (see the module's documentation).
        let mut m = s.serialize_struct("Analysis", 11)?;
        m.serialize_field("checks", &self.checks())?;
        m.serialize_field("context", &crate::files::ContextJson(&a.files))?;
        m.serialize_field("diagnostics", &Each(&a.diagnostics, |d| self.diagnostic(d)))?;
        m.serialize_field("edges", &Each(&a.edges, |e| self.edge(e)))?;
        m.serialize_field("final_image", &crate::files::FinalImageJson(&a.files))?;
        m.serialize_field("left_behind", &crate::files::LeftBehindJson(&a.files))?;
        m.serialize_field(
            "other_builder",
            &PlanJson {
                a,
                p: &a.other_plan,
            },
        )?;
        m.serialize_field("schema", &JSON_SCHEMA_VERSION)?;
        m.serialize_field("size", &crate::files::SizeJson(&a.files))?;
        m.serialize_field("stages", &Each(&a.stages, |st| self.stage(st)))?;
        m.serialize_field("target", &PlanJson { a, p: &a.plan })?;
        m.end()
    }
}

#[derive(Serialize)]
struct StageJson<'a> {
    base: BaseJson<'a>,
    base_text: &'a str,
    end_line: usize,
    index: usize,
    instructions: usize,
    line: usize,
    name: String,
    named: bool,
    on_cycle: bool,
    platform: &'a Option<String>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum BaseJson<'a> {
    Image { name: &'a str },
    Stage { stage: usize },
    Scratch,
}

#[derive(Serialize)]
struct EdgeJson<'a> {
    from: Option<usize>,
    from_image: Option<&'a str>,
    kind: &'static str,
    line: usize,
    onbuild: bool,
    paths: &'a [String],
    to: usize,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    column: usize,
    end_column: usize,
    end_line: usize,
    line: usize,
    message: &'a str,
    rule: &'static str,
    severity: &'static str,
}

/// The build check configuration: where it came from, what it skipped and turned on, and
/// the Problems panel's one-line summary (`null` when the defaults apply).
#[derive(Serialize)]
struct ChecksJson<'a> {
    error: bool,
    experimental: &'a [&'static str],
    hidden: usize,
    invalid: bool,
    line: Option<usize>,
    skipped: &'a [&'static str],
    source: &'static str,
    summary: Option<String>,
    unknown: &'a [String],
}

impl<'a> JsonReport<'a> {
    fn stage(&self, s: &'a Stage) -> StageJson<'a> {
        StageJson {
            base: match &s.base {
                Base::Image { name } => BaseJson::Image { name },
                Base::Stage { stage } => BaseJson::Stage { stage: *stage },
                Base::Scratch => BaseJson::Scratch,
            },
            base_text: &s.base_text,
            end_line: self.line(s.span.end),
            index: s.index,
            instructions: s.instructions.len(),
            line: self.line(s.span.start),
            name: s.display_name(),
            named: s.name.is_some(),
            on_cycle: self.a.on_cycle.get(s.index).copied().unwrap_or(false),
            platform: &s.platform,
        }
    }

    fn edge(&self, e: &'a Edge) -> EdgeJson<'a> {
        let (from, from_image) = match &e.from {
            Node::Stage { stage } => (Some(*stage), None),
            Node::Image { name } => (None, Some(name.as_str())),
        };
        EdgeJson {
            from,
            from_image,
            kind: kind_str(e.kind),
            line: self.line(e.span.start),
            onbuild: e.onbuild,
            paths: &e.paths,
            to: e.to,
        }
    }

    fn diagnostic(&self, d: &'a Diagnostic) -> DiagnosticJson<'a> {
        let (line, column) = self.line_column(d.span.start);
        let (end_line, end_column) = self.line_column(d.span.end);
        DiagnosticJson {
            column,
            end_column,
            end_line,
            line,
            message: &d.message,
            rule: d.rule,
            severity: d.severity.as_str(),
        }
    }

    fn checks(&self) -> ChecksJson<'a> {
        let c = &self.a.checks;
        let (source, line) = match &c.source {
            crate::CheckSource::Default => ("default", None),
            crate::CheckSource::Directive { span } => ("directive", Some(self.line(span.start))),
            crate::CheckSource::BuildArg => ("build_arg", None),
        };
        ChecksJson {
            error: c.config.error,
            experimental: &c.experimental,
            hidden: c.hidden,
            invalid: c.invalid,
            line,
            skipped: &c.skipped,
            source,
            summary: c.summary(|at| self.line(at)),
            unknown: &c.unknown,
        }
    }
}

/// One builder's plan: the `target` and `other_builder` objects.
struct PlanJson<'a> {
    a: &'a Analysis,
    p: &'a TargetPlan,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    reason: &'a str,
    stage: usize,
}

#[derive(Serialize)]
struct FailureJson<'a> {
    line: usize,
    message: &'a str,
    phase: &'static str,
    rule: &'static str,
    stage: Option<usize>,
    stage_name: Option<String>,
}

impl Serialize for PlanJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (a, p) = (self.a, self.p);
        let name_of =
            |stage: Option<usize>| stage.and_then(|i| a.stages.get(i)).map(Stage::display_name);
        let failure = p.failure.as_ref().map(|f| FailureJson {
            line: f.line,
            message: &f.message,
            phase: f.phase.as_str(),
            rule: f.rule,
            stage: f.stage,
            stage_name: name_of(f.stage),
        });
        let skipped = Each(&p.skipped, skipped_json);
        let mut m = s.serialize_struct("TargetPlan", 7)?;
        m.serialize_field("builder", p.builder.as_str())?;
        m.serialize_field("built", &p.built)?;
        m.serialize_field("failure", &failure)?;
        m.serialize_field("name", &name_of(p.target))?;
        m.serialize_field("skipped", &skipped)?;
        m.serialize_field("stage", &p.target)?;
        m.serialize_field("waves", &p.waves)?;
        m.end()
    }
}

fn skipped_json(k: &Skipped) -> SkippedJson<'_> {
    SkippedJson {
        reason: &k.reason,
        stage: k.stage,
    }
}
