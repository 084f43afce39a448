//! The line under a capped list ("Showing 400 of 9000 problems. Show all"), and the cap.

use yew::prelude::*;

/// Long lists (plan, problems) show their first `LIST_CAP` entries until asked for all, and
/// the step timeline a window of that many around the current step: thousands of rows
/// would hold the page for seconds after a paste (docs/budgets.md).
pub const LIST_CAP: usize = 400;

/// The line under a capped list: how much is shown and a button for the rest; nothing when
/// the whole list is shown.
pub fn show_all(shown: usize, total: usize, all: &UseStateHandle<bool>, what: &str) -> Html {
    if shown >= total {
        return html! {};
    }
    let all = all.clone();
    html! {
        <p class="list-more">
            <span class="muted">{ format!("Showing {shown} of {total} {what}. ") }</span>
            <button type="button" class="btn btn-small" onclick={Callback::from(move |_: MouseEvent| all.set(true))}>
                { format!("Show all {total}") }
            </button>
        </p>
    }
}
