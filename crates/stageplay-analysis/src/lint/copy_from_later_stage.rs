//! CopyFromLaterStage (Stageplay): `COPY --from` / `--mount from=` a stage defined later.
//!
//! What it does: flags a reference to a stage that comes later in the file.
//! Why is this bad? BuildKit requires the source stage to be defined before the current
//! one; the build fails when the stage is built (an error then, a warning otherwise).
//! Example: move the source stage above the stage that copies from it.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::{EdgeKind, Node};

pub const RULE: Rule = Rule {
    name: "CopyFromLaterStage",
    severity: Severity::Error,
    buildkit: false,
    explanation: "COPY --from (or RUN --mount from=) names a stage that is defined further \
        down the file. A stage can only use stages defined before it, so building this stage \
        fails with \"needs to be defined before current stage\". Move the source stage up.",
    bad: "FROM alpine AS app\nCOPY --from=build /out /app\nFROM golang AS build\nRUN go build -o /out\n",
    good: "FROM golang AS build\nRUN go build -o /out\nFROM alpine AS app\nCOPY --from=build /out /app\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let is_built = ctx.a.plan.built_flags(ctx.a.stages.len());
    for e in &ctx.a.edges {
        let Node::Stage { stage } = e.from else {
            continue;
        };
        if e.kind == EdgeKind::From || stage <= e.to {
            continue;
        }
        let built = is_built.get(e.to).copied().unwrap_or(false);
        let severity = if built {
            Severity::Error
        } else {
            Severity::Warning
        };
        let from = ctx
            .a
            .stages
            .get(stage)
            .map(|s| s.display_name())
            .unwrap_or_default();
        let to = ctx
            .a
            .stages
            .get(e.to)
            .map(|s| s.display_name())
            .unwrap_or_default();
        out.push(
            Diagnostic::new(
                &RULE,
                e.span,
                [
                    "stage '",
                    &from,
                    "' needs to be defined before current stage '",
                    &to,
                    "'",
                ]
                .concat(),
            )
            .with_severity(severity),
        );
    }
}
