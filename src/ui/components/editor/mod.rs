//! The Dockerfile editor: a plain textarea (so caret, undo, IME and paste are the
//! browser's own) over a highlighted underlay, with line numbers, diagnostic markers, the
//! cursor's stage band and explanation cards for keywords and flags.
//!
//! The textarea grows to its content and one outer element scrolls, so the underlay, the
//! gutter and the text can never drift apart. The underlay's chunks and window are in
//! `underlay.rs`, the line numbers in `gutter.rs`.

mod gutter;
mod underlay;

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::fixed::Fixed;
use crate::analysis::{LineIndex, Span, span};
use crate::page::highlight::{self, Hint};
use crate::page::indent::{self, INDENT};
use crate::page::large_text::{LARGE_BYTES, paste_over, paste_too_large};
use crate::page::reference;
use crate::page::share::Text;
use crate::ui::io;
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, AnalysisRc, PendingEdit, Reveal, State};

use gutter::{gutter, merged};
use underlay::{VIEW_LINES_GUESS, View, cells, in_window, layout, next_cell, render, window};

/// Line height and padding of the code area, in CSS pixels (must match style.css).
pub const LINE_H: f64 = 20.0;
const LINE_PX: usize = LINE_H as usize;
pub const PAD: f64 = 10.0;
/// 100 characters, measured once to learn the monospace character width.
const MEASURE: &str = "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM";

#[derive(Properties, PartialEq, Clone)]
pub struct EditorProps {
    pub text: Text,
    pub analysis: AnalysisRc,
    /// The text `analysis` is of: the text before the last keys until their analysis
    /// arrives (the underlay carries its highlighting over to `text` meanwhile).
    pub analysed: Text,
    pub cursor_stage: Option<usize>,
    pub reveal: Option<Reveal>,
    pub dispatch: UseReducerDispatcher<State>,
    /// An embed with `readonly`: the text can be selected and copied, not changed.
    #[prop_or_default]
    pub readonly: bool,
    /// A fix to apply to the text, as if typed (so Ctrl+Z takes it back).
    #[prop_or_default]
    pub edit: Option<PendingEdit>,
}

/// 0-based line and column (in characters) of a byte offset (the textarea's caret counts
/// characters; where a column is drawn, `display_col` counts a wide character twice).
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

/// The drawn column of a byte offset: a wide character (Hangul, CJK) takes two cells and a
/// tab reaches the next multiple of 4, as the editor draws them, so a card placed after a
/// Hangul stage name or a tab lines up.
fn display_col(idx: &LineIndex, text: &str, offset: usize) -> usize {
    let start = idx.line_start(idx.line(offset));
    text.get(start..offset.min(text.len())).map_or(0, cells)
}

