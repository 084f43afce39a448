//! The human-readable text report of `stageplay analyze --format text`, and the compact plan
//! and instruction listings the snapshot tests pin the analysis down with.

use std::fmt::Write as _;

use super::kind_str;
use crate::Analysis;
use crate::diagnostic::Diagnostic;
use crate::graph::Node;
use crate::plan::{Builder, TargetPlan};
use crate::span::LineIndex;
use crate::stages::{Base, Stage};

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
    if let Some(f) = &p.failure {
        let stage = f
            .stage
            .map(|s| format!(" in {}", stage_label(a, s)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  FAILS at line {}{stage} [{}]: {}",
            f.line, f.rule, f.message
        );
    }
    out
}

/// How many characters of a diagnostic's message the text report shows.
pub const MAX_MESSAGE_CHARS: usize = 200;

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
    // A message quotes the text it is about, and the text can be a 10 MB word: show the
    // first [`MAX_MESSAGE_CHARS`] characters of it.
    let message = match d.message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &d.message[..cut]),
        None => d.message.clone(),
    };
    let mut out = format!(
        "{}:{}: {} [{}] {message}\n",
        line,
        col + 1,
        d.severity.as_str(),
        d.rule,
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
    if let Some(summary) = a.checks.summary(|at| lines.line(at)) {
        let _ = writeln!(out, "checks: {summary}");
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
                crate::parse::join_continuations(&w.value, a.escape)
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
