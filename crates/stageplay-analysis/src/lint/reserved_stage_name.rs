//! ReservedStageName: `scratch` and `context` are not stage names.
//!
//! What it does: flags `AS scratch` and `AS context`.
//! Why is this bad? `scratch` is the empty image and `context` names the build context in
//! `--from`; a stage with either name is confusing or unreachable.
//! Example: `FROM alpine AS scratch` → `FROM alpine AS minimal`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "ReservedStageName",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "The names scratch (the empty image) and context (the build context) are \
        reserved. A stage called scratch is never used by FROM scratch, which always means \
        the empty filesystem. Pick another name.",
    bad: "FROM alpine AS scratch\n",
    good: "FROM alpine AS minimal\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in &ctx.a.stages {
        if let (Some(name), Some(span)) = (s.name.as_deref(), s.name_span)
            && (name == "scratch" || name == "context")
        {
            out.push(Diagnostic::new(
                &RULE,
                span,
                format!("Stage name should not use the same name as reserved stage {name:?}"),
            ));
        }
    }
}
