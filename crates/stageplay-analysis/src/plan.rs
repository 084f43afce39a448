//! Target plans: which stages `docker build --target X` builds, in which order and waves,
//! and which it skips and why, for BuildKit and for the legacy builder.

use serde::Serialize;

use super::diagnostic::{Diagnostic, Edit, Fix};
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

impl TargetPlan {
    /// Per stage of `stages`: whether this plan builds it (one pass over `built`, not a
    /// search per stage).
    pub fn built_flags(&self, stages: usize) -> Vec<bool> {
        let mut flags = vec![false; stages];
        for &s in &self.built {
            if let Some(f) = flags.get_mut(s) {
                *f = true;
            }
        }
        flags
    }
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
                    reason: ["after the target `", &target_name, "`"].concat(),
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
                        // One per skipped stage: joined without the formatting machinery.
                        reason: ["not needed by target `", &target_name, "`"].concat(),
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
/// unknown name is an `UnknownTarget` error with the closest stage name as a hint. BuildKit
/// looks the target up among the `AS` names only (`dispatchStates.findStateByName` in
/// `dockerfile2llb/convert.go`), so `stage-0` and `0` name no stage: when they point at an
/// unnamed stage the error says why and carries the fix, naming the stage.
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
                if let Some(i) = unnamed_stage_called(stages, name) {
                    let fix = name_stage_fix(stages, i);
                    let d = Diagnostic::new(
                        &errors::UNKNOWN_TARGET,
                        Span::point(0),
                        format!(
                            "target stage \"{name}\" could not be found: stage {i} has no name, and \
                             BuildKit can only build a stage named with `AS <name>` as a target"
                        ),
                    );
                    diagnostics.push(match fix {
                        Some(fix) => d.with_fix(fix),
                        None => d,
                    });
                    return None;
                }
                let names = stages.iter().filter_map(|s| s.name.as_deref());
                let closest = closest_name(&name.to_ascii_lowercase(), names);
                let hint = match closest {
                    Some(n) => format!("; did you mean \"{n}\"?"),
                    None => String::new(),
                };
                let d = Diagnostic::new(
                    &errors::UNKNOWN_TARGET,
                    Span::point(0),
                    format!("target stage \"{name}\" could not be found{hint}"),
                );
                // The fix changes the option, not the text.
                diagnostics.push(match closest {
                    Some(n) => d.with_fix(Fix {
                        title: format!("Build `{n}`"),
                        edits: Vec::new(),
                        target: Some(n.to_string()),
                    }),
                    None => d,
                });
                None
            }
        },
    }
}

/// The unnamed stage that `name` would mean if BuildKit accepted `stage-N` or `N` as a
/// target: what the page calls it, or its index.
pub fn unnamed_stage_called(stages: &[Stage], name: &str) -> Option<usize> {
    let lower = name.to_ascii_lowercase();
    let digits = lower.strip_prefix("stage-").unwrap_or(&lower);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 9 {
        return None;
    }
    let i: usize = digits.parse().ok()?;
    stages.get(i).filter(|s| s.name.is_none()).map(|s| s.index)
}

/// The fix that makes unnamed stage `i` a target: ` AS <name>` after its base image, and
/// that name as the target. The name is `builder` (`final` for the last stage), with a
/// number added when a stage has it already.
pub fn name_stage_fix(stages: &[Stage], i: usize) -> Option<Fix> {
    let stage = stages.get(i).filter(|s| s.name.is_none())?;
    let stem = if i + 1 == stages.len() {
        "final"
    } else {
        "builder"
    };
    let taken: rustc_hash::FxHashSet<&str> =
        stages.iter().filter_map(|s| s.name.as_deref()).collect();
    // At most `stages.len()` names are taken, so one of the first `len + 1` is free.
    let name = (1..=stages.len() + 1)
        .map(|n| {
            if n == 1 {
                stem.to_string()
            } else {
                format!("{stem}-{n}")
            }
        })
        .find(|n| !taken.contains(n.as_str()))?;
    Some(Fix {
        title: format!("Name it `AS {name}`"),
        edits: vec![Edit {
            span: Span::point(stage.base_span.end),
            text: format!(" AS {name}"),
        }],
        target: Some(name),
    })
}

#[cfg(test)]
mod tests {
    use crate::{Options, analyze};

    fn fixed(text: &str, target: &str) -> (String, Option<String>) {
        let a = analyze(
            text,
            &Options {
                target: Some(target.into()),
                ..Options::default()
            },
        );
        let fix = a.diagnostics.iter().find_map(|d| d.fix.as_deref()).unwrap();
        let (span, with) = fix.apply(text).unwrap();
        let mut out = text.to_string();
        out.replace_range(span.start..span.end, &with);
        (out, fix.target.clone())
    }

    #[test]
    fn an_unnamed_target_is_fixed_by_naming_the_stage_and_targeting_the_name() {
        let text = "FROM --platform=$BUILDPLATFORM golang:1.22\nRUN go build\nFROM alpine\n";
        let (out, target) = fixed(text, "stage-0");
        assert_eq!(
            out,
            "FROM --platform=$BUILDPLATFORM golang:1.22 AS builder\nRUN go build\nFROM alpine\n"
        );
        assert_eq!(target.as_deref(), Some("builder"));
        let a = analyze(
            &out,
            &Options {
                target: target.clone(),
                ..Options::default()
            },
        );
        assert_eq!(a.plan.target, Some(0));
    }

    #[test]
    fn the_fixs_name_is_one_no_stage_has() {
        let text = "FROM alpine AS builder\nFROM alpine\nFROM alpine AS builder-2\nFROM alpine\n";
        assert_eq!(fixed(text, "1").1.as_deref(), Some("builder-3"));
        assert_eq!(fixed(text, "stage-3").1.as_deref(), Some("final"));
    }

    #[test]
    fn a_named_stage_or_a_missing_index_gets_no_fix() {
        let a = analyze(
            "FROM alpine AS a\nFROM alpine\n",
            &Options {
                target: Some("stage-0".into()),
                ..Options::default()
            },
        );
        assert!(a.diagnostics.iter().all(|d| d.fix.is_none()));
        assert!(super::unnamed_stage_called(&a.stages, "stage-7").is_none());
        assert!(super::unnamed_stage_called(&a.stages, "stage-").is_none());
        assert_eq!(super::unnamed_stage_called(&a.stages, "STAGE-1"), Some(1));
    }
}
