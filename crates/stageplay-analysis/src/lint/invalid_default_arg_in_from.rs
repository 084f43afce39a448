//! InvalidDefaultArgInFrom: a FROM that is only valid with a `--build-arg`.
//!
//! What it does: expands each FROM with the global ARGs' defaults alone (no build args) and
//! flags results that are empty or not a valid image reference (`alpine:`).
//! Why is this bad? A plain `docker build .` fails; the Dockerfile depends on an argument
//! nobody is told about.
//! Example: `ARG TAG` / `FROM alpine:$TAG` → `ARG TAG=3.20`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expand::{Budget, expand_word};
use crate::scope::global_args;

pub const RULE: Rule = Rule {
    name: "InvalidDefaultArgInFrom",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "Without --build-arg, this FROM expands to an empty or invalid image name, so \
        a plain docker build fails. Give the global ARG a sensible default.",
    bad: "ARG TAG\nFROM alpine:$TAG\n",
    good: "ARG TAG=3.20\nFROM alpine:$TAG\n",
};

fn invalid(reference: &str) -> bool {
    reference.is_empty()
        || reference.ends_with(':')
        || reference.ends_with('@')
        || reference.starts_with(':')
        || reference.starts_with('/')
        || reference.ends_with('/')
        || reference.contains("::")
        || reference.contains(char::is_whitespace)
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let instructions = &ctx.a.instructions;
    if !instructions
        .iter()
        .any(|i| i.keyword == Keyword::From && i.span.slice(ctx.text).contains('$'))
    {
        return;
    }
    let mut budget = Budget::for_text(ctx.text.len());
    // The analysis's own global scope holds the defaults unless a --build-arg replaced one.
    let recomputed;
    let defaults = if ctx.a.globals.overridden {
        recomputed = global_args(instructions, &[], ctx.a.escape, &mut budget, &mut []);
        &recomputed
    } else {
        &ctx.a.globals
    };
    for s in &ctx.a.stages {
        if !s.base_text.contains('$') {
            continue;
        }
        let e = expand_word(&s.base_text, ctx.a.escape, defaults, &mut budget);
        if invalid(&e.value) {
            // BuildKit names the base as written (`validations.go`
            // `validateBaseImagesWithDefaultArgs` formats `st.BaseName`).
            out.push(Diagnostic::new(
                &RULE,
                s.base_span,
                format!(
                    "Default value for ARG {} results in empty or invalid base image name",
                    s.base_text
                ),
            ));
        }
    }
}