/// The byte offset of the character drawn at a 0-based line and drawn column `col` (the
/// cell under the pointer: a tab or a wide character covers all its cells), or `None`
/// past the line's end.
fn offset_at(text: &str, line: usize, col: usize) -> Option<usize> {
    let idx = LineIndex::new(text);
    if line >= idx.line_count() {
        return None;
    }
    let start = idx.line_start(line + 1);
    let rest = text.get(start..)?;
    let mut cell = 0;
    for (i, c) in rest.char_indices() {
        if c == '\n' || c == '\r' {
            return None;
        }
        let next = next_cell(cell, c);
        if col < next {
            return Some(start + i);
        }
        cell = next;
    }
    None
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let m = use_messages();
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
    // The textarea's text, as last typed into it or written by the effect below.
    let value = use_mut_ref(String::new);

    // The layout depends on the text alone, the highlighting on its analysis too: a
    // keystroke lays its text out once, not again when the analysis arrives.
    let layout = use_memo(props.text.clone(), |t| layout(t));
    let rendered = {
        let text = props.text.clone();
        let analysis = props.analysis.clone();
        let analysed = props.analysed.clone();
        let layout = Rc::clone(&layout);
        use_memo((text, analysis, analysed), move |(t, a, at)| {
            render(t, a, at, layout)
        })
    };
    let index = use_memo(props.text.clone(), |t| LineIndex::new(t));

    // The textarea is not bound to the state's text, which Yew would compare with the
    // textarea's value at every render (a copy of the whole text out of the DOM): the text is
    // written into it when it changes other than by typing (an example, a link, a draft),
    // before the effects below place the caret.
    {
        let (area, value) = (area.clone(), value.clone());
        use_effect_with(props.text.clone(), move |text| {
            if *value.borrow() != **text {
                io::set_text_value(&area, text);
                *value.borrow_mut() = text.to_string();
            }
        });
    }

    {
        let area = area.clone();
        let scroller = scroller.clone();
        let text = props.text.clone();
        let view = view.clone();
        use_effect_with(props.reveal, move |reveal| {
            if let Some(r) = reveal {
                let start = span::textarea_offset(&text, r.span.start) as u32;
                let end = span::textarea_offset(&text, r.span.end) as u32;
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

    {
        let area = area.clone();
        let text = props.text.clone();
        let d = props.dispatch.clone();
        let readonly = props.readonly;
        use_effect_with(props.edit.clone(), move |edit| {
            if let Some(e) = edit.as_ref().filter(|_| !readonly) {
                let start = span::textarea_offset(&text, e.span.start) as u32;
                let end = span::textarea_offset(&text, e.span.end) as u32;
                // Typed into the textarea, the edit is one step of its undo history; a
                // browser without `insertText` gets the new text without that step.
                if !io::replace_range(&area, start, end, &e.text) {
                    let mut fixed = text.to_string();
                    if fixed.get(e.span.start..e.span.end).is_some() {
                        fixed.replace_range(e.span.start..e.span.end, &e.text);
                        d.dispatch(Action::SetDockerfile(fixed));
                    }
                }
                d.dispatch(Action::EditApplied(e.serial));
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
        let (input_caret, value) = (input_caret.clone(), value.clone());
        Callback::from(move |e: InputEvent| {
            *input_caret.borrow_mut() = io::selection_start(&e);
            if let Some(text) = io::event_value(&e) {
                value.borrow_mut().clone_from(&text);
                d.dispatch(Action::SetDockerfile(text));
            }
            if card.is_some() {
                card.set(None);
            }
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
            // Longer than LARGE_BYTES in UTF-16, so at least as long in UTF-8: too large to
            // edit whatever it replaces. Read a slice per task, then the state takes it.
            if pasted.units() > LARGE_BYTES {
                e.prevent_default();
                let (d, text) = (d.clone(), text.clone());
                return pasted.read_in_slices(move |pasted| {
                    if let Some(pasted) = pasted {
                        let whole = paste_over(&text, &pasted, start, end);
                        // The state and the preview take a task of their own, as below.
                        io::soon(move || d.dispatch(Action::SetDockerfile(whole)));
                    }
                });
            }
            let Some(pasted) = pasted.text() else {
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
                let offset = span::textarea_byte(&text, u as usize);
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
        let area = area.clone();
        let d = props.dispatch.clone();
        let readonly = props.readonly;
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                *escaped.borrow_mut() = true;
                card.set(None);
                return;
            }
            if e.key() == "Tab"
                && !e.ctrl_key()
                && !e.alt_key()
                && !e.meta_key()
                && !*escaped.borrow()
                && !readonly
                && tab(&area, &d, e.shift_key())
            {
                e.prevent_default();
            }
            // Ctrl+/ (Cmd+/) comments the lines out or back in.
            if e.key() == "/"
                && (e.ctrl_key() || e.meta_key())
                && !e.alt_key()
                && !readonly
                && edit_lines(&area, &d, indent::toggle_comment).is_some()
            {
                e.prevent_default();
            }
            // Enter keeps the line's indent; not while an input method composes (its Enter
            // commits the composition).
            if e.key() == "Enter"
                && !e.shift_key()
                && !e.ctrl_key()
                && !e.alt_key()
                && !e.meta_key()
                && !e.is_composing()
                && !readonly
                && newline(&area)
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
    // The graph marks the caret's stage only while the editor has the focus
    // (`io::set_editing`); an editor taken away with the focus in it fires no blur.
    let onfocus = Callback::from(|_: FocusEvent| io::set_editing(true));
    let onblur = Callback::from(|_: FocusEvent| io::set_editing(false));
    use_effect_with((), |_| || io::set_editing(false));
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
    let height = Fixed(layout.lines as f64 * LINE_H + 2.0 * PAD, 0);
    let size_style = format!(
        "height:{height}px;width:max(100%, calc({}ch + {}px))",
        layout.columns + 2,
        Fixed(2.0 * PAD, 0)
    );

    // The lines whose chunks are rendered: those in view, and those the browser is about to
    // scroll to when the caret of the last input is out of view.
    let window = {
        let caret = input_caret.borrow().map(|u| {
            index
                .line(span::textarea_byte(text, u as usize))
                .saturating_sub(1)
        });
        merged(window(*view, caret))
    };
    let gutter_html = AttrValue::from(gutter(layout.lines, &rendered.marks, &window));

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
        let (line, _) = line_col_in(&index, text, sp.start);
        let col = display_col(&index, text, sp.start);
        let cw = io::char_width(&measure);
        let style = format!(
            "top:{}px;left:{}px",
            Fixed(PAD + (line + 1) as f64 * LINE_H + 4.0, 0),
            Fixed(PAD + col as f64 * cw, 1)
        );
        Some(html! {
            <div class={classes!("hint-card", pinned.then_some("pinned"))} role="tooltip" id="hint-card" {style}>
                <strong>{ if entry.title == "HEALTHCHECK option" { m.t("ref-title-healthcheck-option") } else { entry.title.to_string() } }</strong>
                <p>{ m.t_or(&reference::message_key(&entry), entry.text) }</p>
                <a href={entry.url()} target="_blank" rel="noopener noreferrer">{ m.t("ref-docs-link") }</a>
            </div>
        })
    });

    html! {
        <div class="editor">
            // How to leave: Tab indents here, as in CodeMirror and Monaco, so Escape first.
            // Shown while the editor has the focus.
            if !props.readonly {
                <p class="editor-keys" id="editor-keys">
                    <kbd>{ "Tab" }</kbd>{ " " }{ m.t("editor-tab-indents") }{ " · " }<kbd>{ "Shift+Tab" }</kbd>{ " " }{ m.t("editor-shift-tab-outdents") }{ " · " }<kbd>{ "Esc" }</kbd>{ " " }{ m.t("editor-then") }{ " " }<kbd>{ "Tab" }</kbd>{ " " }{ m.t("editor-leaves") }
                </p>
            }
            <div class="editor-scroll" ref={scroller} {onscroll}>
                <div class="editor-inner" style={format!("min-height:{height}px")}>
                    <div class="gutter" aria-hidden="true">{ Html::from_html_unchecked(gutter_html) }</div>
                    <div class="code">
                        { band.unwrap_or_default() }
                        { flash.unwrap_or_default() }
                        <pre class="underlay" aria-hidden="true">
                            { for layout.chunks.iter().enumerate().scan(0, |line, (i, c)| {
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
                            aria-label={m.t("tab-dockerfile")} aria-describedby={if card.is_some() { "editor-keys hint-card" } else { "editor-keys" }}
                            style={size_style}
                            readonly={props.readonly}
                            {oninput} {onpaste} {onkeydown} {onkeyup} {onclick} {onselect} {onmousemove} {onmouseleave} {onfocus} {onblur} />
                        { card_html.unwrap_or_default() }
                        <span class="measure" ref={measure} aria-hidden="true">{ MEASURE }</span>
                    </div>
                </div>
            </div>
        </div>
    }
}

/// Tab (`outdent` false) or Shift+Tab in the editor, as code editors do them
/// (`page::indent`): over a selection of lines, every line is indented or outdented;
/// otherwise Tab types [`INDENT`] and Shift+Tab takes the indent off the caret's line. True
/// when the key was used (the focus stays in the editor; Escape first lets Tab leave it).
fn tab(area: &NodeRef, d: &UseReducerDispatcher<State>, outdent: bool) -> bool {
    let edit = if outdent {
        edit_lines(area, d, indent::outdent)
    } else {
        edit_lines(area, d, indent::indent)
    };
    match edit {
        None => false,
        Some(true) => true,
        // Shift+Tab with no indent to take off does nothing, as in the code editors.
        Some(false) => outdent || io::insert_text(INDENT),
    }
}

/// Applies `edit`'s change of the textarea's lines (`page::indent`), given its value and
/// selection, as one typed replacement that one Ctrl+Z takes back, and selects what it
/// says. `None` without a textarea; `Some(false)` when `edit` changes nothing.
fn edit_lines(
    area: &NodeRef,
    d: &UseReducerDispatcher<State>,
    edit: impl FnOnce(&str, usize, usize) -> Option<indent::LinesEdit>,
) -> Option<bool> {
    let (value, start, end) = value_and_selection(area)?;
    let Some(edit) = edit(&value, start, end) else {
        return Some(false);
    };
    let units = |text: &str, byte: usize| span::textarea_offset(text, byte) as u32;
    let after = indent::apply(&value, &edit);
    if io::replace_range(
        area,
        units(&value, edit.start),
        units(&value, edit.end),
        &edit.text,
    ) {
        io::set_selection(
            area,
            units(&after, edit.select.0),
            units(&after, edit.select.1),
        );
    } else {
        // A browser that cannot type the edit gets the text without an undo step.
        d.dispatch(Action::SetDockerfile(after));
    }
    Some(true)
}

/// Enter on an indented line: a line break and the line's indent, typed (`page::indent`).
/// False when the line has no indent (the browser's own Enter) or the browser cannot type.
fn newline(area: &NodeRef) -> bool {
    let Some((value, start, _)) = value_and_selection(area) else {
        return false;
    };
    indent::newline(&value, start).is_some_and(|typed| io::insert_text(&typed))
}

/// The textarea's value and its selection as byte offsets into that value.
fn value_and_selection(area: &NodeRef) -> Option<(String, usize, usize)> {
    let (value, start, end) = io::text_and_selection(area)?;
    let start = span::textarea_byte(&value, start as usize);
    let end = span::textarea_byte(&value, end as usize);
    Some((value, start, end))
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

    #[test]
    fn the_pointers_column_counts_cells_as_the_editor_draws_them() {
        // A tab reaches column 4; a Hangul syllable takes two cells.
        let t = "FROM a AS 빌드\n\t--mount=x \\\n";
        let idx = LineIndex::new(t);
        let dash = t.find("--").unwrap_or(0);
        for col in 0..4 {
            assert_eq!(
                offset_at(t, 1, col),
                Some(dash - 1),
                "column {col}: the tab"
            );
        }
        assert_eq!(offset_at(t, 1, 4), Some(dash));
        assert_eq!(offset_at(t, 1, 5), Some(dash + 1));
        assert_eq!(display_col(&idx, t, dash), 4);
        let b = t.find('빌').unwrap_or(0);
        let d = t.find('드').unwrap_or(0);
        assert_eq!(display_col(&idx, t, b), 10);
        assert_eq!(display_col(&idx, t, d), 12);
        assert_eq!(offset_at(t, 0, 10), Some(b));
        assert_eq!(offset_at(t, 0, 11), Some(b));
        assert_eq!(offset_at(t, 0, 12), Some(d));
        assert_eq!(offset_at(t, 0, 14), None);
        // A Windows line break is not a character under the pointer.
        assert_eq!(offset_at("ab\r\nc", 0, 2), None);
    }
}
