//! When a Dockerfile is too large to edit in the page, and the head of it the read-only
//! preview shows instead.
//!
//! A textarea lays out all of its text: in Chromium, 100 000 short lines take about 1.4 s
//! and 10 MB about 2 to 5 s, in one block that nothing in the page can split
//! (`scripts/measure-large.mjs`), and it lays all of it out again at every keystroke: a
//! character typed into 200 KB took 41-71 ms of layout alone. Past [`LARGE_BYTES`] or
//! [`LARGE_LINES`] the input pane shows a preview instead: the head of the file as plain
//! text, what it is, and two ways on. The analysis and every output view still use the
//! whole file. A paste or a dropped file that large never enters the textarea: the
//! editor's paste handler and the editor pane's drop handler set the state, and this
//! preview replaces the editor.

/// Texts longer than this are previewed, not edited: typing into a longer one held the page
/// over 50 ms per keystroke (a 79 KB file of 420 stages: tasks of 51-56 ms, 94 KB 53-87 ms;
/// 65 KB none), where the largest of 90 real Dockerfiles is 25 KB.
pub const LARGE_BYTES: usize = 64 * 1024;
/// Texts with more lines than this are previewed, not edited.
pub const LARGE_LINES: usize = 5_000;
/// Chromium's storage holds 10 MiB per site, counted in UTF-16 code units of 2 bytes (a
/// probe stored 4.5 M characters and failed at 6 M). A draft longer than that cannot be
/// saved, so a reload brings the previous draft back: the preview says so.
const STORAGE_UNITS: usize = 5 * 1024 * 1024;

/// The length of `bytes` (UTF-8, or a piece of it cut anywhere) as a JSON string in UTF-16
/// code units (escapes count two), a lower bound of a draft's size in storage.
fn json_units(bytes: &[u8]) -> usize {
    // Bytes, not chars (a 10 MB paste is measured while the page waits): every char has
    // one byte that is not a continuation byte, and a 4-byte char is two UTF-16 units.
    let units = |b: &u8| match b {
        b'\n' | b'"' | b'\\' | b'\t' | b'\r' | 0xf0..=0xff => 2,
        0x80..=0xbf => 0,
        _ => 1,
    };
    // Eight bytes at a time where they are ASCII with nothing to escape, one unit each:
    // a byte at a time, a 10 MB paste's count took 20 ms of the page's render. A word with
    // any control character (not only the escaped ones) is counted a byte at a time.
    let mut words = bytes.chunks_exact(8);
    let mut n = 0;
    for w in &mut words {
        let v = u64::from_ne_bytes(w.try_into().unwrap_or_default());
        let special =
            (v & HIGH) | bytes_below(v, 0x20) | bytes_equal(v, b'"') | bytes_equal(v, b'\\');
        n += if special == 0 {
            8
        } else {
            w.iter().map(units).sum()
        };
    }
    n + words.remainder().iter().map(units).sum::<usize>()
}

/// Whether a draft of `text` is too long for the browser's storage, so a reload would bring
/// the previous draft back.
pub fn exceeds_storage(text: &str) -> bool {
    units_exceed(text.as_bytes(), STORAGE_UNITS)
}

/// Whether `bytes` make more than `limit` UTF-16 units as a JSON string. A byte makes at
/// most two units and three bytes at least one, so most texts are decided by their length;
/// the others are counted only until they pass the limit (the page asks this of a 10 MB
/// paste while it waits).
fn units_exceed(bytes: &[u8], limit: usize) -> bool {
    if bytes.len().saturating_mul(2) <= limit {
        return false;
    }
    if bytes.len() / 3 > limit {
        return true;
    }
    let mut n = 0;
    bytes.chunks(64 * 1024).any(|piece| {
        n += json_units(piece);
        n > limit
    })
}

/// How much of the text the preview shows.
const PREVIEW_BYTES: usize = 64 * 1024;
const PREVIEW_LINES: usize = 500;

