//! The one module that touches browser APIs (wasm only): localStorage, the theme attribute,
//! textarea selections, clipboard, element sizes and event-delegation helpers.

use wasm_bindgen::JsCast;
use yew::NodeRef;

use crate::analysis::Builder;
use crate::page::drafts::{Entry, History, Reason};
use crate::page::lang::Lang;
use crate::page::share::{ShareState, View};
use crate::page::theme::Theme;

const DRAFT_KEY: &str = "stageplay.draft.v2";
/// The first slice saved only the Dockerfile text under this key.
const OLD_DRAFT_KEY: &str = "stageplay.draft.v1";
const THEME_KEY: &str = "stageplay.theme";
/// The language the reader chose with the switch (never set by the browser's preference).
const LANG_KEY: &str = "stageplay.lang";
/// The history of drafts (`page/drafts.rs`), as JSON.
const HISTORY_KEY: &str = "stageplay.history.v1";
/// The lessons' progress (`page/lessons/progress.rs`), as text.
const LESSONS_KEY: &str = "stageplay.lessons.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Draft {
    dockerfile: crate::page::share::Text,
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
    /// The lesson step shown (`id/N`), so a reload reopens it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lesson: Option<String>,
    /// The tab that wrote it ([`tab_id`]), so other tabs can tell one writer from another.
    #[serde(default)]
    tab: String,
}

/// This tab's id: random, made once per page load.
fn tab_id() -> String {
    thread_local! {
        static ID: String = format!("{:x}", (js_sys::Math::random() * 1e12) as u64);
    }
    ID.with(Clone::clone)
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
            lesson: d
                .lesson
                .as_deref()
                .and_then(|l| crate::page::share::LessonStep::from_wire(l).ok()),
            lang: None,
        });
    }
    let text = s.get_item(OLD_DRAFT_KEY).ok()??;
    Some(ShareState {
        dockerfile: text.into(),
        ..ShareState::default()
    })
}

/// Saves the draft and says whether the browser stored it: false when its storage is full
/// (a quota error) or disabled, so the page can say so instead of dropping the edit.
pub fn save_draft(share: &ShareState) -> bool {
    // Refused by the browser's storage anyway: not written out as JSON first (about
    // 50 ms of this thread for a 10 MB text).
    if crate::page::large_text::exceeds_storage(&share.dockerfile) {
        return false;
    }
    let d = Draft {
        dockerfile: share.dockerfile.clone(),
        context: share.context.clone(),
        dockerignore: share.dockerignore.clone(),
        build_args: share.build_args.clone(),
        target: share.target.clone(),
        builder: share.builder.as_str().to_string(),
        view: share.view.as_str().to_string(),
        lesson: share.lesson.as_ref().map(|l| l.to_wire()),
        tab: tab_id(),
    };
    match (storage(), serde_json::to_string(&d)) {
        (Some(s), Ok(json)) => s.set_item(DRAFT_KEY, &json).is_ok(),
        _ => false,
    }
}

/// The Dockerfile text of the stored draft as it is now (another tab may have written it),
/// and the id of the tab that wrote it.
pub fn stored_draft() -> Option<(String, String)> {
    let s = storage()?;
    match s.get_item(DRAFT_KEY).ok()? {
        Some(json) => draft_text(&json),
        None => Some((s.get_item(OLD_DRAFT_KEY).ok()??, String::new())),
    }
}

/// The Dockerfile text of a stored draft's JSON, and its writer's tab id.
fn draft_text(json: &str) -> Option<(String, String)> {
    serde_json::from_str::<Draft>(json)
        .ok()
        .map(|d| (d.dockerfile.to_string(), d.tab))
}

/// The lessons' stored progress (none when it cannot be read).
pub fn load_lesson_progress() -> crate::page::lessons::progress::Progress {
    storage()
        .and_then(|s| s.get_item(LESSONS_KEY).ok().flatten())
        .map(|json| crate::page::lessons::progress::Progress::from_text(&json))
        .unwrap_or_default()
}

/// Stores the lessons' progress; a full or disabled storage loses it quietly (the lesson
/// itself goes on, and the step shown is kept with the draft).
pub fn save_lesson_progress(p: &crate::page::lessons::progress::Progress) {
    if let Some(s) = storage() {
        let _ = s.set_item(LESSONS_KEY, &p.to_text());
    }
}

