//! The errors BuildKit's `dispatch` finds in an instruction's expanded flag values: a
//! `--chmod` that is neither octal nor a symbolic mode, an `ADD --checksum` on a source it
//! cannot verify, and the fields of a `RUN --mount` (moby/buildkit
//! `frontend/dockerfile/dockerfile2llb/convert_copy.go`, `dispatchCopy`;
//! `instructions/commands_runmount.go`, `parseMount` with an expander;
//! `dockerfile2llb/convert_runmount.go`, `dispatchRunMounts`).
//!
//! They are found when the instruction is dispatched, so they fail the build only in a
//! stage the target needs (`failure`). One error per instruction, the first BuildKit meets.

use std::borrow::Cow;

use crate::diagnostic::Diagnostic;
use crate::errors;
use crate::expand::ExpandedInstruction;
use crate::parse::{Instruction, Keyword};
use crate::suggest::edit_distance;

/// Reports the dispatch errors of every instruction.
pub fn dispatch_errors(
    instructions: &[Instruction],
    expanded: &[ExpandedInstruction],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (inst, e) in instructions.iter().zip(expanded) {
        diagnostics.extend(check(inst, e));
    }
}

fn check(inst: &Instruction, e: &ExpandedInstruction) -> Option<Diagnostic> {
    // The expanded value of each flag (the raw one where there is none).
    let value = |i: usize| -> Option<&str> {
        e.flags
            .get(i)
            .and_then(|v| v.as_deref())
            .or_else(|| inst.flags.get(i).and_then(|f| f.value.as_deref()))
    };
    let last = |name: &str| inst.flags.iter().rposition(|f| f.name == name);
    match inst.keyword {
        Keyword::Copy | Keyword::Add => {
            if let Some(i) = last("chmod")
                && let Some(message) = value(i).and_then(chmod_error)
            {
                let span = inst.flags.get(i).map_or(inst.span, |f| f.span);
                return Some(Diagnostic::new(&errors::INVALID_CHMOD, span, message));
            }
            if inst.keyword == Keyword::Add
                && let Some(i) = last("checksum")
                && value(i).is_some_and(|v| !v.is_empty())
            {
                let sources = e.args.len().saturating_sub(1);
                let message = if sources != 1 {
                    Some("checksum can't be specified for multiple sources")
                } else {
                    e.args
                        .first()
                        .filter(|s| !is_remote(s))
                        .map(|_| "checksum requires HTTP(S) or Git sources")
                };
                if let Some(message) = message {
                    let span = inst.flags.get(i).map_or(inst.span, |f| f.span);
                    return Some(Diagnostic::new(&errors::INVALID_CHECKSUM, span, message));
                }
            }
            None
        }
        Keyword::Run => inst.flags.iter().enumerate().find_map(|(i, f)| {
            if f.name != "mount" {
                return None;
            }
            let message = mount_error(value(i).unwrap_or(""))?;
            Some(Diagnostic::new(&errors::INVALID_MOUNT, f.span, message))
        }),
        _ => None,
    }
}

/// A source BuildKit can verify a checksum of: an HTTP(S) URL or a Git remote. Anything
/// with a scheme or in `git@host:` form counts, so that no remote is called local.
fn is_remote(src: &str) -> bool {
    src.contains("://") || src.starts_with("git@")
}

/// `dispatchCopy`'s `--chmod` check: an octal number up to 07777, or a symbolic mode
/// (`u+x,g-w`) as `dchapes-mode`'s `Parse` reads it; an empty value sets nothing.
fn chmod_error(v: &str) -> Option<String> {
    if v.is_empty() {
        return None;
    }
    let non_octal = || {
        format!("invalid chmod parameter: '{v}'. it should be octal string and between 0 and 07777")
    };
    match parse_uint(v, 8) {
        Some(p) if p > 0o7777 => Some(non_octal()),
        Some(_) => None,
        // A value that starts with a digit is read as a number by the mode parser too.
        None if v.as_bytes()[0].is_ascii_digit() => Some(non_octal()),
        None => (!symbolic_mode_ok(v)).then(|| "invalid syntax".to_string()),
    }
}

