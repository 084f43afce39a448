//! The build failure: which error diagnostic stops `docker build` first, for one builder.
//!
//! Every pass reports errors as diagnostics and keeps going; this pass, run last, decides
//! which of them the chosen builder hits first, or that none fails the build because it
//! sits in a stage the builder never builds. When an error counts follows BuildKit's order
//! of work (moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go`,
//! `toDispatchState`): the whole file is parsed, every instruction of every stage is parsed
//! (`instructions.Parse`), every FROM is expanded, the target is resolved, every COPY
//! `--from` is resolved (`toCommand`), and only then are the stages the target needs
//! dispatched, in file order; build checks turned into errors fail after that
//! (`finalizeResultImage`), and what only running the build can find (a missing COPY source,
//! a RUN without a shell) last. The legacy builder parses the file and its instructions the
//! same way, then builds every stage up to the target one after another, each from its FROM
//! (moby/moby `daemon/builder/dockerfile/builder.go`, `dispatchDockerfileWithCancellation`).

use serde::Serialize;

use crate::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::errors;
use crate::legacy;
use crate::parse::Keyword;
use crate::plan::{Builder, TargetPlan};
use crate::span::{Span, line_of};

/// When during a build an error stops it: an earlier phase fails first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Reading the file (`parser.Parse`): fails whatever the target.
    Parse,
    /// Parsing every instruction of every stage (`instructions.Parse`): flags, mounts,
    /// stage names. Fails even in a stage that is never built.
    Instructions,
    /// Expanding every FROM and the global ARGs (`buildDispatchStates`, `buildMetaArgs`).
    Stages,
    /// Finding the `--target` stage.
    Target,
    /// Resolving every `COPY --from` and looking for cycles (`toCommand`,
    /// `validateCircularDependency`).
    Graph,
    /// Converting an instruction of a stage the target needs (`dispatch`): expansion with
    /// `${VAR:?}`, and the legacy builder's refusals of BuildKit-only syntax.
    Dispatch,
    /// Build checks turned into errors by `# check=error=true` (`Linter.Error`); BuildKit only.
    Checks,
    /// Running the build: a COPY source that does not exist, a RUN with no shell.
    Solve,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Parse => "parse",
            Phase::Instructions => "instructions",
            Phase::Stages => "stages",
            Phase::Target => "target",
            Phase::Graph => "graph",
            Phase::Dispatch => "dispatch",
            Phase::Checks => "checks",
            Phase::Solve => "solve",
        }
    }

    /// True when an error of this phase fails the build even in a stage that is not built.
    pub fn fails_unbuilt(self) -> bool {
        self < Phase::Dispatch
    }
}

/// Where and why the build fails.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The rule of the error diagnostic that fails the build.
    pub rule: &'static str,
    /// BuildKit's message (for failed build checks: "lint violation found for rules: ...").
    pub message: String,
    pub span: Span,
    /// 1-based line of `span.start`; 0 when the error is not on a line of the Dockerfile
    /// (a `.dockerignore` pattern).
    pub line: usize,
    /// The stage the error is in; `None` outside every stage (a global ARG, the options).
    pub stage: Option<usize>,
    /// The instruction (index into `Analysis::instructions`) the error is in, if any.
    pub instruction: Option<usize>,
    pub phase: Phase,
}

