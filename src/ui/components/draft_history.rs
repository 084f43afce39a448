//! The Drafts dialog: the history of drafts kept in this browser, newest first, each with
//! when and why it was kept and its first line (as text), restored in one click.

use yew::prelude::*;

use crate::page::drafts::{Entry, ago};
use crate::ui::io;
use crate::ui::state::{Action, DraftsDialog, State};

use super::modal::use_modal;

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct DraftHistoryProps {
    pub dialog: DraftsDialog,
    pub dispatch: Dispatch,
}

/// The dialog; Escape, the close button or a click outside closes it and gives the focus
/// back to the Drafts button. Restoring a text keeps the editor's current one in the
/// history first, so a restore is undone by restoring that.
#[function_component(DraftHistory)]
pub fn draft_history(props: &DraftHistoryProps) -> Html {
    let close = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::CloseDrafts);
            io::focus_id("drafts-button");
        })
    };
    // Focus in, Tab kept inside, Escape from anywhere, focus back to the Drafts button.
    let (dialog, onkeydown) = {
        let d = props.dispatch.clone();
        use_modal(
            "drafts-button",
            Callback::from(move |()| d.dispatch(Action::CloseDrafts)),
        )
    };
    let clear = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            io::clear_history();
            d.dispatch(Action::OpenDrafts(Default::default(), io::now_ms()));
        })
    };
    let now = props.dialog.now;
    let row = |e: &Entry| {
        let restore = {
            let (d, text) = (props.dispatch.clone(), e.text.clone());
            Callback::from(move |_: MouseEvent| {
                d.dispatch(Action::RestoreDraft(text.clone()));
                io::focus_id("dockerfile");
            })
        };
        let lines = e.lines();
        html! {
            <li class="draft-entry">
                <div class="draft-text">
                    <code class="draft-first-line">{ e.title() }</code>
                    <span class="draft-meta muted">
                        { format!("{} · {} · {lines} line{}", ago(e.at, now), e.reason.label(),
                            if lines == 1 { "" } else { "s" }) }
                    </span>
                </div>
                <button type="button" class="btn btn-small draft-restore" onclick={restore}>{ "Restore" }</button>
            </li>
        }
    };
    let entries = &props.dialog.history.entries;
    html! {
        <div class="gallery-backdrop" onclick={close.clone()}>
            <div class="gallery drafts" id="drafts-dialog" role="dialog" aria-modal="true" aria-labelledby="drafts-title" ref={dialog}
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())} {onkeydown}>
                <div class="gallery-head">
                    <h2 id="drafts-title">{ "Drafts" }</h2>
                    <button type="button" class="icon-btn" id="drafts-close" aria-label="Close" onclick={close}>{ "×" }</button>
                </div>
                <p class="muted">{ "Texts this browser kept before they were replaced: by a share link's edited text, another tab, an example or a restore. Restoring one keeps the editor's text here first." }</p>
                if entries.is_empty() {
                    <p class="drafts-empty">{ "No earlier drafts yet." }</p>
                } else {
                    <ul class="draft-list">{ for entries.iter().map(row) }</ul>
                    <div class="drafts-foot">
                        <button type="button" class="btn btn-small" id="drafts-clear" onclick={clear}>{ "Clear history" }</button>
                    </div>
                }
            </div>
        </div>
    }
}
