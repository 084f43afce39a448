//! What `stageplay targets` and `stageplay outline` share with BuildKit's frontend
//! subrequests (moby/buildkit `frontend/subrequests/`): source locations as `pb.Location`
//! marshals them, the Dockerfile as the `sources` entry, and the doc comments that describe
//! a stage or a build arg.

use base64::Engine as _;
use serde::Serialize;
use stageplay::analysis::{Analysis, LineIndex};

/// `pb.Location` as Go's `encoding/json` writes it: `sourceIndex` 0 and a `character` of 0
/// are left out (`omitempty`), so a location is `{"ranges":[{"start":{"line":3},"end":{"line":3}}]}`.
#[derive(Serialize)]
pub struct Location {
    pub ranges: Vec<Range>,
}

#[derive(Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

#[derive(Serialize)]
pub struct Position {
    pub line: usize,
}

/// The location of instruction `index`: its first and last line, 1-based, as
/// dockerfile2llb `toSourceLocation` makes it from the parser's node (`StartLine`,
/// `EndLine`, heredoc bodies included; characters 0).
pub fn instruction_location(a: &Analysis, lines: &LineIndex, index: usize) -> Option<Location> {
    let inst = a.instructions.get(index)?;
    let start = lines.line(inst.span.start);
    let end = lines.line(inst.span.end.saturating_sub(1).max(inst.span.start));
    Some(Location {
        ranges: vec![Range {
            start: Position { line: start },
            end: Position { line: end },
        }],
    })
}

/// The `sources` field: the Dockerfile's bytes, which Go's `encoding/json` writes as
/// standard base64.
pub fn sources(text: &str) -> Vec<String> {
    vec![base64::engine::general_purpose::STANDARD.encode(text.as_bytes())]
}

/// The comments BuildKit attaches to instruction `index` (its `PrevComment`: the comment
/// lines since the previous instruction, an empty `#` clearing them; parser directives
/// excluded).
pub fn comments_before<'t>(a: &Analysis, text: &'t str, index: usize) -> Vec<&'t str> {
    let Some(inst) = a.instructions.get(index) else {
        return Vec::new();
    };
    let start = index
        .checked_sub(1)
        .and_then(|p| a.instructions.get(p))
        .map_or(0, |p| p.span.end);
    stageplay::analysis::parse::comments_before(text, &a.directives, start, inst.span.start)
}

/// moby/buildkit `frontend/dockerfile/instructions/parse.go` `getDocComment`: the rest of
/// the first comment that starts with `name` and a space (`# builder compiles the app`
/// describes the stage `builder`); none for an unnamed stage. The stage name compared is the
/// lowercased one, as `parseBuildStageName` lowercases it.
pub fn doc_comment(comments: &[&str], name: &str) -> String {
    if name.is_empty() {
        return String::new();
    }
    comments
        .iter()
        .find_map(|c| c.strip_prefix(name).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doc_comment_is_the_first_comment_that_starts_with_the_name_and_a_space() {
        assert_eq!(
            doc_comment(&["builder compiles", "builder x"], "builder"),
            "compiles"
        );
        assert_eq!(doc_comment(&["builders compile"], "builder"), "");
        assert_eq!(
            doc_comment(&["other", "builder  two spaces"], "builder"),
            " two spaces"
        );
        assert_eq!(doc_comment(&["builder"], "builder"), "");
        assert_eq!(doc_comment(&[" x"], ""), "");
    }
}
