//! What the legacy (classic, non-BuildKit) builder does with BuildKit-only syntax: it
//! parses the file with BuildKit's own parser and `instructions.Parse`, so everything
//! parses, but its dispatchers (moby/moby `daemon/builder/dockerfile/dispatchers.go`)
//! refuse some of it and silently ignore the rest.
//!
//! Refused, as `RequiresBuildKit` errors: any RUN flag (`dispatchRun`: "the --mount option
//! requires BuildKit"), `--chmod` on COPY and ADD (`dispatchCopy`, `dispatchAdd`), a COPY
//! or ADD whose only sources are heredocs (`copier.createCopyInstruction` reads only the
//! source paths: "no source files were specified"), and ADD of a Git address that is not a
//! URL (read as a path of the build context). Ignored, as `IgnoredByLegacyBuilder`
//! warnings: `--link`, `--parents`, `--exclude`, `--checksum`, `--keep-git-dir`,
//! `--unpack`, heredoc bodies (RUN gets its command line without them), an ADD of a Git
//! URL over HTTP(S) (downloaded as a file), and `# check=` (a comment: no build checks run).

use crate::Analysis;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::expand::Budget;
use crate::parse::{Instruction, Keyword};

/// What it does: BuildKit-only syntax the legacy builder refuses. Why: under
/// `DOCKER_BUILDKIT=0` the build fails at that line.
pub const REQUIRES_BUILDKIT: Rule = Rule {
    name: "RequiresBuildKit",
    severity: Severity::Error,
    buildkit: false,
    explanation: "The legacy builder (DOCKER_BUILDKIT=0, or a Docker without BuildKit)         refuses RUN flags (--mount, --network, --security, --device), COPY/ADD --chmod, a         COPY or ADD whose only sources are heredocs, and ADD of a Git repository by address.         Reported only when the Legacy builder is chosen, at the first such line of a stage it         builds. Build with BuildKit, or do without the feature.",
    bad: "FROM alpine\nRUN --mount=type=cache,target=/root/.cache true\n",
    good: "FROM alpine\nRUN true\n",
};

/// What it does: BuildKit-only syntax the legacy builder silently ignores. Why: the build
/// succeeds but does something else than with BuildKit.
pub const IGNORED_BY_LEGACY_BUILDER: Rule = Rule {
    name: "IgnoredByLegacyBuilder",
    severity: Severity::Warning,
    buildkit: false,
    explanation: "The legacy builder parses BuildKit's syntax but ignores part of it: COPY         and ADD --link, --parents, --exclude, ADD --checksum, --keep-git-dir and --unpack,         the body of a RUN heredoc (the command runs without it), heredoc sources next to         other sources, an ADD of a Git URL (downloaded as a file) and # check= (no build         checks run). The build succeeds with another result. Reported only when the Legacy         builder is chosen.",
    bad: "FROM alpine\nCOPY --link app /app\n",
    good: "FROM alpine\nCOPY app /app\n",
};

/// moby's pointer after each refusal.
const REFER: &str = "Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled";

