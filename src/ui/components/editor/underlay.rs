//! The editor's underlay: the text split into chunks of lines keyed by their text, the
//! window of lines that is rendered (what is in view, and where the caret is going), and
//! each chunk's highlighted HTML, written the first time the chunk is in the window.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::Key;

use crate::analysis::{Analysis, Severity};
use crate::page::highlight;

use super::LINE_H;

/// Derived once per text: the underlay's chunks and the extent. A keystroke's text is laid
/// out once, not again when its analysis arrives.
#[derive(Debug, PartialEq)]
pub(super) struct Layout {
    pub(super) chunks: Vec<Chunk>,
    pub(super) lines: usize,
    /// The widest line in cells (`cells`), so the textarea and the underlay's chunks, which
    /// clip at their width, are wide enough.
    pub(super) columns: usize,
}

/// Derived once per text + analysis: the text's layout, what highlights its chunks and the
/// diagnostic marks of the gutter.
pub(super) struct Rendered {
    pub(super) layout: Rc<Layout>,
    highlight: highlight::Highlight,
    /// The HTML of each chunk, written the first time the chunk is in the window.
    html: RefCell<Vec<Option<AttrValue>>>,
    pub(super) marks: Vec<(usize, Severity)>,
}

impl Rendered {
    /// The HTML of chunk `i`: its lines, highlighted, in one root element (Yew inserts a raw
    /// block node by node).
    pub(super) fn html(&self, text: &str, i: usize) -> AttrValue {
        let mut cache = self.html.borrow_mut();
        if let Some(Some(html)) = cache.get(i) {
            return html.clone();
        }
        let range = self.layout.chunks.get(i).map_or(0..0, |c| c.range.clone());
        let mut html = String::from("<span>");
        html.push_str(&self.highlight.lines(text, range).join("\n"));
        html.push_str("</span>");
        let html = AttrValue::from(html);
        if let Some(slot) = cache.get_mut(i) {
            *slot = Some(html.clone());
        }
        html
    }
}

/// A run of consecutive lines of the underlay, rendered as one block.
///
/// The underlay is split into chunks so that an edit re-creates only the chunks it changed
/// (each is keyed by its text, so unchanged chunks keep their DOM even when lines are
/// inserted above them; Yew replaces a kept chunk's HTML when its highlighting changed),
/// and so that only the chunks near what is in view are highlighted and rendered
/// (`window`); the others are empty blocks of their exact height.
#[derive(Debug, PartialEq)]
pub(super) struct Chunk {
    pub(super) key: Key,
    pub(super) lines: usize,
    /// Its bytes in the text, from its first line's start to its last line's end.
    pub(super) range: std::ops::Range<usize>,
}

/// A chunk closes before a line whose hash is a multiple of this (and it has `CHUNK_MIN`
/// lines), or when it reaches `CHUNK_MAX` lines. Because the boundaries depend on the lines'
/// own text and not on their numbers, inserting or deleting a line moves no boundary far
/// from the edit, and the chunks below it keep their keys.
///
/// Chunks of 2 to 16 lines, about 6 on average: a keystroke re-creates its chunk's elements
/// (parsed, styled and laid out in the key's task) and again when the analysis changes its
/// highlighting, so the smaller the chunk the less each key costs: chunks of 8 to 64 lines
/// (about 24) drew the typed character later on moby's file
/// (docs/performance.md#keystroke-latency). Chunks of 2 to 8 lines measured no better, and
/// more chunks make the keyed list Yew compares on every render longer.
pub(super) const CHUNK_SPREAD: u64 = 4;
/// Lines assumed in view until the first scroll event measures the editor: with the
/// window's margin this renders the first 2 × 44 + 16 = 104 lines, enough for an editor
/// 2 080 px tall, and not much more than the 36 lines a 860 px tall window shows.
pub(super) const VIEW_LINES_GUESS: usize = 44;
/// The scroll position is followed in steps of this many lines, so scrolling re-renders the
/// editor only every few lines, not on every scroll event.
pub(super) const VIEW_STEP: usize = 16;
pub(super) const CHUNK_MIN: usize = 2;
pub(super) const CHUNK_MAX: usize = 16;

/// The part of the text the editor shows: the first line in view (0-based, rounded down to
/// `VIEW_STEP`) and how many lines fit in the scroller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct View {
    pub(super) top: usize,
    pub(super) lines: usize,
}

impl View {
    /// The view of a scroller scrolled to `scroll_top` and `height` pixels tall.
    pub(super) fn measured(scroll_top: f64, height: f64) -> View {
        let line = (scroll_top.max(0.0) / LINE_H) as usize;
        View {
            top: line / VIEW_STEP * VIEW_STEP,
            lines: ((height.max(0.0) / LINE_H).ceil() as usize).max(1),
        }
    }
}