/// The stored history of drafts (empty when there is none or it cannot be read).
pub fn load_history() -> History {
    storage()
        .and_then(|s| s.get_item(HISTORY_KEY).ok().flatten())
        .map(|json| History::from_json(&json))
        .unwrap_or_default()
}

/// Keeps `text` in the stored history. When the storage is full, the oldest entries are
/// dropped until the rest fits (a bounded loop: at most one try per entry).
pub fn push_history(text: &str, reason: Reason, tab: &str) {
    let Some(s) = storage() else { return };
    let mut history = load_history();
    let entry = Entry {
        text: text.to_string(),
        at: js_sys::Date::now(),
        reason,
        tab: tab.to_string(),
    };
    if !history.push(entry) {
        return;
    }
    while s.set_item(HISTORY_KEY, &history.to_json()).is_err() {
        // When not even the new entry fits alone, the stored history is left as it was.
        if history.entries.len() <= 1 {
            return;
        }
        history.drop_oldest();
    }
}

/// Forgets the history of drafts (to make room for the draft itself).
pub fn clear_history() {
    if let Some(s) = storage() {
        let _ = s.remove_item(HISTORY_KEY);
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Calls `f` with the Dockerfile text and the writer's tab id whenever another tab of this page saves its draft (the
/// `storage` event, which the browser fires in every other tab of the origin), for as long
/// as the page lives.
pub fn on_draft_saved_elsewhere(mut f: impl FnMut(String, String) + 'static) {
    let Some(w) = web_sys::window() else { return };
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(
        move |e: wasm_bindgen::JsValue| {
            let field = |name: &str| {
                js_sys::Reflect::get(&e, &name.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            if field("key").as_deref() == Some(DRAFT_KEY)
                && let Some((text, tab)) = field("newValue").and_then(|json| draft_text(&json))
            {
                f(text, tab);
            }
        },
    );
    let _ = w.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    listener.forget();
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
    if let Some(root) = root() {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
    if let Some(s) = storage() {
        let _ = s.set_item(THEME_KEY, theme.as_str());
    }
}

/// Writes `text` into the textarea `area`.
pub fn set_text_value(area: &NodeRef, text: &str) {
    if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
        a.set_value(text);
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

/// The plain text a paste event carries, and the selection (UTF-16) of the textarea it
/// is pasted into.
pub fn paste_parts(e: &web_sys::Event) -> Option<(Pasted, u32, u32)> {
    let data = e.dyn_ref::<web_sys::ClipboardEvent>()?.clipboard_data()?;
    let data: &Transfer = data.unchecked_ref();
    let pasted = data
        .get_data("text/plain")
        .ok()?
        .dyn_into::<js_sys::JsString>()
        .ok()?;
    let pasted = Pasted(pasted);
    let area = e
        .target()?
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .ok()?;
    let start = area.selection_start().ok().flatten()?;
    let end = area.selection_end().ok().flatten()?;
    Some((pasted, start, end))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A `DataTransfer` whose `getData` leaves a JS string (web-sys converts it at once).
    type Transfer;
    #[wasm_bindgen(method, catch, js_name = getData)]
    fn get_data(
        this: &Transfer,
        format: &str,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;

    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &wasm_bindgen::JsValue) -> js_sys::Uint8Array;
}

/// The text of a paste, still in the browser's hands.
pub struct Pasted(js_sys::JsString);

/// Read a slice at a time, UTF-16 code units: about 4 ms of encoding each.
const PASTE_SLICE: u32 = 1 << 20;

impl Pasted {
    /// Its length in UTF-16 code units: no more than its UTF-8 bytes.
    pub fn units(&self) -> usize {
        self.0.length() as usize
    }

    /// Its text, read now.
    pub fn text(&self) -> Option<String> {
        js_text(&self.0)
    }

    /// Its text read a slice per task (a 10 MB paste was one 60-90 ms task to read), then
    /// handed to `done`; a slice never ends between the two halves of a surrogate pair.
    pub fn read_in_slices(self, done: impl FnOnce(Option<String>) + 'static) {
        fn next(
            js: js_sys::JsString,
            at: u32,
            mut out: String,
            done: Box<dyn FnOnce(Option<String>)>,
        ) {
            let len = js.length();
            let mut end = at.saturating_add(PASTE_SLICE).min(len);
            // A high surrogate (U+D800 to U+DBFF) is the first half of a pair.
            if end < len && (55296.0..56320.0).contains(&js.char_code_at(end - 1)) {
                end -= 1;
            }
            match js_text(&js.slice(at, end)) {
                Some(part) => out.push_str(&part),
                None => return done(None),
            }
            if end >= len {
                return done(Some(out));
            }
            soon(move || next(js, end, out, done));
        }
        let out = String::with_capacity(self.units());
        next(self.0, 0, out, Box::new(done));
    }
}

/// A JS string as a Rust one, through the browser's own UTF-8 encoder and one copy: the
/// glue's string passing walks the string in a JS loop, about 80 ms for a 10 MB paste.
fn js_text(text: &wasm_bindgen::JsValue) -> Option<String> {
    if !text.is_string() {
        return None;
    }
    let bytes = TextEncoder::new().encode(text);
    let mut buf = vec![0; bytes.length() as usize];
    bytes.copy_to(&mut buf);
    String::from_utf8(buf).ok()
}

/// A file dragged over the page: allows it to be dropped (the default would open it in
/// the tab). Text dragged over is left to the browser.
pub fn allow_file_drop(e: &web_sys::DragEvent) {
    if let Some(data) = e.data_transfer()
        && data.types().includes(&"Files".into(), 0)
    {
        e.prevent_default();
    }
}

/// Reads the first file dropped in `e` as text and calls `done` with it, or with `Err` and
/// the file's size when it is larger than `max` bytes. Returns whether a file was dropped
/// (then the browser's own handling is cancelled); text drops are left to the browser.
pub fn read_dropped_file(
    e: &web_sys::DragEvent,
    max: f64,
    done: impl FnOnce(Result<String, f64>) + 'static,
) -> bool {
    use wasm_bindgen::closure::Closure;
    let Some(file) = e
        .data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
    else {
        return false;
    };
    e.prevent_default();
    if file.size() > max {
        done(Err(file.size()));
        return true;
    }
    let read = Closure::once(move |text: wasm_bindgen::JsValue| {
        if let Some(text) = js_text(&text) {
            done(Ok(text));
        }
    });
    let _ = file.text().then(&read);
    // The promise owns the callback from here on.
    read.forget();
    true
}

/// The textarea's value and its selection, `start..end` in UTF-16 units.
pub fn text_and_selection(area: &NodeRef) -> Option<(String, u32, u32)> {
    let a = area.cast::<web_sys::HtmlTextAreaElement>()?;
    let start = a.selection_start().ok()??;
    let end = a.selection_end().ok()??;
    Some((a.value(), start, end))
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

/// The scroll offset and the visible height of a scrolling element, in CSS pixels.
pub fn scroll_view(node: &NodeRef) -> Option<(f64, f64)> {
    let el = node.cast::<web_sys::Element>()?;
    Some((el.scroll_top() as f64, el.client_height() as f64))
}

/// Replaces `start..end` (UTF-16) of the textarea with `text` as if typed, so that one undo
/// takes it back; false when the browser cannot.
pub fn replace_range(area: &NodeRef, start: u32, end: u32, text: &str) -> bool {
    let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    let _ = a.focus();
    let _ = a.set_selection_range(start, end);
    insert_text(text)
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

/// Moves the keyboard focus to the first element matching `selector`, if any: the graph
/// re-creates a stage's markup when its state changes, and a keyboard user must stay on it.
pub fn focus_selector(selector: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    {
        // An SVG element has `focus()` too; the binding calls it by name.
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// A running timer; dropping it cancels the timer.
pub type TimerHandle = Box<dyn std::any::Any>;

/// Leaves a User Timing mark named `name` (the latest only), so `scripts/measure*.mjs` can
/// see when the page showed something.
pub fn mark(name: &str) {
    with_performance(|perf| {
        perf.clear_marks_with_mark_name(name);
        let _ = perf.mark(name);
    });
}

/// `f` of the page's `performance` object, if it has one.
fn with_performance<R>(f: impl FnOnce(&web_sys::Performance) -> R) -> Option<R> {
    thread_local! {
        // Looked up once: `window.performance` makes a new JS handle on every call, which
        // cost more than the decoding between two looks at the clock.
        static PERFORMANCE: Option<web_sys::Performance> =
            web_sys::window().and_then(|w| w.performance());
    }
    PERFORMANCE.with(|p| p.as_ref().map(f))
}

/// Runs `f` between two User Timing marks and leaves one `measure` named `name` (the
/// latest run only), so `scripts/measure.mjs` can read how long the page took to decode
/// the worker's analysis.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    with_performance(|perf| {
        perf.clear_marks_with_mark_name(&start);
        perf.clear_marks_with_mark_name(&end);
        let _ = perf.mark(&start);
    });
    let out = f();
    with_performance(|perf| {
        let _ = perf.mark(&end);
        perf.clear_measures_with_measure_name(name);
        let _ = perf.measure_with_start_mark_and_end_mark(name, &start, &end);
    });
    out
}

/// The page's clock (`performance.now()`), in milliseconds.
pub fn perf_now() -> f64 {
    with_performance(|p| p.now()).unwrap_or(0.0)
}

/// Leaves one `measure` named `name` (the latest only) that began at `start` (`perf_now`)
/// and lasted `duration` milliseconds: the time the page spent on something it did over
/// several tasks, without the time between them.
pub fn record_measure(name: &str, start: f64, duration: f64) {
    with_performance(|perf| {
        perf.clear_measures_with_measure_name(name);
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
        let _ = js_sys::Reflect::set(&options, &"duration".into(), &duration.into());
        if let Ok(measure) = js_sys::Reflect::get(perf, &"measure".into()) {
            let _ =
                measure
                    .unchecked_into::<js_sys::Function>()
                    .call2(perf, &name.into(), &options);
        }
    });
}

/// Calls `f` once after `ms` milliseconds.
pub fn after(ms: u32, f: impl FnOnce() + 'static) -> TimerHandle {
    Box::new(gloo_timers::callback::Timeout::new(ms, f))
}

/// Calls `f` once in a task of its own, as soon as the browser gets to it.
pub fn soon(f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else {
        return f();
    };
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = w.set_timeout_with_callback(f.unchecked_ref());
}

/// Calls `f` once when the browser is next idle (after the coming frame), or after `ms`
/// milliseconds at the latest.
pub fn when_idle(ms: u32, f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else {
        return f();
    };
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let opts = web_sys::IdleRequestOptions::new();
    opts.set_timeout(ms);
    if w.request_idle_callback_with_options(f.unchecked_ref(), &opts)
        .is_err()
    {
        let _ = w.set_timeout_with_callback(f.unchecked_ref());
    }
}

/// Calls `f` whenever the page is hidden or left (`pagehide`: a reload, a navigation, a
/// closed tab), for as long as the page lives. Storage writes made there are kept.
pub fn on_pagehide(f: impl FnMut() + 'static) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let f = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
    let _ = w.add_event_listener_with_callback("pagehide", f.as_ref().unchecked_ref());
    f.forget();
}

/// Calls `f` whenever the address's fragment changes without a reload (`hashchange`: a share
/// link pasted into the address bar of an open page, or set by a script), for as long as
/// the page lives. The page's own `replaceState` rewrites of the fragment do not fire it.
pub fn on_hashchange(f: impl FnMut() + 'static) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let f = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
    let _ = w.add_event_listener_with_callback("hashchange", f.as_ref().unchecked_ref());
    f.forget();
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

// ---- Share links, embeds and exports (components/share_buttons.rs) ---------------------

/// The URL fragment, with its `#` (empty when there is none).
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The URL query, with its `?` (empty when there is none).
pub fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page's own address without query or fragment, the base of share links. Cut from
/// `location.href`, not built from `location.origin`, which is "null" in an embed sandboxed
/// without allow-same-origin (embed.js `data-isolate`).
pub fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    crate::page::embed::page_address(&href).to_string()
}

/// Removes the fragment from the address bar without reloading or adding a history entry,
/// so a reload shows the (edited) draft instead of the link's original state.
pub fn clear_fragment() {
    replace_address(|path, search, _| Some(format!("{path}{search}")));
}

/// Replaces the address with the one `make` builds from the current one's path, search
/// and fragment (none: left as it is), without reloading or adding a history entry.
fn replace_address(make: impl FnOnce(&str, &str, &str) -> Option<String>) {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let Some(url) = make(
        &loc.pathname().unwrap_or_default(),
        &loc.search().unwrap_or_default(),
        &loc.hash().unwrap_or_default(),
    ) else {
        return;
    };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Makes the address's `?lang=`, if it has one, name `lang`, without reloading or adding a
/// history entry: a reload then keeps the language the reader picked.
pub fn set_address_lang(lang: crate::page::lang::Lang) {
    replace_address(|path, search, hash| {
        let search = crate::page::lang::search_with_lang(search, lang)?;
        Some(format!("{path}{search}{hash}"))
    });
}

/// Replaces the fragment in the address bar without reloading or adding a history entry:
/// a share link's view or target, changed without editing its text, lives there rather
/// than in the saved draft.
pub fn replace_fragment(payload: &str) {
    replace_address(|path, search, _| Some(format!("{path}{search}#{payload}")));
}

/// Copies text to the clipboard and reports whether it worked (false when the clipboard API
/// is missing or refuses, e.g. without permission).
pub fn copy_text_then(text: &str, done: impl FnOnce(bool) + 'static) {
    use wasm_bindgen::closure::Closure;
    let Some(w) = web_sys::window() else {
        done(false);
        return;
    };
    let promise = w.navigator().clipboard().write_text(text);
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let (d1, d2) = (done.clone(), done);
    let ok = Closure::once(move |_: wasm_bindgen::JsValue| {
        if let Some(f) = d1.take() {
            f(true)
        }
    });
    let err = Closure::once(move |_: wasm_bindgen::JsValue| {
        if let Some(f) = d2.take() {
            f(false)
        }
    });
    let _ = promise.then2(&ok, &err);
    // The promise owns the callbacks from here on.
    ok.forget();
    err.forget();
}

/// Selects the whole text of the focused input or textarea, ready to copy.
pub fn select_all(e: &web_sys::FocusEvent) {
    let Some(t) = e.target() else { return };
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        i.select();
    } else if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        a.select();
    }
}

/// The language the reader chose with the switch, if any.
pub fn load_lang() -> Option<Lang> {
    storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|t| Lang::parse(&t))
}

/// Remembers the reader's choice of language.
pub fn save_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
}

/// The browser's preferred language the page speaks (`navigator.languages`, in order).
pub fn browser_lang() -> Lang {
    let tags: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    Lang::preferred(tags.iter().map(String::as_str))
}

/// The page's `<html>` element, on which the stylesheet reads the page-wide states.
fn root() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
}

/// Marks `<html data-editing>` while the Dockerfile editor has the focus: the graph outlines
/// the stage the caret is in only then (style.css). Set on focus and blur rather than read
/// by a `:has(#dockerfile:focus)` rule, which Blink evaluates again whenever the textarea's
/// text changes: that restyled every box of the graph at each key (71 `rect`s, about 1 ms a
/// key on moby's file, docs/performance.md#keystroke-latency).
pub fn set_editing(on: bool) {
    if let Some(root) = root() {
        let _ = if on {
            root.set_attribute("data-editing", "")
        } else {
            root.remove_attribute("data-editing")
        };
    }
}

/// Sets `<html lang>` to the language the page's text is in.
pub fn set_html_lang(lang: Lang) {
    if let Some(root) = root() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Names on `<html data-lesson-part>` the part of the page a lesson step talks about (the
/// stylesheet outlines it from there), or removes the name.
pub fn set_lesson_part(part: Option<&str>) {
    if let Some(root) = root() {
        let _ = match part {
            Some(part) => root.set_attribute("data-lesson-part", part),
            None => root.remove_attribute("data-lesson-part"),
        };
    }
}

/// Sets the document's title (the tab's name) in the page's language.
pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Whether the system asks for a dark theme.
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Sets `<html data-theme>` without remembering it: an embed follows its own `theme=`
/// without changing the reader's saved choice.
pub fn set_theme_attr(theme: Theme) {
    if let Some(root) = root() {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}

fn blob_of(parts: &wasm_bindgen::JsValue, mime: &str) -> Option<web_sys::Blob> {
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(parts, &bag).ok()
}

fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a")
        && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Offers `text` as a file download.
pub fn download_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    if let Some(blob) = blob_of(&parts, mime) {
        download_blob(name, &blob);
    }
}

/// Draws a standalone SVG onto a canvas at twice its size and offers the PNG as a download.
pub fn download_svg_as_png(name: &str, svg: &str) {
    use wasm_bindgen::closure::Closure;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let Some(blob) = blob_of(&parts, "image/svg+xml") else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let name = name.to_string();
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let (w, h) = (img2.natural_width().max(1), img2.natural_height().max(1));
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(canvas) = doc
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        // Twice the size keeps text sharp on high-density screens and in documents.
        canvas.set_width(w * 2);
        canvas.set_height(h * 2);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx.scale(2.0, 2.0);
        let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
        let save = Closure::once(move |blob: Option<web_sys::Blob>| {
            if let Some(blob) = blob {
                download_blob(&name, &blob);
            }
        });
        let _ = canvas.to_blob(save.as_ref().unchecked_ref());
        save.forget();
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    img.set_src(&url);
}

// ---- An embed inside a docs page (components/embed_layout.rs, static/embed.js) -----------

/// The window that frames this page, if it is framed (an embed on a docs page).
fn parent_window() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    // At the top level, `window.parent` is the window itself.
    (parent != w).then_some(parent)
}

/// When the page is framed, posts `{stageplay: "height", height}` (the height of `node` in CSS
/// pixels, rounded up) to the framing page now and on every change of that height, so
/// embed.js can size the iframe to its content. The target origin is `*`: the docs page's
/// origin is not known here, and a height tells nothing about the reader. `None` at the top
/// level.
pub fn post_height_to_parent(node: &NodeRef) -> Option<ResizeListener> {
    let parent = parent_window()?;
    let measured = node.clone();
    let mut last = -1.0;
    Some(on_resize(node, move || {
        let Some(el) = measured.cast::<web_sys::Element>() else {
            return;
        };
        let height = el.get_bounding_client_rect().height().ceil();
        if height == last {
            return;
        }
        last = height;
        let msg = js_sys::Object::new();
        let key = crate::page::embed::MESSAGE_KEY;
        let _ = js_sys::Reflect::set(&msg, &key.into(), &"height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        let _ = parent.post_message(&msg, "*");
    }))
}

/// Calls `f` with the theme of each `{stageplay: "theme", theme}` message the framing page
/// sends (embed.js following the docs site's dark mode), for as long as the page lives.
/// Messages from any other window, without the key, or naming no theme are ignored; any
/// docs page may frame an embed, and a theme is all such a message can change.
pub fn on_host_theme(mut f: impl FnMut(Theme) + 'static) {
    let (Some(w), Some(parent)) = (web_sys::window(), parent_window()) else {
        return;
    };
    let parent: wasm_bindgen::JsValue = parent.into();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            let from_parent = e
                .source()
                .is_some_and(|s| wasm_bindgen::JsValue::from(s) == parent);
            let data = e.data();
            let field = |name: &str| {
                js_sys::Reflect::get(&data, &name.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            if !from_parent
                || !data.is_object()
                || field(crate::page::embed::MESSAGE_KEY).as_deref() != Some("theme")
            {
                return;
            }
            if let Some(t) = field("theme").and_then(|t| crate::page::embed::host_theme(&t)) {
                f(t);
            }
        },
    );
    let _ = w.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    listener.forget();
}

// ---- Modal dialogs (components/modal.rs) ----------------------------------------------

/// What can take the keyboard focus inside a dialog, in the order Tab visits it.
const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

fn focusables(node: &NodeRef) -> Vec<web_sys::HtmlElement> {
    let Some(el) = node.cast::<web_sys::Element>() else {
        return Vec::new();
    };
    let Ok(list) = el.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Moves the focus to the first element that can take it inside `node`.
pub fn focus_first_in(node: &NodeRef) {
    if let Some(first) = focusables(node).first() {
        let _ = first.focus();
    }
}

/// Keeps Tab and Shift+Tab inside `node`: from the last element Tab goes to the first, from
/// the first Shift+Tab goes to the last (the WAI-ARIA modal dialog pattern).
pub fn trap_tab(e: &web_sys::KeyboardEvent, node: &NodeRef) {
    if e.key() != "Tab" {
        return;
    }
    let all = focusables(node);
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        e.prevent_default();
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let inside = active
        .as_ref()
        .is_some_and(|a| all.iter().any(|x| **x == *a));
    let at = |x: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| **x == *a);
    if e.shift_key() && (at(first) || !inside) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && (at(last) || !inside) {
        e.prevent_default();
        let _ = first.focus();
    }
}

/// Gives the focus back to the element with id `opener` when a dialog closes, unless the
/// action that closed it moved the focus elsewhere on purpose (a restored draft focuses the
/// editor): only a focus left on the page's body or inside the dialog is moved.
pub fn return_focus(dialog: &NodeRef, opener: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let active = doc.active_element();
    let lost = match (&active, doc.body()) {
        (None, _) => true,
        (Some(a), Some(body)) if *a == *body.unchecked_ref::<web_sys::Element>() => true,
        (Some(a), _) => dialog
            .cast::<web_sys::Element>()
            .is_some_and(|d| d.contains(Some(a.unchecked_ref()))),
    };
    if lost {
        focus_id(opener);
    }
}

/// A document-wide key listener, removed when dropped.
pub struct KeyListener {
    f: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::KeyboardEvent)>,
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            let _ =
                d.remove_event_listener_with_callback("keydown", self.f.as_ref().unchecked_ref());
        }
    }
}

/// Calls `f` on Escape wherever the focus is, until the returned listener is dropped: a
/// dialog closes on Escape even when a click on its backdrop left the focus outside it.
pub fn on_escape(mut f: impl FnMut() + 'static) -> KeyListener {
    let f = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(
        move |e: web_sys::KeyboardEvent| {
            if e.key() == "Escape" {
                f();
            }
        },
    );
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let _ = d.add_event_listener_with_callback("keydown", f.as_ref().unchecked_ref());
    }
    KeyListener { f }
}

/// Calls `f` each time `node`'s box changes size (and once when observing starts), until the
/// listener is dropped.
pub struct ResizeListener {
    observer: Option<web_sys::ResizeObserver>,
    _f: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for ResizeListener {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}

pub fn on_resize(node: &NodeRef, f: impl FnMut() + 'static) -> ResizeListener {
    let f = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
    let observer = web_sys::ResizeObserver::new(f.as_ref().unchecked_ref()).ok();
    if let (Some(o), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
        o.observe(&el);
    }
    ResizeListener { observer, _f: f }
}

/// Fetches a text file the page ships (a part loaded on demand: a language pack, the
/// lessons), by a path relative to the page, so it works however deep the site hosts it.
/// Calls `done` once, with the text, or `None` when the request fails or is not a 2xx.
pub fn fetch_text(path: &str, done: impl FnOnce(Option<String>) + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    type Done = Rc<Cell<Option<Box<dyn FnOnce(Option<String>)>>>>;
    fn finish(done: &Done, text: Option<String>) {
        if let Some(f) = done.take() {
            f(text)
        }
    }
    let done: Done = Rc::new(Cell::new(Some(Box::new(done))));
    let Some(w) = web_sys::window() else {
        return finish(&done, None);
    };
    let failed = {
        let done = done.clone();
        Closure::once(move |_: wasm_bindgen::JsValue| finish(&done, None))
    };
    // A response that is not a success is a failure, so its body is never taken for the file.
    let body = {
        let done = done.clone();
        Closure::once(move |resp: wasm_bindgen::JsValue| {
            let resp: web_sys::Response = resp.unchecked_into();
            let Some(text) = resp.ok().then(|| resp.text().ok()).flatten() else {
                return finish(&done, None);
            };
            let (d1, d2) = (done.clone(), done);
            let read = Closure::once(move |t: wasm_bindgen::JsValue| finish(&d1, t.as_string()));
            let lost = Closure::once(move |_: wasm_bindgen::JsValue| finish(&d2, None));
            let _ = text.then2(&read, &lost);
            read.forget();
            lost.forget();
        })
    };
    let _ = w.fetch_with_str(path).then2(&body, &failed);
    // The promises own the callbacks from here on.
    body.forget();
    failed.forget();
}
