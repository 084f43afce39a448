//! Parsing: runs `parse-dockerfile` and converts its tree into Stageplay's own instruction
//! model, with a byte span for every token the UI and the later passes need.
//!
//! Parsing never fails: `parse-dockerfile` stops at the first error, so we keep every
//! instruction parsed before it and report the error as a diagnostic with a span.

use parse_dockerfile as pd;
use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::lint::errors;
use super::span::{LineIndex, Span, find_newline, floor_char_boundary};

/// The instruction keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
}

impl Keyword {
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
        }
    }
}

/// A word of an instruction with its (unescaped) value and its span in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Word {
    pub value: String,
    pub span: Span,
}

/// A `--name[=value]` option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub name: String,
    pub value: Option<String>,
    /// The whole flag, `--name=value`.
    pub span: Span,
    /// `--name`.
    pub name_span: Span,
    pub value_span: Option<Span>,
}

/// A here-document attached to RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heredoc {
    /// The delimiter word (`EOF`), without quotes and `-`.
    pub name: String,
    /// The body, as the instruction receives it (leading tabs stripped for `<<-`).
    pub body: String,
    /// False when the delimiter was quoted (no variable expansion in the body).
    pub expand: bool,
    /// True for `<<-EOF` (leading tabs are stripped from the body).
    pub strip_tabs: bool,
    /// The body's lines, without the terminating delimiter line.
    pub span: Span,
    /// The `<<EOF` marker on the instruction line, when it could be located exactly.
    pub marker_span: Option<Span>,
}

/// One `--mount=...` option of a RUN, split into its fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Mount {
    /// `type=`: bind (the default), cache, tmpfs, secret or ssh.
    pub kind: String,
    /// `target=` / `dst=` / `destination=`.
    pub target: Option<String>,
    /// `source=` / `src=`.
    pub source: Option<String>,
    /// `from=`: a stage name or an image.
    pub from: Option<String>,
    /// `id=`.
    pub id: Option<String>,
    /// `ro` / `readonly` (bind mounts are read-only unless `rw`).
    pub readonly: bool,
    /// The whole `--mount=...` flag.
    pub span: Span,
    /// The value after `from=`, when it could be located exactly.
    pub from_span: Option<Span>,
}

/// One `KEY=value` (or legacy `KEY value`) of ARG, ENV or LABEL, as BuildKit splits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyValue {
    pub key: String,
    /// The raw value, quotes and escapes kept (expansion removes them); `None` for a bare
    /// `ARG NAME`.
    pub value: Option<String>,
    pub key_span: Span,
    /// The whole `KEY=value` word (the arguments' span when it cannot be located exactly).
    pub span: Span,
    /// True for the legacy whitespace form `ENV KEY value`.
    pub legacy: bool,
}

/// One instruction of the Dockerfile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Instruction {
    pub keyword: Keyword,
    pub keyword_span: Span,
    /// The whole instruction, keyword to last byte (heredoc bodies included).
    pub span: Span,
    pub flags: Vec<Flag>,
    /// The arguments after the flags. FROM: `[image]`; COPY/ADD: sources then destination
    /// (heredoc sources are in `heredocs`); RUN/CMD/ENTRYPOINT: the exec-form words, or the
    /// shell text as one word; other instructions: the argument words.
    pub args: Vec<Word>,
    /// True when the arguments were written in exec (JSON array) form.
    pub exec_form: bool,
    pub heredocs: Vec<Heredoc>,
    /// `AS name` of a FROM, as written (not lowercased).
    pub stage_name: Option<Word>,
    /// The span of the `AS` keyword of a FROM.
    pub as_span: Option<Span>,
    /// The instruction an ONBUILD registers.
    pub trigger: Option<Box<Instruction>>,
    /// RUN: the `--mount` options, parsed.
    pub mounts: Vec<Mount>,
    /// ARG / ENV / LABEL: the key/value pairs after BuildKit's word splitting.
    pub pairs: Vec<KeyValue>,
}

