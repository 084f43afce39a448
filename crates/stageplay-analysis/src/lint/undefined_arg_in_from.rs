//! UndefinedArgInFrom: a FROM uses a variable no global ARG declares.
//!
//! What it does: flags `$X` in a FROM when X is neither a global ARG nor a predefined ARG.
//! Why is this bad? It expands to an empty string, usually a typo or a missing `ARG X`.
//! Example: `FROM alpine:$TAG` with no `ARG TAG` → add `ARG TAG=3.20` before the FROM.

use super::{Ctx, Rule, did_you_mean, var_span};
use crate::diagnostic::{Diagnostic, Severity};
use crate::scope::is_predefined_arg;
use crate::scope::predefined_args;

pub const RULE: Rule = Rule {
    name: "UndefinedArgInFrom",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "FROM lines can only use ARGs declared before the first FROM (and the \
        predefined platform ARGs such as BUILDPLATFORM). An undeclared variable expands to an \
        empty string, which changes the image or breaks the reference.",
    bad: "FROM alpine:$TAG\n",
    good: "ARG TAG=3.20\nFROM alpine:$TAG\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in &ctx.a.stages {
        let Some(e) = ctx.a.expanded.get(s.from_instruction) else {
            continue;
        };
        let Some(inst) = ctx.a.instructions.get(s.from_instruction) else {
            continue;
        };
        for name in &e.undefined {
            if ctx.a.globals.is_declared(name) || is_predefined_arg(name) {
                continue;
            }
            // BuildKit suggests among the global ARGs and the predefined platform ARGs
            // (`convert.go` `unusedFromArgsCheckKeys`, `validations.go`
            // `reportUnusedFromArgs`).
            let predefined = predefined_args();
            let candidates = ctx
                .a
                .globals
                .declared
                .iter()
                .map(String::as_str)
                .chain(predefined.iter().map(|(k, _)| k.as_str()));
            let hint = did_you_mean(name, "", candidates);
            out.push(Diagnostic::new(
                &RULE,
                var_span(ctx, inst, name),
                format!("FROM argument '{name}' is not declared{hint}"),
            ));
        }
    }
}
