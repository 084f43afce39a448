//! The Dockerfile editor: a plain textarea (so caret, undo, IME and paste are the
//! browser's own) over a highlighted underlay, with line numbers, diagnostic markers, the
//! cursor's stage band and explanation cards for keywords and flags.
//!
//! The textarea grows to its content and one outer element scrolls, so the underlay, the
//! gutter and the text can never drift apart.

use std::cell::RefCell;
use std::fmt::Write as _;

use yew::prelude::*;
use yew::virtual_dom::Key;

use crate::analysis::fixed::Fixed;
use crate::analysis::{Analysis, LineIndex, Severity, Span, sort, span};

use crate::page::highlight::{self, Hint};
use crate::page::large_text;
use crate::page::reference;
use crate::page::share::Text;
use crate::ui::io;
use crate::ui::state::{Action, AnalysisRc, Reveal, State};

/// Line height and padding of the code area, in CSS pixels (must match style.css).
pub const LINE_H: f64 = 20.0;
const LINE_PX: usize = LINE_H as usize;
pub const PAD: f64 = 10.0;
const INDENT: &str = "    ";
/// 100 characters, measured once to learn the monospace character width.
const MEASURE: &str = "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM";

#[derive(Properties, PartialEq, Clone)]
pub struct EditorProps {
    pub text: Text,
    pub analysis: AnalysisRc,
    pub cursor_stage: Option<usize>,
    pub reveal: Option<Reveal>,
    pub dispatch: UseReducerDispatcher<State>,
    /// An embed with `readonly`: the text can be selected and copied, not changed.
    #[prop_or_default]
    pub readonly: bool,
}

/// Derived once per text + analysis: the underlay's chunks, what highlights them, the
/// diagnostic marks of the gutter and the extent.
struct Rendered {
    chunks: Vec<Chunk>,
    highlight: highlight::Highlight,
    /// The HTML of each chunk, written the first time the chunk is in the window.
    html: RefCell<Vec<Option<AttrValue>>>,
    marks: Vec<(usize, Severity)>,
    lines: usize,
    columns: usize,
}

