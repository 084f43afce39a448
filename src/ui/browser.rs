//! The one module that touches browser APIs (wasm only): localStorage, the theme attribute,
//! textarea selections, clipboard, element sizes and event-delegation helpers.

use wasm_bindgen::JsCast;
use yew::NodeRef;

use crate::analysis::Builder;

use super::share::{ShareState, View};
use super::state::Theme;

const DRAFT_KEY: &str = "stageplay.draft.v2";
/// The first slice saved only the Dockerfile text under this key.
const OLD_DRAFT_KEY: &str = "stageplay.draft.v1";
const THEME_KEY: &str = "stageplay.theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Draft {
    dockerfile: String,
    #[serde(default)]
    context: String,
    #[serde(default)]
    dockerignore: String,
    #[serde(default)]
    build_args: String,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    builder: String,
    #[serde(default)]
    view: String,
}

/// The saved draft, if any.
pub fn load_draft() -> Option<ShareState> {
    let s = storage()?;
    if let Some(json) = s.get_item(DRAFT_KEY).ok()?
        && let Ok(d) = serde_json::from_str::<Draft>(&json)
    {
        return Some(ShareState {
            dockerfile: d.dockerfile,
            context: d.context,
            dockerignore: d.dockerignore,
            build_args: d.build_args,
            target: d.target,
            builder: if d.builder == "legacy" {
                Builder::Legacy
            } else {
                Builder::BuildKit
            },
            view: View::parse(&d.view).unwrap_or_default(),
        });
    }
    let text = s.get_item(OLD_DRAFT_KEY).ok()??;
    Some(ShareState {
        dockerfile: text,
        ..ShareState::default()
    })
}

/// Saves the draft; a full or disabled storage is ignored (the text stays on the page).
pub fn save_draft(share: &ShareState) {
    let d = Draft {
        dockerfile: share.dockerfile.clone(),
        context: share.context.clone(),
        dockerignore: share.dockerignore.clone(),
        build_args: share.build_args.clone(),
        target: share.target.clone(),
        builder: share.builder.as_str().to_string(),
        view: share.view.as_str().to_string(),
    };
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&d)) {
        let _ = s.set_item(DRAFT_KEY, &json);
    }
}

/// The saved theme choice.
pub fn load_theme() -> Theme {
    storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .and_then(|t| Theme::parse(&t))
        .unwrap_or_default()
}

/// Applies the theme to `<html data-theme>` and remembers it.
pub fn apply_theme(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
    if let Some(s) = storage() {
        let _ = s.set_item(THEME_KEY, theme.as_str());
    }
}

/// The value of the textarea, input or select that fired `e`.
pub fn event_value(e: &web_sys::Event) -> Option<String> {
    let target = e.target()?;
    if let Some(a) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(a.value());
    }
    if let Some(i) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return Some(i.value());
    }
    target
        .dyn_ref::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
}

/// The selection start (UTF-16) of the textarea that fired `e`.
pub fn selection_start(e: &web_sys::Event) -> Option<u32> {
    let area = e
        .target()?
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .ok()?;
    area.selection_start().ok().flatten()
}

/// Selects `start..end` (UTF-16) in the textarea, without stealing the focus.
pub fn set_selection(area: &NodeRef, start: u32, end: u32) {
    if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
        let _ = a.set_selection_range(start, end);
    }
}

/// Scrolls `scroller` so that the 0-based `line` is visible, a third from the top.
pub fn scroll_to_line(scroller: &NodeRef, line: usize, line_height: f64) {
    if let Some(el) = scroller.cast::<web_sys::Element>() {
        let top = line as f64 * line_height;
        let view = el.client_height() as f64;
        let current = el.scroll_top() as f64;
        if top < current + line_height || top > current + view - 2.0 * line_height {
            el.set_scroll_top((top - view / 3.0).max(0.0) as i32);
        }
    }
}

/// Inserts text at the caret as if typed, so the textarea's undo history keeps it.
pub fn insert_text(text: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false)
}

/// The width of one character of the editor's monospace font, measured once.
pub fn char_width(measure: &NodeRef) -> f64 {
    thread_local! {
        static WIDTH: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    }
    let cached = WIDTH.with(|w| w.get());
    if cached > 0.0 {
        return cached;
    }
    let w = measure
        .cast::<web_sys::Element>()
        .map(|el| el.get_bounding_client_rect().width() / 100.0)
        .filter(|w| *w > 0.0)
        .unwrap_or(7.8);
    WIDTH.with(|c| c.set(w));
    w
}

/// The value of `attr` on the event target or its closest ancestor that has it.
pub fn closest_attr(e: &web_sys::Event, attr: &str) -> Option<String> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let found = el.closest(&format!("[{attr}]")).ok()??;
    found.get_attribute(attr)
}

/// The client size of an element.
pub fn element_size(node: &NodeRef) -> Option<(f64, f64)> {
    let el = node.cast::<web_sys::Element>()?;
    Some((el.client_width() as f64, el.client_height() as f64))
}

/// Copies text to the clipboard (best effort; the promise is not awaited).
pub fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Moves the keyboard focus to the element with this id.
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A running timer; dropping it cancels the timer.
pub type TimerHandle = Box<dyn std::any::Any>;

/// Calls `f` once after `ms` milliseconds.
pub fn after(ms: u32, f: impl FnOnce() + 'static) -> TimerHandle {
    Box::new(gloo_timers::callback::Timeout::new(ms, f))
}

/// Calls `f` every `ms` milliseconds.
pub fn every(ms: u32, f: impl FnMut() + 'static) -> TimerHandle {
    Box::new(gloo_timers::callback::Interval::new(ms, f))
}

/// The mouse position relative to the top-left corner of `node`'s border box.
pub fn pointer_in(e: &web_sys::MouseEvent, node: &NodeRef) -> Option<(f64, f64)> {
    let el = node.cast::<web_sys::Element>()?;
    let r = el.get_bounding_client_rect();
    Some((
        e.client_x() as f64 - r.left(),
        e.client_y() as f64 - r.top(),
    ))
}