/// THE table of when each error fails the build. A rule that is not listed is an error only
/// running the build finds ([`Phase::Solve`]: only in a built stage), unless it is one of
/// BuildKit's build checks, which an `error=true` check directive turns into errors
/// ([`Phase::Checks`]). A rule whose phase is `None` for a builder does not apply to it.
fn phase(rule: &str, builder: Builder) -> Option<Phase> {
    const TABLE: &[(&str, Phase)] = &[
        (errors::PARSE_ERROR.name, Phase::Parse),
        (errors::INVALID_STAGE_NAME.name, Phase::Instructions),
        (errors::INVALID_FLAG.name, Phase::Instructions),
        (errors::MOUNT_FROM_VARIABLE.name, Phase::Instructions),
        (errors::INVALID_BASE_NAME.name, Phase::Stages),
        ("InvalidPlatform", Phase::Stages),
        (errors::UNKNOWN_TARGET.name, Phase::Target),
        (errors::INVALID_STAGE_INDEX.name, Phase::Graph),
        (errors::COPY_FROM_VARIABLE.name, Phase::Graph),
        (errors::DEPENDENCY_CYCLE.name, Phase::Graph),
        // `dispatchCopy`: checked when the stage that copies is dispatched.
        ("CopyFromLaterStage", Phase::Dispatch),
        // Compiled in `dispatchStages` before the first stage is dispatched.
        ("InvalidDockerignorePattern", Phase::Dispatch),
        // `dispatch` expands each instruction; a FROM or a global ARG is expanded earlier.
        // `resolveStages` parses the triggers of the stages the target needs, before any
        // is dispatched.
        (errors::INVALID_ONBUILD_TRIGGER.name, Phase::Dispatch),
        (errors::REQUIRED_VARIABLE.name, Phase::Dispatch),
        (errors::UNTERMINATED_QUOTE.name, Phase::Dispatch),
        (errors::BAD_SUBSTITUTION.name, Phase::Dispatch),
        // `dispatchCopy` and `parseMount` with an expander (see `dispatch`).
        (errors::INVALID_CHMOD.name, Phase::Dispatch),
        (errors::INVALID_CHECKSUM.name, Phase::Dispatch),
        (errors::INVALID_MOUNT.name, Phase::Dispatch),
    ];
    // What only BuildKit checks, and what only the legacy builder refuses.
    const BUILDKIT_ONLY: &[&str] = &[
        errors::INVALID_CHMOD.name,
        errors::INVALID_CHECKSUM.name,
        errors::INVALID_MOUNT.name,
    ];
    // Errors of BuildKit's frontend that the legacy builder never meets: the check options
    // (`newRuleLinter`, before parsing) and `error=true` (`Linter.Error`), reported by the
    // build checks pass as these rules.
    const FRONTEND_ONLY: &[(&str, Phase)] = &[
        ("InvalidCheckOptions", Phase::Parse),
        ("LintViolation", Phase::Checks),
    ];
    if let Some(&(_, p)) = FRONTEND_ONLY.iter().find(|(name, _)| *name == rule) {
        return (builder == Builder::BuildKit).then_some(p);
    }
    match builder {
        Builder::Legacy if BUILDKIT_ONLY.contains(&rule) => return None,
        Builder::BuildKit if rule == legacy::REQUIRES_BUILDKIT.name => return None,
        Builder::Legacy if rule == legacy::REQUIRES_BUILDKIT.name => return Some(Phase::Dispatch),
        _ => {}
    }
    if let Some(&(_, p)) = TABLE.iter().find(|(name, _)| *name == rule) {
        return Some(p);
    }
    match crate::lint::rule(rule) {
        Some(r) if r.buildkit => (builder == Builder::BuildKit).then_some(Phase::Checks),
        _ => Some(Phase::Solve),
    }
}

/// The error `plan`'s builder hits first among `diagnostics` (error severity only), or
/// `None` when the build succeeds. `text` gives the failure its line.
pub fn first_failure<'d>(
    a: &Analysis,
    text: &str,
    plan: &TargetPlan,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
) -> Option<Failure> {
    let builder = plan.builder;
    let built = plan.built_flags(a.stages.len());
    let mut best: Option<((Phase, usize, usize), Failure)> = None;
    let mut checks: Vec<&'static str> = Vec::new();
    for d in diagnostics {
        if d.severity != Severity::Error {
            continue;
        }
        let Some(mut phase) = phase(d.rule, builder) else {
            continue;
        };
        if d.rule == errors::PARSE_ERROR.name && crate::parse::from_instructions_parse(&d.message) {
            phase = Phase::Instructions;
        }
        let whole_build =
            phase == Phase::Target || phase == Phase::Checks || WHOLE_BUILD.contains(&d.rule);
        let (stage, instruction) = if whole_build {
            (None, None)
        } else {
            (stage_at(a, d.span.start), instruction_at(a, d.span.start))
        };
        // A FROM (and a global ARG) is expanded with the other FROM lines, before any
        // stage is dispatched.
        let global = instruction
            .and_then(|i| a.instructions.get(i))
            .is_some_and(|i| i.keyword == Keyword::From)
            || (stage.is_none() && instruction.is_some());
        // A trigger's error sits on the FROM it fires at, but is met only for a stage
        // the target needs.
        if phase == Phase::Dispatch && global && d.rule != errors::INVALID_ONBUILD_TRIGGER.name {
            phase = Phase::Stages;
        }
        let check = crate::lint::rule(d.rule).is_some_and(|r| r.buildkit);
        if phase == Phase::Checks && check && !checks.contains(&d.rule) {
            checks.push(d.rule);
        }
        let counts = match builder {
            Builder::BuildKit => {
                phase.fails_unbuilt() || stage.is_none_or(|s| built.get(s) == Some(&true))
            }
            // The legacy builder expands a FROM when it reaches its stage.
            Builder::Legacy => {
                legacy_global(phase) || stage.is_none_or(|s| built.get(s) == Some(&true))
            }
        };
        if !counts {
            continue;
        }
        let key = match builder {
            Builder::BuildKit => (phase, d.span.start, d.span.end),
            // Past the target check, the legacy builder meets errors in file order, stage
            // after stage.
            Builder::Legacy if legacy_global(phase) => (phase, d.span.start, d.span.end),
            Builder::Legacy => (Phase::Dispatch, d.span.start, d.span.end),
        };
        if best.as_ref().is_none_or(|(k, _)| key < *k) {
            best = Some((
                key,
                Failure {
                    rule: d.rule,
                    message: d.message.clone(),
                    span: d.span,
                    line: 0,
                    stage,
                    instruction,
                    phase,
                },
            ));
        }
    }
    let mut failure = best.map(|(_, f)| f)?;
    if failure.phase == Phase::Checks && !checks.is_empty() && checks.contains(&failure.rule) {
        // BuildKit lists every rule that fired (in the order of a Go map: any order).
        failure.message = format!("lint violation found for rules: {}", checks.join(", "));
    }
    // `.dockerignore` errors have no line in the Dockerfile.
    failure.line = if failure.rule == "InvalidDockerignorePattern" {
        0
    } else {
        line_of(text, failure.span.start)
    };
    Some(failure)
}

