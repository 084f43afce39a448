//! The one renderer of the stage graph: `Analysis` + `Layout` in, SVG text out. Pure (no
//! browser APIs), so the page, the exports and the CLI's `--format svg` share it and native
//! tests can check it. Every user text is XML-escaped.

use std::fmt::Write as _;

use crate::analysis::fixed::Fixed;
use crate::analysis::{Analysis, Base, EdgeKind, Node, Span};

use super::i18n::Messages;
use super::layout::{Layout, LayoutInput, LayoutOptions, layout};
use super::markup::{Bidi, escape_with};
use super::text_width::{self, width};

/// User text for an attribute value or a `<title>`: escaped, a bidirectional control shown
/// by its name (`<U+202E>`), since a tooltip reversed by one would mislead like the label.
fn attr(text: &str) -> String {
    escape_with(text, Bidi::Text)
}

/// User text shown in a `<text>`: escaped, a bidirectional control shown by its name in a
/// `<tspan class="bidi-mark">`, so a path never reads reversed.
fn shown(text: &str) -> String {
    escape_with(text, Bidi::Element("tspan"))
}

/// What a node of the drawn graph stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GraphNodeKind {
    Stage(usize),
    /// An external image, by name.
    Image(String),
    Scratch,
}

/// A node of the drawn graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphNode {
    pub kind: GraphNodeKind,
    pub title: String,
    pub subtitle: String,
    /// A short count shown at the top right ("4 instr.").
    pub meta: String,
}

/// An edge of the drawn graph (copy edges between the same pair are merged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphEdge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// Copied paths, for the label.
    pub paths: Vec<String>,
}

/// The graph as drawn: nodes (stages first, in index order, then images and scratch) and
/// typed edges between node indices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GraphModel {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// Rendering options.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphOptions {
    /// Embed a `<style>` with fixed colours and an XML declaration-free root with `xmlns`,
    /// so the SVG stands alone (exports). The page styles the classes with its own CSS.
    pub standalone: bool,
    pub dark: bool,
    /// Draw a legend under the graph.
    pub legend: bool,
    /// The stage the editor's cursor is in.
    pub cursor_stage: Option<usize>,
    /// The stage that is hovered or selected.
    pub selected_stage: Option<usize>,
    /// The stage the graph's search found.
    pub found_stage: Option<usize>,
    /// When a stage is focused, which nodes it needs (by node index): the others are
    /// dimmed. Empty when nothing is focused.
    pub focus: Vec<bool>,
    /// The words of the titles and the label (English for exports and the CLI).
    pub messages: Messages,
}

pub const STAGE_W_MIN: f64 = 150.0;
pub const STAGE_W_MAX: f64 = 240.0;
pub const STAGE_H: f64 = 58.0;
pub const IMAGE_H: f64 = 32.0;
const CHAR_W: f64 = 7.2;
const MAX_LABEL: usize = 30;

/// The page draws at most this many stages: a graph of thousands of boxes is unreadable and
/// would hold the page for seconds (docs/budgets.md). Exports draw every stage.
pub const GRAPH_CAP: usize = 300;

impl GraphModel {
    /// Derives the drawn graph from the analysis: every stage.
    pub fn from_analysis(a: &Analysis) -> GraphModel {
        Self::from_stages(a, None, &Messages::english())
    }