impl Instruction {
    /// The last flag called `name` (BuildKit keeps the last of repeated single flags).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .rev()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// COPY / ADD: the source words (heredoc sources are in `heredocs`).
    pub fn sources(&self) -> &[Word] {
        match self.keyword {
            Keyword::Copy | Keyword::Add => {
                let n = self.args.len().saturating_sub(1);
                self.args.get(..n).unwrap_or(&[])
            }
            _ => &[],
        }
    }

    /// COPY / ADD: the destination word.
    pub fn dest(&self) -> Option<&Word> {
        match self.keyword {
            Keyword::Copy | Keyword::Add => self.args.last(),
            _ => None,
        }
    }
}

/// A parser directive at the top of the file (`# syntax=...`, `# escape=...`, `# check=...`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// Lowercased name.
    pub name: String,
    pub value: String,
    /// The whole comment line.
    pub span: Span,
    pub value_span: Span,
}

/// The result of parsing: never fails, errors are diagnostics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub directives: Vec<Directive>,
    pub instructions: Vec<Instruction>,
    pub diagnostics: Vec<Diagnostic>,
    /// The escape character (`\` unless `# escape=` says otherwise).
    pub escape: char,
}

impl Default for Parsed {
    fn default() -> Self {
        Parsed {
            directives: Vec::new(),
            instructions: Vec::new(),
            diagnostics: Vec::new(),
            escape: '\\',
        }
    }
}

const BOM: &str = "\u{feff}";

/// Parses `text` into instructions and diagnostics.
pub fn parse(text: &str) -> Parsed {
    // parse-dockerfile strips a UTF-8 BOM and reports spans relative to the rest.
    let shift = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut parsed = Parsed {
        directives: directives(text, shift),
        ..Parsed::default()
    };
    if let Some(d) = parsed.directives.iter().find(|d| d.name == "escape")
        && d.value == "`"
    {
        parsed.escape = '`';
    }
    // parse-dockerfile reads a RUN heredoc only when `<<EOF` comes first and only one of
    // them; BuildKit reads any number anywhere on the line. We find them all ourselves and
    // hide the bodies the crate would misread behind comment lines of the same length, so
    // every span stays valid.
    let scan = scan_heredocs(text, shift, parsed.escape as u8);
    let source: &str = scan.masked.as_deref().unwrap_or(text);
    let iter = match pd::parse_iter(source) {
        Ok(iter) => iter,
        Err(e) => {
            parsed.diagnostics.push(error_diagnostic(text, shift, &e));
            return parsed;
        }
    };
    // One instruction per logical line, unless parsing stops early: room for them up front
    // (capped, so a long file that fails at its first lines reserves little).
    parsed
        .instructions
        .reserve_exact(scan.logical_lines.min(1024));
    let mut docs = scan.docs.iter().peekable();
    for inst in iter {
        match inst {
            Ok(inst) => {
                let mut inst = convert(&inst, shift);
                while docs.peek().is_some_and(|d| d.start < inst.span.start) {
                    docs.next();
                }
                if let Some(d) = docs.next_if(|d| d.start == inst.span.start) {
                    attach_heredocs(&mut inst, d, text);
                }
                if scan.placeholders {
                    restore_placeholders(&mut inst, parsed.escape);
                }
                finish(&mut inst, text, parsed.escape);
                if let Some(d) = missing_equals(&inst) {
                    // BuildKit rejects the file here; keep what came before, like the
                    // crate's own errors.
                    parsed.diagnostics.push(d);
                    break;
                }
                parsed.instructions.push(inst);
            }
            Err(e) => {
                parsed.diagnostics.push(error_diagnostic(text, shift, &e));
                break;
            }
        }
    }
    if let Some(err) = scan.error
        && !parsed
            .diagnostics
            .iter()
            .any(|d| d.span.start <= err.span.start)
    {
        parsed.diagnostics.push(err);
    }
    parsed
}

