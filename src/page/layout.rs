//! A pure layered (Sugiyama-style) layout for the stage graph: longest-path layering,
//! dummy nodes for long edges, barycentre crossing reduction, and least-squares vertical
//! placement. Left to right; no recursion, bounded work on any input.

use crate::analysis::sort;

/// The graph to lay out: node sizes and directed edges (`from` must be built before `to`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutInput {
    /// Width and height of each node.
    pub sizes: Vec<(f64, f64)>,
    pub edges: Vec<(usize, usize)>,
}

/// Spacing options.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Horizontal gap between layers.
    pub layer_gap: f64,
    /// Vertical gap between nodes of a layer.
    pub node_gap: f64,
    pub margin: f64,
    /// Rounds of down + up barycentre sweeps.
    pub sweeps: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            layer_gap: 96.0,
            node_gap: 18.0,
            margin: 16.0,
            sweeps: 12,
        }
    }
}

/// Where a node went.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodeBox {
    /// Top-left corner.
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub layer: usize,
}

impl NodeBox {
    pub fn center_y(&self) -> f64 {
        self.y + self.h / 2.0
    }
}

/// The route of one input edge, from the source's right side to the target's left side,
/// through the points of its dummy nodes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EdgeRoute {
    /// Index into `LayoutInput::edges`.
    pub edge: usize,
    pub points: Vec<(f64, f64)>,
}

/// The computed layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgeRoute>,
    pub width: f64,
    pub height: f64,
    pub layers: usize,
    /// Edge crossings between adjacent layers in the final order (dummy segments included).
    pub crossings: usize,
}

/// At most this many dummy nodes are created; longer edges beyond the budget are drawn
/// straight. It keeps pathological inputs (thousands of long edges) cheap.
const MAX_DUMMIES: usize = 20_000;
/// Above this many real + dummy nodes, crossing reduction does fewer sweeps.
const LARGE_GRAPH: usize = 4_000;
const DUMMY_SIZE: f64 = 6.0;

