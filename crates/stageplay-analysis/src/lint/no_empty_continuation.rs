//! NoEmptyContinuation: no empty lines inside a line continuation.
//!
//! What it does: flags a blank line in the middle of an instruction continued with `\`.
//! Why is this bad? Docker drops it silently today but plans to make it an error; it usually
//! means a backslash was left behind.
//! Example: `RUN apk add \` / `` / `    curl` → remove the blank line.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

pub const RULE: Rule = Rule {
    name: "NoEmptyContinuation",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "An empty line inside a continued instruction is ignored today, but it is \
        deprecated and will become an error. Often it means the instruction ended earlier \
        than intended. Remove the empty line (a comment line is fine).",
    bad: "FROM alpine\nRUN apk add \\\n\n    curl\n",
    good: "FROM alpine\nRUN apk add \\\n    curl\n",
};

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in ctx.with_triggers() {
        // Only the instruction's own lines: heredoc bodies may contain blank lines.
        let end = inst
            .heredocs
            .first()
            .map_or(inst.span.end, |h| h.span.start.min(inst.span.end));
        let body = Span::new(inst.span.start, end).slice(ctx.text);
        // Each line after the first, with its line break, found with memchr.
        let mut starts = memchr::memchr_iter(b'\n', body.as_bytes()).map(|nl| nl + 1);
        let Some(mut from) = starts.next() else {
            continue;
        };
        for to in starts.chain(std::iter::once(body.len())) {
            let line = body.get(from..to).unwrap_or("");
            let offset = inst.span.start + to;
            from = to;
            if line.trim().is_empty() && offset < end {
                out.push(Diagnostic::new(
                    &RULE,
                    Span::new(inst.keyword_span.start, inst.keyword_span.end),
                    format!(
                        "Empty continuation line found in: {}",
                        first_line(inst.span.slice(ctx.text))
                    ),
                ));
                break;
            }
        }
    }
}

fn first_line(s: &str) -> String {
    let l = s.lines().next().unwrap_or("").trim_end();
    let l = l.strip_suffix('\\').unwrap_or(l).trim_end();
    l.chars().take(60).collect()
}
