//! The notice about the saved draft: it could not be saved (the storage is full, or the text
//! is longer than it takes), or another tab saved a different text. Each offers a way back.

use yew::prelude::*;

use crate::ui::messages::use_messages;
use crate::ui::state::DraftNotice;

#[derive(Properties, PartialEq)]
pub struct DraftNoticeProps {
    pub notice: DraftNotice,
    /// The text is longer than the browser's storage takes: no space to free would help.
    #[prop_or_default]
    pub too_large: bool,
    /// Offers the editor's Dockerfile as a download.
    pub on_download: Callback<MouseEvent>,
    /// Copies the editor's Dockerfile to the clipboard.
    pub on_copy: Callback<MouseEvent>,
    /// Clears the history of drafts and tries to save again.
    pub on_clear_history: Callback<MouseEvent>,
    /// Opens the other tab's text (the editor's goes to the history).
    pub on_open_other: Callback<MouseEvent>,
    pub on_dismiss: Callback<MouseEvent>,
}

/// The notice under the header. A failed save cannot be dismissed: it goes away when a
/// later save works.
#[function_component(DraftNoticeBar)]
pub fn draft_notice_bar(props: &DraftNoticeProps) -> Html {
    let m = use_messages();
    match &props.notice {
        DraftNotice::SaveFailed => html! {
            <div class="link-error draft-notice" role="alert" id="draft-notice">
                <p>
                    <strong>{ m.t("draft-save-failed-title") }</strong>{ " " }
                    { m.t(if props.too_large { "draft-too-large" } else { "draft-save-failed" }) }
                </p>
                <div class="notice-actions">
                    <button type="button" class="btn btn-small" id="draft-notice-download" onclick={props.on_download.clone()}>{ m.t("download") }</button>
                    <button type="button" class="btn btn-small" id="draft-notice-copy" onclick={props.on_copy.clone()}>{ m.t("copy") }</button>
                    if !props.too_large {
                        <button type="button" class="btn btn-small" id="draft-notice-clear-history" onclick={props.on_clear_history.clone()}>{ m.t("draft-clear-and-retry") }</button>
                    }
                </div>
            </div>
        },
        DraftNotice::OtherTab(_) => html! {
            <div class="link-error draft-notice" role="status" id="draft-notice">
                <p>
                    <strong>{ m.t("draft-other-tab-title") }</strong>{ " " }
                    { m.t("draft-other-tab") }
                </p>
                <div class="notice-actions">
                    <button type="button" class="btn btn-small" id="draft-notice-open" onclick={props.on_open_other.clone()}>{ m.t("draft-open-other") }</button>
                    <button type="button" class="btn btn-small" id="draft-notice-dismiss" onclick={props.on_dismiss.clone()}>{ m.t("dismiss") }</button>
                </div>
            </div>
        },
    }
}
