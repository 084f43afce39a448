//! The stage graph as Graphviz DOT.

use std::fmt::Write as _;

use super::{Images, label_text, short_paths};
use crate::Analysis;
use crate::graph::EdgeKind;

/// Quotes user text for a DOT label, by Graphviz's rules: the text is first made a safe
/// one-line label ([`label_text`]); inside the quotes `"` and `\` take a backslash (a lone
/// backslash would start an escape such as `\N`, the node's name), and `&` becomes `&amp;`
/// because Graphviz decodes entities in plain labels too (`&lt;` would show as `<`).
fn dot_quote(s: &str) -> String {
    let text = label_text(s);
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
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
        // The name is quoted on its own; the line break is Graphviz's `\n`, added after.
        let name = dot_quote(&s.display_name());
        let mut attrs = format!(
            "shape=box, label={}\\n{} instructions\"",
            name.strip_suffix('"').unwrap_or(&name),
            s.instructions.len()
        );
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

#[cfg(test)]
mod tests {
    use super::super::tests::CLASSES;
    use super::*;

    #[test]
    fn labels_follow_graphviz_quoting() {
        assert_eq!(dot_quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(
            dot_quote(r"\N \n"),
            r#""\\N \\n""#,
            "no Graphviz escape survives"
        );
        assert_eq!(dot_quote("&lt; &#65; &"), "\"&amp;lt; &amp;#65; &amp;\"");
    }

    #[test]
    fn every_code_point_class_is_safe_in_a_label() {
        for &(class, c, shown) in CLASSES {
            assert_eq!(
                dot_quote(&format!("{c}")),
                format!("\"{shown}\""),
                "{class}"
            );
        }
    }

    #[test]
    fn a_stage_name_is_quoted_like_any_label() {
        let a = crate::analyze(
            "FROM alpine AS a\u{1}\\\"b\u{202e}\nRUN x\n",
            &crate::Options::default(),
        );
        let dot = to_dot(&a);
        assert!(
            dot.contains("label=\"a\u{FFFD}\\\\\\\"b<U+202E>\\n1 instructions\""),
            "{dot}"
        );
    }
}
