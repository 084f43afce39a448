//! The message shown for a share link that could not be opened, and each error's wording.

use yew::prelude::*;

use crate::page::share::{LinkError, MAX_DECODED_BYTES};
use crate::ui::messages::{Messages, use_messages};

#[derive(Properties, PartialEq)]
pub struct LinkNoticeProps {
    pub error: LinkError,
    pub on_close: Callback<MouseEvent>,
}

/// The message for a share link that could not be opened. The page behind it shows the saved
/// draft (or the default example), untouched.
#[function_component(LinkNotice)]
pub fn link_notice(props: &LinkNoticeProps) -> Html {
    let m = use_messages();
    html! {
        <div class="link-error" role="alert" id="link-error">
            <p>
                <strong>{ m.t("link-error-title") }</strong>{ " " }
                { link_error_text(&m, &props.error) }{ " " }
                { m.t("link-error-draft-kept") }
            </p>
            <button type="button" class="btn" onclick={props.on_close.clone()}>{ m.t("dismiss") }</button>
        </div>
    }
}

/// What is wrong with a link, in the page's language (`LinkError`'s `Display` is the CLI's
/// English). A field's reason stays as the codec words it.
pub fn link_error_text(m: &Messages, e: &LinkError) -> String {
    match e {
        LinkError::UnknownVersion(v) => m.f("link-error-version", &[("version", v.into())]),
        LinkError::BadBase64 { position } => {
            m.f("link-error-base64", &[("position", (position + 1).into())])
        }
        LinkError::Truncated => m.t("link-error-truncated"),
        LinkError::BadDeflate => m.t("link-error-deflate"),
        LinkError::TooLarge => m.f(
            "link-error-too-large",
            &[("kib", (MAX_DECODED_BYTES / 1024).into())],
        ),
        LinkError::BadJson(detail) => m.f("link-error-json", &[("detail", detail.into())]),
        LinkError::BadField { field, reason } => m.f(
            "link-error-field",
            &[("field", (*field).into()), ("reason", reason.into())],
        ),
    }
}
