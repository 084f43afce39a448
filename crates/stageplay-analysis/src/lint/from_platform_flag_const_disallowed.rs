//! FromPlatformFlagConstDisallowed: `FROM --platform` with a constant.
//!
//! What it does: flags `--platform=linux/amd64` (no variable) on a FROM.
//! Why is this bad? It pins the stage to one platform, so a multi-platform build quietly
//! ships the wrong architecture.
//! Example: `FROM --platform=linux/amd64 golang` → `FROM --platform=$BUILDPLATFORM golang`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "FromPlatformFlagConstDisallowed",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "A constant --platform on FROM forces that platform whatever the build asks \
        for, so building for arm64 still produces amd64 binaries in this stage. Use \
        $BUILDPLATFORM for build tools or $TARGETPLATFORM (the default) for the result.",
    bad: "FROM --platform=linux/amd64 golang:1.22 AS build\n",
    good: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in ctx.froms() {
        if let Some(f) = inst.flag("platform")
            && let Some(v) = f.value.as_deref()
            && !v.contains('$')
        {
            out.push(Diagnostic::new(
                &RULE,
                f.span,
                format!("FROM --platform flag should not use constant value \"{v}\""),
            ));
        }
    }
}
