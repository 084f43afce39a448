//! WorkdirRelativePath: the first WORKDIR of a stage should be absolute.
//!
//! What it does: flags a relative WORKDIR when no absolute WORKDIR was set before in the
//! stage (or in the stage it is built FROM).
//! Why is this bad? It is relative to the base image's working directory, which can change
//! when the base image changes.
//! Example: `WORKDIR app` → `WORKDIR /app`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};
use crate::stages::Base;

pub const RULE: Rule = Rule {
    name: "WorkdirRelativePath",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "A relative WORKDIR is resolved against the working directory of the base \
        image, which you do not control: a new base image version can move your files. Use an \
        absolute path, at least for the first WORKDIR of a stage.",
    bad: "FROM node:20\nWORKDIR app\n",
    good: "FROM node:20\nWORKDIR /app\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // Per stage: whether an absolute WORKDIR is in effect at its end (inherited by stages
    // built FROM it). Stages come in order, so a base is always computed first.
    let mut set_at_end = vec![false; ctx.a.stages.len()];
    for s in &ctx.a.stages {
        let mut set = match s.base {
            Base::Stage { stage } => set_at_end.get(stage).copied().unwrap_or(false),
            _ => false,
        };
        for &i in &s.instructions {
            let Some(inst) = ctx.a.instructions.get(i) else {
                continue;
            };
            if inst.keyword != Keyword::Workdir {
                continue;
            }
            let path = ctx
                .a
                .expanded
                .get(i)
                .and_then(|e| e.args.first().cloned())
                .unwrap_or_default();
            let absolute = path.starts_with('/')
                || path.starts_with('\\')
                || path.get(1..3).is_some_and(|p| p == ":\\" || p == ":/");
            if absolute {
                set = true;
            } else if !set {
                out.push(Diagnostic::new(
                    &RULE,
                    inst.args.first().map_or(inst.span, |w| w.span),
                    format!("Relative workdir {path:?} can have unexpected results if the base image changes"),
                ));
            }
        }
        if let Some(slot) = set_at_end.get_mut(s.index) {
            *slot = set;
        }
    }
}
