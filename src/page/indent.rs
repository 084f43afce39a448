//! Tab, Shift+Tab, Enter and Ctrl+/ in the editor, as code editors do them (VS Code, Monaco,
//! CodeMirror): Tab with a selection that spans lines indents every line it touches instead
//! of replacing the selection with spaces, and Shift+Tab takes one level of indent off the
//! caret's line or every selected line; Enter keeps the line's indent; Ctrl+/ comments the
//! lines out or back in. The editor applies each as one typed replacement, so one Ctrl+Z
//! takes it back (`src/ui/components/editor`).
//!
//! Positions are byte offsets into the textarea's value (its text with `\n` line breaks),
//! which the editor converts from and to the textarea's UTF-16 selection.

/// One level of indent: four spaces, what Tab inserts at the caret.
pub const INDENT: &str = "    ";

/// An edit of the textarea's value: `start..end` becomes `text`, then `select` is selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinesEdit {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub select: (usize, usize),
}

impl LinesEdit {
    /// Lines `from..to` replaced by `text`, then a caret at `caret`, or without one the new
    /// lines selected.
    fn lines(from: usize, to: usize, text: String, caret: Option<usize>) -> Self {
        let select = caret.map_or((from, from + text.len()), |c| (c, c));
        LinesEdit {
            start: from,
            end: to,
            text,
            select,
        }
    }
}

/// The lines the selection `start..end` ([`ordered`]) touches: from the start of the line
/// holding `start` to the end of the line holding `end` (before its line break). A
/// selection that ends at the very start of a line, after selecting the line break before
/// it, does not touch that line.
fn lines_touched(value: &str, start: usize, mut end: usize) -> (usize, usize) {
    if end > start && value.as_bytes().get(end - 1) == Some(&b'\n') {
        end -= 1;
    }
    let from = value
        .get(..start)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let to = value
        .get(end..)
        .and_then(|s| s.find('\n'))
        .map_or(value.len(), |i| end + i);
    (from, to.max(from))
}

/// `start` and `end` in order, each within `value` and at the start of a character.
fn ordered(value: &str, start: usize, end: usize) -> (usize, usize) {
    let start = floor_char(value, start.min(value.len()));
    let end = floor_char(value, end.min(value.len()));
    (start.min(end), start.max(end))
}

/// How many bytes of `line` are its indent (leading spaces and tabs).
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// `i`, moved back to the start of the character it falls in.
fn floor_char(value: &str, mut i: usize) -> usize {
    while i > 0 && !value.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Tab over the selection `start..end`: `None` when the selection does not span a line
/// break (Tab then types [`INDENT`] over it, as at a caret); otherwise every line it touches
/// gains one [`INDENT`] at its start (empty lines are left empty), and the lines stay
/// selected.
pub fn indent(value: &str, start: usize, end: usize) -> Option<LinesEdit> {
    let (lo, hi) = ordered(value, start, end);
    if !value.get(lo..hi).is_some_and(|s| s.contains('\n')) {
        return None;
    }
    let (from, to) = lines_touched(value, lo, hi);
    let block = value.get(from..to)?;
    let mut text = String::with_capacity(block.len() + INDENT.len() * 8);
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if !line.is_empty() {
            text.push_str(INDENT);
        }
        text.push_str(line);
    }
    Some(LinesEdit::lines(from, to, text, None))
}

/// Shift+Tab over the selection `start..end` (a caret when they are equal): every line it
/// touches loses one level of indent at its start (a tab, or up to four spaces). `None` when
/// no line has any. A caret keeps its place in its line's text; a selection covers the lines.
pub fn outdent(value: &str, start: usize, end: usize) -> Option<LinesEdit> {
    let (lo, hi) = ordered(value, start, end);
    let (from, to) = lines_touched(value, lo, hi);
    let block = value.get(from..to)?;
    let mut text = String::with_capacity(block.len());
    let mut removed_first = 0;
    let mut any = false;
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let cut = if line.starts_with('\t') {
            1
        } else {
            line.bytes()
                .take(INDENT.len())
                .take_while(|&b| b == b' ')
                .count()
        };
        if i == 0 {
            removed_first = cut;
        }
        any |= cut > 0;
        text.push_str(line.get(cut..).unwrap_or(line));
    }
    if !any {
        return None;
    }
    // A caret moves left with its line's text, but not before the line's start.
    let caret = (lo == hi).then(|| from + (lo - from).saturating_sub(removed_first));
    Some(LinesEdit::lines(from, to, text, caret))
}