/// The number of lines of `text` (a final line without a line break counts).
pub fn line_count(text: &str) -> usize {
    newlines(text.as_bytes()) + usize::from(!text.ends_with('\n'))
}

/// The line breaks in `bytes`, eight bytes at a time: wasm has no `memchr` of its own, and
/// counting a 10 MB paste's a byte at a time held the page for 20 ms.
fn newlines(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut n = 0;
    for w in &mut words {
        let v = u64::from_ne_bytes(w.try_into().unwrap_or_default());
        n += bytes_equal(v, b'\n').count_ones() as usize;
    }
    n + words.remainder().iter().filter(|&&b| b == b'\n').count()
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGH: u64 = ONES * 0x80;

/// The high bit of each of the eight bytes of `v` that equals `b`, and no other bit
/// (exactly: no carry from one byte reaches the next).
fn bytes_equal(v: u64, b: u8) -> u64 {
    let x = v ^ (ONES * u64::from(b));
    !(((x & !HIGH) + !HIGH) | x | !HIGH)
}

/// Not zero when a byte of `v` is below `b` (at most 128), for a `v` whose bytes are all
/// below 128; which bits are set is not exact (a borrow may mark the byte after one).
fn bytes_below(v: u64, b: u8) -> u64 {
    v.wrapping_sub(ONES * u64::from(b)) & !v & HIGH
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

/// The text after pasting `pasted` over the textarea selection `start..end` of `text` (UTF-16
/// positions in the textarea, `span::textarea_byte`), when that text is too large to edit
/// (`None` otherwise: the textarea pastes as usual).
pub fn paste_too_large(text: &str, pasted: &str, start: u32, end: u32) -> Option<String> {
    if text.len() + pasted.len() <= LARGE_LINES {
        return None; // too short to be large by either measure
    }
    Some(paste_over(text, pasted, start, end)).filter(|whole| is_large(whole))
}

/// The text after pasting `pasted` over the textarea selection `start..end` of `text` (UTF-16
/// positions in the textarea, `span::textarea_byte`).
pub fn paste_over(text: &str, pasted: &str, start: u32, end: u32) -> String {
    let a = crate::analysis::span::textarea_byte(text, start as usize);
    let b = crate::analysis::span::textarea_byte(text, end as usize).max(a);
    let mut whole = String::with_capacity(text.len() - (b - a) + pasted.len());
    whole.push_str(text.get(..a).unwrap_or(""));
    whole.push_str(pasted);
    whole.push_str(text.get(b..).unwrap_or(""));
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_over_a_selection_lands_where_the_textarea_shows_it() {
        // The textarea shows "a\nbé\nd": its positions 3..4 are the "é".
        assert_eq!(paste_over("a\r\nbé\r\nd", "X", 3, 4), "a\r\nbX\r\nd");
        assert_eq!(paste_over("a\nbé\nd", "X", 3, 4), "a\nbX\nd");
        // At the end of a line: before its `\r\n`, which stays whole.
        assert_eq!(paste_over("ab\r\nc", "X", 2, 2), "abX\r\nc");
        assert_eq!(paste_over("ab\r\nc", "X", 3, 3), "ab\r\nXc");
    }

    #[test]
    fn newlines_are_counted_eight_bytes_at_a_time_as_one_at_a_time() {
        let text = "a\n\nbc\u{0a}\u{8a}\u{0b}\u{09}é\n😀\n\n\n\n\n\n\n\n\nxyz\r\n".repeat(37);
        for len in 0..text.len() {
            let b = &text.as_bytes()[..len];
            assert_eq!(
                newlines(b),
                b.iter().filter(|&&c| c == b'\n').count(),
                "{len}"
            );
        }
        assert_eq!(line_count("a\nb"), 2);
        assert_eq!(line_count("a\nb\n"), 2);
        assert_eq!(line_count(""), 1);
    }

    #[test]
    fn json_units_eight_bytes_at_a_time_are_the_units_a_byte_at_a_time() {
        let text =
            "FROM alpine AS a\nRUN echo \"x\" \\ \t\r\u{0}\u{1f}é한😀\u{7f}\u{80}abcdefghij\n"
                .repeat(9);
        // Every cut, char boundary or not, at every alignment of the eight-byte words.
        let b = text.as_bytes();
        for start in 0..8 {
            for end in start..=b.len() {
                let piece = &b[start..end];
                assert_eq!(json_units(piece), one_by_one(piece), "{start}..{end}");
            }
        }
    }

    fn one_by_one(b: &[u8]) -> usize {
        b.iter()
            .map(|b| match b {
                b'\n' | b'"' | b'\\' | b'\t' | b'\r' | 0xf0..=0xff => 2,
                0x80..=0xbf => 0,
                _ => 1,
            })
            .sum()
    }

    #[test]
    fn too_long_for_storage_exactly_when_the_units_pass_the_limit() {
        // Texts decided by their length, and texts counted across the 64 KiB pieces,
        // with a four-byte char and escapes across a piece's end.
        let long = format!(
            "{}😀\n\"{}",
            "a".repeat(64 * 1024 - 2),
            "é한\t".repeat(30_000)
        );
        for text in ["", "FROM alpine\n", "é한😀\n\"\\", long.as_str()] {
            let units = one_by_one(text.as_bytes());
            for limit in [
                0,
                1,
                units / 3,
                units / 2,
                units.saturating_sub(1),
                units,
                units + 1,
                units * 2,
            ] {
                assert_eq!(
                    units_exceed(text.as_bytes(), limit),
                    units > limit,
                    "{limit} of {units}"
                );
            }
        }
    }

    #[test]
    fn json_units_count_escapes_and_surrogates() {
        assert_eq!(json_units(b"ab"), 2);
        assert_eq!(json_units(b"a\n\"b"), 6);
        assert_eq!(json_units("é😀".as_bytes()), 3);
        // The byte count agrees with counting chars.
        let mixed = "FROM alpine\r\n\tRUN echo \"é€😀\\\" ÿ\u{7f}\u{80}\u{10ffff}\n".repeat(3);
        let by_chars: usize = mixed
            .chars()
            .map(|c| match c {
                '\n' | '"' | '\\' | '\t' | '\r' => 2,
                c => c.len_utf16(),
            })
            .sum();
        assert_eq!(json_units(mixed.as_bytes()), by_chars);
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

    #[test]
    fn a_paste_that_makes_the_file_large_replaces_the_selection() {
        let small = "FROM alpine\nRUN echo é\n";
        // Usual pastes are left to the textarea.
        assert_eq!(paste_too_large(small, "RUN true\n", 0, 0), None);
        assert_eq!(
            paste_too_large(&"x".repeat(50_000), &"y".repeat(LARGE_BYTES - 50_000), 0, 0),
            None
        );
        assert!(
            paste_too_large(&"x".repeat(50_000), &"y".repeat(LARGE_BYTES - 49_999), 0, 0).is_some()
        );
        // A large one replaces the selection (UTF-16 offsets: "é" is one unit, two bytes).
        let big = "a".repeat(2_000_000);
        let whole = paste_too_large(small, &big, 22, 23).expect("large");
        assert_eq!(whole, format!("FROM alpine\nRUN echo é{big}"));
        let replaced = paste_too_large(small, &big, 21, 22).expect("large");
        assert_eq!(replaced, format!("FROM alpine\nRUN echo {big}\n"));
        // Many short lines are large too; offsets past the end are clamped.
        let lines = "RUN true\n".repeat(6_000);
        assert_eq!(
            paste_too_large(small, &lines, 99, 99),
            Some(format!("{small}{lines}"))
        );
    }
}
