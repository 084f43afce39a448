//! Text renderers of an [`Analysis`]: the stable JSON of docs/cli.md, Graphviz DOT, Mermaid,
//! and a human-readable text report. Pure functions of the analysis and its text; the CLI
//! prints them and the page's Export menu offers them.
//!
//! One file per format: `json`, `dot`, `mermaid` and `text` (the report, and the compact
//! plan and instruction listings the snapshot tests use). This file holds what the two
//! graph formats share.

mod dot;
mod json;
mod mermaid;
mod text;

use std::fmt::Write as _;

use super::Analysis;
use super::graph::{EdgeKind, Node};
use super::span::floor_char_boundary;
use super::stages::Base;

pub use dot::to_dot;
pub(crate) use json::Each;
pub use json::{JSON_SCHEMA_VERSION, JsonReport, to_json, to_json_value};
pub use mermaid::to_mermaid;
pub use text::{diagnostic_text, instructions_text, plan_text, to_text};

/// External images referenced anywhere (bases and `--from`), deduplicated in first-seen
/// order; an image's node id is `i` and its index here.
pub(super) struct Images(Vec<String>);

impl Images {
    pub(super) fn of(a: &Analysis) -> Self {
        Images(image_nodes(a))
    }

    /// The names, in node-id order.
    pub(super) fn names(&self) -> impl Iterator<Item = (usize, &str)> {
        self.0.iter().map(String::as_str).enumerate()
    }

    fn id(&self, name: &str) -> usize {
        self.0.iter().position(|i| i == name).unwrap_or(0)
    }

    /// The id of the image a stage starts from; `None` when it starts from a stage.
    pub(super) fn base_id(&self, base: &Base) -> Option<usize> {
        match base {
            Base::Image { name } => Some(self.id(name)),
            Base::Scratch => Some(self.id("scratch")),
            Base::Stage { .. } => None,
        }
    }

    /// The node id of an edge's source: `s` and the stage index, or `i` and the image's.
    pub(super) fn node_id(&self, node: &Node) -> String {
        match node {
            Node::Stage { stage } => format!("s{stage}"),
            Node::Image { name } => format!("i{}", self.id(name)),
        }
    }
}

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

/// Up to three paths, then how many more, cut to 60 bytes: a COPY edge's label.
pub(super) fn short_paths(paths: &[String]) -> String {
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

/// Whether `c` is a bidirectional formatting character (the embeddings and overrides
/// U+202A–U+202E, the isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C):
/// invisible, yet it reorders the text around it, so a path holding one shows reversed.
/// Editors show them as a visible marker; so do the page and the graph exports.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// The visible marker that stands for a bidirectional control: `<U+202E>`.
pub fn bidi_marker(c: char) -> String {
    format!("<U+{:04X}>", c as u32)
}

/// User text made fit for a one-line graph label, before the format's own escaping: line
/// breaks and tabs become spaces, the other control characters (C0, DEL, C1) and the
/// non-characters U+FFFE and U+FFFF become U+FFFD (Graphviz passes them on into SVG that no
/// longer parses, and a terminal would act on them), and each bidirectional control becomes
/// its [`bidi_marker`], so a label reads in the order it is written.
pub(super) fn label_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c if is_bidi_control(c) => out.push_str(&bidi_marker(c)),
            c => out.push(c),
        }
    }
    out
}

/// An edge kind as the JSON and the text report name it.
pub(super) fn kind_str(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::From => "from",
        EdgeKind::Copy => "copy",
        EdgeKind::Mount => "mount",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One character of each class a label can meet, with what the label shows for it.
    pub(super) const CLASSES: &[(&str, char, &str)] = &[
        ("C0 NUL", '\u{0}', "\u{FFFD}"),
        ("C0 SOH", '\u{1}', "\u{FFFD}"),
        ("C0 BEL", '\u{7}', "\u{FFFD}"),
        ("C0 ESC", '\u{1b}', "\u{FFFD}"),
        ("C0 US", '\u{1f}', "\u{FFFD}"),
        ("tab", '\t', " "),
        ("line feed", '\n', " "),
        ("carriage return", '\r', " "),
        ("DEL", '\u{7f}', "\u{FFFD}"),
        ("C1 PAD", '\u{80}', "\u{FFFD}"),
        ("C1 NEL", '\u{85}', "\u{FFFD}"),
        ("C1 CSI", '\u{9b}', "\u{FFFD}"),
        ("C1 APC", '\u{9f}', "\u{FFFD}"),
        ("NBSP", '\u{a0}', "\u{a0}"),
        ("U+FFFD", '\u{FFFD}', "\u{FFFD}"),
        ("U+FFFE", '\u{FFFE}', "\u{FFFD}"),
        ("U+FFFF", '\u{FFFF}', "\u{FFFD}"),
        ("astral whale", '🐳', "🐳"),
        ("astral last", '\u{10FFFF}', "\u{10FFFF}"),
        ("LRE", '\u{202A}', "<U+202A>"),
        ("RLO", '\u{202E}', "<U+202E>"),
        ("LRI", '\u{2066}', "<U+2066>"),
        ("PDI", '\u{2069}', "<U+2069>"),
        ("LRM", '\u{200E}', "<U+200E>"),
        ("RLM", '\u{200F}', "<U+200F>"),
        ("ALM", '\u{061C}', "<U+061C>"),
        ("ZWJ", '\u{200D}', "\u{200D}"),
    ];

    #[test]
    fn every_code_point_class_becomes_a_safe_label() {
        for &(class, c, shown) in CLASSES {
            assert_eq!(
                label_text(&format!("a{c}b")),
                format!("a{shown}b"),
                "{class}"
            );
        }
        // Every C0 and C1 control and DEL, not only the samples.
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            let label = label_text(&c.to_string());
            assert!(label == " " || label == "\u{FFFD}", "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn bidi_controls_are_exactly_the_listed_ones() {
        let listed: Vec<u32> = (0..0x11_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_bidi_control(c))
            .map(|c| c as u32)
            .collect();
        assert_eq!(
            listed,
            [
                0x61C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                0x2068, 0x2069
            ]
        );
    }
}