/// What Enter types at `caret` (the selection's start) when the caret's line is indented:
/// a line break and the same indent (the line's leading spaces and tabs, up to the caret),
/// as code editors keep it. `None` on a line that starts with no indent: Enter is then the
/// browser's own.
pub fn newline(value: &str, caret: usize) -> Option<String> {
    let (caret, _) = ordered(value, caret, caret);
    let (from, _) = lines_touched(value, caret, caret);
    let before = value.get(from..caret)?;
    let indent = indent_of(before);
    (indent > 0).then(|| format!("\n{}", &before[..indent]))
}

/// Ctrl+/ (Cmd+/) over the selection `start..end` (a caret when equal): when every
/// non-empty line it touches is a comment (`#` after its indent), each loses its `#` and
/// the one space after it; otherwise each non-empty line gets `# ` at the smallest indent
/// of those lines, so the block's shape is kept. The lines stay selected (a caret keeps its
/// place in its line's text). `None` when the lines are all empty.
pub fn toggle_comment(value: &str, start: usize, end: usize) -> Option<LinesEdit> {
    let (lo, hi) = ordered(value, start, end);
    let (from, to) = lines_touched(value, lo, hi);
    let block = value.get(from..to)?;
    let filled = || block.split('\n').filter(|l| !l.trim().is_empty());
    let min_indent = filled().map(indent_of).min()?;
    let uncomment = filled().all(|l| l.trim_start_matches([' ', '\t']).starts_with('#'));
    let mut text = String::with_capacity(block.len() + 16);
    // How the caret's line changed before the caret: bytes added (+) or removed (-).
    let mut caret_shift: isize = 0;
    let caret_col = lo - from;
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if line.trim().is_empty() {
            text.push_str(line);
            continue;
        }
        if uncomment {
            let at = indent_of(line);
            let cut = if line[at + 1..].starts_with(' ') {
                2
            } else {
                1
            };
            text.push_str(&line[..at]);
            text.push_str(&line[at + cut..]);
            if i == 0 && caret_col > at {
                caret_shift = -(cut.min(caret_col - at) as isize);
            }
        } else {
            text.push_str(&line[..min_indent]);
            text.push_str("# ");
            text.push_str(&line[min_indent..]);
            if i == 0 && caret_col >= min_indent {
                caret_shift = 2;
            }
        }
    }
    let caret = (lo == hi).then(|| (lo as isize + caret_shift).max(from as isize) as usize);
    Some(LinesEdit::lines(from, to, text, caret))
}

