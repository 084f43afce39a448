//! The words the Build plan and Step through views use: a stage's name, the one-line
//! difference between BuildKit and the legacy builder, and where the build fails.

use crate::analysis::{Analysis, Builder, Phase, TargetPlan};

/// A stage's name as the page shows it (`stage-N` for an index the analysis lacks).
pub fn stage_name(a: &Analysis, s: usize) -> String {
    a.stages
        .get(s)
        .map(|s| s.display_name())
        .unwrap_or_else(|| format!("stage-{s}"))
}

/// The one-line difference between the chosen builder and the other one.
pub fn builder_difference(a: &Analysis) -> String {
    let (bk, legacy) = match a.plan.builder {
        Builder::BuildKit => (&a.plan, &a.other_plan),
        Builder::Legacy => (&a.other_plan, &a.plan),
    };
    let extra: Vec<String> = legacy
        .built
        .iter()
        .filter(|s| !bk.built.contains(s))
        .map(|&s| format!("`{}`", stage_name(a, s)))
        .collect();
    let stages = if extra.is_empty() {
        "BuildKit and the legacy builder build the same stages for this target.".to_string()
    } else {
        let n = extra.len();
        let list = if n > 6 {
            format!("{}, … ({} more)", extra[..6].join(", "), n - 6)
        } else {
            extra.join(", ")
        };
        format!(
            "Legacy builds {n} more stage{}: {list}.",
            if n == 1 { "" } else { "s" }
        )
    };
    // Whether the other builder fails differs more than which stages it builds.
    let other_name = match a.other_plan.builder {
        Builder::BuildKit => "BuildKit",
        Builder::Legacy => "The legacy builder",
    };
    match (&a.plan.failure, &a.other_plan.failure) {
        (Some(_), None) => format!("{stages} {other_name} would not fail."),
        (None, Some(f)) => format!("{stages} {other_name} would fail at line {}.", f.line),
        _ => stages,
    }
}

/// Where the build of `plan` fails, as one sentence with the stage and line in backticks
/// (rich text); `None` when it succeeds.
pub fn failure_headline(a: &Analysis, plan: &TargetPlan) -> Option<String> {
    let f = plan.failure.as_ref()?;
    let builder = match plan.builder {
        Builder::BuildKit => "BuildKit",
        Builder::Legacy => "The legacy builder",
    };
    Some(match f.stage {
        Some(s) => format!(
            "{builder} fails at line {}, in stage `{}`.",
            f.line,
            stage_name(a, s)
        ),
        None if f.line == 0 || f.phase == Phase::Target => {
            format!("{builder} fails before it builds any stage.")
        }
        None => format!("{builder} fails at line {}.", f.line),
    })
}

/// The Final image's one line about a failing build: where, or that it fails before any
/// stage.
pub fn no_image(plan: &TargetPlan) -> Option<String> {
    let f = plan.failure.as_ref()?;
    Some(if f.line == 0 || f.phase == Phase::Target {
        "No image: the build fails before it builds any stage.".to_string()
    } else {
        format!("No image: the build fails at line {}.", f.line)
    })
}

/// Why an error counts although its stage is not built, or `None` when it is built (or the
/// error is in no stage).
pub fn failure_note(plan: &TargetPlan) -> Option<&'static str> {
    let f = plan.failure.as_ref()?;
    let s = f.stage?;
    if plan.built.contains(&s) {
        return None;
    }
    Some(match f.phase {
        Phase::Parse => {
            "The whole Dockerfile is read before anything is built, so this fails the build although the stage is not built."
        }
        Phase::Instructions => {
            "BuildKit parses every instruction of every stage before it builds any, so this fails the build although the stage is not built."
        }
        Phase::Stages => {
            "BuildKit expands every FROM before it builds any stage, so this fails the build although the stage is not built."
        }
        Phase::Graph => {
            "BuildKit resolves every COPY --from of every stage before it builds any, so this fails the build although the stage is not built."
        }
        _ => "This fails the build although the stage is not built.",
    })
}
