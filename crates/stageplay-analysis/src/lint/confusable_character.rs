//! ConfusableCharacter (Stageplay): a character pasted from a web page or a word processor
//! that looks like an ASCII one and is not.
//!
//! What it does: flags no-break and other non-ASCII spaces, zero-width characters and
//! typographic quotes (“ ” ‘ ’) outside comments, each at its exact byte, with its name and
//! code point, and offers one fix that replaces them all.
//! Why is this bad? Docker's parser splits an instruction's keyword from its arguments at
//! ASCII whitespace only (`reWhitespace` in BuildKit's `parser/parser.go`), so `RUN\u{a0}pip`
//! is the unknown instruction "RUN pip"; the shell splits words at none of these spaces and
//! takes “ ” as part of a word, and a zero-width space makes a word that only looks right.
//! Example: `RUN pip install flask` with a no-break space after RUN.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::span::Span;

pub const RULE: Rule = Rule {
    name: "ConfusableCharacter",
    severity: Severity::Warning,
    buildkit: false,
    explanation: "A character that looks like a space or a quote but is not one: a no-break \
        space, a zero-width character or a typographic quote, usually pasted from a blog or a \
        word processor. Docker separates an instruction from its arguments only at ASCII \
        spaces and tabs, so `RUN` followed by a no-break space is an unknown instruction; the \
        shell takes “ ” as part of a word, not as quotes. Retype the character, or apply the \
        fix, which replaces every one of them.",
    bad: "FROM python:3.12-slim\nRUN\u{a0}pip install flask\n",
    good: "FROM python:3.12-slim\nRUN pip install flask\n",
};

/// The characters this rule finds: the character, its Unicode name, and what replaces it.
const CONFUSABLES: &[(char, &str, &str)] = &[
    ('\u{a0}', "NO-BREAK SPACE", " "),
    ('\u{2007}', "FIGURE SPACE", " "),
    ('\u{2009}', "THIN SPACE", " "),
    ('\u{202f}', "NARROW NO-BREAK SPACE", " "),
    ('\u{200b}', "ZERO WIDTH SPACE", ""),
    ('\u{200c}', "ZERO WIDTH NON-JOINER", ""),
    ('\u{200d}', "ZERO WIDTH JOINER", ""),
    ('\u{2060}', "WORD JOINER", ""),
    ('\u{feff}', "ZERO WIDTH NO-BREAK SPACE", ""),
    ('\u{2018}', "LEFT SINGLE QUOTATION MARK", "'"),
    ('\u{2019}', "RIGHT SINGLE QUOTATION MARK", "'"),
    ('\u{201c}', "LEFT DOUBLE QUOTATION MARK", "\""),
    ('\u{201d}', "RIGHT DOUBLE QUOTATION MARK", "\""),
];

/// At most this many findings are listed; the fix still replaces every one.
const MAX_REPORTED: usize = 20;

/// The name and replacement of a confusable character, if `c` is one.
pub fn confusable(c: char) -> Option<(&'static str, &'static str)> {
    CONFUSABLES
        .iter()
        .find(|(k, _, _)| *k == c)
        .map(|&(_, name, with)| (name, with))
}

/// Every confusable character of `text` outside comment lines: its span, name and
/// replacement. A byte order mark at the very start is the parser's business, and `’`
/// between two ASCII letters is an apostrophe in prose (`it’s`), left alone (ASCII only: the
/// Unicode letter tables would weigh on the page).
pub fn find(text: &str) -> Vec<(Span, &'static str, &'static str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Almost every file and line is ASCII: jump from one non-ASCII byte to the next, and
    // look at the characters of the lines that hold one only (each line once: the search
    // goes on after its end).
    let mut from = 0;
    while let Some(hit) = first_non_ascii(bytes, from) {
        let at = bytes[from..hit]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(from, |p| from + p + 1);
        let end = bytes[hit..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| hit + p + 1);
        from = end;
        let Some(line) = text.get(at..end) else {
            break;
        };
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut prev = None;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            if let Some((name, with)) = confusable(c) {
                let apostrophe = c == '\u{2019}'
                    && prev.is_some_and(|p: char| p.is_ascii_alphabetic())
                    && next.is_some_and(|n| n.is_ascii_alphabetic());
                let bom = c == '\u{feff}' && at + i == 0;
                if !(apostrophe || bom) {
                    let start = at + i;
                    out.push((Span::new(start, start + c.len_utf8()), name, with));
                }
            }
            prev = Some(c);
        }
    }
    out
}

/// The position of the first byte at or after `from` that is not ASCII.
fn first_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    // The standard library's test looks at a word at a time; most files are all ASCII.
    if rest.is_ascii() {
        return None;
    }
    rest.iter().position(|b| !b.is_ascii()).map(|p| from + p)
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let found = find(ctx.text);
    if found.is_empty() {
        return;
    }
    let n = found.len();
    let fix = Fix {
        title: if n == 1 {
            "Replace it".to_string()
        } else {
            format!("Replace all {n}")
        },
        edits: found
            .iter()
            .map(|&(span, _, with)| Edit {
                span,
                text: with.to_string(),
            })
            .collect(),
        target: None,
    };
    for (k, &(span, name, with)) in found.iter().take(MAX_REPORTED).enumerate() {
        let c = span.slice(ctx.text).chars().next().unwrap_or(' ');
        let more = if k + 1 == MAX_REPORTED && n > MAX_REPORTED {
            format!(" ({} more not listed)", n - MAX_REPORTED)
        } else {
            String::new()
        };
        let what = format!("U+{:04X} {name}", c as u32);
        let message = match with {
            "" => format!(
                "{what} is invisible, but Docker and the shell read it as part of the word{more}"
            ),
            " " => format!(
                "{what} looks like a space but is not one: Docker ends an instruction's keyword \
                 only at an ASCII space or tab, and the shell does not split words at it{more}"
            ),
            q => format!("{what} looks like {q} but is not a quote to Docker or the shell{more}"),
        };
        let d = Diagnostic::new(&RULE, span, message);
        // Every listed finding offers the fix while it is small; a huge paste offers it once.
        out.push(if k == 0 || n <= 200 {
            d.with_fix(fix.clone())
        } else {
            d
        });
    }
}
