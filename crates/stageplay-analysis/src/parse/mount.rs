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
