//! Heredocs: finds every `<<EOF` of RUN, COPY and ADD the way BuildKit does, reads the
//! bodies, and hides from `parse-dockerfile` what it would misread (bodies it does not read
//! itself, and an escaped escape at the end of a line, which BuildKit does not continue).

use super::{Heredoc, Instruction, Keyword, Word};
use crate::diagnostic::Diagnostic;
use crate::errors;
use crate::lexer;
use crate::span::{Span, find_newline};

/// Heredocs found by [`scan_heredocs`] for the instruction starting at `start`.
pub(super) struct ScannedDocs {
    pub(super) start: usize,
    pub(super) heredocs: Vec<Heredoc>,
    /// The end of the last terminator line.
    pub(super) end: usize,
    /// True when Stageplay read every body (RUN); false when the crate did (COPY/ADD).
    pub(super) ours: bool,
}

pub(super) struct Scan {
    /// Logical lines seen (at least the number of instructions): room to reserve.
    pub(super) logical_lines: usize,
    pub(super) masked: Option<String>,
    /// True when [`PLACEHOLDER`] bytes stand in for escapes in `masked`.
    pub(super) placeholders: bool,
    pub(super) docs: Vec<ScannedDocs>,
    pub(super) error: Option<Diagnostic>,
    /// Where each ENTRYPOINT without arguments starts, in order: `masked` has CMD there
    /// ([`empty_entrypoint`]).
    pub(super) entrypoints: Vec<usize>,
    /// The ONBUILDs whose trigger is no instruction, in order: `masked` has comment lines
    /// there ([`unknown_trigger`]).
    pub(super) unknown_triggers: Vec<UnknownTrigger>,
}

/// An ONBUILD whose trigger is no instruction BuildKit knows (`ONBUILD BOGUS x`): hidden
/// from parse-dockerfile, which refuses the whole file for it, and put back by `parse`.
pub(super) struct UnknownTrigger {
    /// The ONBUILD keyword.
    pub(super) keyword: Span,
    /// The unknown word, as written.
    pub(super) word: Span,
    /// The whole instruction, continuation lines included.
    pub(super) span: Span,
}

/// One physical line: `start..end` without the line break, `next` after it.
fn line_at(text: &str, pos: usize) -> (usize, usize, usize) {
    match text.get(pos..).and_then(find_newline) {
        Some(i) => (pos, pos + i, pos + i + 1),
        None => (pos, text.len(), text.len()),
    }
}

