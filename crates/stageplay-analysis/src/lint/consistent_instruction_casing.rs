//! ConsistentInstructionCasing: all instruction keywords in one casing.
//!
//! What it does: finds the majority casing (upper or lower) and flags keywords that differ.
//! Why is this bad? Mixed casing makes a Dockerfile harder to scan.
//! Example: `FROM alpine` / `run echo hi` → `RUN echo hi`.

use super::{Ctx, Rule, is_lower, is_upper};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "ConsistentInstructionCasing",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "Instruction keywords are case-insensitive, but a file that mixes RUN and run \
        is harder to read. Write every keyword in the casing most of the file already uses \
        (usually uppercase).",
    bad: "FROM alpine\nrun echo hello\n",
    good: "FROM alpine\nRUN echo hello\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut upper = 0usize;
    let mut lower = 0usize;
    for inst in &ctx.a.instructions {
        let k = ctx.keyword_text(inst);
        if is_upper(k) {
            upper += 1;
        } else if is_lower(k) {
            lower += 1;
        }
    }
    let want_upper = upper >= lower;
    for inst in &ctx.a.instructions {
        let k = ctx.keyword_text(inst);
        let ok = if want_upper { is_upper(k) } else { is_lower(k) };
        if !ok {
            let case = if want_upper { "uppercase" } else { "lowercase" };
            out.push(Diagnostic::new(
                &RULE,
                inst.keyword_span,
                format!("Command '{k}' should match the case of the command majority ({case})"),
            ));
        }
    }
}