/// Lays out `input`.
pub fn layout(input: &LayoutInput, opts: &LayoutOptions) -> Layout {
    let n = input.sizes.len();
    if n == 0 {
        return Layout::default();
    }
    let order = topological_order(n, &input.edges);
    let mut rank = vec![0usize; n];
    for (r, &v) in order.iter().enumerate() {
        rank[v] = r;
    }
    // Forward edges (in topological order) decide the layers; the rest close cycles.
    let forward: Vec<bool> = input
        .edges
        .iter()
        .map(|&(a, b)| a < n && b < n && rank[a] < rank[b])
        .collect();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, &(a, b)) in input.edges.iter().enumerate() {
        if forward[e] {
            preds[b].push(a);
            succs[a].push(b);
        }
    }
    // Longest-path layering.
    let mut layer = vec![0usize; n];
    for &v in &order {
        for &p in &preds[v] {
            layer[v] = layer[v].max(layer[p] + 1);
        }
    }
    // Pull sources (external images, scratch) right, next to their first consumer, so that
    // they do not all pile up in the first layer with long edges.
    for &v in order.iter().rev() {
        if preds[v].is_empty()
            && let Some(m) = succs[v].iter().map(|&s| layer[s]).min()
        {
            layer[v] = m.saturating_sub(1);
        }
    }
    let layers = layer.iter().max().map_or(0, |m| m + 1);

    // Virtual graph: real nodes then dummies; each forward edge becomes a chain.
    let mut vlayer = layer.clone();
    let mut vsize: Vec<(f64, f64)> = input.sizes.clone();
    let mut vpreds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut vsuccs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(input.edges.len());
    let mut dummies = 0usize;
    for (e, &(a, b)) in input.edges.iter().enumerate() {
        let mut chain = Vec::new();
        if forward[e] {
            let span = layer[b].saturating_sub(layer[a]);
            let mut prev = a;
            if span > 1 && dummies + span - 1 <= MAX_DUMMIES {
                for l in layer[a] + 1..layer[b] {
                    let d = vlayer.len();
                    vlayer.push(l);
                    vsize.push((DUMMY_SIZE, DUMMY_SIZE));
                    vpreds.push(vec![prev]);
                    vsuccs.push(Vec::new());
                    vsuccs[prev].push(d);
                    chain.push(d);
                    prev = d;
                }
                dummies += span - 1;
            }
            vsuccs[prev].push(b);
            vpreds[b].push(prev);
        }
        chains.push(chain);
    }
    let vn = vlayer.len();

    // Initial order: by index within each layer (file order reads naturally).
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for (v, &l) in vlayer.iter().enumerate() {
        if let Some(row) = rows.get_mut(l) {
            row.push(v);
        }
    }
    let mut pos = vec![0usize; vn];
    let set_pos = |rows: &Vec<Vec<usize>>, pos: &mut Vec<usize>| {
        for row in rows {
            for (i, &v) in row.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    set_pos(&rows, &mut pos);
    let mut best = rows.clone();
    let mut best_crossings = count_all_crossings(&rows, &vsuccs, &pos);
    let sweeps = if vn > LARGE_GRAPH { 2 } else { opts.sweeps };
    for _ in 0..sweeps {
        if best_crossings == 0 {
            break;
        }
        for row in rows.iter_mut().skip(1) {
            sort_by_barycentre(row, &vpreds, &pos);
            for (i, &v) in row.iter().enumerate() {
                pos[v] = i;
            }
        }
        for l in (0..layers.saturating_sub(1)).rev() {
            sort_by_barycentre(&mut rows[l], &vsuccs, &pos);
            for (i, &v) in rows[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        if vn <= LARGE_GRAPH {
            transpose(&mut rows, &vpreds, &vsuccs, &mut pos);
        }
        let c = count_all_crossings(&rows, &vsuccs, &pos);
        if c < best_crossings {
            best_crossings = c;
            best = rows.clone();
        }
    }
    let rows = best;
    set_pos(&rows, &mut pos);

    // Horizontal: one column per layer, as wide as its widest node.
    let mut col_w = vec![0f64; layers];
    for v in 0..vn {
        col_w[vlayer[v]] = col_w[vlayer[v]].max(vsize[v].0);
    }
    let mut col_x = vec![opts.margin; layers];
    for l in 1..layers {
        col_x[l] = col_x[l - 1] + col_w[l - 1] + opts.layer_gap;
    }
    // Vertical: stack, then pull each node towards its neighbours' centres while keeping
    // the order and the gaps (isotonic regression, alternately from both sides).
    let mut cy = vec![0f64; vn];
    for row in &rows {
        let mut y = 0.0;
        for &v in row {
            cy[v] = y + vsize[v].1 / 2.0;
            y += vsize[v].1 + opts.node_gap;
        }
    }
    for round in 0..8 {
        let down = round % 2 == 0;
        let range: Vec<usize> = if down {
            (1..layers).collect()
        } else {
            (0..layers.saturating_sub(1)).rev().collect()
        };
        for l in range {
            let row = &rows[l];
            let desired: Vec<f64> = row
                .iter()
                .map(|&v| {
                    let nb = if down { &vpreds[v] } else { &vsuccs[v] };
                    if nb.is_empty() {
                        cy[v]
                    } else {
                        nb.iter().map(|&u| cy[u]).sum::<f64>() / nb.len() as f64
                    }
                })
                .collect();
            let heights: Vec<f64> = row.iter().map(|&v| vsize[v].1).collect();
            let placed = place_in_order(&desired, &heights, opts.node_gap);
            for (i, &v) in row.iter().enumerate() {
                cy[v] = placed[i];
            }
        }
    }
    let min_top = (0..vn)
        .map(|v| cy[v] - vsize[v].1 / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = opts.margin - if min_top.is_finite() { min_top } else { 0.0 };
    let boxes: Vec<NodeBox> = (0..vn)
        .map(|v| {
            let (w, h) = vsize[v];
            let l = vlayer[v];
            NodeBox {
                x: col_x[l] + (col_w[l] - w) / 2.0,
                y: cy[v] - h / 2.0 + shift,
                w,
                h,
                layer: l,
            }
        })
        .collect();
    let width =
        col_x.last().copied().unwrap_or(0.0) + col_w.last().copied().unwrap_or(0.0) + opts.margin;
    let height = boxes.iter().map(|b| b.y + b.h).fold(0.0, f64::max) + opts.margin;

    let edges = input
        .edges
        .iter()
        .enumerate()
        .filter(|&(_, &(a, b))| a < n && b < n && a != b)
        .map(|(e, &(a, b))| {
            let (s, t) = (boxes[a], boxes[b]);
            let mut points = vec![(s.x + s.w, s.center_y())];
            for &d in &chains[e] {
                let db = boxes[d];
                points.push((db.x + db.w / 2.0, db.center_y()));
            }
            points.push((t.x, t.center_y()));
            EdgeRoute { edge: e, points }
        })
        .collect();

    Layout {
        nodes: boxes.into_iter().take(n).collect(),
        edges,
        width,
        height,
        layers,
        crossings: best_crossings,
    }
}

/// Kahn's algorithm, smallest index first; nodes left in cycles follow in index order.
fn topological_order(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut indeg = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a < n && b < n && a != b {
            indeg[b] += 1;
            out[a].push(b);
        }
    }
    let mut ready = std::collections::BinaryHeap::new();
    for (v, &d) in indeg.iter().enumerate() {
        if d == 0 {
            ready.push(std::cmp::Reverse(v));
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut done = vec![false; n];
    while order.len() < n {
        let v = match ready.pop() {
            Some(std::cmp::Reverse(v)) => v,
            // A cycle: break it at the smallest remaining node.
            None => match (0..n).find(|&v| !done[v]) {
                Some(v) => v,
                None => break,
            },
        };
        if done[v] {
            continue;
        }
        done[v] = true;
        order.push(v);
        for &w in &out[v] {
            indeg[w] = indeg[w].saturating_sub(1);
            if indeg[w] == 0 && !done[w] {
                ready.push(std::cmp::Reverse(w));
            }
        }
    }
    order
}

/// Reorders `row` by the mean position of each node's neighbours in the adjacent layer;
/// nodes without neighbours keep their place.
fn sort_by_barycentre(row: &mut [usize], neighbours: &[Vec<usize>], pos: &[usize]) {
    let mut keyed: Vec<(f64, usize, usize)> = row
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let nb = &neighbours[v];
            let key = if nb.is_empty() {
                i as f64
            } else {
                nb.iter().map(|&u| pos[u] as f64).sum::<f64>() / nb.len() as f64
            };
            (key, i, v)
        })
        .collect();
    sort::sort_by(&mut keyed, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (slot, (_, _, v)) in row.iter_mut().zip(keyed) {
        *slot = v;
    }
}

/// Gansner's "transpose" step: swaps neighbours in a layer while that removes crossings
/// with both adjacent layers. A few passes; each pass is linear in the layer's edges.
fn transpose(
    rows: &mut [Vec<usize>],
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
    pos: &mut [usize],
) {
    // Crossings between the edges of `u` and `v` (u left of v) towards one adjacent layer.
    let pair = |u: usize, v: usize, nb: &[Vec<usize>], pos: &[usize]| -> (usize, usize) {
        let (mut keep, mut swap) = (0, 0);
        for &a in &nb[u] {
            for &b in &nb[v] {
                if pos[a] > pos[b] {
                    keep += 1;
                } else if pos[a] < pos[b] {
                    swap += 1;
                }
            }
        }
        (keep, swap)
    };
    for _ in 0..4 {
        let mut improved = false;
        for row in rows.iter_mut() {
            for i in 0..row.len().saturating_sub(1) {
                let (u, v) = (row[i], row[i + 1]);
                let (k1, s1) = pair(u, v, preds, pos);
                let (k2, s2) = pair(u, v, succs, pos);
                if s1 + s2 < k1 + k2 {
                    row.swap(i, i + 1);
                    pos[u] = i + 1;
                    pos[v] = i;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between every pair of adjacent layers.
fn count_all_crossings(rows: &[Vec<usize>], succs: &[Vec<usize>], pos: &[usize]) -> usize {
    rows.iter()
        .map(|row| {
            let mut pairs: Vec<(usize, usize)> = row
                .iter()
                .flat_map(|&v| succs[v].iter().map(move |&w| (pos[v], pos[w])))
                .collect();
            count_crossings(&mut pairs)
        })
        .sum()
}

/// Counts crossing pairs among edges given as (upper position, lower position): the
/// inversions of the lower positions after sorting by upper, with a Fenwick tree.
pub fn count_crossings(pairs: &mut [(usize, usize)]) -> usize {
    sort::sort(pairs);
    let size = pairs.iter().map(|p| p.1 + 1).max().unwrap_or(0);
    let mut tree = vec![0usize; size + 1];
    let mut crossings = 0usize;
    for (seen, &(_, b)) in pairs.iter().enumerate() {
        // Edges seen so far that end strictly below b cross this one.
        let mut i = b + 1;
        let mut not_greater = 0;
        while i > 0 {
            not_greater += tree[i];
            i -= i & i.wrapping_neg();
        }
        crossings += seen - not_greater;
        let mut i = b + 1;
        while i <= size {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    crossings
}

/// Places nodes (in this order, with these heights) as close as possible to the desired
/// centres in the least-squares sense, keeping `gap` between neighbours: pool adjacent
/// violators on the centres shifted by the minimum offsets.
fn place_in_order(desired: &[f64], heights: &[f64], gap: f64) -> Vec<f64> {
    let k = desired.len();
    let mut offset = vec![0f64; k];
    for i in 1..k {
        offset[i] = offset[i - 1] + (heights[i - 1] + heights[i]) / 2.0 + gap;
    }
    // Blocks of (sum, count) whose means must be non-decreasing.
    let mut blocks: Vec<(f64, usize)> = Vec::with_capacity(k);
    for i in 0..k {
        blocks.push((desired[i] - offset[i], 1));
        while blocks.len() > 1 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f64 > s2 / c2 as f64 {
                blocks.pop();
                if let Some(last) = blocks.last_mut() {
                    *last = (s1 + s2, c1 + c2);
                }
            } else {
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(k);
    for (s, c) in blocks {
        let mean = s / c as f64;
        for _ in 0..c {
            let i = out.len();
            out.push(mean + offset[i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(n: usize, edges: &[(usize, usize)]) -> LayoutInput {
        LayoutInput {
            sizes: vec![(100.0, 40.0); n],
            edges: edges.to_vec(),
        }
    }

    #[test]
    fn counts_a_single_crossing() {
        assert_eq!(count_crossings(&mut [(0, 1), (1, 0)]), 1);
        assert_eq!(count_crossings(&mut [(0, 0), (1, 1)]), 0);
        assert_eq!(count_crossings(&mut [(0, 2), (1, 1), (2, 0)]), 3);
    }

    #[test]
    fn placement_keeps_order_and_gaps() {
        let y = place_in_order(&[10.0, 10.0, 10.0], &[20.0, 20.0, 20.0], 5.0);
        assert!((y[1] - y[0] - 25.0).abs() < 1e-9 && (y[2] - y[1] - 25.0).abs() < 1e-9);
        assert!((y[1] - 10.0).abs() < 1e-9, "centred on the target: {y:?}");
    }

    #[test]
    fn a_chain_goes_left_to_right() {
        let l = layout(&input(3, &[(0, 1), (1, 2)]), &LayoutOptions::default());
        assert_eq!(l.layers, 3);
        assert!(l.nodes[0].x < l.nodes[1].x && l.nodes[1].x < l.nodes[2].x);
        assert_eq!(l.crossings, 0);
    }

    #[test]
    fn a_cycle_does_not_hang() {
        let l = layout(
            &input(3, &[(0, 1), (1, 2), (2, 0)]),
            &LayoutOptions::default(),
        );
        assert_eq!(l.nodes.len(), 3);
        assert_eq!(l.edges.len(), 3);
    }
}