/// Go's `strconv.ParseUint(v, radix, 32)`: digits only, no sign or prefix, below 2^32.
fn parse_uint(v: &str, radix: u32) -> Option<u64> {
    if v.is_empty() || !v.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(v, radix)
        .ok()
        .filter(|&n| n <= u64::from(u32::MAX))
}

/// The grammar of a symbolic mode: clauses `[ugoa]*` then one or more `[+-=][rwxXstugo]*`,
/// separated by commas.
fn symbolic_mode_ok(v: &str) -> bool {
    let s = v.as_bytes();
    let mut i = 0;
    loop {
        while matches!(s.get(i), Some(b'a' | b'u' | b'g' | b'o')) {
            i += 1;
        }
        if i == s.len() {
            return false;
        }
        loop {
            if !matches!(s.get(i), Some(b'+' | b'-' | b'=')) {
                return false;
            }
            i += 1;
            while matches!(
                s.get(i),
                Some(b'r' | b's' | b't' | b'w' | b'X' | b'x' | b'u' | b'g' | b'o')
            ) {
                i += 1;
            }
            match s.get(i) {
                None => return true,
                Some(b',') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
        }
    }
}

const MOUNT_TYPES: &[&str] = &["bind", "cache", "tmpfs", "secret", "ssh"];
const SHARING: &[&str] = &["shared", "private", "locked"];
const MOUNT_KEYS: &[&str] = &[
    "type",
    "from",
    "source",
    "target",
    "readonly",
    "id",
    "sharing",
    "required",
    "size",
    "mode",
    "uid",
    "gid",
    "src",
    "dst",
    "destination",
    "ro",
    "rw",
    "readwrite",
    "env",
];

/// `parseMount` with an expander, then `dispatchRunMounts`'s target check, on the expanded
/// `--mount` value: the first error, in BuildKit's words.
fn mount_error(value: &str) -> Option<String> {
    let fields = csv_fields(value)?;
    let mut kind: Cow<str> = Cow::Borrowed("bind");
    let (mut from, mut source, mut target, mut id) = (false, false, None, false);
    let (mut sharing, mut file_info) = (false, None);
    for field in &fields {
        let (key, v) = match field.split_once('=') {
            Some((k, v)) => (lowercase(k), Some(v)),
            None => (lowercase(field), None),
        };
        let secret_or_ssh = kind == "secret" || kind == "ssh";
        let Some(v) = v else {
            match &*key {
                "readonly" | "ro" | "readwrite" | "rw" => continue,
                "required" if secret_or_ssh => continue,
                "required" => {
                    return Some(format!("unexpected key '{key}' for mount type '{kind}'"));
                }
                _ => return Some(format!("invalid field '{field}' must be a key=value pair")),
            }
        };
        let bad_value = || Some(format!("invalid value for {key}: {v}"));
        match &*key {
            "type" => {
                let t = lowercase(v);
                if !MOUNT_TYPES.contains(&&*t) {
                    return Some(format!(
                        "unsupported mount type {v:?}{}",
                        hint(v, MOUNT_TYPES)
                    ));
                }
                kind = t;
            }
            "from" => from = true,
            "source" | "src" => source = !v.is_empty(),
            "target" | "dst" | "destination" => target = Some(v),
            "id" => id = !v.is_empty(),
            "env" => {}
            "readonly" | "ro" | "readwrite" | "rw" => {
                if !go_bool(v) {
                    return bad_value();
                }
            }
            "required" if secret_or_ssh => {
                if !go_bool(v) {
                    return bad_value();
                }
            }
            "size" if kind == "tmpfs" => {
                if !ram_in_bytes(v) {
                    return bad_value();
                }
            }
            "required" | "size" => {
                return Some(format!("unexpected key '{key}' for mount type '{kind}'"));
            }
            "sharing" => {
                if !SHARING.contains(&v.to_ascii_lowercase().as_str()) {
                    return Some(format!(
                        "unsupported sharing value {v:?}{}",
                        hint(v, SHARING)
                    ));
                }
                sharing = true;
            }
            "mode" | "uid" | "gid" => {
                if parse_uint(v, if key == "mode" { 8 } else { 10 }).is_none() {
                    return Some(format!("invalid value {v} for {key}"));
                }
                file_info = file_info.or(Some(key.to_string()));
            }
            _ => {
                return Some(format!(
                    "unexpected key '{key}' in '{field}'{}",
                    hint(&key, MOUNT_KEYS)
                ));
            }
        }
    }
    if let Some(key) = file_info
        && !matches!(&*kind, "secret" | "ssh" | "cache")
    {
        // BuildKit checks mode, then uid, then gid; any of them set is the same verdict.
        return Some(format!("{key} not allowed for {kind:?} type mounts"));
    }
    if kind == "secret" {
        if from {
            return Some("secret mount should not have a from".into());
        }
        if sharing {
            return Some("secret mount should not define sharing".into());
        }
        if !source && target.is_none_or(str::is_empty) && !id {
            return Some("invalid secret mount. one of source, target required".into());
        }
        if source && id {
            return Some("both source and id can't be set".into());
        }
    }
    if sharing && kind != "cache" {
        return Some(format!("invalid cache sharing set for {kind} mount"));
    }
    // `dispatchRunMounts`: a target that is the root. A relative target is joined to the
    // WORKDIR, which a base image may set: only an absolute one is judged here.
    if kind != "secret"
        && kind != "ssh"
        && let Some(t) = target
        && t.starts_with('/')
        && t.split('/').all(|p| p.is_empty() || p == ".")
    {
        return Some("invalid mount target \"/\"".into());
    }
    None
}

/// The fields of a `--mount` value, as `csvvalue.Fields` reads them: comma-separated, a
/// field may be double-quoted (`""` is a quote). `None` for a broken quote, which BuildKit
/// reports in words Stageplay does not reproduce.
fn csv_fields(value: &str) -> Option<Vec<Cow<'_, str>>> {
    // An unquoted field is a slice of the value; only a quoted one is copied (a RUN's
    // mounts are checked for every RUN, and growing each field a character at a time
    // cost several allocations a field).
    let mut out = Vec::new();
    let bytes = value.as_bytes();
    let mut i = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            let mut field = String::new();
            let rest = value.get(i + 1..)?;
            let mut chars = rest.char_indices().peekable();
            let end = loop {
                match chars.next()? {
                    (_, '"') if chars.peek().map(|&(_, c)| c) == Some('"') => {
                        chars.next();
                        field.push('"');
                    }
                    (k, '"') => break i + 1 + k + 1,
                    (_, c) => field.push(c),
                }
            };
            out.push(Cow::Owned(field));
            match bytes.get(end) {
                None => return Some(out),
                Some(b',') => i = end + 1,
                Some(_) => return None,
            }
        } else {
            let rest = value.get(i..).unwrap_or("");
            match rest.bytes().position(|b| b == b',') {
                None => {
                    out.push(Cow::Borrowed(rest));
                    return Some(out);
                }
                Some(k) => {
                    out.push(Cow::Borrowed(rest.get(..k).unwrap_or("")));
                    i += k + 1;
                }
            }
        }
    }
}

