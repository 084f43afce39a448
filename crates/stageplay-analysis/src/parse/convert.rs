//! Conversion: turns `parse-dockerfile`'s tree into Stageplay's [`Instruction`]s, then fills
//! what the crate does not give (mounts, key/value pairs, the exec form of COPY/ADD).

use parse_dockerfile as pd;

use super::mount::parse_mount;
use super::words::key_values;
use super::{Flag, Heredoc, Instruction, Keyword, Word};
use crate::span::Span;

/// Fills what the crate does not give: mounts, key/value pairs, the exec form of COPY/ADD.
pub(super) fn finish(inst: &mut Instruction, text: &str, escape: char) {
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
            // Counted first: collected from a filter, the list would hold room for four
            // (most RUNs have one or two, and a `Mount` is 168 bytes).
            let is_mount = |f: &&Flag| f.name.eq_ignore_ascii_case("mount");
            let mut mounts = Vec::with_capacity(inst.flags.iter().filter(is_mount).count());
            mounts.extend(
                inst.flags
                    .iter()
                    .filter(is_mount)
                    .map(|f| parse_mount(f, text)),
            );
            inst.mounts = mounts;
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

/// The arguments of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD, whether in exec form, and
/// where they end (an exec form's `]`, after its last word).
fn command(c: &pd::Command<'_>, shift: usize) -> (Vec<Word>, bool, usize) {
    match c {
        pd::Command::Exec(words) => (
            words.value.iter().map(|w| word(w, shift)).collect(),
            true,
            words.span.end + shift,
        ),
        // An empty `RUN` has no argument at all, as in BuildKit.
        pd::Command::Shell(s) if s.value.trim().is_empty() => (Vec::new(), false, 0),
        pd::Command::Shell(s) => (
            vec![Word {
                value: s.value.to_string(),
                span: sp(&s.span, shift),
            }],
            false,
            0,
        ),
        #[allow(unreachable_patterns)]
        _ => (Vec::new(), false, 0),
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

pub(super) fn convert(inst: &pd::Instruction<'_>, shift: usize) -> Instruction {
    let blank = |keyword: Keyword, kw: &pd::Keyword| empty(keyword, sp(&kw.span, shift));
    // Instructions whose argument is one word.
    let one_word = |keyword: Keyword, kw: &pd::Keyword, arg: &pd::UnescapedString<'_>| {
        let mut o = blank(keyword, kw);
        o.args = vec![word(arg, shift)];
        o
    };
    // COPY and ADD: flags, sources (paths and heredocs), then the destination.
    let copy_like = |keyword: Keyword,
                     kw: &pd::Keyword,
                     options: &[pd::Flag<'_>],
                     src: &[pd::Source<'_>],
                     dest: &pd::UnescapedString<'_>| {
        let mut o = blank(keyword, kw);
        o.flags = flags(options, shift);
        o.args.reserve_exact(src.len() + 1);
        sources(src, shift, &mut o.args, &mut o.heredocs);
        o.args.push(word(dest, shift));
        o
    };
    // An exec form's `]`, which ends the instruction after its last word.
    let mut array_end = 0;
    let mut out = match inst {
        pd::Instruction::Add(i) => copy_like(Keyword::Add, &i.add, &i.options, &i.src, &i.dest),
        pd::Instruction::Copy(i) => copy_like(Keyword::Copy, &i.copy, &i.options, &i.src, &i.dest),
        pd::Instruction::Arg(i) => one_word(Keyword::Arg, &i.arg, &i.arguments),
        pd::Instruction::Env(i) => one_word(Keyword::Env, &i.env, &i.arguments),
        pd::Instruction::Label(i) => one_word(Keyword::Label, &i.label, &i.arguments),
        pd::Instruction::Cmd(i) => {
            let mut o = blank(Keyword::Cmd, &i.cmd);
            (o.args, o.exec_form, array_end) = command(&i.arguments, shift);
            o
        }
        pd::Instruction::Entrypoint(i) => {
            let mut o = blank(Keyword::Entrypoint, &i.entrypoint);
            (o.args, o.exec_form, array_end) = command(&i.arguments, shift);
            o
        }
        pd::Instruction::Run(i) => {
            let mut o = blank(Keyword::Run, &i.run);
            o.flags = flags(&i.options, shift);
            (o.args, o.exec_form, array_end) = command(&i.arguments, shift);
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
                (o.args, o.exec_form, array_end) = command(arguments, shift);
            }
            o
        }
        pd::Instruction::Maintainer(i) => one_word(Keyword::Maintainer, &i.maintainer, &i.name),
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
            one_word(Keyword::Stopsignal, &i.stopsignal, &i.arguments)
        }
        pd::Instruction::User(i) => one_word(Keyword::User, &i.user, &i.arguments),
        pd::Instruction::Volume(i) => {
            let mut o = blank(Keyword::Volume, &i.volume);
            match &i.arguments {
                pd::JsonOrStringArray::Json(ws) => {
                    o.exec_form = true;
                    array_end = ws.span.end + shift;
                    o.args = ws.value.iter().map(|w| word(w, shift)).collect();
                }
                pd::JsonOrStringArray::String(ws) => {
                    o.args = ws.iter().map(|w| word(w, shift)).collect();
                }
            }
            o
        }
        pd::Instruction::Workdir(i) => one_word(Keyword::Workdir, &i.workdir, &i.arguments),
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
        .chain([array_end])
        .max()
        .unwrap_or(out.span.end);
    out.span = Span::new(out.span.start, end.max(out.span.end));
    out
}

fn blank_unknown(shift: usize) -> Instruction {
    empty(Keyword::Run, Span::point(shift))
}

/// An ONBUILD whose trigger is no instruction (`heredoc::UnknownTrigger`): no `trigger`, and
/// the unknown word as its one argument, for the error when it fires
/// (`stages::onbuild_trigger_errors`).
pub(super) fn unknown_trigger(t: &super::heredoc::UnknownTrigger, text: &str) -> Instruction {
    let mut o = empty(Keyword::Onbuild, t.keyword);
    o.span = t.span;
    o.args.push(Word {
        value: t.word.slice(text).to_string(),
        span: t.word,
    });
    o
}

/// An instruction with its keyword and nothing else; the span is the keyword's until the
/// arguments are added.
fn empty(keyword: Keyword, keyword_span: Span) -> Instruction {
    Instruction {
        keyword,
        keyword_span,
        span: keyword_span,
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