/// The value after `edit` (for tests and for the editor's fallback when the browser cannot
/// type the edit).
pub fn apply(value: &str, edit: &LinesEdit) -> String {
    let mut out = String::with_capacity(value.len() + edit.text.len());
    out.push_str(value.get(..edit.start).unwrap_or(""));
    out.push_str(&edit.text);
    out.push_str(value.get(edit.end..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "FROM a\nRUN x\n\nRUN y\n";

    #[test]
    fn tab_within_a_line_is_left_to_typing() {
        assert_eq!(indent(TEXT, 7, 7), None);
        assert_eq!(indent(TEXT, 7, 10), None);
        // Up to the end of a line, its line break not included.
        assert_eq!(indent(TEXT, 7, 12), None);
    }

    #[test]
    fn tab_over_lines_indents_each_and_keeps_them_selected() {
        // From the middle of line 2 to the middle of line 4.
        let e = indent(TEXT, 9, 16).unwrap();
        let after = apply(TEXT, &e);
        assert_eq!(after, "FROM a\n    RUN x\n\n    RUN y\n");
        assert_eq!(&after[e.select.0..e.select.1], "    RUN x\n\n    RUN y");
        // A selection ending at the start of a line does not touch that line.
        let e = indent(TEXT, 0, 7).unwrap();
        assert_eq!(apply(TEXT, &e), "    FROM a\nRUN x\n\nRUN y\n");
        // Selected backwards, the same.
        assert_eq!(indent(TEXT, 16, 9), indent(TEXT, 9, 16));
    }

    #[test]
    fn shift_tab_takes_one_level_off_each_line() {
        let text = "FROM a\n      RUN x\n\tRUN y\n  RUN z\nRUN w\n";
        let all = outdent(text, 7, text.len() - 1).unwrap();
        assert_eq!(apply(text, &all), "FROM a\n  RUN x\nRUN y\nRUN z\nRUN w\n");
        // A caret in the indented line keeps its place in the text.
        let caret = text.find("RUN x").unwrap() + 2;
        let e = outdent(text, caret, caret).unwrap();
        let after = apply(text, &e);
        assert_eq!(after, "FROM a\n  RUN x\n\tRUN y\n  RUN z\nRUN w\n");
        assert!(after[e.select.0..].starts_with("N x"), "{after:?} {e:?}");
        // A caret inside the indent goes to the line's start, not before it.
        let e = outdent(text, 9, 9).unwrap();
        assert_eq!(e.select, (7, 7));
        // Nothing to take off: no edit.
        assert_eq!(outdent(text, 0, 3), None);
        assert_eq!(outdent(text, text.len(), text.len()), None);
    }

    #[test]
    fn enter_keeps_the_lines_indent() {
        let text = "RUN a \\\n    && b\n\tc\nd";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(newline(text, at("b")), Some("\n    ".into()));
        assert_eq!(
            newline(text, text.find("\n\t").unwrap()),
            Some("\n    ".into())
        );
        assert_eq!(newline(text, at("c")), Some("\n\t".into()));
        // Inside the indent: only the part before the caret.
        assert_eq!(newline(text, at("&&") - 2), Some("\n  ".into()));
        // No indent: the browser's own Enter.
        assert_eq!(newline(text, at("a")), None);
        assert_eq!(newline(text, text.len()), None);
        assert_eq!(newline(text, at("    &&")), None, "at the line's start");
    }

    #[test]
    fn ctrl_slash_comments_lines_at_their_smallest_indent_and_back() {
        let text = "FROM a\nRUN x \\\n    && y\n\nRUN z\n";
        let e = toggle_comment(
            text,
            text.find("RUN x").unwrap(),
            text.find("RUN z").unwrap() + 1,
        )
        .unwrap();
        let commented = apply(text, &e);
        assert_eq!(commented, "FROM a\n# RUN x \\\n#     && y\n\n# RUN z\n");
        // All comments now: the same selection takes them back off.
        let back = toggle_comment(&commented, e.select.0, e.select.1).unwrap();
        assert_eq!(apply(&commented, &back), text);
        // An indented block keeps its indent before the `#`.
        let t = "  a\n    b\n";
        assert_eq!(
            apply(t, &toggle_comment(t, 0, t.len()).unwrap()),
            "  # a\n  #   b\n"
        );
        // A `#` without a space after it loses only itself; a mixed block is commented.
        let t = "#a\nb\n";
        assert_eq!(apply(t, &toggle_comment(t, 0, 1).unwrap()), "a\nb\n");
        assert_eq!(apply(t, &toggle_comment(t, 0, 4).unwrap()), "# #a\n# b\n");
        // A caret keeps its place in the text.
        let t = "RUN x\n";
        let e = toggle_comment(t, 4, 4).unwrap();
        let after = apply(t, &e);
        assert_eq!(&after[e.select.0..], "x\n");
        let e = toggle_comment(&after, e.select.0, e.select.0).unwrap();
        assert_eq!(e.select, (4, 4));
        // Only empty lines: nothing to do.
        assert_eq!(toggle_comment("\n\n", 0, 2), None);
    }

    #[test]
    fn positions_inside_characters_and_past_the_end_are_safe() {
        let text = "FROM a AS 빌드\nRUN é\n";
        for start in 0..=text.len() + 2 {
            for end in 0..=text.len() + 2 {
                let _ = newline(text, start);
                for e in [
                    indent(text, start, end),
                    outdent(text, start, end),
                    toggle_comment(text, start, end),
                ]
                .into_iter()
                .flatten()
                {
                    assert!(e.start <= e.end && e.end <= text.len());
                    let after = apply(text, &e);
                    assert!(
                        after.get(e.select.0..e.select.1).is_some(),
                        "{start}..{end}"
                    );
                }
            }
        }
    }
}
