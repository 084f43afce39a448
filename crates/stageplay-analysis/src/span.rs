//! Byte spans into the Dockerfile text, and the line index that turns them into lines and
//! columns at the edges (CLI output, UI).

use serde::Serialize;

/// A half-open byte range `start..end` into the analysed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at `at`.
    pub fn point(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The text under the span, or "" when the span does not fit `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Maps byte offsets to 1-based lines and 0-based columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset at which each line starts; always begins with 0.
    line_starts: Vec<usize>,
    len: usize,
}

/// The 1-based line of `text` that contains `offset`, as [`LineIndex::line`] says, for a
/// single lookup: the line breaks before it counted, without building the index (a plain
/// count over bytes, which the compiler vectorises).
pub fn line_of(text: &str, offset: usize) -> usize {
    let before = text.as_bytes().get(..offset.min(text.len())).unwrap_or(&[]);
    1 + before.iter().filter(|&&b| b == b'\n').count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// The 1-based line that contains `offset` (offsets past the end map to the last line).
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The byte offset at which 1-based `line` starts, clamped to the text.
    pub fn line_start(&self, line: usize) -> usize {
        let i = line.saturating_sub(1).min(self.line_starts.len() - 1);
        self.line_starts.get(i).copied().unwrap_or(0)
    }

    /// The byte offset at which each line starts, in order; the first is 0.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based column of `offset` in UTF-16 code units, as the browser counts.
    pub fn utf16_col(&self, text: &str, offset: usize) -> usize {
        let start = self.line_start(self.line(offset));
        let end = offset.min(text.len());
        text.get(start..end)
            .map(|s| s.encode_utf16().count())
            .unwrap_or(0)
    }
}

/// The offset of the first line break in `s` (the `memchr` crate: several times faster
/// than `str::find` on the lines of a Dockerfile).
pub fn find_newline(s: &str) -> Option<usize> {
    memchr::memchr(b'\n', s.as_bytes())
}

/// The largest char boundary of `text` at or before `at` (clamped to its length).
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Cuts `s` to at most `max` bytes (at a char boundary) and marks the cut with `…`; a
/// string that fits is left alone.
pub fn shorten_in_place(s: &mut String, max: usize) {
    if s.len() > max {
        s.truncate(floor_char_boundary(s, max));
        s.push('…');
    }
}

/// Whether the byte at `i` is the `\r` of a `\r\n`.
fn crlf_at(bytes: &[u8], i: usize) -> bool {
    bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n')
}

/// The position, in UTF-16 units, of byte offset `byte` of `text` in a textarea showing
/// `text` (for its selections). A textarea's value has every `\r\n` and lone `\r` as one
/// `\n` (HTML's newline normalisation), so a `\r\n` counts as one unit: its `\r` counts
/// for nothing, and an offset between the two is the position before the line break.
pub fn textarea_offset(text: &str, byte: usize) -> usize {
    let end = floor_char_boundary(text, byte);
    let head = &text[..end];
    let units = head.encode_utf16().count();
    let bytes = text.as_bytes();
    let pairs = memchr::memchr_iter(b'\r', head.as_bytes())
        .filter(|&i| crlf_at(bytes, i))
        .count();
    units - pairs
}

/// The byte offset in `text` of position `units` (UTF-16) of a textarea showing `text`: the
/// inverse of [`textarea_offset`] (a position just before a `\r\n`'s line break is the
/// offset of its `\r`).
pub fn textarea_byte(text: &str, units: usize) -> usize {
    let bytes = text.as_bytes();
    // Up to there ASCII without a `\r`, as most Dockerfiles are: a unit a byte. Checked a
    // word at a time, against a character at a time below (the editor converts the caret
    // at every Enter and every input out of view, at the end of a long file).
    let head = bytes.get(..units).unwrap_or(bytes);
    if head.is_ascii() && memchr::memchr(b'\r', head).is_none() {
        return head.len();
    }
    textarea_byte_by_chars(text, units)
}

/// [`textarea_byte`] a character at a time.
fn textarea_byte_by_chars(text: &str, units: usize) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    for (i, c) in text.char_indices() {
        if n >= units {
            return i;
        }
        if !crlf_at(bytes, i) {
            n += c.len_utf16();
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textarea_byte_takes_its_ascii_shortcut_only_where_it_gives_the_same_offset() {
        for text in [
            "",
            "FROM a\nRUN b\n",
            "FROM a\r\nRUN b\r\n",
            "FROM a\rRUN b",
            "RUN é x\nRUN 가 y\n",
            "RUN 😀\r\nx",
            "abc\r",
        ] {
            let most = text.encode_utf16().count() + 3;
            for units in 0..=most {
                assert_eq!(
                    textarea_byte(text, units),
                    textarea_byte_by_chars(text, units),
                    "{text:?} at {units}"
                );
            }
        }
    }

    #[test]
    fn lines_are_one_based_and_clamped() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
        assert_eq!(idx.line(999), 4);
        assert_eq!(idx.line_start(2), 2);
        assert_eq!(idx.line_count(), 4);
    }

    #[test]
    fn utf16_round_trip() {
        let text = "FROM é😀 x";
        let b = text.find('x').unwrap_or(0);
        let u = textarea_offset(text, b);
        assert_eq!(u, 9);
        assert_eq!(textarea_byte(text, u), b);
    }

    /// What a textarea holds for `text`: HTML's newline normalisation.
    fn shown(text: &str) -> String {
        text.replace("\r\n", "\n").replace('\r', "\n")
    }

    #[test]
    fn textarea_positions_count_a_crlf_as_one_line_break() {
        let text = "FROM a\r\nCOPY é😀 x\r\rRUN\r\n\r\ny\n\r\nz\r";
        let lf = shown(text);
        // Each character of the text that the textarea shows is at the same position there.
        let mut units = 0;
        for (b, c) in text.char_indices() {
            let is_cr_of_crlf = text[b..].starts_with("\r\n");
            assert_eq!(textarea_offset(text, b), units, "at byte {b}");
            if is_cr_of_crlf {
                // The position before the line break, the `\n`'s too.
                assert_eq!(textarea_offset(text, b + 1), units);
                assert_eq!(textarea_byte(text, units), b);
            } else {
                // A `\r\n`'s line break is found at its `\r`, above.
                if !(c == '\n' && text[..b].ends_with('\r')) {
                    assert_eq!(textarea_byte(text, units), b, "at byte {b}");
                }
                units += c.len_utf16();
            }
        }
        assert_eq!(units, lf.encode_utf16().count());
        assert_eq!(textarea_offset(text, text.len()), units);
        assert_eq!(textarea_byte(text, units), text.len());
        assert_eq!(textarea_byte(text, units + 5), text.len());
        // The text of a span is the textarea's text between the two positions.
        let x = text.find('x').unwrap_or(0);
        let (a, z) = (textarea_offset(text, 0), textarea_offset(text, x + 1));
        let got: Vec<u16> = lf.encode_utf16().skip(a).take(z - a).collect();
        assert_eq!(String::from_utf16_lossy(&got), shown(&text[..=x]));
        // Without a `\r`, a textarea position is a UTF-16 offset.
        let plain = "FROM é😀 x\nRUN y\n";
        for (b, _) in plain.char_indices() {
            assert_eq!(textarea_offset(plain, b), plain[..b].encode_utf16().count());
        }
    }

    #[test]
    fn one_line_lookup_is_the_index_lookup() {
        for text in [
            "",
            "a",
            "\n",
            "a\nbc\n\nd",
            "é\n\r\nx\n",
            &"ab\n".repeat(40),
        ] {
            let index = LineIndex::new(text);
            for offset in 0..text.len() + 3 {
                assert_eq!(
                    line_of(text, offset),
                    index.line(offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }
}
