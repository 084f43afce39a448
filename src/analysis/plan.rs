//! Target plans: which stages `docker build --target X` builds, in which order and waves,
//! and which it skips and why, for BuildKit and for the legacy builder.

use serde::Serialize;

use super::graph::{Edge, Node};
use super::stages::Stage;

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
}

/// Plans the build of `target` with `builder`.
pub fn plan_target(
    stages: &[Stage],
    edges: &[Edge],
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
    let target_name = stages[target].display_name();
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
            // Reachability from the target through dependency edges, without recursion.
            let mut needed = vec![false; stages.len()];
            let mut stack = vec![target];
            while let Some(s) = stack.pop() {
                if std::mem::replace(&mut needed[s], true) {
                    continue;
                }
                for e in edges.iter().filter(|e| e.to == s) {
                    if let Node::Stage { stage } = e.from
                        && stage < stages.len()
                        && !needed[stage]
                    {
                        stack.push(stage);
                    }
                }
            }
            // Waves: a stage's wave is one more than the deepest stage it depends on.
            let mut wave = vec![0usize; stages.len()];
            for s in 0..stages.len() {
                if !needed[s] {
                    continue;
                }
                for e in edges.iter().filter(|e| e.to == s) {
                    if let Node::Stage { stage } = e.from
                        && stage < s
                    {
                        wave[s] = wave[s].max(wave[stage] + 1);
                    }
                }
            }
            let max_wave = (0..stages.len())
                .filter(|&s| needed[s])
                .map(|s| wave[s])
                .max()
                .unwrap_or(0);
            plan.waves = (0..=max_wave)
                .map(|w| {
                    (0..stages.len())
                        .filter(|&s| needed[s] && wave[s] == w)
                        .collect::<Vec<_>>()
                })
                .filter(|w| !w.is_empty())
                .collect();
            plan.built = plan.waves.iter().flatten().copied().collect();
            for s in (0..stages.len()).filter(|&s| !needed[s]) {
                plan.skipped.push(Skipped {
                    stage: s,
                    reason: format!("not needed by target `{target_name}`"),
                });
            }
        }
    }
    plan
}