/// The 0-based line ranges whose chunks the underlay renders: what is in view, with one
/// view's worth of lines above and below (so scrolling by up to a screen never shows a line
/// before its chunk is rendered), and, when the caret of the last input is out of view,
/// the view the browser is about to scroll to, with the caret at its bottom (or top) edge:
/// a paste ends with the caret at its end. Every other chunk is an empty block of its exact
/// height, so a paste of a long file builds, styles and lays out a few screens of
/// highlighted lines, not the whole file; the textarea above holds the whole text either
/// way (caret, selection, find, copy).
pub(super) fn window(view: View, caret: Option<usize>) -> Vec<(usize, usize)> {
    let margin = view.lines + VIEW_STEP;
    let bottom = view.top + view.lines;
    let mut out = vec![(view.top.saturating_sub(margin), bottom + margin)];
    match caret {
        Some(c) if c >= bottom => out.push((c.saturating_sub(margin), c + VIEW_STEP)),
        Some(c) if c < view.top => out.push((c.saturating_sub(VIEW_STEP), c + margin)),
        _ => {}
    }
    out
}

/// Whether the chunk of lines `from..to` meets one of the window's ranges.
pub(super) fn in_window(window: &[(usize, usize)], from: usize, to: usize) -> bool {
    window.iter().any(|&(a, b)| from < b && a < to)
}

/// A small, stable hash for chunk boundaries and keys, eight bytes at a time (in the
/// manner of FxHash; a byte-at-a-time hash cost a noticeable part of a keystroke).
pub(super) fn hash_bytes(bytes: &[u8], mut h: u64) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    for &b in words.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    // Mix the high bits down, so `% CHUNK_SPREAD` depends on every byte.
    h ^ (h >> 32) ^ (h >> 47)
}
pub(super) const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// Groups the lines of `text` into chunks, and counts them and the widest, in one pass.
pub(super) fn layout(text: &str) -> Layout {
    let mut out = Vec::new();
    let mut columns = 0;
    let mut seen = std::collections::HashMap::<u64, usize>::new();
    let mut close = |lines: usize, range: std::ops::Range<usize>, out: &mut Vec<Chunk>| {
        let hash = hash_bytes(text.as_bytes().get(range.clone()).unwrap_or(&[]), HASH_SEED);
        // Two identical chunks get distinct keys by their occurrence.
        let n = seen.entry(hash).or_insert(0);
        *n += 1;
        out.push(Chunk {
            key: Key::from(format!("{hash:x}.{n}")),
            lines,
            range,
        });
    };
    // The chunk being gathered: its first line, and its first byte.
    let (mut start, mut from) = (0, 0);
    let (mut offset, mut count) = (0, 0);
    for (i, line) in text.split('\n').enumerate() {
        count = i + 1;
        columns = columns.max(cells(line));
        let len = i - start;
        let boundary = len >= CHUNK_MAX
            || (len >= CHUNK_MIN
                && !line.trim().is_empty()
                && hash_bytes(line.as_bytes(), HASH_SEED).is_multiple_of(CHUNK_SPREAD));
        if boundary {
            // Up to the end of the previous line (its newline excluded).
            close(len, from..offset - 1, &mut out);
            (start, from) = (i, offset);
        }
        offset += line.len() + 1;
    }
    close(count - start, from..text.len(), &mut out);
    Layout {
        chunks: out,
        lines: count.max(1),
        columns,
    }
}

/// The underlay of `text` laid out as `layout` (`layout(text)`), highlighted with `a`, the
/// analysis of `analysed`: of `text` itself, or of the text before the last keys, whose
/// highlighting and marks are then carried over to `text` (`Highlight::rebased`).
pub(super) fn render(text: &str, a: &Analysis, analysed: &str, layout: Rc<Layout>) -> Rendered {
    let (highlight, marks) = if analysed == text {
        (
            highlight::Highlight::new(text, a),
            highlight::diagnostic_lines(text, a),
        )
    } else {
        let edit = highlight::Edit::between(analysed, text);
        (
            highlight::Highlight::new(analysed, a).rebased(edit, analysed, text),
            highlight::rebase_marks(
                highlight::diagnostic_lines(analysed, a),
                edit,
                analysed,
                text,
            ),
        )
    };
    Rendered {
        html: RefCell::new(vec![None; layout.chunks.len()]),
        layout,
        highlight,
        marks,
    }
}

/// The cell after `c` drawn at cell `col` of a line: a tab reaches the next multiple of 4
/// (`tab-size: 4` in style.css), any other character takes its `text_width::char_width`
/// (two for a wide one: erring wide only makes the editor a little wider than needed).
pub(super) fn next_cell(col: usize, c: char) -> usize {
    match c {
        '\t' => (col / 4 + 1) * 4,
        c => col + crate::page::text_width::char_width(c),
    }
}

