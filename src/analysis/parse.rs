//! Parsing: runs `parse-dockerfile` and converts its tree into Stageplay's own instruction
//! model, with a byte span for every token the UI and the later passes need.
//!
//! Parsing never fails: `parse-dockerfile` stops at the first error, so we keep every
//! instruction parsed before it and report the error as a diagnostic with a span.

use parse_dockerfile as pd;
use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::span::{LineIndex, Span};

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
    /// The body, as the instruction receives it.
    pub body: String,
    /// False when the delimiter was quoted (no variable expansion in the body).
    pub expand: bool,
    pub span: Span,
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
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }
}

/// A parser directive at the top of the file (`# syntax=...`, `# escape=...`, `# check=...`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Directive {
    pub name: String,
    pub value: String,
    pub span: Span,
}

/// The result of parsing: never fails, errors are diagnostics.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub directives: Vec<Directive>,
    pub instructions: Vec<Instruction>,
    pub diagnostics: Vec<Diagnostic>,
}

const BOM: &str = "\u{feff}";

/// Parses `text` into instructions and diagnostics.
pub fn parse(text: &str) -> Parsed {
    // parse-dockerfile strips a UTF-8 BOM and reports spans relative to the rest.
    let shift = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let lines = LineIndex::new(text);
    let mut parsed = Parsed::default();
    let iter = match pd::parse_iter(text) {
        Ok(iter) => iter,
        Err(e) => {
            parsed.diagnostics.push(error_diagnostic(text, &lines, &e));
            return parsed;
        }
    };
    // Read directives from the text; the crate keeps them private on the iterator.
    for inst in iter {
        match inst {
            Ok(inst) => parsed.instructions.push(convert(&inst, shift)),
            Err(e) => {
                parsed.diagnostics.push(error_diagnostic(text, &lines, &e));
                break;
            }
        }
    }
    parsed
}

fn error_diagnostic(text: &str, lines: &LineIndex, e: &pd::Error) -> Diagnostic {
    let message = format!("{e:#}");
    let span = if e.line() == 0 {
        Span::point(text.len())
    } else {
        let start = lines.line_start(e.line());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        Span::new(start, end)
    };
    Diagnostic::error("ParseError", span, message)
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
        span: sp(&h.span, shift),
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
    };
    let mut out = match inst {
        pd::Instruction::Add(i) => {
            let mut o = blank(Keyword::Add, &i.add);
            o.flags = flags(&i.options, shift);
            sources(&i.src, shift, &mut o.args, &mut o.heredocs);
            o.args.push(word(&i.dest, shift));
            o
        }
        pd::Instruction::Copy(i) => {
            let mut o = blank(Keyword::Copy, &i.copy);
            o.flags = flags(&i.options, shift);
            sources(&i.src, shift, &mut o.args, &mut o.heredocs);
            o.args.push(word(&i.dest, shift));
            o
        }
        pd::Instruction::Arg(i) => {
            let mut o = blank(Keyword::Arg, &i.arg);
            o.args.push(word(&i.arguments, shift));
            o
        }
        pd::Instruction::Env(i) => {
            let mut o = blank(Keyword::Env, &i.env);
            o.args.push(word(&i.arguments, shift));
            o
        }
        pd::Instruction::Label(i) => {
            let mut o = blank(Keyword::Label, &i.label);
            o.args.push(word(&i.arguments, shift));
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
            o.args.push(word(&i.image, shift));
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
            o.args.push(word(&i.name, shift));
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
            o.args.push(word(&i.arguments, shift));
            o
        }
        pd::Instruction::User(i) => {
            let mut o = blank(Keyword::User, &i.user);
            o.args.push(word(&i.arguments, shift));
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
            o.args.push(word(&i.arguments, shift));
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
    }
}
