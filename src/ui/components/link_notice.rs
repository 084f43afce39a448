//! The message shown for a share link that could not be opened.

use yew::prelude::*;

use crate::page::share::LinkError;

#[derive(Properties, PartialEq)]
pub struct LinkNoticeProps {
    pub error: LinkError,
    pub on_close: Callback<MouseEvent>,
}

/// The message for a share link that could not be opened. The page behind it shows the saved
/// draft (or the default example), untouched.
#[function_component(LinkNotice)]
pub fn link_notice(props: &LinkNoticeProps) -> Html {
    html! {
        <div class="link-error" role="alert" id="link-error">
            <p>
                <strong>{ "The share link could not be opened. " }</strong>
                { props.error.to_string() }
                { " Your own draft is shown instead; it was not changed." }
            </p>
            <button type="button" class="btn" onclick={props.on_close.clone()}>{ "Dismiss" }</button>
        </div>
    }
}
