//! InvalidPlatform (Stageplay): a FROM `--platform` that expands to nothing.
//!
//! What it does: flags a `--platform` value that expands to an empty string, usually through
//! an undeclared or empty global ARG.
//! Why is this bad? BuildKit expands every FROM before building anything and fails with
//! "empty platform value from expression ...", even for a stage that is never built.
//! Example: `FROM --platform=$PLATFROM alpine` → `FROM --platform=$PLATFORM alpine`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::scope::predefined_args;

pub const RULE: Rule = Rule {
    name: "InvalidPlatform",
    severity: Severity::Error,
    buildkit: false,
    explanation: "The FROM --platform value expands to an empty string, usually because a \
        global ARG is misspelt, undeclared or has no default. BuildKit expands every FROM \
        before building anything, so this fails the build even if the stage is not needed.",
    bad: "FROM --platform=$PLATFORM alpine\n",
    good: "ARG PLATFORM=linux/arm64\nFROM --platform=$PLATFORM alpine\n",
};

/// Reports each FROM whose non-empty `--platform` expands to nothing, at the FROM, as
/// BuildKit's `buildDispatchStates` does (moby/buildkit
/// `frontend/dockerfile/dockerfile2llb/convert.go`), with its "did you mean" hint for the
/// first undeclared name that has a close global or predefined ARG.
pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let predefined = predefined_args();
    for s in &ctx.a.stages {
        let Some(inst) = ctx.a.instructions.get(s.from_instruction) else {
            continue;
        };
        let Some(raw) = inst.flag("platform").and_then(|f| f.value.as_deref()) else {
            continue;
        };
        if raw.is_empty() || s.platform.as_deref().is_some_and(|p| !p.is_empty()) {
            continue;
        }
        let candidates = || {
            ctx.a
                .globals
                .declared
                .iter()
                .map(String::as_str)
                .chain(predefined.iter().map(|(k, _)| k.as_str()))
        };
        let hint = ctx
            .a
            .expanded
            .get(s.from_instruction)
            .into_iter()
            .flat_map(|e| e.undefined.iter())
            .filter(|u| raw.contains(u.as_str()))
            .find_map(|u| crate::suggest::closest_name(u, candidates()))
            .map_or(String::new(), |m| format!(" (did you mean {m}?)"));
        out.push(Diagnostic::new(
            &RULE,
            inst.span,
            format!("empty platform value from expression {raw}{hint}"),
        ));
    }
}
