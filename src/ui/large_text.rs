//! A read-only preview of a Dockerfile too large to edit in the page.
//!
//! A textarea lays out all of its text: in Chromium, 100 000 short lines take about 1.4 s
//! and 10 MB about 2 to 5 s, in one block that nothing in the page can split
//! (`scripts/measure-large.mjs`). Past [`LARGE_BYTES`] or [`LARGE_LINES`] the input pane
//! shows this preview instead: the head of the file as plain text, what it is, and two ways
//! on. The analysis and every output view still use the whole file. A paste or a dropped
//! file that large never enters the textarea: the editor's paste handler and
//! [`EditorPane`]'s drop handler set the state, and this preview replaces the editor.

use yew::prelude::*;

use super::editor::{Editor, EditorProps};
use super::image_view::human_size;
use super::io;
use super::share::Text;
use super::state::{Action, State};

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
/// How much of the text the preview shows.
const PREVIEW_BYTES: usize = 64 * 1024;
const PREVIEW_LINES: usize = 500;

/// The number of lines of `text` (a final line without a line break counts).
fn line_count(text: &str) -> usize {
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

#[derive(Properties, PartialEq)]
pub struct LargeTextProps {
    pub text: Text,
    /// Asks for the editor anyway.
    pub on_edit: Callback<()>,
    pub dispatch: UseReducerDispatcher<State>,
    /// A read-only embed: no "Clear" or "Edit anyway".
    #[prop_or_default]
    pub readonly: bool,
}

#[function_component(LargeText)]
pub fn large_text(props: &LargeTextProps) -> Html {
    let text = &props.text;
    // Scans of the whole text, done again only for a new text: the parent re-renders this
    // on every hover and caret move.
    let measured = use_memo(text.clone(), |t| {
        (line_count(t), json_units(t) > STORAGE_UNITS)
    });
    let (lines, too_big_for_storage) = *measured;
    let (head, cut) = preview(text);
    let clear = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetDockerfile(String::new())))
    };
    let edit = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(()))
    };
    html! {
        <div class="large-text" role="region" aria-label="Dockerfile, read-only preview">
            <div class="note large-note" role="status">
                <p>{ format!(
                    "This Dockerfile is {} in {lines} lines: too large to edit here without \
                     freezing the page, so it is shown read-only. The graph, plan, final image \
                     and problems are analysed from the whole file.",
                    human_size(text.len() as u64)) }</p>
                if too_big_for_storage {
                    <p>{ "It is also too large for the browser's storage: it is not kept as a draft, and a reload brings back your previous one." }</p>
                }
                if !props.readonly {
                    <div class="large-actions">
                        <button type="button" class="btn btn-small" id="large-clear" onclick={clear}>{ "Clear the editor" }</button>
                        <button type="button" class="btn btn-small" id="large-edit" onclick={edit}
                            title="The page may stop responding for seconds">{ "Edit anyway" }</button>
                    </div>
                }
            </div>
            <pre class="large-preview" tabindex="0" aria-label="The start of the file"><code>{ head }</code></pre>
            if cut {
                <p class="muted list-more">{ format!("The preview shows the start of the file: {} of {}, {} of {lines} lines.",
                    human_size(head.len() as u64), human_size(text.len() as u64), line_count(head)) }</p>
            }
        </div>
    }
}

/// The Dockerfile pane, in the page and in an embed: the editor, or the read-only preview
/// of a text too large to edit (until "Edit anyway").
#[function_component(EditorPane)]
pub fn editor_pane(props: &EditorProps) -> Html {
    let edit_anyway = use_state(|| false);
    // Counting the lines of a long text on every render (a hover, a caret move) would be
    // work on the hot path: only a new text is measured.
    let large = use_memo(props.text.clone(), |t| is_large(t));
    // A Dockerfile dropped from the file manager replaces the text (the browser would
    // otherwise open the file in place of the page); dropped text is left to the textarea.
    let ondragover = Callback::from(|e: DragEvent| io::allow_file_drop(&e));
    let ondrop = {
        let (d, readonly) = (props.dispatch.clone(), props.readonly);
        Callback::from(move |e: DragEvent| {
            if readonly {
                return io::allow_file_drop(&e);
            }
            let d = d.clone();
            io::read_dropped_file(&e, MAX_DROP_BYTES as f64, move |read| match read {
                Ok(text) => d.dispatch(Action::SetDockerfile(text)),
                Err(size) => d.dispatch(Action::Toast(Some(format!(
                    "That file is {}: Stageplay reads Dockerfiles of up to {}.",
                    human_size(size as u64),
                    human_size(MAX_DROP_BYTES)
                )))),
            });
        })
    };
    let pane = if *large && !*edit_anyway {
        let on_edit = {
            let e = edit_anyway.clone();
            Callback::from(move |()| e.set(true))
        };
        html! {
            <LargeText text={props.text.clone()} readonly={props.readonly}
                dispatch={props.dispatch.clone()} {on_edit} />
        }
    } else {
        html! { <Editor ..props.clone() /> }
    };
    html! { <div class="editor-drop" {ondragover} {ondrop}>{ pane }</div> }
}

/// The largest file a drop reads: SPEC §12's largest input.
const MAX_DROP_BYTES: u64 = 10_000_000;

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
