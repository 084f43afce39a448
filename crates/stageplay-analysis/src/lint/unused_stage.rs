//! UnusedStage (Stageplay): a stage nothing uses.
//!
//! What it does: flags a stage (other than the target and the last stage) that no other
//! stage depends on, so only `--target <it>` builds it.
//! Why is this bad? Learners expect every stage to run; with BuildKit it never does. It may
//! be a test or debug stage on purpose, or a leftover.
//! A stage whose name a `FROM` with a variable (`FROM build-${TARGETARCH}`) can expand to
//! is used with other build args or on another platform: the message says so instead.
//! (`COPY --from` cannot select a stage with a variable: BuildKit refuses to expand it,
//! `toCommand` in `dockerfile2llb/convert.go`.)
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
    // FROM lines whose base depends on a variable: with other values they may pick
    // another stage. Only the first few are kept, so the cost stays linear, and each is
    // split into its literal pieces once, not once per unused stage.
    let selectors: Vec<(&str, Vec<String>)> = ctx
        .a
        .stages
        .iter()
        .map(|s| s.base_text.as_str())
        .filter(|b| b.contains('$'))
        .take(MAX_SELECTORS)
        .filter_map(|b| Some((b, literal_pieces(b)?)))
        .collect();
    for s in &ctx.a.stages {
        if used[s.index] || Some(s.index) == ctx.a.plan.target || s.index + 1 == n {
            continue;
        }
        let span = s.name_span.unwrap_or(s.base_span);
        let name = s.display_name();
        let selector = s
            .name
            .as_deref()
            .and_then(|n| selectors.iter().find(|(_, p)| pieces_match(p, n)))
            .map(|(b, _)| b);
        let message = match selector {
            // One allocation each, without the formatting machinery: a large file has
            // hundreds of unused stages (docs/performance.md#cli).
            Some(b) => [
                "Stage '",
                &name,
                "' is not used with these build args / platform; `FROM ",
                b,
                "` can select it with other values",
            ]
            .concat(),
            // `--target stage-N` names no stage (BuildKit targets `AS` names only).
            None if s.name.is_none() => [
                "Stage '",
                &name,
                "' is not used by any other stage, and without a name (`AS <name>`) no \
                 `--target` can build it: BuildKit never builds it",
            ]
            .concat(),
            None => [
                "Stage '",
                &name,
                "' is not used by any other stage; only `--target ",
                &name,
                "` builds it",
            ]
            .concat(),
        };
        out.push(Diagnostic::new(&RULE, span, message));
    }
}

/// How many FROM lines with a variable are compared against each unused stage.
const MAX_SELECTORS: usize = 32;

/// True when `base` (a FROM reference as written) could expand to the stage name `name`
/// for some values of its variables: each `$VAR` or `${...}` matches any text, the rest must
/// match literally (case-insensitively, as stage names do).
#[cfg(test)]
fn could_expand_to(base: &str, name: &str) -> bool {
    literal_pieces(base).is_some_and(|p| pieces_match(&p, name))
}

/// The literal pieces of `base`, lowercased, between its variable references; `None` when
/// it has no variable, or only variables (`FROM $IMAGE` names an image on purpose: it is no
/// sign that any one stage is meant).
fn literal_pieces(base: &str) -> Option<Vec<String>> {
    let lower = base.to_ascii_lowercase();
    let mut pieces: Vec<String> = Vec::new();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('$') {
        pieces.push(rest[..i].to_string());
        let after = &rest[i + 1..];
        let skip = if let Some(inner) = after.strip_prefix('{') {
            inner.find('}').map_or(after.len(), |j| j + 2)
        } else {
            after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len())
        };
        rest = &after[skip..];
    }
    pieces.push(rest.to_string());
    (pieces.len() >= 2 && pieces.iter().any(|p| !p.is_empty())).then_some(pieces)
}

/// True when the stage name `name` fits the literal `pieces` of a base, with any text
/// where its variables are.
fn pieces_match(pieces: &[String], name: &str) -> bool {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return false;
    };
    if !name.starts_with(first.as_str())
        || !name.ends_with(last.as_str())
        || name.len() < first.len() + last.len()
    {
        return false;
    }
    // The middle pieces in order, between the first and the last.
    let mut at = first.len();
    let end = name.len() - last.len();
    for p in pieces.get(1..pieces.len() - 1).unwrap_or_default() {
        match name.get(at..end).and_then(|m| m.find(p.as_str())) {
            Some(i) => at += i + p.len(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::could_expand_to;

    #[test]
    fn a_variable_matches_any_text_and_the_rest_literally() {
        assert!(could_expand_to("build-${TARGETARCH}", "build-arm64"));
        assert!(could_expand_to("${VARIANT}-base", "slim-base"));
        assert!(could_expand_to("$A-x-$B", "a-x-b"));
        assert!(!could_expand_to("${IMAGE:-alpine}", "debian"));
        assert!(!could_expand_to("$A$B", "debian"));
        assert!(!could_expand_to("build-${TARGETARCH}", "test-arm64"));
        assert!(!could_expand_to("$A-x-$B", "a-y-b"));
        assert!(!could_expand_to("alpine", "alpine"));
        assert!(!could_expand_to("ab$X", "a"));
    }
}
