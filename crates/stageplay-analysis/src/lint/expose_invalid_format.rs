//! ExposeInvalidFormat: EXPOSE takes container ports only.
//!
//! What it does: flags `EXPOSE 8080:80` and `EXPOSE 127.0.0.1:80`.
//! Why is this bad? Host ports and addresses are chosen at `docker run -p`, not in the
//! image; Docker ignores them here and will reject them later.
//! Example: `EXPOSE 8080:80` → `EXPOSE 80` and `docker run -p 8080:80`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "ExposeInvalidFormat",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "EXPOSE documents the ports the container listens on. An IP address or a \
        host:container mapping belongs to docker run -p; in EXPOSE it is ignored today and \
        will be an error in future versions.",
    bad: "FROM nginx\nEXPOSE 8080:80\n",
    good: "FROM nginx\nEXPOSE 80\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, _, inst) in ctx.stage_instructions() {
        if inst.keyword != Keyword::Expose {
            continue;
        }
        let expanded = ctx
            .a
            .expanded
            .get(i)
            .map(|e| e.args.as_slice())
            .unwrap_or(&[]);
        for (w, value) in inst.args.iter().zip(expanded) {
            if value.contains(':') {
                out.push(Diagnostic::new(
                    &RULE,
                    w.span,
                    format!("EXPOSE instruction should not define an IP address or host-port mapping, found '{value}'"),
                ));
            }
        }
    }
}
