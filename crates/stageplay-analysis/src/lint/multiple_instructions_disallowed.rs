//! MultipleInstructionsDisallowed: one CMD, ENTRYPOINT and HEALTHCHECK per stage.
//!
//! What it does: flags every CMD / ENTRYPOINT / HEALTHCHECK of a stage but the last.
//! Why is this bad? Only the last one takes effect; the others are dead code.
//! Example: two `CMD` lines → keep the last.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "MultipleInstructionsDisallowed",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "A stage has more than one CMD, ENTRYPOINT or HEALTHCHECK. Only the last one \
        is used; the earlier ones do nothing and mislead readers. Keep one.",
    bad: "FROM alpine\nCMD [\"echo\", \"one\"]\nCMD [\"echo\", \"two\"]\n",
    good: "FROM alpine\nCMD [\"echo\", \"two\"]\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in &ctx.a.stages {
        for k in [Keyword::Cmd, Keyword::Entrypoint, Keyword::Healthcheck] {
            let found: Vec<usize> = s
                .instructions
                .iter()
                .copied()
                .filter(|&i| ctx.a.instructions.get(i).is_some_and(|x| x.keyword == k))
                .collect();
            let Some((_, earlier)) = found.split_last() else {
                continue;
            };
            for &i in earlier {
                if let Some(inst) = ctx.a.instructions.get(i) {
                    out.push(Diagnostic::new(
                        &RULE,
                        inst.span,
                        format!(
                            "Multiple {} instructions should not be used in the same stage because only the last one will be used",
                            k.as_str()
                        ),
                    ));
                }
            }
        }
    }
}
