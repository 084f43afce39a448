//! The stage graph: typed edges from a stage (or an external image) to the stage that
//! depends on it, created by FROM, `COPY --from` and `RUN --mount=from=`.

use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::errors;
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
    /// The span of the reference (`--from=builder`, the mount's `from=` value, or the
    /// FROM's base).
    pub span: Span,
    /// For copy edges: the source paths copied.
    pub paths: Vec<String>,
    /// True when the edge comes from an ONBUILD trigger of the base stage.
    pub onbuild: bool,
}

/// Builds the typed edges of the graph (rules 5–8 of docs/semantics.md) and reports bad references.
pub fn build_edges(
    instructions: &[Instruction],
    stages: &[Stage],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Edge> {
    let mut edges = Vec::new();
    let names = StageNames::new(stages);
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
            // Rule 8: the base stage's ONBUILD triggers run at the start of this stage.
            if let Some(base) = stages.get(from) {
                for &i in &base.instructions {
                    let Some(inst) = instructions.get(i) else {
                        continue;
                    };
                    if let Some(trigger) = inst.trigger.as_deref() {
                        references(trigger, i, stage, &names, true, &mut edges, diagnostics);
                    }
                }
            }
        }
        for &i in &stage.instructions {
            if let Some(inst) = instructions.get(i) {
                references(inst, i, stage, &names, false, &mut edges, diagnostics);
            }
        }
    }
    edges
}

/// Adds the edges of one instruction's `COPY --from` and `RUN --mount from=`.
fn references(
    inst: &Instruction,
    index: usize,
    stage: &Stage,
    names: &StageNames<'_>,
    onbuild: bool,
    edges: &mut Vec<Edge>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match inst.keyword {
        Keyword::Copy => {
            let Some(flag) = inst.flag("from") else {
                return;
            };
            let value = flag.value.clone().unwrap_or_default();
            let span = flag.value_span.unwrap_or(flag.span);
            if value.contains('$') {
                // Rule 6: BuildKit does not expand --from.
                diagnostics.push(Diagnostic::new(
                    &errors::COPY_FROM_VARIABLE,
                    span,
                    format!("--from does not support variables: \"{value}\" is used as written"),
                ));
            }
            let count = names.count;
            let from = match value.parse::<usize>() {
                Ok(n) if n >= count => {
                    diagnostics.push(Diagnostic::new(
                        &errors::INVALID_STAGE_INDEX,
                        span,
                        format!("invalid stage index {n}: the Dockerfile has {count} stages"),
                    ));
                    return;
                }
                Ok(n) => Node::Stage { stage: n },
                Err(_) => match names.find(&value) {
                    Some(s) => Node::Stage { stage: s },
                    None => Node::Image { name: value },
                },
            };
            edges.push(Edge {
                from,
                to: stage.index,
                kind: EdgeKind::Copy,
                instruction: index,
                span: flag.span,
                paths: inst.sources().iter().map(|w| w.value.clone()).collect(),
                onbuild,
            });
        }
        Keyword::Run => {
            for m in &inst.mounts {
                let Some(value) = &m.from else { continue };
                // Rule 7: by name only; anything else is an image.
                let from = match names.find(value) {
                    Some(s) => Node::Stage { stage: s },
                    None => Node::Image {
                        name: value.clone(),
                    },
                };
                edges.push(Edge {
                    from,
                    to: stage.index,
                    kind: EdgeKind::Mount,
                    instruction: index,
                    span: m.from_span.unwrap_or(m.span),
                    paths: m.source.iter().cloned().collect(),
                    onbuild,
                });
            }
        }
        _ => {}
    }
}

/// Lowercased stage name → index of its last definition (the later duplicate wins).
pub struct StageNames<'a> {
    /// Borrowed from the stages: no copy of any name.
    map: rustc_hash::FxHashMap<&'a str, usize>,
    count: usize,
}

impl<'a> StageNames<'a> {
    pub fn new(stages: &'a [Stage]) -> Self {
        let mut map = rustc_hash::FxHashMap::default();
        map.reserve(stages.len());
        for s in stages {
            if let Some(n) = &s.name {
                map.insert(n.as_str(), s.index);
            }
        }
        StageNames {
            map,
            count: stages.len(),
        }
    }

    /// Case-insensitive lookup (a lowercased copy only when `name` has capitals).
    pub fn find(&self, name: &str) -> Option<usize> {
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            self.map.get(name.to_ascii_lowercase().as_str()).copied()
        } else {
            self.map.get(name).copied()
        }
    }
}

