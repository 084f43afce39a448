//! Parser directives: the `# syntax=`, `# escape=` and `# check=` comment lines at the very
//! top of a Dockerfile.

use super::Directive;
use crate::span::{Span, find_newline};

/// Reads the parser directives: `# name=value` comment lines at the very top. After a
/// first-line shebang (`#!`) only `syntax` and `check` are read: BuildKit's
/// `ParseDirective` and `DetectSyntax` drop a shebang line before they look for them, while
/// the parser itself, which reads `escape`, stops at it (moby/buildkit
/// `frontend/dockerfile/parser/directives.go`, `parseDirective` and `discardShebang`).
pub(super) fn directives(text: &str, shift: usize) -> Vec<Directive> {
    if text.get(shift..).is_some_and(|t| t.starts_with("#!")) {
        let after = find_newline(&text[shift..]).map_or(text.len(), |i| shift + i + 1);
        let mut out = from(text, after);
        out.retain(|d| d.name != "escape");
        return out;
    }
    from(text, shift)
}

/// The directive lines from `pos` on.
fn from(text: &str, mut pos: usize) -> Vec<Directive> {
    let mut out: Vec<Directive> = Vec::new();
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

/// The comments BuildKit attaches to the instruction that starts at `end` (its
/// `PrevComment`), read from the lines between the previous instruction's end `start` and
/// it. Follows moby/buildkit `frontend/dockerfile/parser/parser.go` `Parse`: a comment line
/// adds its text (the line without its first byte, trimmed); an empty comment `#` clears
/// the list, an empty line does not; parser directives are not comments.
pub fn comments_before<'t>(
    text: &'t str,
    directives: &[Directive],
    start: usize,
    end: usize,
) -> Vec<&'t str> {
    let mut comments = Vec::new();
    let Some(region) = text.get(start..end) else {
        return comments;
    };
    // Most instructions have no comment line above them: no `#`, no lines to look at.
    if !region.as_bytes().contains(&b'#') {
        return comments;
    }
    let mut offset = start;
    for line in region.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let is_directive = directives.iter().any(|d| d.span.start == at);
        if is_directive || !line.trim_start().starts_with('#') {
            continue;
        }
        // BuildKit drops the line's first byte (the `#` unless the line is indented).
        let comment = line.get(1..).unwrap_or("").trim();
        if comment.is_empty() {
            comments.clear();
        } else {
            comments.push(comment);
        }
    }
    comments
}

/// The last of [`comments_before`], found from the end: the last comment line of the region
/// (not a directive), `None` when it is an empty `#` (which clears the list) or there is
/// none. A long region is read back only to its last comment, and nothing is collected.
pub fn last_comment_before<'t>(
    text: &'t str,
    directives: &[Directive],
    start: usize,
    end: usize,
) -> Option<&'t str> {
    let region = text.get(start..end)?;
    if !region.as_bytes().contains(&b'#') {
        return None;
    }
    for line in region.split_inclusive('\n').rev() {
        let at = start + (line.as_ptr() as usize - region.as_ptr() as usize);
        let is_directive = directives.iter().any(|d| d.span.start == at);
        if is_directive || !line.trim_start().starts_with('#') {
            continue;
        }
        let comment = line.get(1..).unwrap_or("").trim();
        return (!comment.is_empty()).then_some(comment);
    }
    None
}

/// A comment read as a parser directive, as BuildKit's `DirectiveParser.ParseLine` reads
/// it with no comment prefix (`linter.go` `WithMergedConfigFromComments`): a name of
/// letters and digits, `=`, and a non-empty value; the name lowercased.
pub fn comment_directive(comment: &str) -> Option<(String, &str)> {
    let comment = comment.trim_start();
    let name_len = comment
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
        .map_or(comment.len(), |(i, _)| i);
    if name_len == 0 {
        return None;
    }
    let (name, rest) = comment.split_at(name_len);
    let value = rest.trim_start().strip_prefix('=')?.trim();
    if value.is_empty() {
        return None;
    }
    Some((name.to_ascii_lowercase(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last comment found from the end is the last of the comments collected from the
    /// start, for every region of texts with comments, empty `#`, indented comments,
    /// directives and blank lines.
    #[test]
    fn the_last_comment_is_the_last_collected() {
        let texts = [
            "# syntax=docker/dockerfile:1\n# escape=\\\n# a\nFROM x\n",
            "# one\n#\n# two\n\n  # three\nARG A\n#\nARG B\n# é \nARG C",
            "FROM x\n# keep\n\n#\nRUN y\n#x\n#  \nRUN z\n",
        ];
        for text in texts {
            let directives = directives(text, 0);
            for start in 0..=text.len() {
                for end in start..=text.len() {
                    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                        continue;
                    }
                    assert_eq!(
                        last_comment_before(text, &directives, start, end),
                        comments_before(text, &directives, start, end)
                            .last()
                            .copied(),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }
}
