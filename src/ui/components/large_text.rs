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
use crate::ui::messages::use_messages;
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
    let m = use_messages();
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
        <div class="large-text" role="region" aria-label={m.t("large-region")}>
            <div class="note large-note" role="status">
                <p>{ m.f("large-note", &[("size", human_size(text.len() as u64).as_str().into()), ("lines", lines.into())]) }</p>
                if too_big_for_storage {
                    <p>{ m.t("large-no-storage") }</p>
                }
                if !props.readonly {
                    <div class="large-actions">
                        <button type="button" class="btn btn-small" id="large-clear" onclick={clear}>{ m.t("large-clear") }</button>
                        <button type="button" class="btn btn-small" id="large-edit" onclick={edit}
                            title={m.t("large-edit-title")}>{ m.t("large-edit") }</button>
                    </div>
                }
            </div>
            <pre class="large-preview" tabindex="0" aria-label={m.t("large-preview")}><code>{ head }</code></pre>
            if cut {
                <p class="muted list-more">{ m.f("large-cut", &[
                    ("shown", human_size(head.len() as u64).as_str().into()),
                    ("size", human_size(text.len() as u64).as_str().into()),
                    ("shown_lines", line_count(head).into()),
                    ("lines", lines.into())]) }</p>
            }
        </div>
    }
}
