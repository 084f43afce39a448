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
pub use json::{JSON_SCHEMA_VERSION, to_json, to_json_value};
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

/// An edge kind as the JSON and the text report name it.
pub(super) fn kind_str(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::From => "from",
        EdgeKind::Copy => "copy",
        EdgeKind::Mount => "mount",
    }
}
