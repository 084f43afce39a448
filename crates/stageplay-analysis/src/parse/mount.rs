//! `RUN --mount=...`: splits a mount flag's value into its fields.

use super::{Flag, Mount};
use crate::span::Span;

/// Splits a `--mount` value into its comma-separated fields.
pub(super) fn parse_mount(f: &Flag, text: &str) -> Mount {
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
    // Split on bytes (`,` and `=` are ASCII): a RUN with mounts has a few short fields, and
    // `split` and `split_once` searched each with a call per piece.
    let bytes = value.as_bytes();
    for field_bytes in bytes.split(|&b| b == b',') {
        let field_start = offset;
        offset += field_bytes.len() + 1;
        let field = value
            .get(field_start..field_start + field_bytes.len())
            .unwrap_or("");
        // The value is copied only for the fields that keep it.
        let (k, v) = match field_bytes.iter().position(|&b| b == b'=') {
            Some(eq) => (
                trim(field.get(..eq).unwrap_or("")),
                Some(trim(field.get(eq + 1..).unwrap_or("")).trim_matches('"')),
            ),
            None => (trim(field), None),
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

/// `s.trim()`, without decoding `s` when its ends are ASCII and not white space (most
/// fields: `type=cache`).
fn trim(s: &str) -> &str {
    let solid =
        |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0b);
    let bytes = s.as_bytes();
    if solid(bytes.first()) && solid(bytes.last()) {
        s
    } else {
        s.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(value: &str) -> Mount {
        let text = format!("RUN --mount={value} true");
        let start = "RUN --mount=".len();
        let flag = Flag {
            name: "mount".into(),
            value: Some(value.into()),
            span: Span::new(4, start + value.len()),
            name_span: Span::new(4, 11),
            value_span: Some(Span::new(start, start + value.len())),
        };
        parse_mount(&flag, &text)
    }

    #[test]
    fn fields_are_split_and_trimmed() {
        let m = mount("type=Cache, target = \"/root/.cache\" ,id=x,from=builder,ro");
        assert_eq!(m.kind, "cache");
        assert_eq!(m.target.as_deref(), Some("/root/.cache"));
        assert_eq!(m.id.as_deref(), Some("x"));
        assert_eq!(m.from.as_deref(), Some("builder"));
        assert!(m.readonly);
        // `from=`'s value is located exactly in the text.
        let start = "RUN --mount=".len();
        let at = "type=Cache, target = \"/root/.cache\" ,id=x,from=".len();
        assert_eq!(m.from_span, Some(Span::new(start + at, start + at + 7)));
        // Unicode white space is trimmed as `str::trim` does; a bind mount is read-only
        // unless `rw`.
        let m = mount("\u{a0}target=/src\u{2028},src=é,rw");
        assert_eq!(m.target.as_deref(), Some("/src"));
        assert_eq!(m.source.as_deref(), Some("é"));
        assert_eq!(m.kind, "bind");
        assert!(!m.readonly);
        assert!(mount("dst=/x").readonly);
    }
}
