//! The Dockerfile editor: a plain textarea (so caret, undo, IME and paste are the
//! browser's own) over a highlighted underlay, with line numbers, diagnostic markers, the
//! cursor's stage band and explanation cards for keywords and flags.
//!
//! The textarea grows to its content and one outer element scrolls, so the underlay, the
//! gutter and the text can never drift apart.

use yew::prelude::*;

use crate::analysis::{Analysis, LineIndex, Severity, Span, span};

use super::highlight::{self, Hint};
use super::io;
use super::reference;
use super::state::{Action, AnalysisRc, Reveal, State};

/// Line height and padding of the code area, in CSS pixels (must match style.css).
pub const LINE_H: f64 = 20.0;
pub const PAD: f64 = 10.0;
const INDENT: &str = "    ";
/// 100 characters, measured once to learn the monospace character width.
const MEASURE: &str = "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM";

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: AttrValue,
    pub analysis: AnalysisRc,
    pub cursor_stage: Option<usize>,
    pub reveal: Option<Reveal>,
    pub dispatch: UseReducerDispatcher<State>,
    /// An embed with `readonly`: the text can be selected and copied, not changed.
    #[prop_or_default]
    pub readonly: bool,
}

/// Derived once per text + analysis: the underlay, the gutter and the extent.
#[derive(PartialEq)]
struct Rendered {
    underlay: AttrValue,
    gutter: AttrValue,
    lines: usize,
    columns: usize,
}

fn render(text: &str, a: &Analysis) -> Rendered {
    let lines = text.split('\n').count().max(1);
    let columns = text
        .split('\n')
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let marks = highlight::diagnostic_lines(text, a);
    // Both raw blocks have one root element: Yew inserts and removes a raw block node by
    // node, and thousands of top-level nodes made every keystroke slow.
    let mut gutter = String::with_capacity(lines * 24 + 32);
    gutter.push_str("<div class=\"lns\">");
    let mut m = marks.iter().peekable();
    for i in 0..lines {
        let mut class = "";
        while let Some((l, sev)) = m.peek() {
            if *l < i {
                m.next();
            } else {
                if *l == i {
                    class = match sev {
                        Severity::Error => " ln-err",
                        Severity::Warning => " ln-warn",
                        Severity::Info => " ln-info",
                    };
                }
                break;
            }
        }
        gutter.push_str("<div class=\"ln");
        gutter.push_str(class);
        gutter.push_str("\">");
        gutter.push_str(&(i + 1).to_string());
        gutter.push_str("</div>");
    }
    gutter.push_str("</div>");
    Rendered {
        underlay: format!(
            "<span class=\"hl\">{}</span>",
            highlight::highlight_html(text, a)
        )
        .into(),
        gutter: gutter.into(),
        lines,
        columns,
    }
}

/// 0-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let idx = LineIndex::new(text);
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

    let rendered = {
        let text = props.text.clone();
        let analysis = props.analysis.clone();
        use_memo((text, analysis), |(t, a)| render(t, a))
    };

    {
        let area = area.clone();
        let scroller = scroller.clone();
        let text = props.text.clone();
        use_effect_with(props.reveal, move |reveal| {
            if let Some(r) = reveal {
                let start = span::utf16_offset(&text, r.span.start) as u32;
                let end = span::utf16_offset(&text, r.span.end) as u32;
                io::set_selection(&area, start, end);
                let (line, _) = line_col(&text, r.span.start);
                io::scroll_to_line(&scroller, line, LINE_H);
            }
        });
    }

    let oninput = {
        let d = props.dispatch.clone();
        let card = card.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(text) = io::event_value(&e) {
                d.dispatch(Action::SetDockerfile(text));
            }
            card.set(None);
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
    let height = rendered.lines as f64 * LINE_H + 2.0 * PAD;
    let size_style = format!(
        "height:{height}px;width:max(100%, calc({}ch + {}px))",
        rendered.columns + 2,
        2.0 * PAD
    );

    // The band behind the lines of the stage the caret is in.
    let band = props
        .cursor_stage
        .and_then(|s| props.analysis.stages.get(s))
        .map(|s| {
            let (l0, _) = line_col(text, s.span.start);
            let (l1, _) = line_col(text, s.span.end.saturating_sub(1).max(s.span.start));
            html! { <div class="stage-band" aria-hidden="true"
                style={format!("top:{}px;height:{}px", PAD + l0 as f64 * LINE_H, (l1 - l0 + 1) as f64 * LINE_H)} /> }
        });
    let flash = props.reveal.map(|r| {
        let (l0, _) = line_col(text, r.span.start);
        let (l1, _) = line_col(text, r.span.end.max(r.span.start));
        html! { <div key={r.serial.to_string()} class="reveal-band" aria-hidden="true"
            style={format!("top:{}px;height:{}px", PAD + l0 as f64 * LINE_H, (l1 - l0 + 1) as f64 * LINE_H)} /> }
    });
    let card_html = card.as_ref().and_then(|(hint, sp, pinned)| {
        let entry = reference::for_hint(hint)?;
        let (line, col) = line_col(text, sp.start);
        let cw = io::char_width(&measure);
        let style = format!(
            "top:{}px;left:{}px",
            PAD + (line + 1) as f64 * LINE_H + 4.0,
            PAD + col as f64 * cw
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
            <div class="editor-scroll" ref={scroller}>
                <div class="editor-inner" style={format!("min-height:{height}px")}>
                    <div class="gutter" aria-hidden="true">{ Html::from_html_unchecked(rendered.gutter.clone()) }</div>
                    <div class="code">
                        { band.unwrap_or_default() }
                        { flash.unwrap_or_default() }
                        <pre class="underlay" aria-hidden="true">{ Html::from_html_unchecked(rendered.underlay.clone()) }</pre>
                        <textarea id="dockerfile" ref={area} class="code-input" wrap="off"
                            spellcheck="false" autocomplete="off" autocapitalize="off"
                            aria-label="Dockerfile" aria-describedby={card.is_some().then_some("hint-card")}
                            style={size_style}
                            value={text.clone()} readonly={props.readonly}
                            {oninput} {onkeydown} {onkeyup} {onclick} {onselect} {onmousemove} {onmouseleave} />
                        { card_html.unwrap_or_default() }
                        <span class="measure" ref={measure} aria-hidden="true">{ MEASURE }</span>
                    </div>
                </div>
            </div>
        </div>
    }
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
}
