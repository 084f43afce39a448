//! The words the Build plan and Step through views use: a stage's name, the one-line
//! difference between BuildKit and the legacy builder, where the build fails, and the note on a
//! target that names no stage.

use crate::analysis::errors::UNKNOWN_TARGET;
use crate::analysis::plan::name_stage_fix;
use crate::analysis::{Analysis, Builder, Fix, Phase, TargetPlan};

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
/// (rich text); `None` when it succeeds, and for a target that names no stage, which the
/// note above the views explains with its fix ([`target_note`]).
pub fn failure_headline(a: &Analysis, plan: &TargetPlan) -> Option<String> {
    let f = plan.failure.as_ref().filter(|f| f.phase != Phase::Target)?;
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

/// What the output pane says above the views when the target cannot be built: why, and the
/// fix when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetNote {
    pub message: String,
    pub fix: Option<Fix>,
    /// True for the note on a stage the user tried to pick, which they can close; the note
    /// on the target option itself stays until the target changes.
    pub dismissable: bool,
}

/// The note on the target: the unnamed stage `naming` the user tried to make the target
/// (BuildKit only targets `AS` names: `findStateByName` in `dockerfile2llb/convert.go`), else
/// the `UnknownTarget` error of the analysis, if any.
pub fn target_note(a: &Analysis, naming: Option<usize>) -> Option<TargetNote> {
    if let Some(i) = naming.filter(|&i| a.stages.get(i).is_some_and(|s| s.name.is_none())) {
        return Some(TargetNote {
            message: format!(
                "`stage-{i}` has no name, so it cannot be a target: BuildKit's `--target` only \
                 takes a name given with `FROM … AS <name>`."
            ),
            fix: name_stage_fix(&a.stages, i),
            dismissable: true,
        });
    }
    if a.plan.target.is_some() {
        return None;
    }
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.rule == UNKNOWN_TARGET.name)?;
    Some(TargetNote {
        message: format!("{}.", d.message.trim_end_matches('.')),
        fix: d.fix.as_deref().cloned(),
        dismissable: false,
    })
}

/// What a view says when no stage is built: the target note above explains an unknown target.
pub fn nothing_built(a: &Analysis) -> &'static str {
    if a.stages.is_empty() {
        "No stage to build: add a FROM line."
    } else {
        "Nothing is built: the target names no stage BuildKit can build (see the note above)."
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};

    const TWO: &str = "FROM golang:1.22\nFROM alpine\nCOPY --from=0 /app /app\n";

    #[test]
    fn picking_an_unnamed_stage_explains_and_offers_the_name() {
        let a = analyze(TWO, &Options::default());
        let note = target_note(&a, Some(0)).unwrap();
        assert!(
            note.message.contains("`stage-0` has no name"),
            "{}",
            note.message
        );
        let fix = note.fix.unwrap();
        assert_eq!(fix.title, "Name it `AS builder`");
        assert_eq!(fix.target.as_deref(), Some("builder"));
        assert!(target_note(&a, None).is_none());
        assert!(target_note(&a, Some(7)).is_none());
    }

    #[test]
    fn an_unnamed_stage_as_the_target_says_why_and_never_asks_for_a_from_line() {
        let a = analyze(
            TWO,
            &Options {
                target: Some("stage-0".into()),
                ..Options::default()
            },
        );
        let note = target_note(&a, None).unwrap();
        assert!(
            note.message.contains("stage 0 has no name"),
            "{}",
            note.message
        );
        assert!(note.fix.is_some() && !note.dismissable);
        // The build fails at the target, and the note says why: the views do not repeat it.
        assert!(a.plan.failure.is_some());
        assert!(failure_headline(&a, &a.plan).is_none());
        assert!(!nothing_built(&a).contains("FROM line"));
        assert!(nothing_built(&analyze("", &Options::default())).contains("FROM line"));
    }
}
