//! RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM` is the default.
//!
//! What it does: flags a FROM whose `--platform` is exactly `$TARGETPLATFORM`.
//! Why is this bad? It changes nothing and suggests a cross-compilation setup that is not
//! there (the useful form is `--platform=$BUILDPLATFORM`).
//! Example: `FROM --platform=$TARGETPLATFORM alpine` → `FROM alpine`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "RedundantTargetPlatform",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "Every stage is built for the target platform unless FROM says otherwise, so \
        --platform=$TARGETPLATFORM is redundant. To build tools natively while \
        cross-compiling, the flag you want is --platform=$BUILDPLATFORM.",
    bad: "FROM --platform=$TARGETPLATFORM alpine\n",
    good: "FROM alpine\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in ctx.froms() {
        if let Some(f) = inst.flag("platform")
            && let Some(v @ ("$TARGETPLATFORM" | "${TARGETPLATFORM}")) = f.value.as_deref()
        {
            // BuildKit names the value as written (`validations.go`
            // `reportRedundantTargetPlatform` formats `st.Platform`).
            out.push(Diagnostic::new(
                &RULE,
                f.span,
                format!(
                    "Setting platform to predefined {v} in FROM is redundant as this is the default behavior"
                ),
            ));
        }
    }
}