/// Finds every heredoc of RUN, COPY and ADD the way BuildKit does (any word of the logical
/// line matching `[n]<<[-]NAME`), reads their bodies, and masks the bodies parse-dockerfile
/// would not read itself. Linear in the text.
pub(super) fn scan_heredocs(text: &str, shift: usize, escape: u8) -> Scan {
    let mut scan = Scan {
        logical_lines: 0,
        masked: None,
        placeholders: false,
        docs: Vec::new(),
        error: None,
        entrypoints: Vec::new(),
        unknown_triggers: Vec::new(),
    };
    let mut pos = shift;
    let mut logical = String::new();
    while pos < text.len() {
        let (ls, le, next) = line_at(text, pos);
        let line = &text[ls..le];
        let trimmed = trim_start(line);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            pos = next;
            continue;
        }
        let start = le - trimmed.len();
        // Gather the logical line: continuation lines, skipping comments and blank lines.
        logical.clear();
        scan.logical_lines += 1;
        let mut cur = (ls, le, next);
        let mut first = true;
        loop {
            let (s, e, n) = cur;
            let phys = &text[s..e];
            let t = trim_start(phys);
            if !first && (t.is_empty() || t.starts_with('#')) {
                if n >= text.len() {
                    pos = n;
                    break;
                }
                cur = line_at(text, n);
                continue;
            }
            first = false;
            // Spaces, tabs and CRs at the end, byte by byte: no other character's UTF-8
            // ends in one of those bytes.
            let mut body = phys;
            while let Some(b' ' | b'\t' | b'\r') = body.as_bytes().last() {
                body = &body[..body.len() - 1];
            }
            let bb = body.as_bytes();
            let ends_escaped =
                bb.len() >= 2 && bb[bb.len() - 1] == escape && bb[bb.len() - 2] == escape;
            if ends_escaped && n < text.len() {
                // BuildKit: an escaped escape at the end of a line does not continue it
                // (docker/for-win#5254); parse-dockerfile would continue. Hide the last
                // escape behind a placeholder byte and put it back after parsing.
                let at = s + body.len() - 1;
                scan.placeholders = true;
                let masked = scan.masked.get_or_insert_with(|| text.to_string());
                replace_byte(masked, at, PLACEHOLDER);
                logical.push_str(phys);
                pos = n;
                break;
            }
            if bb.last() == Some(&escape) && n < text.len() {
                logical.push_str(&body[..body.len() - 1]);
                cur = line_at(text, n);
                continue;
            }
            logical.push_str(phys);
            pos = n;
            break;
        }
        let (kw, rest) = split_word(&logical);
        if let Some(keyword) = unknown_trigger(kw, rest, text, start) {
            // The logical line ends before the line break `pos` follows.
            let end = if text.as_bytes().get(pos.wrapping_sub(1)) == Some(&b'\n') {
                pos - 1
            } else {
                pos
            };
            let end = start + text.get(start..end).map_or(0, |l| l.trim_end().len());
            let masked = scan.masked.get_or_insert_with(|| text.to_string());
            mask(masked, start, end);
            scan.unknown_triggers.push(UnknownTrigger {
                keyword: Span::new(start, start + kw.len()),
                word: keyword,
                span: Span::new(start, end),
            });
            continue;
        }
        if let Some(at) = empty_entrypoint(kw, rest, text, start) {
            let masked = scan.masked.get_or_insert_with(|| text.to_string());
            // SAFETY of the spans: ten ASCII bytes replaced by ten ASCII bytes.
            masked.replace_range(at..at + ENTRYPOINT.len(), "CMD       ");
            scan.entrypoints.push(at);
        }
        // Only RUN, COPY and ADD take heredocs, and only with a `<<` somewhere.
        let takes_heredocs = ["RUN", "COPY", "ADD"]
            .iter()
            .any(|k| kw.eq_ignore_ascii_case(k));
        if !takes_heredocs || !has_heredoc_operator(rest) {
            continue;
        }
        let kw = kw.to_ascii_uppercase();
        // Shell-like words, quotes and escapes kept, as BuildKit's heredoc detection sees them.
        let words: Vec<&str> = lexer::words(rest, char::from(escape))
            .map(|w| w.text)
            .collect();
        let mut after_flags = words.iter().skip_while(|w| w.starts_with("--"));
        let first_arg = after_flags.next().copied().unwrap_or_default();
        if kw == "RUN" && first_arg.starts_with('[') && rest.trim_end().ends_with(']') {
            continue;
        }
        let markers: Vec<(String, bool, bool, &str)> = words
            .iter()
            .filter_map(|&w| heredoc_marker(w).map(|(n, strip, exp)| (n, strip, exp, w)))
            .collect();
        if markers.is_empty() {
            continue;
        }
        // Which bodies parse-dockerfile reads itself: all of COPY/ADD's, and a RUN's first
        // when `<<` starts its arguments.
        let crate_reads = if kw == "RUN" {
            usize::from(first_arg.starts_with("<<") && heredoc_marker(first_arg).is_some())
        } else {
            markers.len()
        };
        let mut entry = ScannedDocs {
            start,
            heredocs: Vec::new(),
            end: pos,
            ours: kw == "RUN",
        };
        let mut search_from = start;
        for (k, (name, strip, exp, word)) in markers.into_iter().enumerate() {
            let marker_span = text
                .get(search_from..entry.end.min(text.len()))
                .and_then(|r| r.find(word))
                .map(|i| Span::new(search_from + i, search_from + i + word.len()));
            if let Some(m) = marker_span {
                search_from = m.end;
            }
            let body_start = pos;
            let mut body = String::new();
            let mut found = None;
            while pos < text.len() {
                let (s, e, n) = line_at(text, pos);
                let mut l = &text[s..e];
                l = l.strip_suffix('\r').unwrap_or(l);
                if strip {
                    l = l.trim_start_matches('\t');
                }
                if l == name {
                    found = Some((s, e));
                    pos = n;
                    break;
                }
                body.push_str(l);
                body.push('\n');
                pos = n;
            }
            let body_end = found.map_or(text.len(), |(s, _)| s);
            if found.is_none() && scan.error.is_none() {
                scan.error = Some(Diagnostic::new(
                    &errors::PARSE_ERROR,
                    marker_span.unwrap_or(Span::new(start, start + kw.len())),
                    super::buildkit_errors::UNTERMINATED_HEREDOC,
                ));
            }
            if k >= crate_reads {
                let end = found.map_or(text.len(), |(_, e)| e);
                let masked = scan.masked.get_or_insert_with(|| text.to_string());
                mask(masked, body_start, end);
            }
            entry.end = found.map_or(text.len(), |(_, e)| e);
            entry.heredocs.push(Heredoc {
                name,
                body,
                expand: exp,
                strip_tabs: strip,
                span: Span::new(body_start, body_end),
                marker_span,
            });
            if found.is_none() {
                break;
            }
        }
        scan.docs.push(entry);
    }
    scan
}

