//! The words the Build plan and Step through views use: a stage's name, the one-line
//! difference between BuildKit and the legacy builder, where the build fails, and the note on a
//! target that names no stage.

use crate::analysis::errors::UNKNOWN_TARGET;
use crate::analysis::plan::name_stage_fix;
use crate::analysis::{Analysis, Builder, Fix, Phase, TargetPlan};

use super::i18n::Messages;

/// A stage's name as the page shows it (`stage-N` for an index the analysis lacks).
pub fn stage_name(a: &Analysis, s: usize) -> String {
    a.stages
        .get(s)
        .map(|s| s.display_name())
        .unwrap_or_else(|| format!("stage-{s}"))
}

/// The one-line difference between the chosen builder and the other one.
pub fn builder_difference(m: &Messages, a: &Analysis) -> String {
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
        m.t("plan-same-stages")
    } else {
        let n = extra.len();
        let list = if n > 6 {
            m.f(
                "plan-list-more",
                &[
                    ("list", extra[..6].join(", ").as_str().into()),
                    ("n", (n - 6).into()),
                ],
            )
        } else {
            extra.join(", ")
        };
        m.f(
            "plan-legacy-more",
            &[("n", n.into()), ("list", list.as_str().into())],
        )
    };
    // Whether the other builder fails differs more than which stages it builds.
    let other = builder_key(a.other_plan.builder);
    match (&a.plan.failure, &a.other_plan.failure) {
        (Some(_), None) => m.f(
            "plan-other-would-not-fail",
            &[
                ("stages", stages.as_str().into()),
                ("builder", other.into()),
            ],
        ),
        (None, Some(f)) => m.f(
            "plan-other-would-fail",
            &[
                ("stages", stages.as_str().into()),
                ("builder", other.into()),
                ("line", f.line.into()),
            ],
        ),
        _ => stages,
    }
}

/// Where the build of `plan` fails, as one sentence with the stage and line in backticks
/// (rich text); `None` when it succeeds, and for a target that names no stage, which the
/// note above the views explains with its fix ([`target_note`]).
pub fn failure_headline(m: &Messages, a: &Analysis, plan: &TargetPlan) -> Option<String> {
    let f = plan.failure.as_ref().filter(|f| f.phase != Phase::Target)?;
    let builder = builder_key(plan.builder);
    Some(match f.stage {
        Some(s) => m.f(
            "plan-fails-in-stage",
            &[
                ("builder", builder.into()),
                ("line", f.line.into()),
                ("stage", stage_name(a, s).as_str().into()),
            ],
        ),
        None if f.line == 0 || f.phase == Phase::Target => {
            m.f("plan-fails-before", &[("builder", builder.into())])
        }
        None => m.f(
            "plan-fails-at",
            &[("builder", builder.into()), ("line", f.line.into())],
        ),
    })
}

/// The Final image's one line about a failing build: where, or that it fails before any
/// stage.
pub fn no_image(m: &Messages, plan: &TargetPlan) -> Option<String> {
    let f = plan.failure.as_ref()?;
    Some(if f.line == 0 || f.phase == Phase::Target {
        m.t("image-none-before")
    } else {
        m.f("image-none-at", &[("line", f.line.into())])
    })
}

/// Why an error counts although its stage is not built, or `None` when it is built (or the
/// error is in no stage).
pub fn failure_note(m: &Messages, plan: &TargetPlan) -> Option<String> {
    let f = plan.failure.as_ref()?;
    let s = f.stage?;
    if plan.built.contains(&s) {
        return None;
    }
    Some(m.t(match f.phase {
        Phase::Parse => "plan-note-parse",
        Phase::Instructions => "plan-note-instructions",
        Phase::Stages => "plan-note-stages",
        Phase::Graph => "plan-note-graph",
        _ => "plan-note-other",
    }))
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
pub fn target_note(m: &Messages, a: &Analysis, naming: Option<usize>) -> Option<TargetNote> {
    if let Some(i) = naming.filter(|&i| a.stages.get(i).is_some_and(|s| s.name.is_none())) {
        return Some(TargetNote {
            message: m.f("target-note-unnamed", &[("index", i.into())]),
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
pub fn nothing_built(m: &Messages, a: &Analysis) -> String {
    if a.stages.is_empty() {
        m.t("plan-no-stage")
    } else {
        m.t("plan-nothing-built")
    }
}

/// The selector value of a builder in messages (`{ $builder -> [buildkit] … }`).
pub fn builder_key(b: Builder) -> &'static str {
    b.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};

    const TWO: &str = "FROM golang:1.22\nFROM alpine\nCOPY --from=0 /app /app\n";

    #[test]
    fn picking_an_unnamed_stage_explains_and_offers_the_name() {
        let a = analyze(TWO, &Options::default());
        let m = Messages::english();
        let note = target_note(&m, &a, Some(0)).unwrap();
        assert!(
            note.message.contains("`stage-0` has no name"),
            "{}",
            note.message
        );
        let fix = note.fix.unwrap();
        assert_eq!(fix.title, "Name it `AS builder`");
        assert_eq!(fix.target.as_deref(), Some("builder"));
        assert!(target_note(&m, &a, None).is_none());
        assert!(target_note(&m, &a, Some(7)).is_none());
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
        let m = Messages::english();
        let note = target_note(&m, &a, None).unwrap();
        assert!(
            note.message.contains("stage 0 has no name"),
            "{}",
            note.message
        );
        assert!(note.fix.is_some() && !note.dismissable);
        // The build fails at the target, and the note says why: the views do not repeat it.
        assert!(a.plan.failure.is_some());
        assert!(failure_headline(&m, &a, &a.plan).is_none());
        assert!(!nothing_built(&m, &a).contains("FROM line"));
        assert!(nothing_built(&m, &analyze("", &Options::default())).contains("FROM line"));
    }
}