fn error_diagnostic(text: &str, shift: usize, e: &pd::Error) -> Diagnostic {
    // Built only on error: the happy path never pays for a line index.
    let lines = LineIndex::new(text);
    let message = format!("{e:#}");
    let span = if e.line() == 0 {
        Span::point(text.len())
    } else {
        // The crate's column is 1-based in bytes of the BOM-stripped text.
        let start = lines.line_start(e.line());
        let col = e.column().saturating_sub(1) + if e.line() == 1 { shift } else { 0 };
        let line_end = text
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |i| start + i);
        let at = floor_char_boundary(text, (start + col).min(line_end));
        let end = text
            .get(at..line_end)
            .map_or(line_end, |rest| at + rest.trim_end().len());
        Span::new(at, end)
    };
    Diagnostic::new(&errors::PARSE_ERROR, span, message)
}

/// ENV and LABEL in key=value form need `=` in every word (BuildKit's parser error).
fn missing_equals(inst: &Instruction) -> Option<Diagnostic> {
    let check =
        |i: &Instruction| {
            if !matches!(i.keyword, Keyword::Env | Keyword::Label) {
                return None;
            }
            i.pairs.iter().find(|p| p.value.is_none() && !p.legacy).map(|p| {
            Diagnostic::new(&errors::PARSE_ERROR,
                p.span,
                format!(
                    "Syntax error - can't find = in \"{}\". Must be of the form: name=value",
                    p.key
                ),
            )
        })
        };
    check(inst).or_else(|| inst.trigger.as_deref().and_then(check))
}

