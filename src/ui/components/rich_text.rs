//! Text with `backtick` spans shown as code, for messages and notes.

use yew::prelude::*;

/// Text with `backtick` spans shown as code (our messages and notes quote names that way).
pub fn rich_text(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    // An odd number of backticks leaves the last one literal.
    let balanced = parts.len() % 2 == 1;
    html! {
        <>
            { for parts.iter().enumerate().map(|(i, p)| {
                if i % 2 == 1 && (balanced || i + 1 < parts.len()) {
                    html! { <code>{ p.to_string() }</code> }
                } else if i % 2 == 1 {
                    html! { { format!("`{p}") } }
                } else {
                    html! { { p.to_string() } }
                }
            }) }
        </>
    }
}
