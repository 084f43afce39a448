//! LegacyKeyValueFormat: `ENV key=value`, not `ENV key value`.
//!
//! What it does: flags ENV and LABEL written in the whitespace form.
//! Why is this bad? The legacy form sets one variable to the whole rest of the line, which
//! surprises anyone who adds a second pair.
//! Example: `ENV PORT 8080` → `ENV PORT=8080`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "LegacyKeyValueFormat",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "ENV and LABEL accept a legacy form, `ENV KEY value`, where everything after \
        the key is the value: `ENV A 1 B 2` sets A to \"1 B 2\". The key=value form is \
        unambiguous and allows several pairs per line.",
    bad: "FROM alpine\nENV PORT 8080\n",
    good: "FROM alpine\nENV PORT=8080\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in ctx.with_triggers() {
        if inst.pairs.iter().any(|p| p.legacy) {
            let k = inst.keyword.as_str();
            out.push(Diagnostic::new(
                &RULE,
                inst.span,
                format!(
                    "\"{k} key=value\" should be used instead of legacy \"{k} key value\" format"
                ),
            ));
        }
    }
}