pub(super) const ENTRYPOINT: &str = "ENTRYPOINT";

/// The span of the trigger word of `ONBUILD WORD ...` (the logical line `kw rest`, its first
/// physical line starting at `start` in `text`) when WORD is no instruction BuildKit knows.
/// BuildKit's parser keeps such a line (`parser/parser.go`, `newNodeFromLine`: an unknown
/// command is `parseIgnore`d) and `parseOnBuild` checks only ONBUILD, FROM and MAINTAINER;
/// the trigger fails when it fires (`dockerfile2llb/convert.go`, `initOnBuildTriggers`).
/// parse-dockerfile refuses the whole file. Only a trigger word on the ONBUILD's own line.
fn unknown_trigger(kw: &str, rest: &str, text: &str, start: usize) -> Option<Span> {
    if !kw.eq_ignore_ascii_case("ONBUILD") {
        return None;
    }
    let (word, _) = split_word(rest);
    if word.is_empty()
        || super::buildkit_errors::INSTRUCTION_NAMES
            .iter()
            .any(|n| word.eq_ignore_ascii_case(n))
    {
        return None;
    }
    let at = trigger_at(kw, text, start)?;
    (text.get(at..at + word.len())? == word).then(|| Span::new(at, at + word.len()))
}

/// Where the trigger of the ONBUILD `kw` starting at `start` in `text` begins, when it is on
/// the ONBUILD's own line: after the keyword and the white space that follows it.
fn trigger_at(kw: &str, text: &str, start: usize) -> Option<usize> {
    let line = text.get(start..)?;
    let line = line.get(..find_newline(line).unwrap_or(line.len()))?;
    let after = line.get(kw.len()..)?;
    Some(start + kw.len() + (after.len() - trim_start(after).len()))
}

/// Where the ENTRYPOINT keyword of the logical line `kw rest` (its first physical line
/// starting at `start` in `text`) starts, when it has no arguments: a bare `ENTRYPOINT`,
/// or `ENTRYPOINT []`, which clears the one the base image set. BuildKit takes both
/// (`instructions/parse.go`, `parseEntrypoint`: an empty command line is no entrypoint);
/// parse-dockerfile refuses them ("requires at least one argument"). CMD parses the same
/// way without the refusal, so the crate is shown CMD padded to the same length, and
/// `parse` gives the instruction back its keyword. Also inside `ONBUILD`, on its line.
fn empty_entrypoint(kw: &str, rest: &str, text: &str, start: usize) -> Option<usize> {
    let (at, args) = if kw.eq_ignore_ascii_case(ENTRYPOINT) {
        (start, rest)
    } else if kw.eq_ignore_ascii_case("ONBUILD") {
        let (trigger, args) = split_word(rest);
        if !trigger.eq_ignore_ascii_case(ENTRYPOINT) {
            return None;
        }
        // The trigger's keyword on the ONBUILD's own line (else it is left to the crate).
        let at = trigger_at(kw, text, start)?;
        text.get(at..at + ENTRYPOINT.len())?
            .eq_ignore_ascii_case(ENTRYPOINT)
            .then_some(())?;
        (at, args)
    } else {
        return None;
    };
    let args = args.trim_matches(|c: char| c.is_ascii_whitespace());
    let empty = args.is_empty()
        || args
            .strip_prefix('[')
            .and_then(|a| a.strip_suffix(']'))
            .is_some_and(|inner| inner.bytes().all(|b| b.is_ascii_whitespace()));
    (empty && text.get(at..at + ENTRYPOINT.len()).is_some()).then_some(at)
}

/// `s.contains("<<")`, found by jumping between `<` bytes (most RUN lines have none).
fn has_heredoc_operator(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| b.get(i + 1) == Some(&b'<'))
}

/// Stands in for an escape character that ends a line without continuing it.
const PLACEHOLDER: u8 = 0x01;

fn replace_byte(text: &mut String, at: usize, b: u8) {
    let mut bytes = std::mem::take(text).into_bytes();
    if let Some(x) = bytes.get_mut(at)
        && x.is_ascii()
    {
        *x = b;
    }
    // An ASCII byte replaced by an ASCII byte keeps the text valid UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_default();
}

