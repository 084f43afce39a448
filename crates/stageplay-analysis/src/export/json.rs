//! The stable JSON of an analysis: what `stageplay analyze --format json` prints
//! and the page's Export menu downloads.

use serde_json::{Value, json};

use super::kind_str;
use crate::Analysis;
use crate::graph::Node;
use crate::plan::TargetPlan;
use crate::span::LineIndex;
use crate::stages::{Base, Stage};

/// The version of the JSON schema below; bumped only when a field changes meaning.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The whole analysis as one JSON value (docs/cli.md). Lines are 1-based, columns 1-based in
/// bytes.
pub fn to_json_value(a: &Analysis, text: &str) -> Value {
    let lines = LineIndex::new(text);
    let line = |offset: usize| lines.line(offset);
    let col = |offset: usize| offset.saturating_sub(lines.line_start(lines.line(offset))) + 1;
    let stages: Vec<Value> = a
        .stages
        .iter()
        .map(|s| {
            json!({
                "index": s.index,
                "name": s.display_name(),
                "named": s.name.is_some(),
                "base": base_json(&s.base),
                "base_text": s.base_text,
                "platform": s.platform,
                "line": line(s.span.start),
                "end_line": line(s.span.end),
                "instructions": s.instructions.len(),
                "on_cycle": a.on_cycle.get(s.index).copied().unwrap_or(false),
            })
        })
        .collect();
    let edges: Vec<Value> = a
        .edges
        .iter()
        .map(|e| {
            let (from, image) = match &e.from {
                Node::Stage { stage } => (json!(stage), Value::Null),
                Node::Image { name } => (Value::Null, json!(name)),
            };
            json!({
                "from": from,
                "from_image": image,
                "to": e.to,
                "kind": kind_str(e.kind),
                "line": line(e.span.start),
                "paths": e.paths,
                "onbuild": e.onbuild,
            })
        })
        .collect();
    let diagnostics: Vec<Value> = a
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "rule": d.rule,
                "severity": d.severity.as_str(),
                "line": line(d.span.start),
                "column": col(d.span.start),
                "end_line": line(d.span.end),
                "end_column": col(d.span.end),
                "message": d.message,
            })
        })
        .collect();
    json!({
        "schema": JSON_SCHEMA_VERSION,
        "stages": stages,
        "edges": edges,
        "target": plan_json(a, &a.plan),
        "other_builder": plan_json(a, &a.other_plan),
        "final_image": crate::files::final_image_json(&a.files),
        "left_behind": crate::files::left_behind_json(&a.files),
        "size": crate::files::size_json(&a.files),
        "context": crate::files::context_json(&a.files),
        "diagnostics": diagnostics,
        "checks": checks_json(a, &line),
    })
}

/// The build check configuration: where it came from, what it skipped and turned on, and
/// the Problems panel's one-line summary (`null` when the defaults apply).
fn checks_json(a: &Analysis, line: &impl Fn(usize) -> usize) -> Value {
    let c = &a.checks;
    let (source, source_line) = match &c.source {
        crate::CheckSource::Default => ("default", None),
        crate::CheckSource::Directive { span } => ("directive", Some(line(span.start))),
        crate::CheckSource::BuildArg => ("build_arg", None),
    };
    json!({
        "source": source,
        "line": source_line,
        "skipped": c.skipped,
        "experimental": c.experimental,
        "unknown": c.unknown,
        "error": c.config.error,
        "hidden": c.hidden,
        "invalid": c.invalid,
        "summary": c.summary(line),
    })
}

/// [`to_json_value`], pretty-printed.
pub fn to_json(a: &Analysis, text: &str) -> String {
    serde_json::to_string_pretty(&to_json_value(a, text)).unwrap_or_else(|_| "{}".into())
}

fn base_json(b: &Base) -> Value {
    match b {
        Base::Image { name } => json!({"kind": "image", "name": name}),
        Base::Stage { stage } => json!({"kind": "stage", "stage": stage}),
        Base::Scratch => json!({"kind": "scratch"}),
    }
}

fn plan_json(a: &Analysis, p: &TargetPlan) -> Value {
    let skipped: Vec<Value> = p
        .skipped
        .iter()
        .map(|s| json!({"stage": s.stage, "reason": s.reason}))
        .collect();
    let failure = p.failure.as_ref().map(|f| {
        json!({
            "rule": f.rule,
            "message": f.message,
            "line": f.line,
            "stage": f.stage,
            "stage_name": f.stage.and_then(|s| a.stages.get(s)).map(Stage::display_name),
            "phase": f.phase.as_str(),
        })
    });
    json!({
        "stage": p.target,
        "name": p.target.and_then(|t| a.stages.get(t)).map(Stage::display_name),
        "builder": p.builder.as_str(),
        "built": p.built,
        "waves": p.waves,
        "skipped": skipped,
        "failure": failure,
    })
}