/// The legacy builder's refusals (errors) and silent differences (warnings), for every
/// instruction of every stage (the plan decides which stages count).
pub fn legacy_problems(a: &Analysis, build_args: &[(String, String)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    overridden_arg_defaults(a, build_args, &mut out);
    if let Some(d) = a.directives.iter().find(|d| d.name == "check") {
        out.push(Diagnostic::new(
            &IGNORED_BY_LEGACY_BUILDER,
            d.span,
            "the legacy builder runs no build checks: `# check=` is an ordinary comment to it",
        ));
    }
    for s in &a.stages {
        for &i in &s.instructions {
            check_at(a, i, &mut out);
        }
    }
    out
}

/// What of [`legacy_problems`] can decide where the legacy builder's build fails, when it
/// is not the chosen builder and only `legacy_plan`'s failure reads them
/// (`failure::first_failure`): the errors of the overridden ARG defaults, and the first
/// refusal in a stage the plan builds. The refusals all fail in dispatch, where the legacy
/// builder meets errors in file order, so a later one never comes first, and one in a stage
/// it does not build never counts. Moby's file ×20 has 4,092 refusals, of which this makes
/// one (docs/performance.md#cli).
pub fn legacy_failures(
    a: &Analysis,
    legacy_plan: &crate::plan::TargetPlan,
    build_args: &[(String, String)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    overridden_arg_defaults(a, build_args, &mut out);
    let built = legacy_plan.built_flags(a.stages.len());
    let mut found = Vec::new();
    for s in a
        .stages
        .iter()
        .filter(|s| built.get(s.index) == Some(&true))
    {
        for &i in &s.instructions {
            check_at(a, i, &mut found);
            // An instruction's warnings may come before its refusal.
            if let Some(refusal) = found.drain(..).find(|d| d.severity == Severity::Error) {
                out.push(refusal);
                return out;
            }
        }
    }
    out
}

/// [`check`] of the instruction at index `i`, with its expanded `--chmod`.
fn check_at(a: &Analysis, i: usize, out: &mut Vec<Diagnostic>) {
    let Some(inst) = a.instructions.get(i) else {
        return;
    };
    let chmod = a
        .expanded
        .get(i)
        .and_then(|e| {
            let k = inst.flags.iter().rposition(|f| f.name == "chmod")?;
            e.flags.get(k).cloned().flatten()
        })
        .is_some_and(|v| !v.is_empty());
    check(inst, chmod, out);
}

/// The legacy builder expands every ARG's default, overridden by `--build-arg` or not
/// (moby/moby `daemon/builder/dockerfile/builder.go`, `processMetaArg`, for the global ones,
/// and `evaluator.go`, `dispatch`, for a stage's, both through `ArgCommand.Expand`), where
/// BuildKit expands only a default it uses (`buildMetaArgs`, `dispatchArg`), as `scope`
/// does. So a quote never closed or a malformed `${...}` in an overridden default fails the
/// legacy builder only: the first such error of each ARG, in BuildKit's words. They do not
/// depend on the variables in scope; a `${NAME:?}` there, which does, is not looked at.
fn overridden_arg_defaults(
    a: &Analysis,
    build_args: &[(String, String)],
    out: &mut Vec<Diagnostic>,
) {
    if build_args.is_empty() {
        return;
    }
    let none: Vec<(String, String)> = Vec::new();
    for inst in a.instructions.iter().filter(|i| i.keyword == Keyword::Arg) {
        let error = inst.pairs.iter().find_map(|kv| {
            crate::scope::build_arg(build_args, &kv.key)?;
            let raw = kv.value.as_deref()?;
            let e = crate::expand::expand_word(raw, a.escape, &none, &mut Budget::default());
            let message = e.error?;
            Some((crate::expand::lexer_error_rule(&message)?, message))
        });
        if let Some((rule, message)) = error {
            out.push(Diagnostic::new(rule, inst.span, message));
        }
    }
}

fn check(inst: &Instruction, chmod: bool, out: &mut Vec<Diagnostic>) {
    let refuse = |span, message: String| Diagnostic::new(&REQUIRES_BUILDKIT, span, message);
    let ignore = |span, message: String| Diagnostic::new(&IGNORED_BY_LEGACY_BUILDER, span, message);
    let kw = inst.keyword.as_str();
    match inst.keyword {
        Keyword::Run => {
            // `dispatchRun` names the first flag it finds in a Go map: for several
            // different flags, any of them; Stageplay names the first written.
            if let Some(f) = inst.flags.first() {
                out.push(refuse(
                    f.span,
                    // Joined without the formatting machinery: one per RUN with flags.
                    ["the --", &f.name, " option requires BuildKit. ", REFER].concat(),
                ));
                return;
            }
            if let Some(h) = inst.heredocs.first() {
                out.push(ignore(
                    h.marker_span.unwrap_or(inst.span),
                    format!(
                        "the legacy builder runs this RUN without its heredoc `{}`: the body is \
                         never run (heredocs need BuildKit)",
                        h.name
                    ),
                ));
            }
        }
        Keyword::Copy | Keyword::Add => {
            if chmod && let Some(f) = inst.flag("chmod") {
                out.push(refuse(
                    f.span,
                    format!("the --chmod option requires BuildKit. {REFER}"),
                ));
                return;
            }
            if !inst.heredocs.is_empty() {
                let span = inst.heredocs[0].marker_span.unwrap_or(inst.span);
                if inst.sources().is_empty() {
                    out.push(refuse(
                        span,
                        format!(
                            "{kw} failed: no source files were specified (the legacy builder \
                             reads no heredoc: it needs BuildKit)"
                        ),
                    ));
                    return;
                }
                out.push(ignore(
                    span,
                    format!("the legacy builder ignores the heredoc sources of this {kw}"),
                ));
            }
            if inst.keyword == Keyword::Add {
                for src in inst.sources() {
                    let v = src.value.as_str();
                    let http = v.starts_with("http://") || v.starts_with("https://");
                    let git_url = v.ends_with(".git") || v.contains(".git#");
                    if !http
                        && (v.starts_with("git@")
                            || v.starts_with("git://")
                            || v.starts_with("ssh://"))
                    {
                        out.push(refuse(
                            src.span,
                            format!(
                                "the legacy builder reads `{v}` as a path of the build context \
                                 and fails: adding a Git repository needs BuildKit"
                            ),
                        ));
                        return;
                    }
                    if http && git_url {
                        out.push(ignore(
                            src.span,
                            "the legacy builder downloads this URL as a file: cloning a Git \
                             repository needs BuildKit"
                                .to_string(),
                        ));
                    }
                }
            }
            for f in &inst.flags {
                if matches!(
                    f.name.as_str(),
                    "link" | "parents" | "exclude" | "checksum" | "keep-git-dir" | "unpack"
                ) {
                    out.push(ignore(
                        f.span,
                        format!(
                            "the legacy builder ignores --{} (it needs BuildKit)",
                            f.name
                        ),
                    ));
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, analyze};

    /// Under BuildKit, `legacy_failures` keeps of the legacy builder's refusals the first in
    /// a stage it builds, and its plan fails where it would on all of them.
    #[test]
    fn the_refusal_kept_is_the_first_of_a_built_stage() {
        let text = "FROM alpine AS a\nCOPY --link x /x\nRUN --network=none true\n\
                    FROM a AS b\nRUN --mount=type=tmpfs,target=/t true\n\
                    FROM alpine AS after\nRUN --mount=type=cache,target=/c true\n";
        let options = Options {
            target: Some("b".into()),
            ..Options::default()
        };
        let a = analyze(text, &options);
        let all = legacy_problems(&a, &[]);
        let errors: Vec<&str> = all
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.span.slice(text))
            .collect();
        assert_eq!(
            errors,
            [
                "--network=none",
                "--mount=type=tmpfs,target=/t",
                "--mount=type=cache,target=/c"
            ]
        );
        let kept = legacy_failures(&a, &a.other_plan, &[]);
        let kept: Vec<&str> = kept.iter().map(|d| d.span.slice(text)).collect();
        assert_eq!(
            kept,
            ["--network=none"],
            "the first refusal of a built stage"
        );
        let on_all = crate::failure::first_failure(
            &a,
            text,
            &a.other_plan,
            a.diagnostics.iter().chain(&all),
        );
        assert_eq!(on_all, a.other_plan.failure);
        assert_eq!(on_all.map(|f| f.rule), Some(REQUIRES_BUILDKIT.name));

        // With the target `after`, the legacy builder builds every stage: still the first.
        let options = Options {
            target: Some("after".into()),
            ..Options::default()
        };
        let a = analyze(text, &options);
        let kept = legacy_failures(&a, &a.other_plan, &[]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span.slice(text), "--network=none");
        // A stage the legacy builder does not build is passed over.
        let options = Options {
            target: Some("a".into()),
            ..Options::default()
        };
        let mut a = analyze(text, &options);
        a.other_plan.built.retain(|&s| s != 0);
        let kept = legacy_failures(&a, &a.other_plan, &[]);
        assert!(kept.is_empty(), "{kept:?}");
    }
}