    /// The page's graph: every stage up to [`GRAPH_CAP`]; past it, the stages the target's
    /// build needs, nearest to the target first, then the last stages of the file, up to
    /// the cap. Returns the model and, when stages were left out, how many are drawn.
    pub fn for_page(a: &Analysis, m: &Messages) -> (GraphModel, Option<usize>) {
        if a.stages.len() <= GRAPH_CAP {
            return (Self::from_stages(a, None, m), None);
        }
        let mut keep = vec![false; a.stages.len()];
        let mut kept = 0;
        'waves: for wave in a.plan.waves.iter().rev() {
            for &s in wave.iter().rev() {
                if kept == GRAPH_CAP {
                    break 'waves;
                }
                if let Some(k) = keep.get_mut(s)
                    && !*k
                {
                    *k = true;
                    kept += 1;
                }
            }
        }
        // Room left (the target needs few stages, or there is no plan): the stages nearest
        // the end of the file, where the target usually is.
        for k in keep.iter_mut().rev() {
            if kept == GRAPH_CAP {
                break;
            }
            if !*k {
                *k = true;
                kept += 1;
            }
        }
        (Self::from_stages(a, Some(&keep), m), Some(kept))
    }

    /// The graph of the stages `keep` marks (all when `None`), their images and the edges
    /// between them.
    fn from_stages(a: &Analysis, keep: Option<&[bool]>, m: &Messages) -> GraphModel {
        let mut model = GraphModel::default();
        let kept = |s: usize| keep.is_none_or(|k| k.get(s).copied().unwrap_or(false));
        // Node index of each drawn stage.
        let mut node_of: Vec<Option<usize>> = vec![None; a.stages.len()];
        for s in a.stages.iter().filter(|s| kept(s.index)) {
            let count = s.instructions.len();
            if let Some(n) = node_of.get_mut(s.index) {
                *n = Some(model.nodes.len());
            }
            model.nodes.push(GraphNode {
                kind: GraphNodeKind::Stage(s.index),
                title: s.display_name(),
                subtitle: format!("FROM {}", s.base_text),
                meta: m.f("graph-instr", &[("n", count.into())]),
            });
        }
        // Indexes instead of searches, so thousands of stages stay linear: image nodes by
        // kind, edges by (from, to, kind).
        let mut images: std::collections::HashMap<GraphNodeKind, usize> =
            std::collections::HashMap::new();
        let mut image_node = |model: &mut GraphModel, kind: GraphNodeKind| -> usize {
            if let Some(&i) = images.get(&kind) {
                return i;
            }
            images.insert(kind.clone(), model.nodes.len());
            let (title, subtitle) = match &kind {
                GraphNodeKind::Image(name) => (name.clone(), m.t("graph-image")),
                _ => ("scratch".to_string(), m.t("graph-empty-fs")),
            };
            model.nodes.push(GraphNode {
                kind,
                title,
                subtitle,
                meta: String::new(),
            });
            model.nodes.len() - 1
        };
        let node = |s: usize| node_of.get(s).copied().flatten();
        for s in &a.stages {
            let Some(to) = node(s.index) else { continue };
            let from = match &s.base {
                Base::Image { name } => {
                    Some(image_node(&mut model, GraphNodeKind::Image(name.clone())))
                }
                Base::Scratch => Some(image_node(&mut model, GraphNodeKind::Scratch)),
                Base::Stage { .. } => None,
            };
            if let Some(from) = from {
                model.edges.push(GraphEdge {
                    from,
                    to,
                    kind: EdgeKind::From,
                    paths: Vec::new(),
                });
            }
        }
        let mut edge_index: std::collections::HashMap<(usize, usize, EdgeKind), usize> = model
            .edges
            .iter()
            .enumerate()
            .map(|(k, g)| ((g.from, g.to, g.kind), k))
            .collect();
        for e in &a.edges {
            let Some(to) = node(e.to) else { continue };
            let from = match &e.from {
                Node::Stage { stage } => match node(*stage) {
                    Some(n) => n,
                    None => continue,
                },
                Node::Image { name } => image_node(&mut model, GraphNodeKind::Image(name.clone())),
            };
            if from == to {
                continue;
            }
            if let Some(existing) = edge_index
                .get(&(from, to, e.kind))
                .and_then(|&k| model.edges.get_mut(k))
            {
                existing.paths.extend(e.paths.iter().cloned());
            } else {
                edge_index.insert((from, to, e.kind), model.edges.len());
                model.edges.push(GraphEdge {
                    from,
                    to,
                    kind: e.kind,
                    paths: e.paths.clone(),
                });
            }
        }
        model
    }

    /// The layout input: node sizes from their labels, edges as index pairs.
    pub fn layout_input(&self) -> LayoutInput {
        let sizes = self
            .nodes
            .iter()
            .map(|n| match n.kind {
                // Columns, not characters: a Hangul name is twice as wide as its count.
                GraphNodeKind::Stage(_) => {
                    let chars = (width(&n.title) + width(&n.meta)).max(width(&n.subtitle) * 5 / 6);
                    let w = (chars.min(MAX_LABEL + 4) as f64 * CHAR_W + 28.0)
                        .clamp(STAGE_W_MIN, STAGE_W_MAX);
                    (w, STAGE_H)
                }
                _ => {
                    let chars = width(&n.title).min(MAX_LABEL);
                    (
                        (chars as f64 * 6.8 + 30.0).clamp(90.0, STAGE_W_MAX),
                        IMAGE_H,
                    )
                }
            })
            .collect();
        LayoutInput {
            sizes,
            edges: self.edges.iter().map(|e| (e.from, e.to)).collect(),
        }
    }

    /// Lays the model out with the default options.
    pub fn layout(&self) -> Layout {
        layout(&self.layout_input(), &LayoutOptions::default())
    }
}

