//! Parser directives: the `# syntax=`, `# escape=` and `# check=` comment lines at the very
//! top of a Dockerfile.

use super::Directive;
use crate::span::{Span, find_newline};

/// Reads the parser directives: `# name=value` comment lines at the very top.
pub(super) fn directives(text: &str, shift: usize) -> Vec<Directive> {
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
