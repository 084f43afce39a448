//! The Drafts dialog: the history of drafts kept in this browser, newest first, each with
//! when and why it was kept and its first line (as text), restored in one click.

use yew::prelude::*;

use crate::page::drafts::{Entry, Reason};
use crate::ui::io;
use crate::ui::messages::{Messages, use_messages};
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
    let m = use_messages();
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
                        { m.f("draft-meta", &[
                            ("ago", ago(&m, e.at, now).as_str().into()),
                            ("reason", m.t(reason_key(e.reason)).as_str().into()),
                            ("lines", lines.into())]) }
                    </span>
                </div>
                <button type="button" class="btn btn-small draft-restore" onclick={restore}>{ m.t("draft-restore") }</button>
            </li>
        }
    };
    let entries = &props.dialog.history.entries;
    html! {
        <div class="gallery-backdrop" onclick={close.clone()}>
            <div class="gallery drafts" id="drafts-dialog" role="dialog" aria-modal="true" aria-labelledby="drafts-title" ref={dialog}
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())} {onkeydown}>
                <div class="gallery-head">
                    <h2 id="drafts-title">{ m.t("drafts-button") }</h2>
                    <button type="button" class="icon-btn" id="drafts-close" aria-label={m.t("close")} onclick={close}>{ "×" }</button>
                </div>
                <p class="muted">{ m.t("drafts-intro") }</p>
                if entries.is_empty() {
                    <p class="drafts-empty">{ m.t("drafts-empty") }</p>
                } else {
                    <ul class="draft-list">{ for entries.iter().map(row) }</ul>
                    <div class="drafts-foot">
                        <button type="button" class="btn btn-small" id="drafts-clear" onclick={clear}>{ m.t("drafts-clear") }</button>
                    </div>
                }
            </div>
        </div>
    }
}

/// The message key of why a draft was kept.
fn reason_key(r: Reason) -> &'static str {
    match r {
        Reason::Replaced => "draft-reason-replaced",
        Reason::OtherTab => "draft-reason-other-tab",
        Reason::BeforeRestore => "draft-reason-before-restore",
        Reason::BeforeExample => "draft-reason-before-example",
    }
}

/// How long ago a draft was kept, in the page's language (`drafts::ago`'s steps).
fn ago(m: &Messages, at: f64, now: f64) -> String {
    let secs = ((now - at) / 1000.0).max(0.0) as u64;
    match secs {
        0..60 => m.t("ago-now"),
        60..3600 => m.f("ago-minutes", &[("n", (secs / 60).into())]),
        3600..86_400 => m.f("ago-hours", &[("n", (secs / 3600).into())]),
        86_400..172_800 => m.t("ago-yesterday"),
        _ => m.f("ago-days", &[("n", (secs / 86_400).into())]),
    }
}
