//! The stage graph as a Mermaid flowchart.

use std::fmt::Write as _;

use super::{Images, label_text, short_paths};
use crate::Analysis;
use crate::graph::EdgeKind;

/// Escapes user text for a quoted Mermaid label: first made a safe one-line label
/// ([`label_text`]), then Mermaid's entity codes for the characters that would end the
/// label or be read as HTML or markdown (a label opening with a backtick is a markdown
/// string), so no HTML gets through.
fn mermaid_text(s: &str) -> String {
    let text = label_text(s);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            _ => out.push(c),
        }
    }
    out
}

/// The stage graph as a Mermaid flowchart.
pub fn to_mermaid(a: &Analysis) -> String {
    let mut out = String::from("flowchart LR\n");
    let images = Images::of(a);
    for (i, name) in images.names() {
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
        if let Some(i) = images.base_id(&s.base) {
            let _ = writeln!(out, "  i{i} --> s{}", s.index);
        }
    }
    for e in &a.edges {
        let from = images.node_id(&e.from);
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

#[cfg(test)]
mod tests {
    use super::super::tests::CLASSES;
    use super::*;

    #[test]
    fn labels_use_entity_codes() {
        assert_eq!(
            mermaid_text("\"<b>&#|`x`"),
            "#quot;#lt;b#gt;#amp;#35;#124;#96;x#96;"
        );
    }

    #[test]
    fn every_code_point_class_is_safe_in_a_label() {
        for &(class, c, shown) in CLASSES {
            let expected = shown.replace('<', "#lt;").replace('>', "#gt;");
            assert_eq!(mermaid_text(&c.to_string()), expected, "{class}");
        }
    }
}
