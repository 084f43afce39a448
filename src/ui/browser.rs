//! The one module that touches browser APIs: localStorage, events, the URL.

use wasm_bindgen::JsCast;
use yew::InputEvent;

const DRAFT_KEY: &str = "stageplay.draft.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved draft, if any.
pub fn load_draft() -> Option<String> {
    storage()?.get_item(DRAFT_KEY).ok()?
}

/// Saves the draft; a full or disabled storage is ignored (the text stays on the page).
pub fn save_draft(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(DRAFT_KEY, text);
    }
}

/// The value of the textarea that fired `e`.
pub fn input_value(e: &InputEvent) -> Option<String> {
    let target = e.target()?;
    let area = target.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?;
    Some(area.value())
}
