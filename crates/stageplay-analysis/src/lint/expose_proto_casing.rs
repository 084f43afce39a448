//! ExposeProtoCasing: EXPOSE protocols in lowercase.
//!
//! What it does: flags `EXPOSE 80/TCP`.
//! Why is this bad? Protocols are lowercase (`tcp`, `udp`, `sctp`); other tools may not
//! accept uppercase.
//! Example: `EXPOSE 53/UDP` → `EXPOSE 53/udp`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "ExposeProtoCasing",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "The protocol of an EXPOSE port should be written in lowercase: tcp, udp or \
        sctp.",
    bad: "FROM nginx\nEXPOSE 80/TCP\n",
    good: "FROM nginx\nEXPOSE 80/tcp\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in ctx
        .a
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::Expose)
    {
        for w in &inst.args {
            if let Some((_, proto)) = w.value.rsplit_once('/')
                && !super::is_lower(proto)
            {
                out.push(Diagnostic::new(
                    &RULE,
                    w.span,
                    format!(
                        "Defined protocol '{}' in EXPOSE instruction should be lowercase",
                        w.value
                    ),
                ));
            }
        }
    }
}