/// Errors about the whole build rather than a line of a stage: the options, the check
/// directive, `.dockerignore` (whose line is not a line of the Dockerfile).
const WHOLE_BUILD: &[&str] = &[
    "UnknownTarget",
    "InvalidCheckOptions",
    "LintViolation",
    "InvalidDockerignorePattern",
];

/// The phases the legacy builder goes through for the whole file before it builds the first
/// stage: it expands each FROM only when it reaches that stage (`initializeStage`).
fn legacy_global(phase: Phase) -> bool {
    matches!(phase, Phase::Parse | Phase::Instructions | Phase::Target)
}

/// The stage whose FROM is the last one at or before `offset`.
fn stage_at(a: &Analysis, offset: usize) -> Option<usize> {
    let n = a.stages.partition_point(|s| s.span.start <= offset);
    n.checked_sub(1)
}

/// The instruction whose span holds `offset`.
fn instruction_at(a: &Analysis, offset: usize) -> Option<usize> {
    let n = a.instructions.partition_point(|i| i.span.start <= offset);
    let i = n.checked_sub(1)?;
    let inst = a.instructions.get(i)?;
    (offset < inst.span.end.max(inst.span.start + 1)).then_some(i)
}

#[cfg(test)]
mod tests {
    use crate::{Builder, Options, analyze};

    fn failure(text: &str, target: Option<&str>, builder: Builder) -> Option<(String, usize)> {
        let o = Options {
            target: target.map(str::to_string),
            builder,
            ..Options::default()
        };
        let a = analyze(text, &o);
        a.plan.failure.map(|f| (f.rule.to_string(), f.line))
    }

    #[test]
    fn no_error_no_failure() {
        assert_eq!(
            failure("FROM alpine\nRUN true\n", None, Builder::BuildKit),
            None
        );
    }

    #[test]
    fn a_parse_error_fails_whatever_the_target() {
        let text = "FROM alpine AS a\nRUN true\nFROM alpine AS b\nCOPY\n";
        for b in [Builder::BuildKit, Builder::Legacy] {
            assert_eq!(
                failure(text, Some("a"), b),
                Some(("ParseError".into(), 4)),
                "{b:?}"
            );
        }
    }

    #[test]
    fn copy_from_a_variable_fails_in_a_stage_that_is_not_built() {
        let text = "ARG S=a\nFROM alpine AS a\nFROM alpine AS b\nCOPY --from=$S /x /y\n";
        assert_eq!(
            failure(text, Some("a"), Builder::BuildKit),
            Some(("CopyFromVariable".into(), 4))
        );
        // The legacy builder stops after `a` and never reads the COPY.
        assert_eq!(failure(text, Some("a"), Builder::Legacy), None);
    }

    #[test]
    fn an_unknown_target_fails_outside_every_stage() {
        let o = Options {
            target: Some("nope".into()),
            ..Options::default()
        };
        let a = analyze("FROM alpine AS a\n", &o);
        let f = a.plan.failure.expect("fails");
        assert_eq!((f.rule, f.stage, f.line), ("UnknownTarget", None, 1));
    }

    /// The rules other passes report about the whole build (the file simulation's
    /// `.dockerignore` error, the build checks' `error=true`), written here by name.
    #[test]
    fn whole_build_errors_have_no_stage_and_frontend_ones_spare_the_legacy_builder() {
        use crate::diagnostic::{Diagnostic, Severity};
        use crate::span::Span;
        let text = "FROM alpine AS a\nFROM alpine AS b\n";
        let a = analyze(text, &Options::default());
        let error = |rule: &'static str| Diagnostic {
            rule,
            severity: Severity::Error,
            message: String::new(),
            span: Span::point(0),
            fix: None,
        };
        let pattern = [error("InvalidDockerignorePattern")];
        for plan in [&a.plan, &a.other_plan] {
            let f = super::first_failure(&a, text, plan, &pattern).expect("fails");
            assert_eq!((f.stage, f.line), (None, 0), "{:?}", plan.builder);
        }
        let lint = [error("LintViolation")];
        let f = super::first_failure(&a, text, &a.plan, &lint).expect("BuildKit fails");
        assert_eq!((f.stage, f.phase), (None, super::Phase::Checks));
        assert_eq!(super::first_failure(&a, text, &a.other_plan, &lint), None);
    }

    #[test]
    fn the_other_builder_has_its_own_failure() {
        let text = "ARG S=a\nFROM alpine AS a\nFROM alpine AS b\nCOPY --from=$S /x /y\n";
        let o = Options {
            target: Some("a".into()),
            ..Options::default()
        };
        let a = analyze(text, &o);
        assert!(a.plan.failure.is_some());
        assert_eq!(a.other_plan.failure, None);
    }
}
