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

/// Reports each instruction with a blank continuation line once, on the instruction's last
/// line, as BuildKit's parser does (moby/buildkit `frontend/dockerfile/parser/parser.go`,
/// `Parse`, which places the warning at the line where the continuation ends); `convert.go`
/// prints it with the rule's `Format()`. An ONBUILD and its trigger are one instruction.
pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in &ctx.a.instructions {
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
        let mut blank = false;
        for to in starts.chain(std::iter::once(body.len())) {
            let line = body.get(from..to).unwrap_or("");
            from = to;
            if is_blank(line) && inst.span.start + to < end {
                blank = true;
                break;
            }
        }
        if blank {
            out.push(Diagnostic::new(
                &RULE,
                last_line(inst.span.start, body),
                "Empty continuation line".to_string(),
            ));
        }
    }
}

/// `line.trim().is_empty()`, deciding most lines at their first byte that is not ASCII
/// white space (a continued RUN has thousands of lines: `trim` decoded each from both
/// ends).
fn is_blank(line: &str) -> bool {
    match line
        .bytes()
        .find(|b| !b.is_ascii_whitespace() && *b != 0x0b)
    {
        None => true,
        Some(b) if b.is_ascii() => false,
        // Unicode white space (U+00A0, U+2028, ...) counts as blank, as for `trim`.
        Some(_) => line.trim().is_empty(),
    }
}

/// The span of the last non-blank line of `body` (which starts at `start`), without its
/// leading and trailing whitespace: where the continued instruction ends.
fn last_line(start: usize, body: &str) -> Span {
    let trimmed = body.trim_end();
    let line_start = memchr::memrchr(b'\n', trimmed.as_bytes()).map_or(0, |nl| nl + 1);
    let line = trimmed.get(line_start..).unwrap_or("");
    let indent = line.len() - line.trim_start().len();
    Span::new(start + line_start + indent, start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::is_blank;

    #[test]
    fn blank_is_what_trim_leaves_empty() {
        for line in [
            "",
            "\n",
            "  \t\r\n",
            "\u{b}\u{c} ",
            " \u{a0}\n",
            "\u{2028}",
            "  x\n",
            "\tRUN",
            " \u{a0}x",
            "é",
            "\u{200b}",
            " #\n",
        ] {
            assert_eq!(is_blank(line), line.trim().is_empty(), "{line:?}");
        }
    }
}