/// Stage-to-stage dependencies as adjacency lists: `deps[s]` are the stages `s` needs.
pub fn dependencies(stage_count: usize, edges: &[Edge]) -> Vec<Vec<usize>> {
    let mut deps = vec![Vec::new(); stage_count];
    // Each pair once, in the order of the edges. Short lists are searched; past a few
    // dozen a set takes over, so a final stage copying from thousands stays linear.
    let mut seen = rustc_hash::FxHashSet::default();
    for e in edges {
        if let Node::Stage { stage } = e.from
            && stage < stage_count
            && let Some(d) = deps.get_mut(e.to)
        {
            let new = if d.len() < 32 {
                !d.contains(&stage)
            } else {
                if d.len() == 32 && d.first().is_some_and(|&f| !seen.contains(&(e.to, f))) {
                    seen.extend(d.iter().map(|&x| (e.to, x)));
                }
                seen.insert((e.to, stage))
            };
            if new {
                d.push(stage);
            }
        }
    }
    deps
}

/// Finds the stages that lie on a dependency cycle (a stage needing itself counts), without
/// recursion: Kahn's algorithm removes every stage that does not, and what remains and can
/// reach itself is cyclic. Reports one error per cycle found.
pub fn find_cycles(
    stages: &[Stage],
    edges: &[Edge],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    let n = stages.len();
    let deps = dependencies(n, edges);
    let mut dependents = vec![Vec::new(); n];
    let mut pending = vec![0usize; n];
    for (s, ds) in deps.iter().enumerate() {
        pending[s] = ds.len();
        for &d in ds {
            dependents[d].push(s);
        }
    }
    let mut queue: Vec<usize> = (0..n).filter(|&s| pending[s] == 0).collect();
    let mut done = vec![false; n];
    while let Some(s) = queue.pop() {
        done[s] = true;
        for &t in &dependents[s] {
            pending[t] -= 1;
            if pending[t] == 0 {
                queue.push(t);
            }
        }
    }
    // Stages not done either sit on a cycle or depend on one; trim the latter by running
    // Kahn backwards (a stage nothing pending depends on is not on a cycle).
    let mut out_pending = vec![0usize; n];
    for s in (0..n).filter(|&s| !done[s]) {
        out_pending[s] = dependents[s].iter().filter(|&&t| !done[t]).count();
    }
    let mut queue: Vec<usize> = (0..n)
        .filter(|&s| !done[s] && out_pending[s] == 0)
        .collect();
    let mut off_cycle = done.clone();
    while let Some(s) = queue.pop() {
        off_cycle[s] = true;
        for &d in &deps[s] {
            if !off_cycle[d] {
                out_pending[d] -= 1;
                if out_pending[d] == 0 {
                    queue.push(d);
                }
            }
        }
    }
    let on_cycle: Vec<bool> = off_cycle.iter().map(|&o| !o).collect();
    let mut reported = vec![false; n];
    for e in edges {
        if let Node::Stage { stage } = e.from
            && on_cycle.get(stage) == Some(&true)
            && on_cycle.get(e.to) == Some(&true)
            && !reported[e.to]
        {
            // Mark the whole strongly-connected part as reported: everything on a cycle
            // reachable back from this edge; simple and good enough for one message.
            reported[e.to] = true;
            let name = stages
                .get(e.to)
                .map(Stage::display_name)
                .unwrap_or_default();
            diagnostics.push(Diagnostic::new(
                &errors::DEPENDENCY_CYCLE,
                e.span,
                format!("circular dependency detected on stage: {name}"),
            ));
        }
    }
    on_cycle
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

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: usize, to: usize) -> Edge {
        Edge {
            from: Node::Stage { stage: from },
            to,
            kind: EdgeKind::Copy,
            instruction: 0,
            span: Span::default(),
            paths: Vec::new(),
            onbuild: false,
        }
    }

    /// Dependencies keep the order of first appearance and drop repeats, both while the list
    /// is searched and after the set takes over (past 32 entries).
    #[test]
    fn dependencies_are_unique_and_ordered() {
        let mut edges = Vec::new();
        for round in 0..3 {
            for s in (0..80).rev() {
                edges.push(edge(s, 80));
                if round == 0 && s % 7 == 0 {
                    edges.push(edge(s, 80));
                }
            }
        }
        edges.push(edge(3, 5));
        edges.push(edge(3, 5));
        let deps = dependencies(81, &edges);
        assert_eq!(deps[80], (0..80).rev().collect::<Vec<_>>());
        assert_eq!(deps[5], vec![3]);
        assert!(deps[0].is_empty());
    }
}
