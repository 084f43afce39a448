//! When a Dockerfile is too large to edit in the page, and the head of it the read-only
//! preview shows instead.
//!
//! A textarea lays out all of its text: in Chromium, 100 000 short lines take about 1.4 s
//! and 10 MB about 2 to 5 s, in one block that nothing in the page can split
//! (`scripts/measure-large.mjs`). Past [`LARGE_BYTES`] or [`LARGE_LINES`] the input pane
//! shows a preview instead: the head of the file as plain text, what it is, and two ways
//! on. The analysis and every output view still use the whole file. A paste or a dropped
//! file that large never enters the textarea: the editor's paste handler and
//! the editor pane's drop handler set the state, and this preview replaces the editor.

/// Texts longer than this are previewed, not edited.
pub const LARGE_BYTES: usize = 1_000_000;
/// Texts with more lines than this are previewed, not edited.
pub const LARGE_LINES: usize = 5_000;
/// Chromium's storage holds 10 MiB per site, counted in UTF-16 code units of 2 bytes (a
/// probe stored 4.5 M characters and failed at 6 M). A draft longer than that cannot be
/// saved, so a reload brings the previous draft back: the preview says so.
const STORAGE_UNITS: usize = 5 * 1024 * 1024;

/// The length of `text` as a JSON string in UTF-16 code units (escapes count two), a lower
/// bound of the draft's size in storage.
fn json_units(text: &str) -> usize {
    // Bytes, not chars (a 10 MB paste is measured while the page waits): every char has
    // one byte that is not a continuation byte, and a 4-byte char is two UTF-16 units.
    text.bytes()
        .map(|b| match b {
            b'\n' | b'"' | b'\\' | b'\t' | b'\r' | 0xf0..=0xff => 2,
            0x80..=0xbf => 0,
            _ => 1,
        })
        .sum()
}
/// Whether a draft of `text` is too long for the browser's storage, so a reload would bring
/// the previous draft back.
pub fn exceeds_storage(text: &str) -> bool {
    json_units(text) > STORAGE_UNITS
}

/// How much of the text the preview shows.
const PREVIEW_BYTES: usize = 64 * 1024;
const PREVIEW_LINES: usize = 500;

/// The number of lines of `text` (a final line without a line break counts).
pub fn line_count(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + usize::from(!text.ends_with('\n'))
}

/// Whether `text` is previewed instead of edited.
pub fn is_large(text: &str) -> bool {
    // A text of at most LARGE_LINES bytes cannot have more lines than that.
    text.len() > LARGE_BYTES || (text.len() > LARGE_LINES && line_count(text) > LARGE_LINES)
}

/// The head of `text` the preview shows: at most PREVIEW_LINES lines and PREVIEW_BYTES
/// bytes (cut at a char boundary). The flag is true when something was left out.
pub fn preview(text: &str) -> (&str, bool) {
    let mut end = crate::analysis::span::floor_char_boundary(text, PREVIEW_BYTES);
    if let Some((i, _)) = text
        .get(..end)
        .unwrap_or("")
        .match_indices('\n')
        .nth(PREVIEW_LINES - 1)
    {
        end = i + 1;
    }
    (text.get(..end).unwrap_or(""), end < text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_units_count_escapes_and_surrogates() {
        assert_eq!(json_units("ab"), 2);
        assert_eq!(json_units("a\n\"b"), 6);
        assert_eq!(json_units("é😀"), 3);
        // The byte count agrees with counting chars.
        let mixed = "FROM alpine\r\n\tRUN echo \"é€😀\\\" ÿ\u{7f}\u{80}\u{10ffff}\n".repeat(3);
        let by_chars: usize = mixed
            .chars()
            .map(|c| match c {
                '\n' | '"' | '\\' | '\t' | '\r' => 2,
                c => c.len_utf16(),
            })
            .sum();
        assert_eq!(json_units(&mixed), by_chars);
    }

    #[test]
    fn large_by_bytes_or_by_lines() {
        assert!(!is_large("FROM alpine\n"));
        assert!(!is_large(&"RUN x\n".repeat(LARGE_LINES)));
        assert!(is_large(&"RUN x\n".repeat(LARGE_LINES + 1)));
        assert!(is_large(&"a".repeat(LARGE_BYTES + 1)));
        assert!(!is_large(&"a".repeat(LARGE_BYTES)));
    }

    #[test]
    fn preview_stops_at_lines_or_bytes_on_a_char_boundary() {
        let many = "RUN x\n".repeat(PREVIEW_LINES * 2);
        let (head, cut) = preview(&many);
        assert!(cut);
        assert_eq!(line_count(head), PREVIEW_LINES);
        assert!(head.ends_with('\n'));
        let wide = "é".repeat(PREVIEW_BYTES);
        let (head, cut) = preview(&wide);
        assert!(cut && head.len() <= PREVIEW_BYTES && head.chars().all(|c| c == 'é'));
        assert_eq!(preview("FROM a"), ("FROM a", false));
    }
}
