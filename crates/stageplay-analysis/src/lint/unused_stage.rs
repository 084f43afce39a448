//! UnusedStage (Stageplay): a stage nothing uses.
//!
//! What it does: flags a stage (other than the target and the last stage) that no other
//! stage depends on, so only `--target <it>` builds it.
//! Why is this bad? Learners expect every stage to run; with BuildKit it never does. It may
//! be a test or debug stage on purpose, or a leftover.
//! Example: a `FROM alpine AS debug` nobody copies from.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::Node;

pub const RULE: Rule = Rule {
    name: "UnusedStage",
    severity: Severity::Info,
    buildkit: false,
    explanation: "No other stage builds FROM this stage, copies from it or mounts it, and it \
        is not the target. BuildKit skips it (the legacy builder still builds it). That is \
        fine for a test or debug stage you build with --target; otherwise it is dead code.",
    bad: "FROM golang AS build\nRUN go build -o /app\nFROM golang AS lint\nRUN golangci-lint run\nFROM alpine\nCOPY --from=build /app /app\n",
    good: "FROM golang AS build\nRUN go build -o /app\nFROM alpine\nCOPY --from=build /app /app\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let n = ctx.a.stages.len();
    let mut used = vec![false; n];
    for e in &ctx.a.edges {
        if let Node::Stage { stage } = e.from
            && stage != e.to
            && let Some(u) = used.get_mut(stage)
        {
            *u = true;
        }
    }
    for s in &ctx.a.stages {
        if used[s.index] || Some(s.index) == ctx.a.plan.target || s.index + 1 == n {
            continue;
        }
        let span = s.name_span.unwrap_or(s.base_span);
        let name = s.display_name();
        out.push(Diagnostic::new(
            &RULE,
            span,
            format!(
                "Stage '{name}' is not used by any other stage; only `--target {name}` builds it"
            ),
        ));
    }
}