/// Puts back the escapes hidden behind [`PLACEHOLDER`] bytes.
pub(super) fn restore_placeholders(inst: &mut Instruction, escape: char) {
    let fix = |s: &mut String| {
        if s.as_bytes().contains(&PLACEHOLDER) {
            *s = s.replace(PLACEHOLDER as char, &escape.to_string());
        }
    };
    for w in &mut inst.args {
        fix(&mut w.value);
    }
    for f in &mut inst.flags {
        fix(&mut f.name);
        if let Some(v) = &mut f.value {
            fix(v);
        }
    }
    if let Some(w) = &mut inst.stage_name {
        fix(&mut w.value);
    }
    if let Some(t) = inst.trigger.as_deref_mut() {
        for w in &mut t.args {
            fix(&mut w.value);
        }
    }
}

/// Replaces the lines in `start..end` by comment lines of the same byte length.
fn mask(text: &mut String, start: usize, end: usize) {
    let mut bytes = std::mem::take(text).into_bytes();
    let mut line_start = true;
    for b in bytes.iter_mut().take(end).skip(start) {
        if *b == b'\n' {
            line_start = true;
            continue;
        }
        if *b == b'\r' {
            continue;
        }
        *b = if line_start { b'#' } else { b' ' };
        line_start = false;
    }
    // Every replaced line was replaced whole, by ASCII, so the text stays valid UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_default();
}

/// Splits off the first whitespace-separated word.
fn split_word(s: &str) -> (&str, &str) {
    let s = trim_start(s);
    // A byte at a time while the word is ASCII; from its first other byte, by characters
    // (Unicode white space also ends it).
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b >= 0x80 {
            return match s[i..].find(char::is_whitespace) {
                Some(k) => (&s[..i + k], &s[i + k..]),
                None => (s, ""),
            };
        }
        if is_ascii_space(b) {
            return (&s[..i], &s[i..]);
        }
        i += 1;
    }
    (s, "")
}

/// An ASCII byte that `char::is_whitespace` takes: `u8::is_ascii_whitespace`'s and the
/// vertical tab.
fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// `str::trim_start`, a byte at a time over ASCII white space (an indent), by characters
/// from the first byte that is not ASCII.
fn trim_start(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b >= 0x80 {
            return s[i..].trim_start();
        }
        if !is_ascii_space(b) {
            break;
        }
        i += 1;
    }
    &s[i..]
}

/// `[n]<<[-]NAME` → (name without quotes, strip tabs, expand).
fn heredoc_marker(word: &str) -> Option<(String, bool, bool)> {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix("<<")?;
    let (strip, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let quoted = rest.contains(['"', '\'']);
    let name: String = rest.chars().filter(|&c| c != '"' && c != '\'').collect();
    if name.is_empty() {
        return None;
    }
    Some((name, strip, !quoted))
}

pub(super) fn attach_heredocs(inst: &mut Instruction, d: &ScannedDocs, text: &str) {
    if !matches!(inst.keyword, Keyword::Run | Keyword::Copy | Keyword::Add) {
        return;
    }
    if d.ours {
        // When the crate read the first heredoc itself, its shell text starts after the
        // marker; BuildKit's starts at the marker (`<<EOT`), so widen it back.
        if !inst.exec_form
            && let Some(first) = d.heredocs.first().and_then(|h| h.marker_span)
        {
            match inst.args.first_mut() {
                Some(w) if first.start < w.span.start => {
                    let span = Span::new(first.start, w.span.end.max(first.end));
                    w.value = span.slice(text).to_string();
                    w.span = span;
                }
                Some(_) => {}
                None => inst.args.push(Word {
                    value: first.slice(text).to_string(),
                    span: first,
                }),
            }
        }
        inst.heredocs = d.heredocs.clone();
    } else {
        for (h, s) in inst.heredocs.iter_mut().zip(&d.heredocs) {
            h.name = s.name.clone();
            h.strip_tabs = s.strip_tabs;
            h.marker_span = s.marker_span;
        }
    }
    inst.span = Span::new(inst.span.start, inst.span.end.max(d.end));
}

#[cfg(test)]
mod tests {
    use super::{split_word, trim_start};

    /// The byte-wise trims give what `str::trim_start` and a split at the first
    /// `char::is_whitespace` give, Unicode white space and other characters included.
    #[test]
    fn byte_wise_trims_are_the_character_ones() {
        let pieces = [
            "", " ", "\t", "\u{b}", "\u{c}", "\r", "\n", "\u{a0}", "\u{2003}", "\u{3000}", "é",
            "RUN", "<<EOF", "#", "x",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    let trimmed = s.trim_start();
                    assert_eq!(trim_start(&s), trimmed, "{s:?}");
                    let split = match trimmed.find(char::is_whitespace) {
                        Some(i) => (&trimmed[..i], &trimmed[i..]),
                        None => (trimmed, ""),
                    };
                    assert_eq!(split_word(&s), split, "{s:?}");
                }
            }
        }
    }
}
