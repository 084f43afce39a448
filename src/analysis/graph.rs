//! The stage graph: typed edges from a stage (or an external image) to the stage that
//! depends on it, created by FROM, `COPY --from` and `RUN --mount=from=`.

use serde::Serialize;

use super::parse::{Instruction, Keyword};
use super::span::Span;
use super::stages::{Base, Stage, find_stage_by_name};

/// Why a stage depends on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    From,
    Copy,
    Mount,
}

/// What an edge starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Node {
    Stage {
        stage: usize,
    },
    /// An external image (`COPY --from=nginx:alpine`), by name.
    Image {
        name: String,
    },
}

/// A dependency: `to` needs `from`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub from: Node,
    pub to: usize,
    pub kind: EdgeKind,
    /// The instruction (index into `Analysis::instructions`) that created the edge.
    pub instruction: usize,
    /// The span of the reference (`--from=builder`, or the FROM's base).
    pub span: Span,
    /// For copy edges: the source paths copied.
    pub paths: Vec<String>,
    /// True when the edge comes from an ONBUILD trigger of the base stage.
    pub onbuild: bool,
}

/// Builds the typed edges of the graph.
pub fn build_edges(instructions: &[Instruction], stages: &[Stage]) -> Vec<Edge> {
    let mut edges = Vec::new();
    for stage in stages {
        if let Base::Stage { stage: from } = stage.base {
            edges.push(Edge {
                from: Node::Stage { stage: from },
                to: stage.index,
                kind: EdgeKind::From,
                instruction: stage.from_instruction,
                span: stage.base_span,
                paths: Vec::new(),
                onbuild: false,
            });
        }
        for &i in &stage.instructions {
            let Some(inst) = instructions.get(i) else {
                continue;
            };
            if inst.keyword == Keyword::Copy
                && let Some(flag) = inst.flag("from")
            {
                let value = flag.value.clone().unwrap_or_default();
                let from = resolve_from(&value, stages);
                let n = inst.args.len().saturating_sub(1);
                edges.push(Edge {
                    from,
                    to: stage.index,
                    kind: EdgeKind::Copy,
                    instruction: i,
                    span: flag.span,
                    paths: inst.args.iter().take(n).map(|w| w.value.clone()).collect(),
                    onbuild: false,
                });
            }
        }
    }
    edges
}

/// Resolves a `--from` value: a stage index, a stage name, else an external image.
pub fn resolve_from(value: &str, stages: &[Stage]) -> Node {
    if let Ok(n) = value.parse::<usize>()
        && n < stages.len()
    {
        return Node::Stage { stage: n };
    }
    match find_stage_by_name(stages, value) {
        Some(stage) => Node::Stage { stage },
        None => Node::Image {
            name: value.to_string(),
        },
    }
}
