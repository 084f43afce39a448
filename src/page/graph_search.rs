//! Finding stages in the drawn graph by name, and the part of the graph one stage needs
//! (its focus): the queries behind the graph's search field and its Focus button.

use crate::analysis::sort;

use super::graph_svg::{GraphModel, GraphNodeKind};

/// The stage nodes whose name contains `query` (ignoring ASCII case: BuildKit's stage names
/// are lowercase ASCII), best first: the exact name, then names that start with it, then
/// the rest, each in file order. Empty for an empty query.
pub fn find_stages(model: &GraphModel, query: &str) -> Vec<usize> {
    let q = query.trim().to_ascii_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, usize)> = model
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n.kind, GraphNodeKind::Stage(_)))
        .filter_map(|(i, n)| {
            let name = n.title.to_ascii_lowercase();
            let rank = if name == q {
                0
            } else if name.starts_with(&q) {
                1
            } else if name.contains(&q) {
                2
            } else {
                return None;
            };
            Some((rank, i))
        })
        .collect();
    // The one shared sort (`analysis::sort`) keeps the wasm small.
    sort::sort_by_key(&mut found, |&(rank, i)| (rank, i));
    found.into_iter().map(|(_, i)| i).collect()
}

/// The node that draws stage `stage`, if the page draws it.
pub fn node_of_stage(model: &GraphModel, stage: usize) -> Option<usize> {
    model
        .nodes
        .iter()
        .position(|n| n.kind == GraphNodeKind::Stage(stage))
}

/// Which nodes `node` needs, itself included: every node an edge path leads from to it
/// (its bases, the stages it copies or mounts from, and theirs). A work list, not
/// recursion, so a long chain of stages costs no stack; cycles end when every node is seen.
pub fn needs(model: &GraphModel, node: usize) -> Vec<bool> {
    let n = model.nodes.len();
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &model.edges {
        if let Some(list) = into.get_mut(e.to) {
            list.push(e.from);
        }
    }
    let mut seen = vec![false; n];
    let mut work = Vec::new();
    if node < n {
        seen[node] = true;
        work.push(node);
    }
    while let Some(v) = work.pop() {
        for &u in into.get(v).into_iter().flatten() {
            if let Some(s) = seen.get_mut(u)
                && !*s
            {
                *s = true;
                work.push(u);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};

    fn model(text: &str) -> GraphModel {
        GraphModel::from_analysis(&analyze(text, &Options::default()))
    }

    fn titles(m: &GraphModel, nodes: &[usize]) -> Vec<String> {
        nodes.iter().map(|&i| m.nodes[i].title.clone()).collect()
    }

    #[test]
    fn the_exact_name_comes_first_then_prefixes_then_the_rest() {
        let m = model(
            "FROM alpine AS tool-build\nFROM alpine AS build\nFROM alpine AS builder\nFROM alpine AS x\n",
        );
        assert_eq!(
            titles(&m, &find_stages(&m, " BUILD ")),
            ["build", "builder", "tool-build"]
        );
        assert!(find_stages(&m, "").is_empty());
        assert!(find_stages(&m, "nosuch").is_empty());
        // Images are not stages: searching "alpine" finds none.
        assert!(find_stages(&m, "alpine").is_empty());
    }

    #[test]
    fn a_stage_needs_its_bases_and_what_it_copies_from_and_nothing_downstream() {
        let m = model(
            "FROM golang AS base\nFROM base AS build\nFROM alpine AS other\n\
             FROM scratch AS final\nCOPY --from=build /app /app\n",
        );
        let final_node = node_of_stage(&m, 3).unwrap();
        let need = needs(&m, final_node);
        let mut kept: Vec<String> = titles(
            &m,
            &(0..m.nodes.len()).filter(|&i| need[i]).collect::<Vec<_>>(),
        );
        kept.sort();
        assert_eq!(kept, ["base", "build", "final", "golang", "scratch"]);
        let base = needs(&m, node_of_stage(&m, 0).unwrap());
        assert_eq!(base.iter().filter(|&&b| b).count(), 2, "base and golang");
        assert_eq!(needs(&m, 999), vec![false; m.nodes.len()]);
    }
}
