//! GlobalArgNotRedeclared (Stageplay): a global ARG used inside a stage.
//!
//! What it does: flags `$X` inside a stage (in RUN too, where the shell expands it) when X
//! was declared only before the first FROM and the stage has no `ARG X`.
//! Why is this bad? Global ARGs are visible only in FROM lines; inside the stage X is empty.
//! Example: add `ARG X` (no value) in the stage to inherit the global value.

use rustc_hash::FxHashSet as HashSet;

use super::{Ctx, Rule, var_span};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expand::expands_args;
use crate::stages::Base;

pub const RULE: Rule = Rule {
    name: "GlobalArgNotRedeclared",
    severity: Severity::Warning,
    buildkit: false,
    explanation: "An ARG declared before the first FROM is global: it can be used in FROM \
        lines only. Inside a stage the variable is empty unless the stage declares it again \
        with `ARG NAME` (without a value, to inherit the global default or --build-arg).",
    bad: "ARG VERSION=1.2\nFROM alpine\nRUN echo $VERSION\n",
    good: "ARG VERSION=1.2\nFROM alpine\nARG VERSION\nRUN echo $VERSION\n",
};

/// `$NAME` and `${NAME...` references in shell text (no quoting rules: a hint, not a
/// shell parser).
fn references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Jump from `$` to `$` (long RUN scripts have few).
    while let Some(k) = memchr::memchr(b'$', bytes.get(i..).unwrap_or(&[])) {
        let dollar = i + k;
        let mut j = dollar + 1;
        if bytes.get(j) == Some(&b'{') {
            j += 1;
        }
        let start = j;
        while bytes
            .get(j)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
        {
            j += 1;
        }
        if j > start
            && let Some(name) = text.get(start..j)
        {
            out.push(name);
        }
        i = j.max(dollar + 1);
    }
    out
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.a.globals.declared.is_empty() {
        return;
    }
    // ARG/ENV names defined by each stage (ENV is inherited by stages built FROM it).
    let mut env_by_stage: Vec<HashSet<&str>> = Vec::with_capacity(ctx.a.stages.len());
    for s in &ctx.a.stages {
        let mut defined: HashSet<&str> = match s.base {
            Base::Stage { stage } => env_by_stage.get(stage).cloned().unwrap_or_default(),
            _ => HashSet::default(),
        };
        let mut env_only: HashSet<&str> = defined.clone();
        for &i in &s.instructions {
            let Some(inst) = ctx.a.instructions.get(i) else {
                continue;
            };
            let used: Vec<&str> = if expands_args(inst.keyword) {
                ctx.a
                    .expanded
                    .get(i)
                    .map(|e| e.undefined.iter().map(String::as_str).collect())
                    .unwrap_or_default()
            } else if inst.keyword == Keyword::Run {
                inst.args
                    .iter()
                    .flat_map(|w| references(&w.value))
                    .collect()
            } else {
                Vec::new()
            };
            let mut reported = HashSet::default();
            for name in used {
                if ctx.a.globals.is_declared(name)
                    && !defined.contains(&name)
                    && reported.insert(name)
                {
                    out.push(Diagnostic::new(
                        &RULE,
                        var_span(ctx, inst, name),
                        format!("ARG '{name}' is declared before the first FROM, so it is empty here; add `ARG {name}` to this stage"),
                    ));
                }
            }
            if matches!(inst.keyword, Keyword::Arg | Keyword::Env) {
                for kv in &inst.pairs {
                    defined.insert(kv.key.as_str());
                    if inst.keyword == Keyword::Env {
                        env_only.insert(kv.key.as_str());
                    }
                }
            }
        }
        env_by_stage.push(env_only);
    }
}