/// Reads the parser directives: `# name=value` comment lines at the very top.
fn directives(text: &str, shift: usize) -> Vec<Directive> {
    let mut out: Vec<Directive> = Vec::new();
    let mut pos = shift;
    while pos < text.len() {
        let end = find_newline(&text[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        let Some(body) = line.trim_start().strip_prefix('#') else {
            break;
        };
        let Some((name, value)) = body.split_once('=') else {
            break;
        };
        let name = name.trim();
        let value = value.trim();
        let known = ["syntax", "escape", "check"];
        if !known.iter().any(|k| name.eq_ignore_ascii_case(k)) || value.is_empty() {
            break;
        }
        let lower = name.to_ascii_lowercase();
        if out.iter().any(|d| d.name == lower) {
            break;
        }
        let vstart = value.as_ptr() as usize - text.as_ptr() as usize;
        out.push(Directive {
            name: lower,
            value: value.to_string(),
            span: Span::new(pos, pos + line.trim_end().len()),
            value_span: Span::new(vstart, vstart + value.len()),
        });
        pos = end + 1;
    }
    out
}

/// Heredocs found by [`scan_heredocs`] for the instruction starting at `start`.
struct ScannedDocs {
    start: usize,
    heredocs: Vec<Heredoc>,
    /// The end of the last terminator line.
    end: usize,
    /// True when Stageplay read every body (RUN); false when the crate did (COPY/ADD).
    ours: bool,
}

struct Scan {
    /// Logical lines seen (at least the number of instructions): room to reserve.
    logical_lines: usize,
    masked: Option<String>,
    /// True when [`PLACEHOLDER`] bytes stand in for escapes in `masked`.
    placeholders: bool,
    docs: Vec<ScannedDocs>,
    error: Option<Diagnostic>,
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
fn scan_heredocs(text: &str, shift: usize, escape: u8) -> Scan {
    let mut scan = Scan {
        logical_lines: 0,
        masked: None,
        placeholders: false,
        docs: Vec::new(),
        error: None,
    };
    let mut pos = shift;
    let mut logical = String::new();
    while pos < text.len() {
        let (ls, le, next) = line_at(text, pos);
        let line = &text[ls..le];
        let trimmed = line.trim_start();
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
            let t = phys.trim_start();
            if !first && (t.is_empty() || t.starts_with('#')) {
                if n >= text.len() {
                    pos = n;
                    break;
                }
                cur = line_at(text, n);
                continue;
            }
            first = false;
            let body = phys.trim_end_matches([' ', '\t', '\r']);
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
        let (kw, rest) = split_word(logical.trim_start());
        // Only RUN, COPY and ADD take heredocs, and only with a `<<` somewhere.
        let takes_heredocs = ["RUN", "COPY", "ADD"]
            .iter()
            .any(|k| kw.eq_ignore_ascii_case(k));
        if !takes_heredocs || !has_heredoc_operator(rest) {
            continue;
        }
        let kw = kw.to_ascii_uppercase();
        let words = shell_words(rest, escape);
        let mut after_flags = words.iter().skip_while(|w| w.starts_with("--"));
        let first_arg = after_flags.next().cloned().unwrap_or_default();
        if kw == "RUN" && first_arg.starts_with('[') && rest.trim_end().ends_with(']') {
            continue;
        }
        let markers: Vec<(String, bool, bool, String)> = words
            .iter()
            .filter_map(|w| heredoc_marker(w).map(|(n, strip, exp)| (n, strip, exp, w.clone())))
            .collect();
        if markers.is_empty() {
            continue;
        }
        // Which bodies parse-dockerfile reads itself: all of COPY/ADD's, and a RUN's first
        // when `<<` starts its arguments.
        let crate_reads = if kw == "RUN" {
            usize::from(first_arg.starts_with("<<") && heredoc_marker(&first_arg).is_some())
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
                .and_then(|r| r.find(word.as_str()))
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
                    format!("expected end of here-document ({name}), but reached eof"),
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
fn restore_placeholders(inst: &mut Instruction, escape: char) {
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
    let s = s.trim_start();
    match s.find(|c: char| c.is_whitespace()) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

/// Splits shell-like words (quotes kept, as BuildKit's heredoc detection sees them).
fn shell_words(s: &str, escape: u8) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    let esc = escape as char;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                word.push(c);
                if c == q {
                    quote = None;
                } else if c == esc
                    && q == '"'
                    && let Some(n) = chars.next()
                {
                    word.push(n);
                }
            }
            None => {
                if c.is_whitespace() {
                    if !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                } else if c == '\'' || c == '"' {
                    quote = Some(c);
                    word.push(c);
                } else if c == esc {
                    word.push(c);
                    if let Some(n) = chars.next() {
                        word.push(n);
                    }
                } else {
                    word.push(c);
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
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

fn attach_heredocs(inst: &mut Instruction, d: &ScannedDocs, text: &str) {
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

/// Fills what the crate does not give: mounts, key/value pairs, the exec form of COPY/ADD.
fn finish(inst: &mut Instruction, text: &str, escape: char) {
    match inst.keyword {
        Keyword::Copy | Keyword::Add => {
            // JSON form: a `[` between the flags and the first argument.
            let from = inst
                .flags
                .iter()
                .map(|f| f.span.end)
                .max()
                .unwrap_or(inst.keyword_span.end);
            let first = inst
                .args
                .iter()
                .map(|w| w.span.start)
                .chain(
                    inst.heredocs
                        .iter()
                        .filter_map(|h| h.marker_span.map(|m| m.start)),
                )
                .min()
                .unwrap_or(from);
            inst.exec_form = Span::new(from, first).slice(text).contains('[');
        }
        Keyword::Run => {
            inst.mounts = inst
                .flags
                .iter()
                .filter(|f| f.name.eq_ignore_ascii_case("mount"))
                .map(|f| parse_mount(f, text))
                .collect();
        }
        Keyword::Arg | Keyword::Env | Keyword::Label => {
            if let Some(w) = inst.args.first() {
                inst.pairs = key_values(w, text, escape, inst.keyword == Keyword::Arg);
            }
        }
        Keyword::Onbuild => {
            if let Some(t) = inst.trigger.as_deref_mut() {
                // Depth one: ONBUILD cannot nest.
                if t.keyword != Keyword::Onbuild {
                    finish(t, text, escape);
                }
            }
        }
        _ => {}
    }
}

/// Splits a `--mount` value into its comma-separated fields.
fn parse_mount(f: &Flag, text: &str) -> Mount {
    let mut m = Mount {
        span: f.span,
        ..Mount::default()
    };
    let value = f.value.as_deref().unwrap_or("");
    let exact = f
        .value_span
        .filter(|s| s.slice(text) == value)
        .map(|s| s.start);
    let mut offset = 0;
    let mut rw = false;
    // `type=` (lowercased), the last one written; bind when there is none.
    let mut kind: Option<String> = None;
    for field in value.split(',') {
        let field_start = offset;
        offset += field.len() + 1;
        // The value is copied only for the fields that keep it.
        let (k, v) = match field.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim().trim_matches('"'))),
            None => (field.trim(), None),
        };
        let owned = || v.map(str::to_string);
        // Field names compare without case, and without a lowercased copy.
        let is = |names: &[&str]| names.iter().any(|n| k.eq_ignore_ascii_case(n));
        if is(&["type"]) {
            kind = Some(v.unwrap_or_default().to_ascii_lowercase());
        } else if is(&["target", "dst", "destination"]) {
            m.target = owned();
        } else if is(&["source", "src"]) {
            m.source = owned();
        } else if is(&["from"]) {
            m.from_span = exact.map(|s| {
                let vs = s + field_start + field.find('=').map_or(0, |i| i + 1);
                Span::new(vs, s + field_start + field.len())
            });
            m.from = owned();
        } else if is(&["id"]) {
            m.id = owned();
        } else if is(&["ro", "readonly"]) {
            m.readonly = v.is_none_or(|v| v != "false");
        } else if is(&["rw", "readwrite"]) {
            rw = v.is_none_or(|v| v != "false");
        }
    }
    m.kind = kind.unwrap_or_else(|| "bind".to_string());
    if m.kind == "bind" && !rw {
        m.readonly = true;
    }
    m
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

/// [`split_words`] without copies. A word keeps every char from its start to its last one
/// (quotes and escapes included), except an escape that ends `s`, so it is one slice.
fn split_word_slices(s: &str, escape: char) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut word_start = 0;
    // The end of the word's last char; `None` while the word is empty.
    let mut word_end: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut blank_ok = false;
    let slice = |start: usize, end: Option<usize>| end.and_then(|e| s.get(start..e)).unwrap_or("");
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            None => {
                if c.is_whitespace() {
                    if blank_ok || word_end.is_some() {
                        words.push((word_start, slice(word_start, word_end.take())));
                    }
                    blank_ok = false;
                    continue;
                }
                if word_end.is_none() && !blank_ok {
                    word_start = i;
                }
                if c == '\'' || c == '"' {
                    quote = Some(c);
                    blank_ok = true;
                }
                if c == escape {
                    match chars.next() {
                        None => continue,
                        Some((j, n)) => {
                            word_end = Some(j + n.len_utf8());
                            continue;
                        }
                    }
                }
                word_end = Some(i + c.len_utf8());
            }
            Some(q) => {
                if c == q {
                    quote = None;
                }
                if c == escape && q != '\'' {
                    match chars.next() {
                        None => {
                            quote = None;
                            continue;
                        }
                        Some((j, n)) => {
                            word_end = Some(j + n.len_utf8());
                            continue;
                        }
                    }
                }
                word_end = Some(i + c.len_utf8());
            }
        }
    }
    if word_end.is_some() || blank_ok {
        words.push((word_start, slice(word_start, word_end)));
    }
    words
}

fn key_values(w: &Word, text: &str, escape: char, is_arg: bool) -> Vec<KeyValue> {
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

fn sp(r: &pd::Span, shift: usize) -> Span {
    Span::new(r.start + shift, r.end + shift)
}

fn word(s: &pd::UnescapedString<'_>, shift: usize) -> Word {
    Word {
        value: s.value.to_string(),
        span: sp(&s.span, shift),
    }
}

fn flags(fs: &[pd::Flag<'_>], shift: usize) -> Vec<Flag> {
    fs.iter()
        .map(|f| Flag {
            name: f.name.value.to_string(),
            value: f.value.as_ref().map(|v| v.value.to_string()),
            span: sp(&f.span(), shift),
            name_span: sp(&f.flag_span(), shift),
            value_span: f.value.as_ref().map(|v| sp(&v.span, shift)),
        })
        .collect()
}

fn command(c: &pd::Command<'_>, shift: usize) -> (Vec<Word>, bool) {
    match c {
        pd::Command::Exec(words) => (words.value.iter().map(|w| word(w, shift)).collect(), true),
        // An empty `RUN` has no argument at all, as in BuildKit.
        pd::Command::Shell(s) if s.value.trim().is_empty() => (Vec::new(), false),
        pd::Command::Shell(s) => (
            vec![Word {
                value: s.value.to_string(),
                span: sp(&s.span, shift),
            }],
            false,
        ),
        #[allow(unreachable_patterns)]
        _ => (Vec::new(), false),
    }
}

fn heredoc(h: &pd::HereDoc<'_>, shift: usize) -> Heredoc {
    Heredoc {
        name: String::new(),
        body: h.value.to_string(),
        expand: h.expand,
        strip_tabs: false,
        span: sp(&h.span, shift),
        marker_span: None,
    }
}

fn sources(src: &[pd::Source<'_>], shift: usize, args: &mut Vec<Word>, docs: &mut Vec<Heredoc>) {
    for s in src {
        match s {
            pd::Source::Path(p) => args.push(word(p, shift)),
            pd::Source::HereDoc(h) => docs.push(heredoc(h, shift)),
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }
}

fn convert(inst: &pd::Instruction<'_>, shift: usize) -> Instruction {
    let blank = |keyword: Keyword, kw: &pd::Keyword| Instruction {
        keyword,
        keyword_span: sp(&kw.span, shift),
        span: sp(&kw.span, shift),
        flags: Vec::new(),
        args: Vec::new(),
        exec_form: false,
        heredocs: Vec::new(),
        stage_name: None,
        as_span: None,
        trigger: None,
        mounts: Vec::new(),
        pairs: Vec::new(),
    };
    let mut out = match inst {
        pd::Instruction::Add(i) => {
            let mut o = blank(Keyword::Add, &i.add);
            o.flags = flags(&i.options, shift);
            o.args.reserve_exact(i.src.len() + 1);
            sources(&i.src, shift, &mut o.args, &mut o.heredocs);
            o.args.push(word(&i.dest, shift));
            o
        }
        pd::Instruction::Copy(i) => {
            let mut o = blank(Keyword::Copy, &i.copy);
            o.flags = flags(&i.options, shift);
            o.args.reserve_exact(i.src.len() + 1);
            sources(&i.src, shift, &mut o.args, &mut o.heredocs);
            o.args.push(word(&i.dest, shift));
            o
        }
        pd::Instruction::Arg(i) => {
            let mut o = blank(Keyword::Arg, &i.arg);
            o.args = vec![word(&i.arguments, shift)];
            o
        }
        pd::Instruction::Env(i) => {
            let mut o = blank(Keyword::Env, &i.env);
            o.args = vec![word(&i.arguments, shift)];
            o
        }
        pd::Instruction::Label(i) => {
            let mut o = blank(Keyword::Label, &i.label);
            o.args = vec![word(&i.arguments, shift)];
            o
        }
        pd::Instruction::Cmd(i) => {
            let mut o = blank(Keyword::Cmd, &i.cmd);
            (o.args, o.exec_form) = command(&i.arguments, shift);
            o
        }
        pd::Instruction::Entrypoint(i) => {
            let mut o = blank(Keyword::Entrypoint, &i.entrypoint);
            (o.args, o.exec_form) = command(&i.arguments, shift);
            o
        }
        pd::Instruction::Run(i) => {
            let mut o = blank(Keyword::Run, &i.run);
            o.flags = flags(&i.options, shift);
            (o.args, o.exec_form) = command(&i.arguments, shift);
            o.heredocs = i.here_docs.iter().map(|h| heredoc(h, shift)).collect();
            o
        }
        pd::Instruction::Expose(i) => {
            let mut o = blank(Keyword::Expose, &i.expose);
            o.args = i.arguments.iter().map(|w| word(w, shift)).collect();
            o
        }
        pd::Instruction::From(i) => {
            let mut o = blank(Keyword::From, &i.from);
            o.flags = flags(&i.options, shift);
            o.args = vec![word(&i.image, shift)];
            if let Some((kw, name)) = &i.as_ {
                o.as_span = Some(sp(&kw.span, shift));
                o.stage_name = Some(word(name, shift));
            }
            o
        }
        pd::Instruction::Healthcheck(i) => {
            let mut o = blank(Keyword::Healthcheck, &i.healthcheck);
            o.flags = flags(&i.options, shift);
            if let pd::HealthcheckArguments::Cmd { arguments, .. } = &i.arguments {
                (o.args, o.exec_form) = command(arguments, shift);
            }
            o
        }
        pd::Instruction::Maintainer(i) => {
            let mut o = blank(Keyword::Maintainer, &i.maintainer);
            o.args = vec![word(&i.name, shift)];
            o
        }
        pd::Instruction::Onbuild(i) => {
            let mut o = blank(Keyword::Onbuild, &i.onbuild);
            // ONBUILD cannot nest (ONBUILD ONBUILD is a parse error), so this recursion is
            // at most one level deep.
            let trigger = convert(&i.instruction, shift);
            o.span = o.span.cover(trigger.span);
            o.trigger = Some(Box::new(trigger));
            o
        }
        pd::Instruction::Shell(i) => {
            let mut o = blank(Keyword::Shell, &i.shell);
            o.args = i.arguments.iter().map(|w| word(w, shift)).collect();
            o.exec_form = true;
            o
        }
        pd::Instruction::Stopsignal(i) => {
            let mut o = blank(Keyword::Stopsignal, &i.stopsignal);
            o.args = vec![word(&i.arguments, shift)];
            o
        }
        pd::Instruction::User(i) => {
            let mut o = blank(Keyword::User, &i.user);
            o.args = vec![word(&i.arguments, shift)];
            o
        }
        pd::Instruction::Volume(i) => {
            let mut o = blank(Keyword::Volume, &i.volume);
            match &i.arguments {
                pd::JsonOrStringArray::Json(ws) => {
                    o.exec_form = true;
                    o.args = ws.value.iter().map(|w| word(w, shift)).collect();
                }
                pd::JsonOrStringArray::String(ws) => {
                    o.args = ws.iter().map(|w| word(w, shift)).collect();
                }
            }
            o
        }
        pd::Instruction::Workdir(i) => {
            let mut o = blank(Keyword::Workdir, &i.workdir);
            o.args = vec![word(&i.arguments, shift)];
            o
        }
        #[allow(unreachable_patterns)]
        _ => return blank_unknown(shift),
    };
    let end = out
        .args
        .iter()
        .map(|w| w.span.end)
        .chain(out.flags.iter().map(|f| f.span.end))
        .chain(out.heredocs.iter().map(|h| h.span.end))
        .chain(out.stage_name.iter().map(|w| w.span.end))
        .max()
        .unwrap_or(out.span.end);
    out.span = Span::new(out.span.start, end.max(out.span.end));
    out
}

fn blank_unknown(shift: usize) -> Instruction {
    Instruction {
        keyword: Keyword::Run,
        keyword_span: Span::point(shift),
        span: Span::point(shift),
        flags: Vec::new(),
        args: Vec::new(),
        exec_form: false,
        heredocs: Vec::new(),
        stage_name: None,
        as_span: None,
        trigger: None,
        mounts: Vec::new(),
        pairs: Vec::new(),
    }
}
