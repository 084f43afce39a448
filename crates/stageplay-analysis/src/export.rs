//! Text renderers of an [`Analysis`]: the stable JSON of SPEC §11, Graphviz DOT, Mermaid,
//! and a human-readable text report. Pure functions of the analysis and its text; the CLI
//! prints them and the page's Export menu offers them.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::Analysis;
use super::diagnostic::Diagnostic;
use super::graph::{EdgeKind, Node};
use super::plan::{Builder, TargetPlan};
use super::span::{LineIndex, floor_char_boundary};
use super::stages::{Base, Stage};

/// The version of the JSON schema below; bumped only when a field changes meaning.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The whole analysis as one JSON value (SPEC §11). Lines are 1-based, columns 1-based in
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
        "final_image": super::files::final_image_json(&a.files),
        "left_behind": super::files::left_behind_json(&a.files),
        "size": super::files::size_json(&a.files),
        "context": super::files::context_json(&a.files),
        "diagnostics": diagnostics,
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

fn kind_str(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::From => "from",
        EdgeKind::Copy => "copy",
        EdgeKind::Mount => "mount",
    }
}

fn plan_json(a: &Analysis, p: &TargetPlan) -> Value {
    let skipped: Vec<Value> = p
        .skipped
        .iter()
        .map(|s| json!({"stage": s.stage, "reason": s.reason}))
        .collect();
    json!({
        "stage": p.target,
        "name": p.target.and_then(|t| a.stages.get(t)).map(Stage::display_name),
        "builder": p.builder.as_str(),
        "built": p.built,
        "waves": p.waves,
        "skipped": skipped,
    })
}

/// Quotes a string for DOT.
fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// External images referenced anywhere (bases and `--from`), deduplicated in first-seen
/// order, each with a node id.
fn image_nodes(a: &Analysis) -> Vec<String> {
    let mut images: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for s in &a.stages {
        let name = match &s.base {
            Base::Image { name } => name.clone(),
            Base::Scratch => "scratch".to_string(),
            Base::Stage { .. } => continue,
        };
        if seen.insert(name.clone()) {
            images.push(name);
        }
    }
    for e in &a.edges {
        if let Node::Image { name } = &e.from
            && seen.insert(name.clone())
        {
            images.push(name.clone());
        }
    }
    images
}

fn short_paths(paths: &[String]) -> String {
    let mut s = paths.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if paths.len() > 3 {
        let _ = write!(s, " +{}", paths.len() - 3);
    }
    if s.len() > 60 {
        s.truncate(floor_char_boundary(&s, 57));
        s.push_str("...");
    }
    s
}