/// `s` in lowercase ASCII, copied only when it has an uppercase letter.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Go's `strconv.ParseBool`.
fn go_bool(v: &str) -> bool {
    matches!(
        v,
        "1" | "t" | "T" | "TRUE" | "true" | "True" | "0" | "f" | "F" | "FALSE" | "false" | "False"
    )
}

/// go-units' `RAMInBytes` syntax: `^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`.
fn ram_in_bytes(v: &str) -> bool {
    let s = v.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while s.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    while s.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if s.get(i) == Some(&b' ') {
        i += 1;
    }
    if s.get(i).is_some_and(|c| b"kKmMgGtTpP".contains(c)) {
        i += 1;
    }
    if s.get(i).is_some_and(|c| b"iI".contains(c)) {
        i += 1;
    }
    if s.get(i).is_some_and(|c| b"bB".contains(c)) {
        i += 1;
    }
    i == s.len()
}

/// BuildKit's " (did you mean x?)" (`util/suggest`): the closest option fewer than three
/// edits away, none for an exact match.
fn hint(value: &str, options: &[&str]) -> String {
    if options.contains(&value) {
        return String::new();
    }
    let mut best: Option<(usize, &str)> = None;
    for o in options {
        let d = edit_distance(value, o);
        if d < 3 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, o));
        }
    }
    best.map(|(_, o)| format!(" (did you mean {o}?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chmod_values() {
        for ok in [
            "755", "0644", "7777", "u+x", "a=rwx", "+x", "u+x,g-w", "u+", "go=u-w", "-x",
        ] {
            assert_eq!(chmod_error(ok), None, "{ok}");
        }
        let non_octal = |v: &str| {
            Some(format!(
                "invalid chmod parameter: '{v}'. it should be octal string and between 0 and 07777"
            ))
        };
        for bad in ["17777", "789", "0o755", "1_0"] {
            assert_eq!(chmod_error(bad), non_octal(bad), "{bad}");
        }
        for bad in ["abc", "u", "u+x,", "u+xq", "rwx"] {
            assert_eq!(chmod_error(bad), Some("invalid syntax".into()), "{bad}");
        }
    }

    #[test]
    fn mount_values() {
        assert_eq!(mount_error("type=cache,target=/root/.cache"), None);
        assert_eq!(
            mount_error("type=cahce,target=/x"),
            Some("unsupported mount type \"cahce\" (did you mean cache?)".into())
        );
        assert_eq!(
            mount_error("type=bind,traget=/x"),
            Some("unexpected key 'traget' in 'traget=/x' (did you mean target?)".into())
        );
        assert_eq!(
            mount_error("type=cache,target=/x,sharing=lokced"),
            Some("unsupported sharing value \"lokced\" (did you mean locked?)".into())
        );
        assert_eq!(
            mount_error("type=bind,target=/x,uid=1000"),
            Some("uid not allowed for \"bind\" type mounts".into())
        );
        assert_eq!(
            mount_error("type=secret,id=a,source=b"),
            Some("both source and id can't be set".into())
        );
        assert_eq!(
            mount_error("type=secret"),
            Some("invalid secret mount. one of source, target required".into())
        );
        assert_eq!(
            mount_error("required,type=secret,id=a"),
            Some("unexpected key 'required' for mount type 'bind'".into())
        );
        assert_eq!(mount_error("type=secret,id=a,required"), None);
        assert_eq!(
            mount_error("type=tmpfs,target=/t,size=lots"),
            Some("invalid value for size: lots".into())
        );
        assert_eq!(mount_error("type=tmpfs,target=/t,size=64m"), None);
        assert_eq!(
            mount_error("target=/x,ro=maybe"),
            Some("invalid value for ro: maybe".into())
        );
        assert_eq!(
            mount_error("target=/x,nonsense"),
            Some("invalid field 'nonsense' must be a key=value pair".into())
        );
        assert_eq!(
            mount_error("type=cache,target=/"),
            Some("invalid mount target \"/\"".into())
        );
        assert_eq!(mount_error("\"type=cache\",\"target=/a,b\""), None);
    }
}

#[cfg(test)]
mod csv_tests {
    use super::csv_fields;

    fn fields(value: &str) -> Option<Vec<String>> {
        csv_fields(value).map(|f| f.into_iter().map(|c| c.into_owned()).collect())
    }

    #[test]
    fn fields_are_read_as_csvvalue_reads_them() {
        let v = |xs: &[&str]| Some(xs.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(
            fields("type=cache,target=/x"),
            v(&["type=cache", "target=/x"])
        );
        assert_eq!(fields(""), v(&[""]));
        assert_eq!(fields("a,"), v(&["a", ""]));
        assert_eq!(fields(",a"), v(&["", "a"]));
        assert_eq!(fields("\"a,b\",c"), v(&["a,b", "c"]));
        assert_eq!(fields("\"a\"\"b\""), v(&["a\"b"]));
        assert_eq!(fields("\"é\",ü=\"x\""), v(&["é", "ü=\"x\""]));
        assert_eq!(fields("x,\"\""), v(&["x", ""]));
        // A broken quote.
        assert_eq!(fields("\"unterminated"), None);
        assert_eq!(fields("\"x\"y"), None);
    }
}