impl Rendered {
    /// The HTML of chunk `i`: its lines, highlighted, in one root element (Yew inserts a raw
    /// block node by node).
    fn html(&self, text: &str, i: usize) -> AttrValue {
        let mut cache = self.html.borrow_mut();
        if let Some(Some(html)) = cache.get(i) {
            return html.clone();
        }
        let range = self.chunks.get(i).map_or(0..0, |c| c.range.clone());
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
struct Chunk {
    key: Key,
    lines: usize,
    /// Its bytes in the text, from its first line's start to its last line's end.
    range: std::ops::Range<usize>,
}

/// A chunk closes before a line whose hash is a multiple of this (and it has `CHUNK_MIN`
/// lines), or when it reaches `CHUNK_MAX` lines. Because the boundaries depend on the lines'
/// own text and not on their numbers, inserting or deleting a line moves no boundary far
/// from the edit, and the chunks below it keep their keys.
const CHUNK_SPREAD: u64 = 16;
/// Lines assumed in view until the first scroll event measures the editor: with the
/// window's margin this renders the first 2 × 44 + 16 = 104 lines, enough for an editor
/// 2 080 px tall, and not much more than the 36 lines a 860 px tall window shows.
const VIEW_LINES_GUESS: usize = 44;
/// The scroll position is followed in steps of this many lines, so scrolling re-renders the
/// editor only every few lines, not on every scroll event.
const VIEW_STEP: usize = 16;
const CHUNK_MIN: usize = 8;
const CHUNK_MAX: usize = 64;

/// The part of the text the editor shows: the first line in view (0-based, rounded down to
/// `VIEW_STEP`) and how many lines fit in the scroller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct View {
    top: usize,
    lines: usize,
}

impl View {
    /// The view of a scroller scrolled to `scroll_top` and `height` pixels tall.
    fn measured(scroll_top: f64, height: f64) -> View {
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
fn window(view: View, caret: Option<usize>) -> Vec<(usize, usize)> {
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
fn in_window(window: &[(usize, usize)], from: usize, to: usize) -> bool {
    window.iter().any(|&(a, b)| from < b && a < to)
}

/// A small, stable hash for chunk boundaries and keys, eight bytes at a time (in the
/// manner of FxHash; a byte-at-a-time hash cost a noticeable part of a keystroke).
fn hash_bytes(bytes: &[u8], mut h: u64) -> u64 {
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
const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// Groups the lines of `text` into chunks.
fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
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
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
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
    close(text.split('\n').count() - start, from..text.len(), &mut out);
    out
}

/// The gutter: line numbers as a few blocks of text, and a block of its own for each line
/// with a diagnostic (coloured, with a dot). A handful of nodes instead of one per line.
/// Only the lines in `shown` (sorted, disjoint ranges, as `merged` gives) are numbered; the
/// others are empty blocks of their exact height, as in the underlay.
fn gutter(lines: usize, marks: &[(usize, Severity)], shown: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(64 * (marks.len() + shown.len() + 2));
    out.push_str("<div class=\"lns\">");
    let plain = |from: usize, to: usize, out: &mut String| {
        if from < to {
            out.push_str("<div class=\"lnr\">");
            for i in from..to {
                if i > from {
                    out.push('\n');
                }
                out.push_str(&(i + 1).to_string());
            }
            out.push_str("</div>");
        }
    };
    let mut next = 0;
    for &(from, to) in shown {
        let to = to.min(lines);
        if from >= to {
            continue;
        }
        if from > next {
            let _ = write!(
                out,
                "<div style=\"height:{}px\"></div>",
                (from - next) * LINE_PX
            );
        }
        next = from;
        for &(line, sev) in marks.iter().filter(|m| m.0 >= from && m.0 < to) {
            if line < next {
                continue;
            }
            plain(next, line, &mut out);
            let class = match sev {
                Severity::Error => "ln-err",
                Severity::Warning => "ln-warn",
                Severity::Info => "ln-info",
            };
            let _ = write!(out, "<div class=\"ln {class}\">{}</div>", line + 1);
            next = line + 1;
        }
        plain(next, to, &mut out);
        next = to;
    }
    if lines > next {
        let _ = write!(
            out,
            "<div style=\"height:{}px\"></div>",
            (lines - next) * LINE_PX
        );
    }
    out.push_str("</div>");
    out
}

/// The window's ranges sorted and merged, so each line is in at most one.
fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    sort::sort(&mut ranges);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

fn render(text: &str, a: &Analysis) -> Rendered {
    let chunks = chunks(text);
    let lines = chunks.iter().map(|c| c.lines).sum::<usize>().max(1);
    // The widest line in character cells (a tab reaches the next multiple of 4, as
    // `tab-size: 4` in style.css; wide characters take two), so the textarea and the
    // underlay's chunks, which clip at their width, are wide enough.
    let columns = text
        .split('\n')
        .map(|l| {
            l.chars().fold(0, |col, c| match c {
                '\t' => (col / 4 + 1) * 4,
                c if is_wide(c) => col + 2,
                _ => col + 1,
            })
        })
        .max()
        .unwrap_or(0);
    Rendered {
        html: RefCell::new(vec![None; chunks.len()]),
        chunks,
        highlight: highlight::Highlight::new(text, a),
        marks: highlight::diagnostic_lines(text, a),
        lines,
        columns,
    }
}

/// Whether a character takes two cells in a monospace font (East Asian wide and fullwidth
/// ranges, emoji). Erring wide only makes the editor a little wider than needed.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// 0-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    line_col_in(&LineIndex::new(text), text, offset)
}

/// `line_col` with the text's line index already built (it is memoised per text, so a
/// render of a large file does not index it once per lookup).
fn line_col_in(idx: &LineIndex, text: &str, offset: usize) -> (usize, usize) {
    let line = idx.line(offset);
    let start = idx.line_start(line);
    let col = text
        .get(start..offset.min(text.len()))
        .map_or(0, |s| s.chars().count());
    (line.saturating_sub(1), col)
}

/// The byte offset at a 0-based line and character column (clamped to the line).
fn offset_at(text: &str, line: usize, col: usize) -> Option<usize> {
    let idx = LineIndex::new(text);
    if line >= idx.line_count() {
        return None;
    }
    let start = idx.line_start(line + 1);
    let rest = text.get(start..)?;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if c == '\n' {
            return None;
        }
        if n == col {
            return Some(start + i);
        }
    }
    None
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let area = use_node_ref();
    let scroller = use_node_ref();
    let measure = use_node_ref();
    // The explanation card: hint, span, and whether it is pinned (opened by the caret, so
    // its link can be clicked; a hover card lets the mouse through).
    let card = use_state(|| None::<(Hint, Span, bool)>);
    // After Escape, Tab leaves the editor instead of indenting (keyboard users can get out).
    let escaped = use_mut_ref(|| false);
    // What is in view (`window`), followed through scroll events; and the caret (UTF-16)
    // after the last input, read when that input's text is rendered.
    let view = use_state_eq(|| View {
        top: 0,
        lines: VIEW_LINES_GUESS,
    });
    let input_caret = use_mut_ref(|| None::<u32>);

    let rendered = {
        let text = props.text.clone();
        let analysis = props.analysis.clone();
        use_memo((text, analysis), |(t, a)| render(t, a))
    };
    let index = use_memo(props.text.clone(), |t| LineIndex::new(t));

    {
        let area = area.clone();
        let scroller = scroller.clone();
        let text = props.text.clone();
        let view = view.clone();
        use_effect_with(props.reveal, move |reveal| {
            if let Some(r) = reveal {
                let start = span::utf16_offset(&text, r.span.start) as u32;
                let end = span::utf16_offset(&text, r.span.end) as u32;
                io::set_selection(&area, start, end);
                let (line, _) = line_col(&text, r.span.start);
                io::scroll_to_line(&scroller, line, LINE_H);
                // Follow the scroll now, so the lines revealed are rendered in this frame.
                if let Some((top, height)) = io::scroll_view(&scroller) {
                    view.set(View::measured(top, height));
                }
            }
        });
    }

    let onscroll = {
        let (view, scroller) = (view.clone(), scroller.clone());
        Callback::from(move |_: Event| {
            if let Some((top, height)) = io::scroll_view(&scroller) {
                view.set(View::measured(top, height));
            }
        })
    };

    let oninput = {
        let d = props.dispatch.clone();
        let card = card.clone();
        let input_caret = input_caret.clone();
        Callback::from(move |e: InputEvent| {
            *input_caret.borrow_mut() = io::selection_start(&e);
            if let Some(text) = io::event_value(&e) {
                d.dispatch(Action::SetDockerfile(text));
            }
            card.set(None);
        })
    };
    // A paste that makes the file too large to edit goes straight to the state, and the
    // read-only preview (src/ui/components/large_text.rs) replaces the editor. Inserted into the
    // textarea first, a 10 MB line cost Chromium seconds: laying it out, then tearing it down
    // when the textarea left the page.
    let onpaste = {
        let d = props.dispatch.clone();
        let text = props.text.clone();
        let readonly = props.readonly;
        Callback::from(move |e: Event| {
            if readonly {
                return;
            }
            let Some((pasted, start, end)) = io::paste_parts(&e) else {
                return;
            };
            if let Some(whole) = paste_too_large(&text, &pasted, start, end) {
                e.prevent_default();
                // Reading 10 MB from the clipboard into wasm is a task's worth of work; the
                // state and the preview take the next task.
                let d = d.clone();
                io::soon(move || d.dispatch(Action::SetDockerfile(whole)));
            }
        })
    };
    let caret = {
        let d = props.dispatch.clone();
        let text = props.text.clone();
        let analysis = props.analysis.clone();
        let card = card.clone();
        move |e: &Event, show_card: bool| {
            if let Some(u) = io::selection_start(e) {
                let offset = span::byte_offset(&text, u as usize);
                d.dispatch(Action::Cursor(offset));
                let hint = highlight::hint_at(&analysis, offset);
                if show_card || hint.is_none() {
                    card.set(hint.map(|(h, s)| (h, s, true)));
                }
            }
        }
    };
    let onkeyup = {
        let caret = caret.clone();
        Callback::from(move |e: KeyboardEvent| {
            let nav = matches!(
                e.key().as_str(),
                "ArrowUp"
                    | "ArrowDown"
                    | "ArrowLeft"
                    | "ArrowRight"
                    | "Home"
                    | "End"
                    | "PageUp"
                    | "PageDown"
            );
            if nav || e.key() == "Tab" {
                caret(&e, nav);
            }
        })
    };
    let onclick = {
        let caret = caret.clone();
        Callback::from(move |e: MouseEvent| caret(&e, true))
    };
    let onselect = {
        let caret = caret.clone();
        Callback::from(move |e: Event| caret(&e, false))
    };
    let onkeydown = {
        let escaped = escaped.clone();
        let card = card.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                *escaped.borrow_mut() = true;
                card.set(None);
                return;
            }
            if e.key() == "Tab"
                && !e.shift_key()
                && !e.ctrl_key()
                && !e.alt_key()
                && !e.meta_key()
                && !*escaped.borrow()
                && io::insert_text(INDENT)
            {
                e.prevent_default();
            }
            if e.key() != "Tab" && e.key() != "Shift" {
                *escaped.borrow_mut() = false;
            }
        })
    };
    let onmousemove = {
        let text = props.text.clone();
        let analysis = props.analysis.clone();
        let card = card.clone();
        let measure = measure.clone();
        let area = area.clone();
        Callback::from(move |e: MouseEvent| {
            let cw = io::char_width(&measure);
            let Some((x, y)) = io::pointer_in(&e, &area) else {
                return;
            };
            let (x, y) = (x - PAD, y - PAD);
            let hint = if x < 0.0 || y < 0.0 {
                None
            } else {
                offset_at(&text, (y / LINE_H) as usize, (x / cw) as usize)
                    .and_then(|o| highlight::hint_at(&analysis, o))
            };
            let pinned = card.as_ref().is_some_and(|c| c.2);
            let hint = hint.map(|(h, s)| (h, s, false));
            if !pinned && *card != hint {
                card.set(hint);
            }
        })
    };
    let onmouseleave = {
        let card = card.clone();
        Callback::from(move |_: MouseEvent| {
            if card.as_ref().is_some_and(|c| !c.2) {
                card.set(None);
            }
        })
    };

    let text = &props.text;
    // Pixel values are written through `Fixed`: `f64`'s own formatting costs page size.
    let height = Fixed(rendered.lines as f64 * LINE_H + 2.0 * PAD, 0);
    let size_style = format!(
        "height:{height}px;width:max(100%, calc({}ch + {}px))",
        rendered.columns + 2,
        Fixed(2.0 * PAD, 0)
    );

    // The lines whose chunks are rendered: those in view, and those the browser is about to
    // scroll to when the caret of the last input is out of view.
    let window = {
        let caret = input_caret.borrow().map(|u| {
            index
                .line(span::byte_offset(text, u as usize))
                .saturating_sub(1)
        });
        merged(window(*view, caret))
    };
    let gutter_html = AttrValue::from(gutter(rendered.lines, &rendered.marks, &window));

    // The band behind the lines of the stage the caret is in.
    let band = props
        .cursor_stage
        .and_then(|s| props.analysis.stages.get(s))
        .map(|s| {
            let (l0, _) = line_col_in(&index, text, s.span.start);
            let (l1, _) = line_col_in(&index, text, s.span.end.saturating_sub(1).max(s.span.start));
            html! { <div class="stage-band" aria-hidden="true"
            style={band_style(l0, l1)} /> }
        });
    let flash = props.reveal.map(|r| {
        let (l0, _) = line_col_in(&index, text, r.span.start);
        let (l1, _) = line_col_in(&index, text, r.span.end.max(r.span.start));
        html! { <div key={r.serial.to_string()} class="reveal-band" aria-hidden="true"
        style={band_style(l0, l1)} /> }
    });
    let card_html = card.as_ref().and_then(|(hint, sp, pinned)| {
        let entry = reference::for_hint(hint)?;
        let (line, col) = line_col_in(&index, text, sp.start);
        let cw = io::char_width(&measure);
        let style = format!(
            "top:{}px;left:{}px",
            Fixed(PAD + (line + 1) as f64 * LINE_H + 4.0, 0),
            Fixed(PAD + col as f64 * cw, 1)
        );
        Some(html! {
            <div class={classes!("hint-card", pinned.then_some("pinned"))} role="tooltip" id="hint-card" {style}>
                <strong>{ entry.title }</strong>
                <p>{ entry.text }</p>
                <a href={entry.url()} target="_blank" rel="noopener noreferrer">{ "Docker reference ↗" }</a>
            </div>
        })
    });

    html! {
        <div class="editor">
            <div class="editor-scroll" ref={scroller} {onscroll}>
                <div class="editor-inner" style={format!("min-height:{height}px")}>
                    <div class="gutter" aria-hidden="true">{ Html::from_html_unchecked(gutter_html) }</div>
                    <div class="code">
                        { band.unwrap_or_default() }
                        { flash.unwrap_or_default() }
                        <pre class="underlay" aria-hidden="true">
                            { for rendered.chunks.iter().enumerate().scan(0, |line, (i, c)| {
                                let from = *line;
                                *line += c.lines;
                                let shown = in_window(&window, from, *line)
                                    .then(|| Html::from_html_unchecked(rendered.html(text, i)));
                                Some(html! {
                                    <div class="ul-chunk" key={c.key.clone()}
                                        style={format!("height:{}px", c.lines * LINE_PX)}>
                                        { shown.unwrap_or_default() }
                                    </div>
                                })
                            }) }
                        </pre>
                        <textarea id="dockerfile" ref={area} class="code-input" wrap="off"
                            spellcheck="false" autocomplete="off" autocapitalize="off"
                            aria-label="Dockerfile" aria-describedby={card.is_some().then_some("hint-card")}
                            style={size_style}
                            value={AttrValue::from(text.shared())} readonly={props.readonly}
                            {oninput} {onpaste} {onkeydown} {onkeyup} {onclick} {onselect} {onmousemove} {onmouseleave} />
                        { card_html.unwrap_or_default() }
                        <span class="measure" ref={measure} aria-hidden="true">{ MEASURE }</span>
                    </div>
                </div>
            </div>
        </div>
    }
}

