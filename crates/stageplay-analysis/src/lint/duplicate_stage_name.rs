//! DuplicateStageName: two stages with the same name.
//!
//! What it does: flags the later of two stages sharing a (lowercased) name.
//! Why is this bad? `--from` and `--target` silently pick the later one.
//! Example: two `AS base` → rename one.

use rustc_hash::FxHashMap as HashMap;

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "DuplicateStageName",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "Two stages have the same name. COPY --from, RUN --mount from= and --target \
        then refer to the later one, and the earlier stage can only be reached by index. Give \
        every stage its own name.",
    bad: "FROM alpine AS base\nFROM debian AS base\n",
    good: "FROM alpine AS base-alpine\nFROM debian AS base-debian\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for s in &ctx.a.stages {
        let (Some(name), Some(span)) = (s.name.as_deref(), s.name_span) else {
            continue;
        };
        if seen.insert(name, s.index).is_some() {
            out.push(Diagnostic::new(
                &RULE,
                span,
                [
                    "Duplicate stage name ",
                    &super::debug_str(name),
                    ", stage names should be unique",
                ]
                .concat(),
            ));
        }
    }
}
