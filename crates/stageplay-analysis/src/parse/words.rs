//! Words: BuildKit's splitting of ARG/ENV/LABEL arguments into `KEY=value` words, and the
//! joining of a shell-form argument's continuation lines.

use super::{KeyValue, Word};
use crate::lexer;
use crate::span::Span;

/// Joins a shell-form argument's physical lines the way BuildKit does: an escape at the end
/// of a line (and the whitespace after it) is removed and the next line appended; empty and
/// comment lines inside the continuation are dropped. `RUN`/`CMD` words keep their raw text
/// in [`Word::value`]; this gives the command the shell actually receives.
pub fn join_continuations(raw: &str, escape: char) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, line) in raw.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim_start();
        if i > 0 && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        let end = line.trim_end();
        let escaped_escape = end
            .strip_suffix(escape)
            .is_some_and(|e| e.ends_with(escape));
        match end.strip_suffix(escape) {
            Some(joined) if !escaped_escape => out.push_str(joined),
            _ => out.push_str(line),
        }
    }
    out.trim().to_string()
}

/// Splits ARG/ENV/LABEL arguments into words the way BuildKit's `parseWords` does (quotes
/// kept, whitespace outside quotes separates), returning each word with its byte offset in
/// `s`.
pub fn split_words(s: &str, escape: char) -> Vec<(usize, String)> {
    split_word_slices(s, escape)
        .into_iter()
        .map(|(at, w)| (at, w.to_string()))
        .collect()
}

/// [`split_words`] without copies: each word is one slice of `s` (quotes and escapes
/// included), without an escape that ends `s`.
fn split_word_slices(s: &str, escape: char) -> Vec<(usize, &str)> {
    lexer::words(s, escape)
        .filter_map(|w| {
            w.without_dangling_escape(escape)
                .map(|text| (w.start, text))
        })
        .collect()
}

pub(super) fn key_values(w: &Word, text: &str, escape: char, is_arg: bool) -> Vec<KeyValue> {
    let exact = w.span.slice(text) == w.value;
    let at = |off: usize, len: usize| {
        if exact {
            Span::new(w.span.start + off, w.span.start + off + len)
        } else {
            w.span
        }
    };
    let words = split_word_slices(&w.value, escape);
    let legacy = !is_arg && words.first().is_some_and(|(_, s)| !s.contains('='));
    if legacy {
        let Some((off, key)) = words.first() else {
            return Vec::new();
        };
        let rest = w.value.get(off + key.len()..).unwrap_or("").trim();
        return vec![KeyValue {
            key: key.to_string(),
            value: Some(rest.to_string()),
            key_span: at(*off, key.len()),
            span: w.span,
            legacy: true,
        }];
    }
    words
        .into_iter()
        .map(|(off, word)| {
            let (key, value) = match word.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (word.to_string(), None),
            };
            KeyValue {
                key_span: at(off, key.len()),
                span: at(off, word.len()),
                key,
                value,
                legacy: false,
            }
        })
        .collect()
}