/// The cells `line` takes, as the editor draws it.
pub(super) fn cells(line: &str) -> usize {
    // Printable ASCII, as most lines are: a cell a byte (no tab, no wide character).
    if line.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return line.len();
    }
    line.chars().fold(0, next_cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of `n` lines, each different.
    fn numbered(n: usize) -> String {
        (0..n).map(|i| format!("RUN echo {i}\n")).collect()
    }

    fn chunks_of(text: &str) -> Vec<Chunk> {
        layout(text).chunks
    }

    #[test]
    fn chunks_cover_every_line_once_and_their_html_is_the_highlighted_text() {
        // Heredocs and a diagnostic, so highlighted runs cross lines and chunk boundaries.
        let text = format!(
            "{}RUN <<EOF\n  a <b>\n  c\nEOF\nFROM x AS y\nCOPY --from=nowhere /a /b\n",
            numbered(500)
        );
        let a = crate::analysis::analyze(&text, &Default::default());
        let lines = highlight::highlight_lines(&text, &a);
        let r = render(&text, &a, &text, Rc::new(layout(&text)));
        let cs = &r.layout.chunks;
        assert_eq!(cs.iter().map(|c| c.lines).sum::<usize>(), lines.len());
        assert_eq!(r.layout.lines, lines.len());
        assert!(
            cs.iter().all(|c| c.lines <= CHUNK_MAX),
            "a chunk is too long"
        );
        assert!(cs.len() > 500 / CHUNK_MAX, "{} chunks", cs.len());
        // The chunks' bytes are the text, less the newline between two chunks.
        let texts: Vec<&str> = cs.iter().map(|c| &text[c.range.clone()]).collect();
        assert_eq!(texts.join("\n"), text);
        let html: Vec<String> = (0..cs.len())
            .map(|i| r.html(&text, i).to_string())
            .collect();
        let joined: Vec<&str> = html
            .iter()
            .filter_map(|h| h.strip_prefix("<span>")?.strip_suffix("</span>"))
            .collect();
        assert_eq!(joined.join("\n"), lines.join("\n"));
        assert!(joined.concat().contains("&lt;b&gt;"));
    }

    #[test]
    fn an_inserted_line_keeps_the_keys_of_distant_chunks() {
        let text = numbered(600);
        let before = chunks_of(&text);
        // Insert a line in the middle.
        let at = text.match_indices('\n').nth(300).map_or(0, |(i, _)| i + 1);
        let edited = format!("{}RUN inserted\n{}", &text[..at], &text[at..]);
        let after = chunks_of(&edited);
        let keys = |cs: &[Chunk]| cs.iter().map(|c| c.key.clone()).collect::<Vec<_>>();
        let (kb, ka) = (keys(&before), keys(&after));
        // All but a few chunks around the edit keep their keys (and so their DOM).
        let kept = kb.iter().filter(|k| ka.contains(k)).count();
        assert!(kept + 3 >= kb.len(), "kept {kept} of {}", kb.len());
        assert_ne!(kb, ka);
    }

    #[test]
    fn identical_chunks_get_distinct_keys() {
        let text = "RUN x\n".repeat(300);
        let cs = chunks_of(&text);
        let mut keys: Vec<String> = cs.iter().map(|c| c.key.to_string()).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }

    #[test]
    fn the_window_covers_the_view_and_where_the_caret_takes_it() {
        // 36 lines in view, scrolled to line 200 (rounded down to a multiple of VIEW_STEP).
        let view = View::measured(200.0 * LINE_H + 7.0, 36.0 * LINE_H);
        assert_eq!(
            view,
            View {
                top: 192,
                lines: 36
            }
        );
        let margin = 36 + VIEW_STEP;
        let around_view = (192 - margin, 192 + 36 + margin);
        // A caret in view adds nothing.
        assert_eq!(window(view, Some(200)), vec![around_view]);
        assert_eq!(window(view, None), vec![around_view]);
        // Below the view, the browser scrolls it to the bottom edge; above, to the top edge.
        let below = window(view, Some(640));
        assert_eq!(below, vec![around_view, (640 - margin, 640 + VIEW_STEP)]);
        assert_eq!(
            window(view, Some(20)),
            vec![around_view, (20 - VIEW_STEP, 20 + margin)]
        );
        assert!(
            in_window(&below, 130, 150),
            "a chunk reaching into the margin"
        );
        assert!(!in_window(&below, 100, 140));
        assert!(
            in_window(&below, 250, 400),
            "a chunk reaching into the view"
        );
        assert!(!in_window(&below, 300, 580));
        assert!(in_window(&below, 600, 650), "where the caret is");
        // At the top, the window starts at line 0.
        assert_eq!(
            window(View::measured(0.0, 0.0), None),
            vec![(0, 1 + 1 + VIEW_STEP)]
        );
    }

    #[test]
    fn columns_count_tabs_and_wide_characters() {
        let cols = |t: &str| layout(t).columns;
        assert_eq!(cols("RUN a"), 5);
        // A tab reaches the next multiple of four: "a" + tab = 4, then "b".
        assert_eq!(cols("a\tb"), 5);
        assert_eq!(cols("漢字x"), 5);
        assert_eq!(cols("ab\n"), 2);
    }
}