/// The stage graph as Graphviz DOT: stages as boxes (built filled, skipped faded, target
/// doubled), images as ellipses, `scratch` dashed; FROM solid, COPY dashed, mounts dotted.
pub fn to_dot(a: &Analysis) -> String {
    let mut out =
        String::from("digraph stageplay {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    let images = image_nodes(a);
    let image_id = |name: &str| images.iter().position(|i| i == name).unwrap_or(0);
    for (i, name) in images.iter().enumerate() {
        let style = if name == "scratch" {
            "shape=box, style=dashed"
        } else {
            "shape=ellipse, style=filled, fillcolor=\"#eeeeee\""
        };
        let _ = writeln!(out, "  i{i} [label={}, {style}];", dot_quote(name));
    }
    let built: std::collections::HashSet<usize> = a.plan.built.iter().copied().collect();
    for s in &a.stages {
        let label = format!(
            "{}\\n{} instructions",
            s.display_name(),
            s.instructions.len()
        );
        let mut attrs = format!("shape=box, label=\"{}\"", label.replace('"', "\\\""));
        if built.contains(&s.index) {
            attrs.push_str(", style=filled, fillcolor=\"#cfe8ff\"");
        } else {
            attrs.push_str(", style=dashed, fontcolor=\"#999999\", color=\"#999999\"");
        }
        if a.plan.target == Some(s.index) {
            attrs.push_str(", peripheries=2");
        }
        let _ = writeln!(out, "  s{} [{attrs}];", s.index);
        match &s.base {
            Base::Image { name } => {
                let _ = writeln!(out, "  i{} -> s{};", image_id(name), s.index);
            }
            Base::Scratch => {
                let _ = writeln!(out, "  i{} -> s{};", image_id("scratch"), s.index);
            }
            Base::Stage { .. } => {}
        }
    }
    for e in &a.edges {
        let from = match &e.from {
            Node::Stage { stage } => format!("s{stage}"),
            Node::Image { name } => format!("i{}", image_id(name)),
        };
        let attrs = match e.kind {
            EdgeKind::From => String::new(),
            EdgeKind::Copy => format!(
                " [style=dashed, label={}]",
                dot_quote(&short_paths(&e.paths))
            ),
            EdgeKind::Mount => " [style=dotted, label=\"mount\"]".to_string(),
        };
        let _ = writeln!(out, "  {from} -> s{}{attrs};", e.to);
    }
    out.push_str("}\n");
    out
}

/// Escapes text for a Mermaid label (entity codes, so no HTML gets through).
fn mermaid_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The stage graph as a Mermaid flowchart.
pub fn to_mermaid(a: &Analysis) -> String {
    let mut out = String::from("flowchart LR\n");
    let images = image_nodes(a);
    let image_id = |name: &str| images.iter().position(|i| i == name).unwrap_or(0);
    for (i, name) in images.iter().enumerate() {
        let _ = writeln!(out, "  i{i}([\"{}\"])", mermaid_text(name));
    }
    let built: std::collections::HashSet<usize> = a.plan.built.iter().copied().collect();
    for s in &a.stages {
        let _ = writeln!(
            out,
            "  s{}[\"{}\"]",
            s.index,
            mermaid_text(&s.display_name())
        );
        match &s.base {
            Base::Image { name } => {
                let _ = writeln!(out, "  i{} --> s{}", image_id(name), s.index);
            }
            Base::Scratch => {
                let _ = writeln!(out, "  i{} --> s{}", image_id("scratch"), s.index);
            }
            Base::Stage { .. } => {}
        }
    }
    for e in &a.edges {
        let from = match &e.from {
            Node::Stage { stage } => format!("s{stage}"),
            Node::Image { name } => format!("i{}", image_id(name)),
        };
        match e.kind {
            EdgeKind::From => {
                let _ = writeln!(out, "  {from} --> s{}", e.to);
            }
            EdgeKind::Copy => {
                let _ = writeln!(
                    out,
                    "  {from} -. \"{}\" .-> s{}",
                    mermaid_text(&short_paths(&e.paths)),
                    e.to
                );
            }
            EdgeKind::Mount => {
                let _ = writeln!(out, "  {from} -. mount .-> s{}", e.to);
            }
        }
    }
    out.push_str("  classDef built fill:#cfe8ff,stroke:#333\n");
    out.push_str("  classDef skipped fill:#ffffff,stroke:#999,color:#999,stroke-dasharray:4\n");
    out.push_str("  classDef target stroke-width:3px\n");
    for s in &a.stages {
        let class = if built.contains(&s.index) {
            "built"
        } else {
            "skipped"
        };
        let _ = writeln!(out, "  class s{} {class}", s.index);
    }
    if let Some(t) = a.plan.target {
        let _ = writeln!(out, "  class s{t} target");
    }
    out
}

fn stage_label(a: &Analysis, i: usize) -> String {
    a.stages
        .get(i)
        .map(Stage::display_name)
        .unwrap_or_else(|| format!("#{i}"))
}

/// A plan as text lines (used by the text report and the snapshot tests).
pub fn plan_text(a: &Analysis, p: &TargetPlan) -> String {
    let mut out = String::new();
    let target = p
        .target
        .map(|t| stage_label(a, t))
        .unwrap_or_else(|| "(none)".into());
    let _ = writeln!(out, "plan {} --target {}:", p.builder.as_str(), target);
    for (n, wave) in p.waves.iter().enumerate() {
        let names: Vec<String> = wave.iter().map(|&s| stage_label(a, s)).collect();
        let label = match p.builder {
            Builder::BuildKit => "wave",
            Builder::Legacy => "step",
        };
        let _ = writeln!(out, "  {label} {}: {}", n + 1, names.join(", "));
    }
    for s in &p.skipped {
        let _ = writeln!(out, "  skip {}: {}", stage_label(a, s.stage), s.reason);
    }
    out
}

/// One diagnostic with its source line and a caret line under the span.
pub fn diagnostic_text(d: &Diagnostic, text: &str, lines: &LineIndex) -> String {
    let line = lines.line(d.span.start);
    let start = lines.line_start(line);
    let end = text
        .get(start..)
        .and_then(|r| r.find('\n'))
        .map_or(text.len(), |i| start + i);
    let src = text.get(start..end).unwrap_or("").trim_end_matches('\r');
    let col = text
        .get(start..d.span.start.min(end))
        .map_or(0, |p| p.chars().count());
    let width = text
        .get(d.span.start.min(end)..d.span.end.min(end))
        .map_or(0, |p| p.chars().count())
        .max(1);
    let mut out = format!(
        "{}:{}: {} [{}] {}\n",
        line,
        col + 1,
        d.severity.as_str(),
        d.rule,
        d.message
    );
    // Cap very long lines so a 10 MB line does not become a 10 MB report.
    if src.len() <= 200 {
        let _ = writeln!(out, "  | {src}");
        let _ = writeln!(out, "  | {}{}", " ".repeat(col), "^".repeat(width));
    }
    out
}

/// The human-readable report of `stageplay analyze --format text`.
pub fn to_text(a: &Analysis, text: &str) -> String {
    let lines = LineIndex::new(text);
    let mut out = String::new();
    out.push_str("stages:\n");
    for s in &a.stages {
        let base = match &s.base {
            Base::Image { name } => name.clone(),
            Base::Stage { stage } => format!("stage {}", stage_label(a, *stage)),
            Base::Scratch => "scratch".into(),
        };
        let platform = s
            .platform
            .as_deref()
            .map(|p| format!(" --platform={p}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:>2} {:<20} FROM {base}{platform} (line {}, {} instructions)",
            s.index,
            s.display_name(),
            lines.line(s.span.start),
            s.instructions.len()
        );
    }
    out.push_str("edges:\n");
    for e in &a.edges {
        let from = match &e.from {
            Node::Stage { stage } => stage_label(a, *stage),
            Node::Image { name } => format!("image {name}"),
        };
        let onbuild = if e.onbuild { " (onbuild)" } else { "" };
        let paths = if e.paths.is_empty() {
            String::new()
        } else {
            format!(" [{}]", e.paths.join(", "))
        };
        let _ = writeln!(
            out,
            "  {from} -> {} {}{onbuild} line {}{paths}",
            stage_label(a, e.to),
            kind_str(e.kind),
            lines.line(e.span.start)
        );
    }
    out.push_str(&plan_text(a, &a.plan));
    out.push_str(&plan_text(a, &a.other_plan));
    out.push_str("problems:\n");
    for d in &a.diagnostics {
        out.push_str(&diagnostic_text(d, text, &lines));
    }
    out
}

/// A compact list of the instructions: line range, keyword, flags, arguments (shell text
/// joined as BuildKit joins continuation lines) and heredoc names. Used by the snapshot
/// tests to pin down the parser's output.
pub fn instructions_text(a: &Analysis, text: &str) -> String {
    let lines = LineIndex::new(text);
    let clip = |s: &str| -> String {
        let s: String = s.chars().take(60).collect();
        format!("{s:?}")
    };
    let mut out = String::new();
    for inst in &a.instructions {
        let shown = inst.trigger.as_deref().unwrap_or(inst);
        let kw = if inst.trigger.is_some() {
            format!("ONBUILD {}", shown.keyword.as_str())
        } else {
            inst.keyword.as_str().to_string()
        };
        let _ = write!(
            out,
            "  {}-{} {kw}",
            lines.line(inst.span.start),
            lines.line(inst.span.end.saturating_sub(1).max(inst.span.start))
        );
        for f in &shown.flags {
            let _ = write!(out, " --{}", f.name);
            if let Some(v) = &f.value {
                let _ = write!(out, "={}", clip(v));
            }
        }
        if shown.exec_form {
            out.push_str(" (exec)");
        }
        for w in &shown.args {
            let v = if shown.exec_form {
                w.value.clone()
            } else {
                super::parse::join_continuations(&w.value, a.escape)
            };
            let _ = write!(out, " {}", clip(&v));
        }
        for h in &shown.heredocs {
            let _ = write!(out, " <<{}({} bytes)", h.name, h.body.len());
        }
        if let Some(n) = &shown.stage_name {
            let _ = write!(out, " AS {}", n.value);
        }
        out.push('\n');
    }
    out
}
