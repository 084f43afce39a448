//! StageNameCasing: stage names should be lowercase.
//!
//! What it does: flags an `AS Name` with uppercase letters.
//! Why is this bad? Stage names are lowercased when the stage is defined, so `FROM Builder`
//! later names an image, not the stage; the mixed case misleads.
//! Example: `FROM golang AS Builder` → `FROM golang AS builder`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "StageNameCasing",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "Stage names are case-insensitive when referenced with --from or --target, \
        but a FROM line only matches the lowercased name exactly: after `AS Builder`, \
        `FROM Builder` pulls an image called Builder. Write stage names in lowercase.",
    bad: "FROM golang AS Builder\nFROM alpine\nCOPY --from=Builder /app /app\n",
    good: "FROM golang AS builder\nFROM alpine\nCOPY --from=builder /app /app\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in &ctx.a.instructions {
        if let Some(w) = &inst.stage_name
            && w.value.chars().any(|c| c.is_ascii_uppercase())
        {
            out.push(Diagnostic::new(
                &RULE,
                w.span,
                format!("Stage name '{}' should be lowercase", w.value),
            ));
        }
    }
}
