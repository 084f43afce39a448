//! StageNameTypo (Stageplay): a `FROM`, `COPY --from` or `RUN --mount from=` that names no
//! stage but is one typo away from a stage name.
//!
//! What it does: flags the reference and offers to replace it with the stage name.
//! Why is this bad? BuildKit takes a name that is no stage as an image reference
//! (`dockerfile2llb/convert.go`: `toCommand` and `addState` fall back to an image), so
//! `COPY --from=buidler` pulls an image called "buidler" (or fails to) and the stage's files
//! never reach the image. It is not one of BuildKit's build checks: BuildKit cannot tell a
//! typo from an image, so this is Stageplay's guess, and a name the image catalogue knows is
//! left alone.
//! Example: `COPY --from=buidler /app /app` with a stage `builder`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::files::images::catalogue;
use crate::graph::{EdgeKind, Node};
use crate::span::Span;
use crate::stages::Base;
use crate::suggest::closest_name;

pub const RULE: Rule = Rule {
    name: "StageNameTypo",
    severity: Severity::Warning,
    buildkit: false,
    explanation: "This name is not a stage of the Dockerfile, so Docker treats it as an image \
        to pull, but it is one typo away from a stage name. A COPY --from with a misspelt \
        stage copies from an image that probably does not exist (or worse, one that does), \
        and the stage's files never reach your image. FROM matches stage names exactly as \
        written in lowercase. Docker does not warn: any name can be an image.",
    bad: "FROM golang:1.22 AS builder\nRUN go build -o /app\nFROM alpine\nCOPY --from=buidler /app /app\n",
    good: "FROM golang:1.22 AS builder\nRUN go build -o /app\nFROM alpine\nCOPY --from=builder /app /app\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let stages = &ctx.a.stages;
    if stages.iter().all(|s| s.name.is_none()) {
        return;
    }
    for s in stages {
        let Base::Image { name } = &s.base else {
            continue;
        };
        // A base from an ARG is chosen on purpose; BuildKit resolves FROM to earlier stages.
        if s.base_text.contains('$') || s.base_span.slice(ctx.text) != s.base_text {
            continue;
        }
        let earlier = stages.get(..s.index).unwrap_or(&[]);
        report(
            out,
            name,
            s.base_span,
            "FROM ",
            earlier.iter().filter_map(|s| s.name.as_deref()),
        );
    }
    for e in &ctx.a.edges {
        let Node::Image { name } = &e.from else {
            continue;
        };
        // The edge's span is the whole `--from=...` flag or the `from=` value: the name is
        // at its end.
        let Some(start) = e.span.end.checked_sub(name.len()) else {
            continue;
        };
        let span = Span::new(start, e.span.end);
        if span.slice(ctx.text) != name.as_str() {
            continue;
        }
        let what = match e.kind {
            EdgeKind::Mount => "from=",
            _ => "--from=",
        };
        report(
            out,
            name,
            span,
            what,
            stages.iter().filter_map(|s| s.name.as_deref()),
        );
    }
}

/// Reports `name` at `span` when it looks like a misspelt stage name.
fn report<'a>(
    out: &mut Vec<Diagnostic>,
    name: &str,
    span: Span,
    what: &str,
    candidates: impl Iterator<Item = &'a str>,
) {
    // A registry, a tag or a digest says "image"; so does a repository the catalogue knows.
    if name.contains(['/', ':', '@']) || catalogue().iter().any(|c| c.repo == name) {
        return;
    }
    let lower = name.to_ascii_lowercase();
    let Some(stage) = closest_name(&lower, candidates.take(200)) else {
        return;
    };
    out.push(
        Diagnostic::new(
            &RULE,
            span,
            format!(
                "`{what}{name}` names no stage, so Docker takes it for an image: did you mean the stage `{stage}`?"
            ),
        )
        .with_fix(Fix {
            title: format!("Use `{stage}`"),
            edits: vec![Edit {
                span,
                text: stage.to_string(),
            }],
            target: None,
        }),
    );
}
