//! Parsing: runs `parse-dockerfile` and converts its tree into Stageplay's own instruction
//! model, with a byte span for every token the UI and the later passes need.
//!
//! Parsing never fails: `parse-dockerfile` stops at the first error, so we keep every
//! instruction parsed before it and report the error as a diagnostic with a span.
//!
//! This file holds the instruction model and the entry point; `directives` reads the parser
//! directives, `heredoc` finds heredocs (and hides what the crate would misread), `convert`
//! turns the crate's tree into [`Instruction`]s, `words` splits ARG/ENV/LABEL words and
//! joins continuation lines, and `mount` reads `RUN --mount` values.

mod buildkit_errors;
mod convert;
mod directives;
mod flags;
mod healthcheck;
mod heredoc;
mod mount;
mod words;

use parse_dockerfile as pd;
use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::errors;
use super::span::{LineIndex, Span, floor_char_boundary};

pub use directives::{comment_directive, comments_before, last_comment_before};
pub use words::{join_continuations, split_words};

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
    /// The last flag called `name` (a repeated single flag is an `InvalidFlag` error, see
    /// `flags`; so is a name in another case, which this lookup still accepts).
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
        directives: directives::directives(text, shift),
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
    let scan = heredoc::scan_heredocs(text, shift, parsed.escape as u8);
    let source: &str = scan.masked.as_deref().unwrap_or(text);
    let iter = match pd::parse_iter(source) {
        Ok(iter) => iter,
        Err(e) => {
            parsed
                .diagnostics
                .push(error_diagnostic(text, shift, &e, shift));
            return parsed;
        }
    };
    // One instruction per logical line, unless parsing stops early: room for 1,024 of them
    // up front (so a long file that fails at its first lines reserves little), and for all
    // the others once those have parsed, so that the list is copied once at most as it
    // grows (at moby's file x20 the copies of doubling cost 1.8 M instructions).
    parsed
        .instructions
        .reserve_exact(scan.logical_lines.min(1024));
    let mut docs = scan.docs.iter().peekable();
    let mut entrypoints = scan.entrypoints.iter().copied().peekable();
    let mut unknown_triggers = scan.unknown_triggers.iter().peekable();
    // The flag errors, and where their instructions start: `instructions.Parse` prefixes
    // what it rejects with the line (moby/buildkit `instructions/parse.go`, `parseError`).
    let mut flag_errors: Vec<(usize, usize)> = Vec::new();
    let mut stopped = false;
    for inst in iter {
        match inst {
            Ok(inst) => {
                let mut inst = convert::convert(&inst, shift);
                // The ONBUILDs hidden from the crate before this instruction come first.
                while let Some(t) = unknown_triggers.next_if(|t| t.span.start < inst.span.start) {
                    parsed.instructions.push(convert::unknown_trigger(t, text));
                }
                if !scan.entrypoints.is_empty() {
                    restore_entrypoint(&mut inst, &mut entrypoints);
                }
                while docs.peek().is_some_and(|d| d.start < inst.span.start) {
                    docs.next();
                }
                if let Some(d) = docs.next_if(|d| d.start == inst.span.start) {
                    heredoc::attach_heredocs(&mut inst, d, text);
                }
                if scan.placeholders {
                    heredoc::restore_placeholders(&mut inst, parsed.escape);
                }
                convert::finish(&mut inst, text, parsed.escape);
                if let Some(d) = missing_equals(&inst).or_else(|| json_not_strings(&inst, text)) {
                    // BuildKit rejects the file here; keep what came before, like the
                    // crate's own errors.
                    parsed.diagnostics.push(d);
                    stopped = true;
                    break;
                }
                // The flags first, as BuildKit reads most instructions' flags before
                // their arguments; the prefix BuildKit gives both is added below.
                if let Some(d) = flags::check(&inst, text)
                    .or_else(|| buildkit_errors::instruction_error(&inst, text))
                {
                    flag_errors.push((parsed.diagnostics.len(), inst.span.start));
                    parsed.diagnostics.push(d);
                }
                if parsed.instructions.len() == parsed.instructions.capacity() {
                    // Past the estimate (it should never be), the list doubles as usual.
                    match scan.logical_lines.saturating_sub(parsed.instructions.len()) {
                        0 => parsed.instructions.reserve(1),
                        rest => parsed.instructions.reserve_exact(rest),
                    }
                }
                parsed.instructions.push(inst);
            }
            Err(e) => {
                let after = parsed.instructions.last().map_or(shift, |i| i.span.end);
                let d = error_diagnostic(text, shift, &e, after);
                // The ONBUILDs before the error stay, as the instructions before it do.
                while let Some(t) = unknown_triggers.next_if(|t| t.span.start < d.span.start) {
                    parsed.instructions.push(convert::unknown_trigger(t, text));
                }
                // A heredoc never closed: the crate stops at the end of the file, BuildKit
                // points at the heredoc, as the pre-scan does.
                match &scan.error {
                    Some(err) if d.message == buildkit_errors::UNTERMINATED_HEREDOC => {
                        parsed.diagnostics.push(err.clone());
                    }
                    _ => parsed.diagnostics.push(d),
                }
                stopped = true;
                break;
            }
        }
    }
    // After the last instruction, unless parsing stopped at an error.
    if !stopped {
        parsed
            .instructions
            .extend(unknown_triggers.map(|t| convert::unknown_trigger(t, text)));
    }
    if !flag_errors.is_empty() {
        // One line index for all of them, built only when there is an error.
        let lines = LineIndex::new(text);
        for (k, start) in flag_errors {
            if let Some(d) = parsed.diagnostics.get_mut(k) {
                d.message = format!(
                    "dockerfile parse error on line {}: {}",
                    lines.line(start),
                    d.message
                );
            }
        }
    }
    // A heredoc never closed fails BuildKit's parser, which reads the whole file before any
    // instruction is parsed: it counts unless the parser failed earlier (or on it).
    if let Some(err) = scan.error
        && !parsed.diagnostics.iter().any(|d| {
            d.span.start <= err.span.start
                && d.rule == errors::PARSE_ERROR.name
                && !from_instructions_parse(&d.message)
        })
    {
        parsed.diagnostics.push(err);
    }
    parsed
}