/// Shortens a label to `max` columns (a wide character takes two) with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    text_width::truncate(s, max)
}

/// The first line of an instruction's text, shortened.
pub fn first_line(span: Span, text: &str) -> String {
    // From the span's start to the end of that line: spans may stop before a closing `"]`.
    let s = text.get(span.start..).unwrap_or("");
    let line = s.lines().next().unwrap_or("").trim_end_matches('\\').trim();
    truncate(line, 90)
}

const STYLE_LIGHT: &str = "svg{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
.sp-bg{fill:#ffffff}.sp-node rect,.sp-node path.sp-shape{fill:#eef4ff;stroke:#3b6fd8;stroke-width:1.5}\
.sp-node.sp-skipped{opacity:.45}.sp-node.sp-skipped rect{fill:#f4f5f7;stroke:#9aa3b2;stroke-dasharray:4 3}\
.sp-node.sp-target rect{stroke:#c2410c;stroke-width:3}.sp-image rect{fill:#f5f3ff;stroke:#7c5cc4}\
.sp-scratch rect{fill:#ffffff;stroke:#6b7280;stroke-dasharray:2 3}\
.sp-title{font-size:13px;font-weight:600;fill:#0f172a}.sp-sub{font-size:11px;fill:#475569}\
.sp-edge{fill:none;stroke:#64748b;stroke-width:1.4}.sp-edge-copy{stroke-dasharray:6 4;stroke:#0e7490}\
.sp-edge-mount{stroke-dasharray:1.5 3.5;stroke:#a16207}.sp-edge.sp-faded{opacity:.35}\
.sp-label{font-size:10px;fill:#0e7490;paint-order:stroke;stroke:#fff;stroke-width:3px}.sp-meta{font-size:10px;fill:#64748b}.sp-badge{font-size:10px;font-weight:700;fill:#c2410c}.sp-arrow{fill:#64748b}.sp-legend text{font-size:11px;fill:#334155}.bidi-mark{fill:#dc2626;font-weight:700}";

const STYLE_DARK: &str = "svg{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
.sp-bg{fill:#0f172a}.sp-node rect{fill:#1e293b;stroke:#7aa2f7;stroke-width:1.5}\
.sp-node.sp-skipped{opacity:.45}.sp-node.sp-skipped rect{fill:#111827;stroke:#64748b;stroke-dasharray:4 3}\
.sp-node.sp-target rect{stroke:#fb923c;stroke-width:3}.sp-image rect{fill:#231d3a;stroke:#a78bfa}\
.sp-scratch rect{fill:#0f172a;stroke:#94a3b8;stroke-dasharray:2 3}\
.sp-title{font-size:13px;font-weight:600;fill:#e2e8f0}.sp-sub{font-size:11px;fill:#94a3b8}\
.sp-edge{fill:none;stroke:#94a3b8;stroke-width:1.4}.sp-edge-copy{stroke-dasharray:6 4;stroke:#22d3ee}\
.sp-edge-mount{stroke-dasharray:1.5 3.5;stroke:#facc15}.sp-edge.sp-faded{opacity:.35}\
.sp-label{font-size:10px;fill:#22d3ee;paint-order:stroke;stroke:#0f172a;stroke-width:3px}.sp-meta{font-size:10px;fill:#94a3b8}.sp-badge{font-size:10px;font-weight:700;fill:#fb923c}.sp-arrow{fill:#94a3b8}.sp-legend text{font-size:11px;fill:#cbd5e1}.bidi-mark{fill:#f87171;font-weight:700}";

const LEGEND_H: f64 = 44.0;

/// The arrow head the edges share.
pub const SVG_DEFS: &str = "<defs><marker id=\"sp-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path class=\"sp-arrow\" d=\"M0 0L10 5L0 10z\"/></marker></defs>";

/// The graph's SVG in pieces: the root's size and label, and the markup of each edge (its
/// path and label) and each node. The page keeps the pieces an edit did not change
/// (`graph_view`); `render_graph_svg` joins them into one document.
#[derive(Clone, Debug, PartialEq)]
pub struct SvgPieces {
    pub width: f64,
    pub height: f64,
    pub label: String,
    pub edges: Vec<String>,
    pub nodes: Vec<String>,
}

/// How many of a graph's `total` groups of pieces show its newest markup after this task,
/// when `fresh` of them (the first, nodes before edges) did before it and `written(i)` says
/// whether group `i`'s markup is written already (unchanged from the graph shown before:
/// a moved caret changes a few groups). Writing and inserting the markup of a large graph
/// at once held the main thread for about 70 ms (300 drawn stages of a 10,000-stage file),
/// and so did an edit that changes every group of a 400-stage file (a build that fails
/// from then on: every stage's state), so a graph of more than [`AT_ONCE_GROUPS`] writes at
/// most [`STEP_GROUPS`] groups a task; a group not yet fresh keeps the markup it showed,
/// so the graph never shrinks while the user types.
pub fn groups_to_update(fresh: usize, total: usize, written: impl Fn(usize) -> bool) -> usize {
    if total <= AT_ONCE_GROUPS {
        return total;
    }
    let mut budget = STEP_GROUPS;
    let mut i = fresh.min(total);
    while i < total {
        if !written(i) {
            if budget == 0 {
                break;
            }
            budget -= 1;
        }
        i += 1;
    }
    i
}

/// The groups written in one task (see [`groups_to_update`]), and the most drawn at once: the
/// 59 stages of moby's file make about 20 groups.
pub const STEP_GROUPS: usize = 10;
pub const AT_ONCE_GROUPS: usize = 40;

/// Renders the graph as SVG text.
pub fn render_graph_svg(
    a: &Analysis,
    model: &GraphModel,
    layout: &Layout,
    opts: &GraphOptions,
) -> String {
    let p = render_graph_pieces(a, model, layout, opts);
    let size = p
        .edges
        .iter()
        .chain(&p.nodes)
        .map(String::len)
        .sum::<usize>();
    let mut out = String::with_capacity(size + 4096);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stage-graph\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"group\" aria-label=\"{label}\">",
        w = Fixed(p.width, 0),
        h = Fixed(p.height, 0),
        label = p.label,
    );
    if opts.standalone {
        let _ = write!(
            out,
            "<style>{}</style><rect class=\"sp-bg\" width=\"100%\" height=\"100%\"/>",
            if opts.dark { STYLE_DARK } else { STYLE_LIGHT }
        );
    }
    out.push_str(SVG_DEFS);
    // Edges first, so nodes sit on top of them.
    out.push_str("<g class=\"sp-edges\">");
    p.edges.iter().for_each(|e| out.push_str(e));
    out.push_str("</g><g class=\"sp-nodes\">");
    p.nodes.iter().for_each(|n| out.push_str(n));
    out.push_str("</g>");
    if opts.legend {
        render_legend(&mut out, layout.height.max(60.0), &opts.messages);
    }
    out.push_str("</svg>");
    out
}

/// Renders the graph's pieces (see `SvgPieces`).
pub fn render_graph_pieces(
    a: &Analysis,
    model: &GraphModel,
    layout: &Layout,
    opts: &GraphOptions,
) -> SvgPieces {
    let w = PieceWriter::new(a, model, layout, opts);
    let (width, height) = w.size();
    SvgPieces {
        width,
        height,
        label: w.label(),
        edges: (0..w.edges()).filter_map(|k| w.edge(k)).collect(),
        nodes: (0..w.nodes()).filter_map(|i| w.node(i)).collect(),
    }
}

/// Writes the graph's pieces one at a time, so the page writes only those it draws in a
/// task (a large graph is drawn in steps: [`groups_to_update`]); writing all 300 drawn
/// stages of a large file at once took 17-23 ms of the task that drew the first ten groups.
pub struct PieceWriter<'a> {
    a: &'a Analysis,
    model: &'a GraphModel,
    layout: &'a Layout,
    opts: &'a GraphOptions,
    /// Whether each stage is built, by stage index.
    built: Vec<bool>,
    gaps: Vec<(f64, f64)>,
}

impl<'a> PieceWriter<'a> {
    pub fn new(
        a: &'a Analysis,
        model: &'a GraphModel,
        layout: &'a Layout,
        opts: &'a GraphOptions,
    ) -> Self {
        let built = a.plan.built_flags(a.stages.len());
        PieceWriter {
            a,
            model,
            layout,
            opts,
            built,
            gaps: column_gaps(layout),
        }
    }

    /// The SVG's width and height, the legend's room included.
    pub fn size(&self) -> (f64, f64) {
        let legend = self.opts.legend;
        let width = self.layout.width.max(if legend { 720.0 } else { 120.0 });
        let legend_h = if legend { LEGEND_H } else { 0.0 };
        (width, self.layout.height.max(60.0) + legend_h)
    }

    /// The SVG's accessible label.
    pub fn label(&self) -> String {
        let n = self.a.stages.len();
        self.opts.messages.f("graph-label", &[("n", n.into())])
    }

    /// How many edge routes there are: [`PieceWriter::edge`] takes `0..edges()`.
    pub fn edges(&self) -> usize {
        self.layout.edges.len()
    }

    /// How many nodes are laid out: [`PieceWriter::node`] takes `0..nodes()`.
    pub fn nodes(&self) -> usize {
        self.model.nodes.len().min(self.layout.nodes.len())
    }

    /// Whether `node` is a stage that is built. Nodes are numbered apart from stages (a
    /// capped graph draws some of them), so the stage is looked up through the node.
    fn stage_built(&self, node: usize) -> bool {
        match self.model.nodes.get(node).map(|n| &n.kind) {
            Some(GraphNodeKind::Stage(s)) => self.built.get(*s).copied().unwrap_or(false),
            _ => false,
        }
    }

    /// Whether `node` is drawn built: a built stage, or an image or scratch that a built
    /// stage uses (it is pulled).
    fn is_built(&self, node: usize) -> bool {
        match self.model.nodes.get(node).map(|n| &n.kind) {
            Some(GraphNodeKind::Stage(_)) => self.stage_built(node),
            Some(_) => self
                .model
                .edges
                .iter()
                .any(|e| e.from == node && self.stage_built(e.to)),
            None => false,
        }
    }

    fn dimmed(&self, node: usize) -> bool {
        let focus = &self.opts.focus;
        !focus.is_empty() && !focus.get(node).copied().unwrap_or(false)
    }

    /// The markup of the `k`th route's edge: its path and label (`None` past the routes).
    pub fn edge(&self, k: usize) -> Option<String> {
        let route = self.layout.edges.get(k)?;
        let edge = self.model.edges.get(route.edge)?;
        let (m, model, gaps) = (&self.opts.messages, self.model, &self.gaps);
        let kind = match edge.kind {
            EdgeKind::From => "from",
            EdgeKind::Copy => "copy",
            EdgeKind::Mount => "mount",
        };
        let faded = !self.stage_built(edge.to);
        let dim = self.dimmed(edge.from) || self.dimmed(edge.to);
        let mut out = String::with_capacity(256);
        if dim {
            out.push_str("<g class=\"sp-dim\">");
        }
        let _ = write!(
            out,
            "<path class=\"sp-edge sp-edge-{kind}{}\" data-edge-kind=\"{kind}\" d=\"{}\" marker-end=\"url(#sp-arrow)\"><title>{}</title></path>",
            if faded { " sp-faded" } else { "" },
            path_data(&route.points),
            attr(&edge_title(m, model, edge)),
        );
        if edge.kind == EdgeKind::Copy && !edge.paths.is_empty() && route.points.len() >= 2 {
            // The label sits in the middle of the route, on the segment that crosses it,
            // inside the gap between the two columns of boxes that segment spans: a label
            // is text laid horizontally, so only the free width between the columns counts
            // (a steep segment is long but its gap is not). What does not fit is shortened
            // from the left; under a few characters there is no label (the title has it).
            let mid = route.points.len() / 2;
            let (x0, y0) = route.points[mid - 1];
            let (x1, y1) = route.points[mid];
            let (lo, hi) = free_span(gaps, x0.min(x1), x0.max(x1));
            let room = (hi - lo - 2.0 * LABEL_MARGIN) / LABEL_CHAR_PX;
            if room.is_finite() && room >= MIN_LABEL_CHARS {
                let max = room.min(18.0) as usize;
                let label = match edge.paths.len() {
                    1 => short_path(&edge.paths[0], max),
                    n => format!(
                        "{} +{}",
                        short_path(&edge.paths[0], max.saturating_sub(5).max(2)),
                        n - 1
                    ),
                };
                let _ = write!(
                    out,
                    "<text class=\"sp-label{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    if faded { " sp-faded" } else { "" },
                    d1((lo + hi) / 2.0),
                    d1((y0 + y1) / 2.0 - 4.0),
                    shown(&label)
                );
            }
        }
        if dim {
            out.push_str("</g>");
        }
        Some(out)
    }

    /// The markup of the `i`th node (`None` past the laid-out nodes).
    pub fn node(&self, i: usize) -> Option<String> {
        let node = self.model.nodes.get(i)?;
        let b = self.layout.nodes.get(i)?;
        let built_here = self.is_built(i);
        let (a, m, opts) = (self.a, &self.opts.messages, self.opts);
        let mut out = String::with_capacity(640);
        match &node.kind {
            GraphNodeKind::Stage(s) => {
                let s = *s;
                let target = a.plan.target == Some(s);
                let mut class = String::from("sp-node sp-stage");
                class.push_str(if built_here {
                    " sp-built"
                } else {
                    " sp-skipped"
                });
                if target {
                    class.push_str(" sp-target");
                }
                let fails = a.plan.failure.as_ref().is_some_and(|f| f.stage == Some(s));
                if fails {
                    class.push_str(" sp-failed");
                }
                if opts.cursor_stage == Some(s) {
                    class.push_str(" sp-cursor");
                }
                if opts.selected_stage == Some(s) {
                    class.push_str(" sp-selected");
                }
                if opts.found_stage == Some(s) {
                    class.push_str(" sp-found");
                }
                if self.dimmed(i) {
                    class.push_str(" sp-dim");
                }
                let state = match (target, built_here) {
                    (true, _) => "target",
                    (false, true) => "built",
                    (false, false) => "skipped",
                };
                // No aria-label: the <title> names the button (SVG-AAM) and starts with the
                // stage's name as drawn, so the name contains the visible label.
                let _ = write!(
                    out,
                    "<g class=\"{class}\" data-stage=\"{s}\" transform=\"translate({} {})\" tabindex=\"0\" role=\"button\">",
                    d1(b.x),
                    d1(b.y),
                );
                let _ = write!(
                    out,
                    "<title>{}</title><rect width=\"{}\" height=\"{}\" rx=\"8\"/>",
                    attr(&m.f(
                        "graph-node-title",
                        &[
                            ("stage", node.title.as_str().into()),
                            ("from", node.subtitle.as_str().into()),
                            ("meta", node.meta.as_str().into()),
                            ("state", state.into()),
                        ]
                    )),
                    d1(b.w),
                    d1(b.h)
                );
                let chars = ((b.w - 24.0) / CHAR_W) as usize;
                let meta_chars = text_width::width(&node.meta) * 5 / 6 + 1;
                let _ = write!(
                    out,
                    "<text class=\"sp-title\" x=\"12\" y=\"23\">{}</text><text class=\"sp-meta\" x=\"{}\" y=\"22\" text-anchor=\"end\">{}</text><text class=\"sp-sub\" x=\"12\" y=\"43\">{}</text>",
                    shown(&truncate(
                        &node.title,
                        chars.saturating_sub(meta_chars).max(8)
                    )),
                    d1(b.w - 10.0),
                    shown(&node.meta),
                    shown(&truncate(&node.subtitle, (chars * 6 / 5).max(8)))
                );
                if target {
                    let _ = write!(
                        out,
                        "<text class=\"sp-badge\" x=\"{}\" y=\"-6\" text-anchor=\"end\">{}</text>",
                        d1(b.w - 4.0),
                        shown(&m.t("chip-target"))
                    );
                }
                if fails {
                    let _ = write!(
                        out,
                        "<text class=\"sp-badge sp-badge-fails\" x=\"4\" y=\"-6\">{}</text>",
                        shown(&m.t("chip-fails"))
                    );
                }
                out.push_str("</g>");
            }
            GraphNodeKind::Image(_) | GraphNodeKind::Scratch => {
                let scratch = node.kind == GraphNodeKind::Scratch;
                let _ = write!(
                    out,
                    "<g class=\"sp-node {}{}{}\" data-image=\"{}\" transform=\"translate({} {})\"><title>{}</title><rect width=\"{}\" height=\"{}\" rx=\"{}\"/><text class=\"sp-title sp-image-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
                    if scratch { "sp-scratch" } else { "sp-image" },
                    if built_here {
                        " sp-built"
                    } else {
                        " sp-skipped"
                    },
                    if self.dimmed(i) { " sp-dim" } else { "" },
                    attr(&node.title),
                    d1(b.x),
                    d1(b.y),
                    attr(&format!("{}: {}", node.title, node.subtitle)),
                    d1(b.w),
                    d1(b.h),
                    d1(b.h / 2.0),
                    d1(b.w / 2.0),
                    d1(b.h / 2.0 + 4.5),
                    shown(&truncate(&node.title, MAX_LABEL)),
                );
            }
        }
        Some(out)
    }
}

/// The width of one character of an edge label (10 px monospace, with room for wider
/// fonts), for fitting labels.
const LABEL_CHAR_PX: f64 = 6.2;
/// The space kept between a label and the boxes on either side.
const LABEL_MARGIN: f64 = 6.0;
/// Fewer characters than this make no useful label.
const MIN_LABEL_CHARS: f64 = 4.0;

/// The free horizontal gaps between the layout's columns: from the right edge of the widest
/// box of one layer to the left edge of the next layer's leftmost box, in order.
fn column_gaps(layout: &Layout) -> Vec<(f64, f64)> {
    let mut right = vec![f64::MIN; layout.layers];
    let mut left = vec![f64::MAX; layout.layers];
    for b in &layout.nodes {
        if let (Some(r), Some(l)) = (right.get_mut(b.layer), left.get_mut(b.layer)) {
            *r = r.max(b.x + b.w);
            *l = l.min(b.x);
        }
    }
    right
        .iter()
        .zip(left.iter().skip(1))
        .filter(|(r, l)| **r > f64::MIN && **l < f64::MAX)
        .map(|(&r, &l)| (r, l))
        .collect()
}

/// The part of `[lo, hi]` (a segment's horizontal extent) inside the column gap around its
/// middle (found by binary search, so thousands of labels stay cheap); the segment itself
/// when no gap holds its middle.
fn free_span(gaps: &[(f64, f64)], lo: f64, hi: f64) -> (f64, f64) {
    let mid = (lo + hi) / 2.0;
    let k = gaps.partition_point(|&(start, _)| start <= mid);
    match k.checked_sub(1).and_then(|k| gaps.get(k)) {
        Some(&(start, end)) if mid <= end => (lo.max(start), hi.min(end)),
        _ => (lo, hi),
    }
}

/// Shortens a path from the left, keeping its end (the file name matters most).
pub fn short_path(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        s.to_string()
    } else {
        let tail: String = s.chars().skip(n + 1 - max).collect();
        format!("…{tail}")
    }
}

/// Derives the model and layout, then renders: the one call exports and the CLI need.
pub fn render_analysis_svg(a: &Analysis, opts: &GraphOptions) -> String {
    let model = GraphModel::from_stages(a, None, &opts.messages);
    let layout = model.layout();
    render_graph_svg(a, &model, &layout, opts)
}

fn edge_title(m: &Messages, model: &GraphModel, e: &GraphEdge) -> String {
    let name = |i: usize| model.nodes.get(i).map(|n| n.title.as_str()).unwrap_or("?");
    let (to, from) = (name(e.to), name(e.from));
    match e.kind {
        EdgeKind::From => m.f(
            "graph-edge-from",
            &[("to", to.into()), ("from", from.into())],
        ),
        EdgeKind::Copy if e.paths.is_empty() => m.f(
            "graph-edge-copy-files",
            &[("to", to.into()), ("from", from.into())],
        ),
        EdgeKind::Copy => m.f(
            "graph-edge-copy",
            &[
                ("to", to.into()),
                ("paths", e.paths.join(", ").as_str().into()),
                ("from", from.into()),
            ],
        ),
        EdgeKind::Mount => m.f(
            "graph-edge-mount",
            &[("to", to.into()), ("from", from.into())],
        ),
    }
}

/// A smooth path through the route's points: horizontal tangents at every point.
fn path_data(points: &[(f64, f64)]) -> String {
    let mut d = String::with_capacity(16 + 48 * points.len());
    let Some(&(x0, y0)) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{} {}", d1(x0), d1(y0));
    for w in points.windows(2) {
        let ((ax, ay), (bx, by)) = (w[0], w[1]);
        let dx = ((bx - ax) / 2.0).abs().max(12.0);
        let _ = write!(
            d,
            "C{} {} {} {} {} {}",
            d1(ax + dx),
            d1(ay),
            d1(bx - dx),
            d1(by),
            d1(bx),
            d1(by)
        );
    }
    d
}

/// A coordinate with one decimal, as `{:.1}` writes it (the core's exact integer
/// formatting: the standard float formatting would cost wasm size and, for the graph's
/// ~2 000 coordinates, about a millisecond of a paste).
fn d1(x: f64) -> Fixed {
    Fixed(x, 1)
}

/// The legend under an exported graph, in the messages' language. English keeps its
/// hand-set positions (the CLI's SVG does not change); another language places each entry
/// after the width of the one before.
fn render_legend(out: &mut String, top: f64, m: &Messages) {
    let y = top + 14.0;
    if m.lang() != crate::page::lang::Lang::En {
        // Each entry: its swatch (a box or a line), then its words.
        let entries: [(&str, &str, String); 7] = [
            (
                "<g class=\"sp-node sp-stage sp-built\"",
                "<rect width=\"22\" height=\"14\" rx=\"3\"/></g>",
                m.t("legend-built-stage"),
            ),
            (
                "<g class=\"sp-node sp-stage sp-skipped\"",
                "<rect width=\"22\" height=\"14\" rx=\"3\"/></g>",
                m.t("legend-skipped"),
            ),
            (
                "<g class=\"sp-node sp-stage sp-built sp-target\"",
                "<rect width=\"22\" height=\"14\" rx=\"3\"/></g>",
                m.t("legend-target"),
            ),
            (
                "<g class=\"sp-node sp-image\"",
                "<rect width=\"22\" height=\"14\" rx=\"7\"/></g>",
                m.t("legend-image"),
            ),
            ("sp-edge-from", "", "FROM".to_string()),
            ("sp-edge-copy", "", "COPY --from".to_string()),
            ("sp-edge-mount", "", m.t("legend-mount")),
        ];
        let _ = write!(
            out,
            "<g class=\"sp-legend\" transform=\"translate(16 {})\">",
            d1(y)
        );
        let mut x = 0.0;
        for (open, shape, words) in &entries {
            let text_x = if shape.is_empty() {
                let _ = write!(
                    out,
                    "<path class=\"sp-edge {open}\" d=\"M{} 7H{}\"/>",
                    d1(x),
                    d1(x + 30.0)
                );
                x + 36.0
            } else {
                let _ = write!(out, "{open} transform=\"translate({} 0)\">{shape}", d1(x));
                x + 28.0
            };
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"11\">{}</text>",
                d1(text_x),
                shown(words)
            );
            // About 6 px a column at the legend's 11 px (a Hangul syllable takes two).
            x = text_x + width(words) as f64 * 6.0 + 16.0;
        }
        out.push_str("</g>");
        return;
    }
    let _ = write!(
        out,
        "<g class=\"sp-legend\" transform=\"translate(16 {})\">\
<g class=\"sp-node sp-stage sp-built\"><rect width=\"22\" height=\"14\" rx=\"3\"/></g><text x=\"28\" y=\"11\">built stage</text>\
<g class=\"sp-node sp-stage sp-skipped\" transform=\"translate(110 0)\"><rect width=\"22\" height=\"14\" rx=\"3\"/></g><text x=\"138\" y=\"11\">skipped</text>\
<g class=\"sp-node sp-stage sp-built sp-target\" transform=\"translate(200 0)\"><rect width=\"22\" height=\"14\" rx=\"3\"/></g><text x=\"228\" y=\"11\">target</text>\
<g class=\"sp-node sp-image\" transform=\"translate(284 0)\"><rect width=\"22\" height=\"14\" rx=\"7\"/></g><text x=\"312\" y=\"11\">image</text>\
<path class=\"sp-edge sp-edge-from\" d=\"M370 7H400\"/><text x=\"406\" y=\"11\">FROM</text>\
<path class=\"sp-edge sp-edge-copy\" d=\"M452 7H482\"/><text x=\"488\" y=\"11\">COPY --from</text>\
<path class=\"sp-edge sp-edge-mount\" d=\"M570 7H600\"/><text x=\"606\" y=\"11\">RUN --mount from</text></g>",
        d1(y)
    );
}
