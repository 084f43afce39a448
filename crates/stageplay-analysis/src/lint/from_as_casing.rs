//! FromAsCasing: the `AS` keyword should match the casing of `FROM`.
//!
//! What it does: flags `FROM x as y` and `from x AS y`.
//! Why is this bad? Mixed casing reads as a mistake and hides the stage name.
//! Example: `FROM node as build` → `FROM node AS build`.

use super::{Ctx, Rule, is_lower, is_upper};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "FromAsCasing",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "Instruction keywords are case-insensitive, but mixing an uppercase FROM with \
        a lowercase as (or the reverse) makes the line harder to read. Use the same casing for \
        both.",
    bad: "FROM node:20 as build\n",
    good: "FROM node:20 AS build\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in ctx.froms() {
        let Some(as_span) = inst.as_span else {
            continue;
        };
        let from = ctx.keyword_text(inst);
        let as_ = as_span.slice(ctx.text);
        let mismatch = (is_upper(from) && !is_upper(as_)) || (is_lower(from) && !is_lower(as_));
        if mismatch {
            out.push(Diagnostic::new(
                &RULE,
                as_span,
                format!("'{as_}' and '{from}' keywords' casing do not match"),
            ));
        }
    }
}
