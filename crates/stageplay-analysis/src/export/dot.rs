//! The stage graph as Graphviz DOT.

use std::fmt::Write as _;

use super::{Images, short_paths};
use crate::Analysis;
use crate::graph::EdgeKind;

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

/// The stage graph as Graphviz DOT: stages as boxes (built filled, skipped faded, target
/// doubled), images as ellipses, `scratch` dashed; FROM solid, COPY dashed, mounts dotted.
pub fn to_dot(a: &Analysis) -> String {
    let mut out =
        String::from("digraph stageplay {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    let images = Images::of(a);
    for (i, name) in images.names() {
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
        if let Some(i) = images.base_id(&s.base) {
            let _ = writeln!(out, "  i{i} -> s{};", s.index);
        }
    }
    for e in &a.edges {
        let from = images.node_id(&e.from);
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