/// The text after pasting `pasted` over the UTF-16 selection `start..end` of `text`, when
/// that text is too large to edit (`None` otherwise: the textarea pastes as usual).
pub fn paste_too_large(text: &str, pasted: &str, start: u32, end: u32) -> Option<String> {
    if text.len() + pasted.len() <= large_text::LARGE_LINES {
        return None; // too short to be large by either measure
    }
    let a = span::byte_offset(text, start as usize);
    let b = span::byte_offset(text, end as usize).max(a);
    let mut whole = String::with_capacity(text.len() - (b - a) + pasted.len());
    whole.push_str(text.get(..a).unwrap_or(""));
    whole.push_str(pasted);
    whole.push_str(text.get(b..).unwrap_or(""));
    large_text::is_large(&whole).then_some(whole)
}

/// The style of a band over lines `l0..=l1` (the cursor's stage, a revealed span).
fn band_style(l0: usize, l1: usize) -> String {
    format!(
        "top:{}px;height:{}px",
        Fixed(PAD + l0 as f64 * LINE_H, 0),
        Fixed((l1 - l0 + 1) as f64 * LINE_H, 0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_lines_round_trip() {
        let t = "FROM a\nRUN é x\n";
        assert_eq!(line_col(t, 0), (0, 0));
        let x = t.find('x').unwrap_or(0);
        assert_eq!(line_col(t, x), (1, 6));
        assert_eq!(offset_at(t, 1, 6), Some(x));
        assert_eq!(offset_at(t, 1, 60), None);
        assert_eq!(offset_at(t, 9, 0), None);
    }

    /// A text of `n` lines, each different.
    fn numbered(n: usize) -> String {
        (0..n).map(|i| format!("RUN echo {i}\n")).collect()
    }

    fn chunks_of(text: &str) -> Vec<Chunk> {
        chunks(text)
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
        let r = render(&text, &a);
        let cs = &r.chunks;
        assert_eq!(cs.iter().map(|c| c.lines).sum::<usize>(), lines.len());
        assert_eq!(r.lines, lines.len());
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
    fn a_paste_that_makes_the_file_large_replaces_the_selection() {
        let small = "FROM alpine\nRUN echo é\n";
        // Usual pastes are left to the textarea.
        assert_eq!(paste_too_large(small, "RUN true\n", 0, 0), None);
        assert_eq!(
            paste_too_large(&"x".repeat(900_000), &"y".repeat(90_000), 0, 0),
            None
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
    fn the_gutter_numbers_the_lines_shown_and_keeps_the_height_of_the_others() {
        let marks = [(2, Severity::Error), (30, Severity::Warning)];
        let g = gutter(40, &marks, &merged(vec![(20, 35), (0, 5), (3, 8)]));
        assert_eq!(
            g,
            "<div class=\"lns\"><div class=\"lnr\">1\n2</div><div class=\"ln ln-err\">3</div>\
             <div class=\"lnr\">4\n5\n6\n7\n8</div><div style=\"height:240px\"></div>\
             <div class=\"lnr\">21\n22\n23\n24\n25\n26\n27\n28\n29\n30</div>\
             <div class=\"ln ln-warn\">31</div><div class=\"lnr\">32\n33\n34\n35</div>\
             <div style=\"height:100px\"></div></div>"
        );
    }

    #[test]
    fn gutter_has_every_number_and_marks_lines() {
        let gutter =
            |lines: usize, marks: &[(usize, Severity)]| gutter(lines, marks, &[(0, lines)]);
        let g = gutter(12, &[(0, Severity::Warning), (4, Severity::Error)]);
        assert!(g.contains("<div class=\"ln ln-warn\">1</div>"), "{g}");
        assert!(g.contains("<div class=\"ln ln-err\">5</div>"), "{g}");
        assert!(g.contains("<div class=\"lnr\">2\n3\n4</div>"), "{g}");
        assert!(
            g.contains("<div class=\"lnr\">6\n7\n8\n9\n10\n11\n12</div>"),
            "{g}"
        );
        // A mark past the end (a stale analysis) is ignored.
        assert_eq!(
            gutter(2, &[(5, Severity::Error)]),
            "<div class=\"lns\"><div class=\"lnr\">1\n2</div></div>"
        );
    }

    #[test]
    fn columns_count_tabs_and_wide_characters() {
        let cols = |t: &str| render(t, &crate::analysis::analyze(t, &Default::default())).columns;
        assert_eq!(cols("RUN a"), 5);
        // A tab reaches the next multiple of four: "a" + tab = 4, then "b".
        assert_eq!(cols("a\tb"), 5);
        assert_eq!(cols("漢字x"), 5);
        assert_eq!(cols("ab\n"), 2);
    }
}
