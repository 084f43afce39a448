//! MaintainerDeprecated: MAINTAINER is deprecated.
//!
//! What it does: flags every MAINTAINER instruction.
//! Why is this bad? It is deprecated; a label carries the same information in a standard key.
//! Example: `MAINTAINER me@x.org` → `LABEL org.opencontainers.image.authors="me@x.org"`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "MaintainerDeprecated",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "MAINTAINER has been deprecated for years. Use a LABEL with the standard key \
        org.opencontainers.image.authors, which tools can read.",
    bad: "FROM alpine\nMAINTAINER Jane <jane@example.org>\n",
    good: "FROM alpine\nLABEL org.opencontainers.image.authors=\"jane@example.org\"\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in ctx
        .a
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::Maintainer)
    {
        out.push(Diagnostic::new(
            &RULE,
            inst.span,
            "Maintainer instruction is deprecated in favor of using label",
        ));
    }
}
