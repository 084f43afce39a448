//! Target plans: which stages `docker build --target X` builds, in which order and waves,
//! and which it skips and why, for BuildKit and for the legacy builder.

use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::errors;
use super::failure::Failure;
use super::graph::{Edge, dependencies};
use super::sort;
use super::span::Span;
use super::stages::{Stage, find_stage_by_name};
use super::suggest::closest_name;

/// The builder whose behaviour is simulated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Builder {
    #[default]
    BuildKit,
    Legacy,
}

impl Builder {
    pub fn as_str(self) -> &'static str {
        match self {
            Builder::BuildKit => "buildkit",
            Builder::Legacy => "legacy",
        }
    }
}

/// A stage that is not built, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub stage: usize,
    pub reason: String,
}

/// What one builder does for one target.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TargetPlan {
    pub builder: Builder,
    /// The target stage; `None` when the Dockerfile has no stage or the target is unknown.
    pub target: Option<usize>,
    /// Built stages, in the order the builder finishes them.
    pub built: Vec<usize>,
    /// BuildKit: groups of stages that can build in parallel, in dependency order.
    /// Legacy: one stage per wave.
    pub waves: Vec<Vec<usize>>,
    pub skipped: Vec<Skipped>,
    /// The error that fails this build, if any (see `failure`); set at the end of `analyze`.
    pub failure: Option<Failure>,
}

/// Plans the build of `target` with `builder` (rules 9–10 of docs/semantics.md). `on_cycle` marks the
/// stages on a dependency cycle (from `graph::find_cycles`); they cannot be scheduled.
pub fn plan_target(
    stages: &[Stage],
    edges: &[Edge],
    on_cycle: &[bool],
    target: Option<usize>,
    builder: Builder,
) -> TargetPlan {
    let mut plan = TargetPlan {
        builder,
        target,
        ..TargetPlan::default()
    };
    let Some(target) = target.filter(|&t| t < stages.len()) else {
        return plan;
    };
    let target_name = stages
        .get(target)
        .map(Stage::display_name)
        .unwrap_or_default();
    match builder {
        Builder::Legacy => {
            plan.built = (0..=target).collect();
            plan.waves = plan.built.iter().map(|&s| vec![s]).collect();
            for s in target + 1..stages.len() {
                plan.skipped.push(Skipped {
                    stage: s,
                    reason: format!("after the target `{target_name}`"),
                });
            }
        }
        Builder::BuildKit => {
            let n = stages.len();
            let deps = dependencies(n, edges);
            // Reachability from the target through dependency edges, without recursion.
            let mut needed = vec![false; n];
            let mut stack = vec![target];
            while let Some(s) = stack.pop() {
                if std::mem::replace(&mut needed[s], true) {
                    continue;
                }
                for &d in &deps[s] {
                    if !needed[d] {
                        stack.push(d);
                    }
                }
            }
            // Waves: Kahn's algorithm over the needed stages, one layer at a time, so a
            // stage's wave is one more than the deepest stage it depends on.
            let mut pending = vec![0usize; n];
            let mut dependents = vec![Vec::new(); n];
            for s in (0..n).filter(|&s| needed[s]) {
                for &d in &deps[s] {
                    pending[s] += 1;
                    dependents[d].push(s);
                }
            }
            let mut layer: Vec<usize> = (0..n).filter(|&s| needed[s] && pending[s] == 0).collect();
            let mut scheduled = vec![false; n];
            while !layer.is_empty() {
                sort::sort(&mut layer);
                let mut next = Vec::new();
                for &s in &layer {
                    scheduled[s] = true;
                    for &t in &dependents[s] {
                        pending[t] -= 1;
                        if pending[t] == 0 {
                            next.push(t);
                        }
                    }
                }
                plan.waves.push(std::mem::replace(&mut layer, next));
            }
            plan.built = plan.waves.iter().flatten().copied().collect();
            for s in 0..n {
                if !needed[s] {
                    plan.skipped.push(Skipped {
                        stage: s,
                        reason: format!("not needed by target `{target_name}`"),
                    });
                } else if !scheduled[s] {
                    let reason = if on_cycle.get(s) == Some(&true) {
                        "part of a dependency cycle".to_string()
                    } else {
                        "depends on a dependency cycle".to_string()
                    };
                    plan.skipped.push(Skipped { stage: s, reason });
                }
            }
        }
    }
    plan
}

/// The stage `--target` names (case-insensitively), or the last stage without one; an
/// unknown name is an `UnknownTarget` error with the closest stage name as a hint.
pub fn resolve_target(
    stages: &[Stage],
    target: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    match target {
        None => stages.len().checked_sub(1),
        Some(name) => match find_stage_by_name(stages, name) {
            Some(i) => Some(i),
            None => {
                let names = stages.iter().filter_map(|s| s.name.as_deref());
                let hint = match closest_name(&name.to_ascii_lowercase(), names) {
                    Some(n) => format!("; did you mean \"{n}\"?"),
                    None => String::new(),
                };
                diagnostics.push(Diagnostic::new(
                    &errors::UNKNOWN_TARGET,
                    Span::point(0),
                    format!("target stage \"{name}\" could not be found{hint}"),
                ));
                None
            }
        },
    }
}