/// True for a `ParseError` that `instructions.Parse` reports, after the parser has read the
/// whole file: it wraps what it refuses in `parseError`, "dockerfile parse error on line N:
/// …" (moby/buildkit `frontend/dockerfile/instructions/parse.go`, `Parse`), and refuses an
/// instruction before the first FROM with "no build stage in current context"
/// (`CurrentStage`). Such an error ranks with the flag errors, in file order, after the
/// parser's own errors anywhere in the file.
pub fn from_instructions_parse(message: &str) -> bool {
    message.starts_with("dockerfile parse error on line ")
        || message == "no build stage in current context"
}

/// The diagnostic for the error parse-dockerfile stopped at, in BuildKit's words
/// ([`buildkit_errors`]); `after` is where the last instruction it parsed ends.
fn error_diagnostic(text: &str, shift: usize, e: &pd::Error, after: usize) -> Diagnostic {
    // Built only on error: the happy path never pays for a line index.
    let lines = LineIndex::new(text);
    let failing = buildkit_errors::Failing::find(text, after.max(shift));
    let line = failing.as_ref().map_or(e.line(), |f| lines.line(f.start));
    let message =
        buildkit_errors::crate_error_message(format!("{e:#}"), failing.as_ref(), line, text);
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

/// Gives back their keyword to the ENTRYPOINTs without arguments the crate was shown as
/// CMD (`heredoc::empty_entrypoint`), `masked` holding their starts in order.
fn restore_entrypoint(
    inst: &mut Instruction,
    masked: &mut std::iter::Peekable<impl Iterator<Item = usize>>,
) {
    let restore = |inst: &mut Instruction, masked: &mut std::iter::Peekable<_>| {
        while masked.next_if(|&at| at < inst.keyword_span.start).is_some() {}
        if inst.keyword != Keyword::Cmd || masked.next_if_eq(&inst.keyword_span.start).is_none() {
            return None;
        }
        inst.keyword = Keyword::Entrypoint;
        let start = inst.keyword_span.start;
        let keyword = Span::new(start, start + heredoc::ENTRYPOINT.len());
        inst.keyword_span = keyword;
        // A bare `CMD` spans its three letters; the instruction covers its keyword.
        inst.span = inst.span.cover(keyword);
        Some(keyword)
    };
    match inst.trigger.as_deref_mut() {
        Some(trigger) => {
            if let Some(keyword) = restore(trigger, masked) {
                inst.span = inst.span.cover(keyword);
            }
        }
        None => {
            restore(inst, masked);
        }
    }
}

/// The error BuildKit meets when it parses an ONBUILD trigger, which it does only when the
/// trigger fires (moby/buildkit `dockerfile2llb/convert.go`, `initOnBuildTriggers`:
/// `instructions.ParseCommand` on the trigger, whose errors carry no "dockerfile parse
/// error on line N" prefix): a flag error, or one of [`buildkit_errors::instruction_error`].
pub fn trigger_error(trigger: &Instruction, text: &str) -> Option<Diagnostic> {
    flags::check(trigger, text).or_else(|| buildkit_errors::instruction_error(trigger, text))
}

/// The error BuildKit meets when an ONBUILD whose trigger is no instruction fires
/// (`ONBUILD BOGUS x`: `instructions.ParseCommand` in `initOnBuildTriggers`), "unknown
/// instruction: BOGUS", with BuildKit's suggestion; `None` for any other instruction.
pub fn unknown_trigger_error(onbuild: &Instruction) -> Option<Diagnostic> {
    if onbuild.keyword != Keyword::Onbuild || onbuild.trigger.is_some() {
        return None;
    }
    let word = onbuild.args.first()?;
    Some(Diagnostic::new(
        &errors::PARSE_ERROR,
        word.span,
        buildkit_errors::unknown_instruction_message(&word.value),
    ))
}

/// ENV and LABEL in key=value form need `=` in every word, and in the legacy `KEY value`
/// form a value (BuildKit's parser errors, `parser/line_parsers.go`, `parseNameVal`).
fn missing_equals(inst: &Instruction) -> Option<Diagnostic> {
    let check = |i: &Instruction| {
        if !matches!(i.keyword, Keyword::Env | Keyword::Label) {
            return None;
        }
        i.pairs.iter().find_map(|p| {
            let message = if p.legacy && p.value.as_deref() == Some("") {
                format!("{} must have two arguments", i.keyword.as_str())
            } else if p.value.is_none() && !p.legacy {
                format!(
                    "Syntax error - can't find = in \"{}\". Must be of the form: name=value",
                    p.key
                )
            } else {
                return None;
            };
            Some(Diagnostic::new(&errors::PARSE_ERROR, p.span, message))
        })
    };
    check(inst).or_else(|| inst.trigger.as_deref().and_then(check))
}

/// Arguments in shell form whose text is a JSON array as a whole with an element that is
/// not a string: BuildKit's parser fails (`parser/line_parsers.go`, `parseJSON`, from
/// `parseMaybeJSON` for RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD, and from
/// `parseMaybeJSONToList` for COPY, ADD and VOLUME); any other text starting with `[` is
/// shell form (or, for the lists, words). An ONBUILD trigger is parsed as a line of its own
/// (`parseSubCommand`), so the same holds for it.
fn json_not_strings(inst: &Instruction, text: &str) -> Option<Diagnostic> {
    let check = |i: &Instruction| {
        if i.exec_form {
            return None;
        }
        let (first, last) = (i.args.first()?, i.args.last()?);
        let (rest, span) = match i.keyword {
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck => {
                (first.value.as_str(), first.span)
            }
            Keyword::Copy | Keyword::Add | Keyword::Volume if i.heredocs.is_empty() => {
                let span = Span::new(first.span.start, last.span.end);
                (span.slice(text), span)
            }
            _ => return None,
        };
        json_array_not_strings(rest.trim())
            .then(|| Diagnostic::new(&errors::PARSE_ERROR, span, NOT_STRINGS))
    };
    check(inst).or_else(|| inst.trigger.as_deref().and_then(check))
}

/// BuildKit's parser error for a JSON array with an element that is not a string
/// (`parser/line_parsers.go`, `errDockerfileNotStringArray`).
pub(super) const NOT_STRINGS: &str =
    "when using JSON array syntax, arrays must be comprised of strings only";

/// True when `rest` is a JSON array as a whole but not one of strings only.
pub(super) fn json_array_not_strings(rest: &str) -> bool {
    // Strings only: BuildKit's exec form. Otherwise, a JSON array all the same (read
    // without building its values, which keeps the page's wasm small) is the error.
    rest.starts_with('[')
        && serde_json::from_str::<Vec<String>>(rest).is_err()
        && serde_json::from_str::<Vec<serde::de::IgnoredAny>>(rest).is_ok()
}
