//! Instruction flags as BuildKit's `instructions.Parse` reads them: which `--flags` each
//! instruction knows and of what kind (moby/buildkit `frontend/dockerfile/instructions/
//! parse.go`, each `parseX` registering its flags), and the errors `BFlags.Parse`
//! (`instructions/bflag.go`) raises for an unknown, repeated or malformed one, plus the
//! values RUN's flags check at the same time (`commands_runnetwork.go`,
//! `commands_runsecurity.go`, and `from=` in `commands_runmount.go`).
//!
//! These errors fail the build even in a stage that is never built: `instructions.Parse`
//! reads every instruction first. ONBUILD triggers are parsed only when they fire, so
//! their flags are not checked here; ARG and STOPSIGNAL never read their flags.

use super::{Flag, Instruction, Keyword};
use crate::diagnostic::Diagnostic;
use crate::errors;
use crate::span::Span;
use crate::suggest::edit_distance;

/// How `BFlags` reads a flag's value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `--link`, `--link=true|false`.
    Bool,
    /// `--from=x`, once.
    String,
    /// `--exclude=x`, as many times as wanted.
    Strings,
}

use Kind::{Bool, String as Str, Strings};

/// The flags `keyword` registers, in BuildKit's order; `None` when it never parses its
/// flags (ARG, STOPSIGNAL: BuildKit drops them silently).
fn known(keyword: Keyword) -> Option<&'static [(&'static str, Kind)]> {
    Some(match keyword {
        Keyword::Add => &[
            ("chown", Str),
            ("chmod", Str),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", Str),
            ("unpack", Bool),
            ("exclude", Strings),
        ],
        Keyword::Copy => &[
            ("chown", Str),
            ("from", Str),
            ("chmod", Str),
            ("link", Bool),
            ("exclude", Strings),
            ("parents", Bool),
        ],
        Keyword::From => &[("platform", Str)],
        // The pre-hooks of `parseRun`, in the order Go runs the files' `init`.
        Keyword::Run => &[
            ("device", Strings),
            ("mount", Strings),
            ("network", Str),
            ("security", Str),
        ],
        Keyword::Healthcheck => &[
            ("interval", Str),
            ("timeout", Str),
            ("start-period", Str),
            ("start-interval", Str),
            ("retries", Str),
        ],
        Keyword::Arg | Keyword::Stopsignal => return None,
        _ => &[],
    })
}

/// A flag as `BFlags.Parse` sees it: the name after `--`, the value after `=`, and where
/// it is.
struct Seen<'a> {
    name: &'a str,
    value: Option<&'a str>,
    span: Span,
}

/// The errors of `inst`'s flags, in BuildKit's order: the first one is what the build
/// reports. At most one per instruction, as `BFlags.Parse` stops at its first error.
pub(super) fn check(inst: &Instruction, text: &str) -> Option<Diagnostic> {
    let known = known(inst.keyword)?;
    // HEALTHCHECK NONE reads no flags.
    if inst.keyword == Keyword::Healthcheck && inst.args.is_empty() {
        return None;
    }
    let seen: Vec<Seen> = if inst.flags.is_empty() {
        leading_flags(inst, text)
    } else {
        inst.flags.iter().map(seen).collect()
    };
    crate::work::add(seen.len());
    // Which known flags were given already (a bool per known flag: no search per flag, so
    // thousands of `--exclude` stay linear).
    let mut used = [false; 8];
    for f in &seen {
        let err = |message: String| Some(Diagnostic::new(&errors::INVALID_FLAG, f.span, message));
        // Flag names are case-sensitive: `--FROM` is unknown.
        let Some((k, &(_, kind))) = known.iter().enumerate().find(|(_, (n, _))| *n == f.name)
        else {
            let hint = closest(f.name, known.iter().map(|(n, _)| *n))
                .map(|n| format!(" (did you mean {n}?)"))
                .unwrap_or_default();
            return err(format!("unknown flag: --{}{hint}", f.name));
        };
        let seen_before = used.get_mut(k).map(|u| std::mem::replace(u, true));
        if seen_before == Some(true) && kind != Strings {
            return err(format!("duplicate flag specified: --{}", f.name));
        }
        match (kind, f.value) {
            (Bool, Some("")) | (Str | Strings, None) => {
                return err(format!("missing a value on flag: --{}", f.name));
            }
            (Bool, Some(v))
                if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") =>
            {
                return err(format!(
                    "expecting boolean value for flag --{}, not: {v}",
                    f.name
                ));
            }
            _ => {}
        }
    }
    match inst.keyword {
        Keyword::Run => run_values(inst),
        Keyword::Healthcheck => super::healthcheck::values(inst),
        _ => None,
    }
}

/// RUN's post-hooks: `from=` of a mount may not hold a variable; `--network` and
/// `--security` take one of their known values (the last one given; the default when
/// none is).
fn run_values(inst: &Instruction) -> Option<Diagnostic> {
    for m in &inst.mounts {
        if let Some(from) = &m.from
            && from.find('$').is_some_and(|i| i + 1 != from.len())
        {
            return Some(Diagnostic::new(
                &errors::MOUNT_FROM_VARIABLE,
                m.from_span.unwrap_or(m.span),
                "'from' doesn't support variable expansion, define alias stage instead",
            ));
        }
    }
    let value = |name: &str| inst.flags.iter().rev().find(|f| f.name == name);
    if let Some(f) = value("network")
        && let Some(v) = f.value.as_deref()
        && !matches!(v, "default" | "none" | "host")
    {
        return Some(Diagnostic::new(
            &errors::INVALID_FLAG,
            f.span,
            format!("invalid network mode {v:?}"),
        ));
    }
    if let Some(f) = value("security")
        && let Some(v) = f.value.as_deref()
        && !matches!(v, "sandbox" | "insecure")
    {
        return Some(Diagnostic::new(
            &errors::INVALID_FLAG,
            f.span,
            format!("security {v:?} is not valid"),
        ));
    }
    None
}

fn seen(f: &Flag) -> Seen<'_> {
    Seen {
        name: &f.name,
        value: f.value.as_deref(),
        span: f.span,
    }
}

/// The `--name[=value]` words at the start of the arguments of an instruction whose flags
/// the parser keeps in its text (ENV, WORKDIR, CMD, ...), as BuildKit's
/// `extractBuilderFlags` (`parser/split_command.go`) takes them off every instruction.
fn leading_flags<'a>(inst: &'a Instruction, text: &str) -> Vec<Seen<'a>> {
    let mut out = Vec::new();
    if inst.exec_form {
        return out;
    }
    let Some(first) = inst.args.first() else {
        return out;
    };
    // The word's text, located in the Dockerfile when it was taken verbatim.
    let exact = first.span.slice(text) == first.value;
    let mut rest = first.value.as_str();
    let mut offset = 0;
    loop {
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        rest = trimmed;
        if !rest.starts_with("--") {
            break;
        }
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..len];
        if word == "--" {
            break;
        }
        let (name, value) = match word[2..].split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (&word[2..], None),
        };
        let span = if exact {
            Span::new(first.span.start + offset, first.span.start + offset + len)
        } else {
            first.span
        };
        out.push(Seen { name, value, span });
        offset += len;
        rest = &rest[len..];
    }
    out
}

/// The known name closest to `name` by fewer than three edits (BuildKit's
/// `suggest.Search`), the first of equals.
fn closest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for n in names {
        let d = edit_distance(name, n);
        if d < 3 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n)
}
