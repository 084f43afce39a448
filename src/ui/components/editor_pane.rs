//! The Dockerfile pane, in the page and in an embed: the editor, or the read-only preview of
//! a text too large to edit, and the drop of a Dockerfile from the file manager.

use yew::prelude::*;

use crate::analysis::files::images::human_size;
use crate::page::large_text::is_large;
use crate::ui::io;
use crate::ui::messages::use_messages;
use crate::ui::state::Action;

use super::editor::{Editor, EditorProps};
use super::large_text::LargeText;

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
    let m = use_messages();
    let ondrop = {
        let (d, readonly, m) = (props.dispatch.clone(), props.readonly, m.clone());
        Callback::from(move |e: DragEvent| {
            if readonly {
                return io::allow_file_drop(&e);
            }
            let (d, m) = (d.clone(), m.clone());
            io::read_dropped_file(&e, MAX_DROP_BYTES as f64, move |read| match read {
                Ok(text) => d.dispatch(Action::SetDockerfile(text)),
                Err(size) => d.dispatch(Action::Toast(Some(m.f(
                    "drop-too-large",
                    &[
                        ("size", human_size(size as u64).as_str().into()),
                        ("max", human_size(MAX_DROP_BYTES).as_str().into()),
                    ],
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

/// The largest file a drop reads: the largest input the page takes (docs/reliability.md).
const MAX_DROP_BYTES: u64 = 10_000_000;
