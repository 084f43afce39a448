//! A read-only preview of a Dockerfile too large to edit in the page.
//!
//! A textarea lays out all of its text: in Chromium, 100 000 short lines take about 1.4 s
//! and 10 MB about 2 to 5 s, in one block that nothing in the page can split
//! (`scripts/measure-large.mjs`). Past the limits of `page::large_text` the input pane
//! shows this preview instead: the head of the file as plain text, what it is, and two ways
//! on. The analysis and every output view still use the whole file. A paste or a dropped
//! file that large never enters the textarea: the editor's paste handler and
//! `EditorPane`'s drop handler set the state, and this preview replaces the editor.

use yew::prelude::*;

use crate::analysis::files::images::human_size;
use crate::page::large_text::{exceeds_storage, line_count, preview};
use crate::page::share::Text;
use crate::ui::state::{Action, State};

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
    let measured = use_memo(text.clone(), |t| (line_count(t), exceeds_storage(t)));
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
