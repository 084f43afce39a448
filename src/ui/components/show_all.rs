//! The line under a capped list ("Showing 400 of 9000 problems. Show all"), and the cap.

use yew::prelude::*;

use crate::ui::messages::Messages;

/// Long lists (plan, problems) show their first `LIST_CAP` entries until asked for all, and
/// the step timeline a window of that many around the current step: thousands of rows
/// would hold the page for seconds after a paste (docs/budgets.md).
pub const LIST_CAP: usize = 400;

/// The line under a capped list: how much is shown and a button for the rest; nothing when
/// the whole list is shown.
/// `what` is the message key of the listed things (`list-problems`).
pub fn show_all(
    m: &Messages,
    shown: usize,
    total: usize,
    all: &UseStateHandle<bool>,
    what: &str,
) -> Html {
    if shown >= total {
        return html! {};
    }
    let all = all.clone();
    html! {
        <p class="list-more">
            <span class="muted">{ m.f("list-showing", &[("shown", shown.into()), ("total", total.into()), ("what", m.t(what).as_str().into())]) }{ " " }</span>
            <button type="button" class="btn btn-small" onclick={Callback::from(move |_: MouseEvent| all.set(true))}>
                { m.f("list-show-all", &[("total", total.into())]) }
            </button>
        </p>
    }
}
