//! Native stand-ins for `browser.rs`: the same functions doing nothing, so the components
//! compile and render natively (SSR tests) without any browser API.

use yew::NodeRef;

use crate::page::drafts::{History, Reason};
use crate::page::lang::Lang;
use crate::page::share::ShareState;
use crate::page::theme::Theme;

pub fn load_draft() -> Option<ShareState> {
    None
}
/// Natively nothing is stored, and nothing fails.
pub fn save_draft(_share: &ShareState) -> bool {
    true
}
pub fn stored_draft() -> Option<(String, String)> {
    None
}
pub fn load_history() -> History {
    History::default()
}
pub fn push_history(_text: &str, _reason: Reason, _tab: &str) {}
pub fn load_lesson_progress() -> crate::page::lessons::progress::Progress {
    Default::default()
}
pub fn save_lesson_progress(_p: &crate::page::lessons::progress::Progress) {}
pub fn clear_history() {}
pub fn now_ms() -> f64 {
    0.0
}
pub fn on_draft_saved_elsewhere(_f: impl FnMut(String, String) + 'static) {}
pub fn mark(_name: &str) {}
pub fn load_theme() -> Theme {
    Theme::System
}
pub fn apply_theme(_theme: Theme) {}
pub fn load_lang() -> Option<Lang> {
    None
}
pub fn save_lang(_lang: Lang) {}
pub fn browser_lang() -> Lang {
    Lang::En
}
pub fn set_html_lang(_lang: Lang) {}
pub fn set_title(_title: &str) {}
pub fn set_lesson_part(_part: Option<&str>) {}
pub fn set_editing(_on: bool) {}
pub fn event_value(_e: &yew::Event) -> Option<String> {
    None
}
pub fn selection_start(_e: &yew::Event) -> Option<u32> {
    None
}
/// Natively there is no paste: never made.
pub struct Pasted;
impl Pasted {
    pub fn units(&self) -> usize {
        0
    }
    pub fn text(&self) -> Option<String> {
        None
    }
    pub fn read_in_slices(self, done: impl FnOnce(Option<String>) + 'static) {
        done(None)
    }
}
pub fn paste_parts(_e: &yew::Event) -> Option<(Pasted, u32, u32)> {
    None
}
pub fn allow_file_drop(_e: &yew::DragEvent) {}
pub fn read_dropped_file(
    _e: &yew::DragEvent,
    _max: f64,
    _done: impl FnOnce(Result<String, f64>) + 'static,
) -> bool {
    false
}
pub fn text_and_selection(_area: &NodeRef) -> Option<(String, u32, u32)> {
    None
}
pub fn set_selection(_area: &NodeRef, _start: u32, _end: u32) {}
pub fn scroll_to_line(_scroller: &NodeRef, _line: usize, _line_height: f64) {}
pub fn replace_range(_area: &NodeRef, _start: u32, _end: u32, _text: &str) -> bool {
    false
}
pub fn insert_text(_text: &str) -> bool {
    false
}
pub fn char_width(_measure: &NodeRef) -> f64 {
    7.8
}
pub fn closest_attr(_e: &yew::Event, _attr: &str) -> Option<String> {
    None
}
pub fn element_size(_node: &NodeRef) -> Option<(f64, f64)> {
    None
}
pub fn scroll_view(_node: &NodeRef) -> Option<(f64, f64)> {
    None
}
pub fn copy_text(_text: &str) {}
/// Natively nothing is served: the request fails.
pub fn fetch_text(_path: &str, done: impl FnOnce(Option<String>) + 'static) {
    done(None)
}
pub fn focus_id(_id: &str) {}
pub fn focus_selector(_selector: &str) {}

/// A running timer; dropping it cancels the timer.
pub type TimerHandle = Box<dyn std::any::Any>;

/// Natively there is no event loop: timers never fire.
pub fn after(_ms: u32, _f: impl FnOnce() + 'static) -> TimerHandle {
    Box::new(())
}

/// Natively, idle work runs at once (tests see its effect).
pub fn when_idle(_ms: u32, f: impl FnOnce() + 'static) {
    f()
}
pub fn soon(f: impl FnOnce() + 'static) {
    f()
}
pub fn set_text_value(_area: &NodeRef, _text: &str) {}

pub fn on_pagehide(_f: impl FnMut() + 'static) {}
pub fn on_hashchange(_f: impl FnMut() + 'static) {}

pub fn every(_ms: u32, _f: impl FnMut() + 'static) -> TimerHandle {
    Box::new(())
}

pub fn pointer_in(_e: &yew::MouseEvent, _node: &NodeRef) -> Option<(f64, f64)> {
    None
}

// Share links, embeds and exports: natively there is no URL, clipboard or download.
pub fn location_hash() -> String {
    String::new()
}
pub fn location_search() -> String {
    String::new()
}
pub fn page_address() -> String {
    String::new()
}
pub fn clear_fragment() {}
pub fn replace_fragment(_payload: &str) {}
pub fn set_address_lang(_lang: Lang) {}
pub fn copy_text_then(_text: &str, done: impl FnOnce(bool) + 'static) {
    done(false)
}
pub fn select_all(_e: &yew::FocusEvent) {}
pub fn prefers_dark() -> bool {
    false
}
pub fn set_theme_attr(_theme: Theme) {}
pub fn download_text(_name: &str, _mime: &str, _text: &str) {}
pub fn download_svg_as_png(_name: &str, _svg: &str) {}

// Modal dialogs: natively there is no focus.
pub fn focus_first_in(_node: &NodeRef) {}
pub fn trap_tab(_e: &yew::KeyboardEvent, _node: &NodeRef) {}
pub fn return_focus(_dialog: &NodeRef, _opener: &str) {}
pub struct KeyListener;
impl Drop for KeyListener {
    fn drop(&mut self) {}
}
pub fn on_escape(_f: impl FnMut() + 'static) -> KeyListener {
    KeyListener
}

pub struct ResizeListener;
impl Drop for ResizeListener {
    fn drop(&mut self) {}
}
pub fn post_height_to_parent(_node: &NodeRef) -> Option<ResizeListener> {
    None
}
pub fn on_host_theme(_f: impl FnMut(Theme) + 'static) {}
pub fn on_resize(_node: &NodeRef, _f: impl FnMut() + 'static) -> ResizeListener {
    ResizeListener
}
