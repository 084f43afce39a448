//! The page's side of its worker (`src/worker.rs`, `static/worker.js`): started when the
//! page loads, it analyses the edits and makes the JSON and DOT exports, so the analysis
//! core is not in the page's wasm and a paste or a large file never holds its main thread;
//! a keystroke whose text's last analysis was quick is analysed in the key's own task by a
//! copy of the worker's module on the page's thread instead ([`analyse_at_once`]). While an
//! analysis runs, only the
//! newest request waits (older ones are dropped: the page shows the latest text's). A worker
//! that fails to load answers everything waiting with an error and is dropped, so the next
//! request tries again. Natively (tests, SSR) there is no worker: the same pure functions
//! run at once.

use crate::analysis::Analysis;
use crate::page::share::ShareState;

/// What a request is answered with: its result, or a sentence saying why there is none.
pub type Answer<T> = Result<T, String>;

/// The analysis of `share` made now, in the task that changed it, or `None` when the worker
/// is to make it. `analysed` is the text of the analysis shown, `shown` its number of
/// instructions. Natively the reducer
/// analyses a small enough text at once (`ui/state.rs`), as tests and SSR need. In the
/// browser the page's wasm has no analysis core: once the page has loaded, `worker.js`
/// gives it a copy of the worker's module on the page's own thread, which makes the
/// analysis when `analysis_job::in_key_task` says it is quick (a keystroke).
#[cfg(not(target_arch = "wasm32"))]
pub fn analyse_at_once(share: &ShareState, _analysed: &str, _shown: usize) -> Option<Analysis> {
    Some(crate::page::analysis_job::analyse(share))
}

#[cfg(target_arch = "wasm32")]
pub fn analyse_at_once(share: &ShareState, analysed: &str, shown: usize) -> Option<Analysis> {
    wasm::here(share, analysed, shown)
}

/// Analyses `share` and calls `done` with its analysis, unless a newer request replaced
/// this one while the worker was busy (then `done` is dropped, never called).
#[cfg(not(target_arch = "wasm32"))]
pub fn analyse(share: &ShareState, done: impl FnOnce(Answer<Analysis>) + 'static) {
    done(Ok(crate::page::analysis_job::analyse(share)))
}

/// Makes `request` (`page::export_job::request`) and calls `done` once with the export's
/// text or a sentence saying why there is none.
#[cfg(not(target_arch = "wasm32"))]
pub fn export(request: String, done: impl FnOnce(Answer<String>) + 'static) {
    done(crate::page::export_job::run(&request))
}

/// Starts the worker, so that its module loads while the page renders.
#[cfg(not(target_arch = "wasm32"))]
pub fn start() {}

/// Sends a state to the worker as soon as it is known, before it is rendered (the page's
/// first state, and each small edit from the reducer): the answer waits for [`analyse`] of
/// the same state (the render's effect). Sending the same state again does nothing.
#[cfg(not(target_arch = "wasm32"))]
pub fn analyse_early(_: &ShareState) {}

/// The early analysis of `share`, when it has arrived (never natively).
#[cfg(not(target_arch = "wasm32"))]
pub fn take_early(_: &ShareState) -> Option<Analysis> {
    None
}

/// Calls `f` once the early analysis has arrived, or after `ms` milliseconds, whichever
/// comes first (at once natively, and when there is no early analysis).
#[cfg(not(target_arch = "wasm32"))]
pub fn after_early(_ms: u32, f: impl FnOnce() + 'static) {
    f()
}

#[cfg(target_arch = "wasm32")]
pub use wasm::{after_early, analyse, analyse_early, export, start, take_early};

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::rc::Rc;

    use js_sys::{Function, Object, Reflect, Uint8Array};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::prelude::JsValue;
    use web_sys::{MessageChannel, MessageEvent, MessagePort, Worker};

    use super::Answer;
    use crate::analysis::{Analysis, wire};
    use crate::page::analysis_job::{self, Cost};
    use crate::page::share::ShareState;
    use crate::ui::io;

    /// The worker's script, next to the page (a relative path: the page may live under any
    /// sub-path of its site).
    const SCRIPT: &str = "worker.js";

    /// Where the page's messages go: a Web Worker, or, in a page with an opaque origin
    /// (an embed sandboxed without allow-same-origin: browsers refuse it a worker), a
    /// `MessageChannel` whose other end `static/worker.js` serves on the main thread.
    enum Endpoint {
        Worker(Worker),
        Port(MessagePort),
    }

    impl Endpoint {
        /// Posts `m`, moving its text's bytes (a buffer of their own) instead of copying
        /// them: the copy made every keystroke's message cost about 1.5 ms of the page.
        fn post(&self, m: &JsValue) {
            let moved = js_sys::Array::new();
            if let Ok(text) = Reflect::get(m, &JsValue::from_str("text"))
                && let Some(bytes) = text.dyn_ref::<Uint8Array>()
            {
                moved.push(&bytes.buffer());
            }
            let _ = match self {
                Endpoint::Worker(w) => w.post_message_with_transfer(m, &moved),
                Endpoint::Port(p) => p.post_message_with_transferable(m, &moved),
            };
        }

        fn stop(&self) {
            match self {
                Endpoint::Worker(w) => w.terminate(),
                Endpoint::Port(p) => p.close(),
            }
        }
    }

    type Exported = Box<dyn FnOnce(Answer<String>)>;
    type OnLoad = Closure<dyn FnMut()>;
    type Analysed = Box<dyn FnOnce(Answer<Analysis>)>;

    /// The running worker and what waits for it. A worker answers its messages in the
    /// order it received them, so the exports wait in a queue, oldest first.
    struct Running {
        worker: Endpoint,
        exports: VecDeque<Exported>,
        /// The analysis the worker is making.
        analysing: Option<Analysed>,
        /// The newest request made while it was busy, sent when it is done.
        next: Option<(JsValue, Analysed)>,
        // Kept alive as long as the worker.
        _on_message: Closure<dyn FnMut(MessageEvent)>,
        _on_error: Closure<dyn FnMut(JsValue)>,
        /// The in-page endpoint's script's load (and error) handler.
        _on_load: Option<OnLoad>,
    }

    thread_local! {
        static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    }

    pub fn start() {
        let started = RUNNING.with(|r| r.borrow().is_some());
        if !started {
            spawn();
        }
    }

    fn message(fields: &[(&str, &JsValue)]) -> JsValue {
        let m = Object::new();
        for (name, value) in fields {
            let _ = Reflect::set(&m, &JsValue::from_str(name), value);
        }
        m.into()
    }

    /// The early request's state (`analysis_job::request` and the Dockerfile) and where its
    /// answer is.
    enum Early {
        /// Sent; `analyse` of the same state may already wait for it.
        Waiting(Option<Analysed>),
        Answered(Box<Answer<Analysis>>),
    }

    type Then = Rc<Cell<Option<Box<dyn FnOnce()>>>>;

    thread_local! {
        static EARLY: RefCell<Option<((String, String), Early)>> = const { RefCell::new(None) };
        /// What waits for the early analysis (`after_early`).
        static THEN: RefCell<Option<Then>> = const { RefCell::new(None) };
    }

    pub fn after_early(ms: u32, f: impl FnOnce() + 'static) {
        let waiting = EARLY.with(|e| matches!(&*e.borrow(), Some((_, Early::Waiting(_)))));
        if !waiting {
            return f();
        }
        // Whichever comes first takes `f`.
        let then: Then = Rc::new(Cell::new(Some(Box::new(f))));
        THEN.with(|t| *t.borrow_mut() = Some(then.clone()));
        std::mem::forget(io::after(ms, move || {
            if let Some(f) = then.take() {
                f()
            }
        }));
    }

    fn key(share: &ShareState) -> (String, String) {
        (analysis_job::request(share), share.dockerfile.to_string())
    }

    pub fn analyse_early(share: &ShareState) {
        let k = key(share);
        if EARLY.with(|e| e.borrow().as_ref().is_some_and(|(same, _)| *same == k)) {
            return;
        }
        EARLY.with(|e| *e.borrow_mut() = Some((k.clone(), Early::Waiting(None))));
        send(share, move |answer| early_arrived(k, answer));
    }

    /// The early request `k`'s answer: to what waits for it, or kept until it is asked for.
    fn early_arrived(k: (String, String), answer: Answer<Analysis>) {
        let waiting = EARLY.with(|e| {
            let mut e = e.borrow_mut();
            match e.take() {
                Some((same, Early::Waiting(None))) if same == k => {
                    *e = Some((same, Early::Answered(Box::new(answer))));
                    None
                }
                Some((same, Early::Waiting(Some(done)))) if same == k => Some((done, answer)),
                other => {
                    *e = other;
                    None
                }
            }
        });
        if let Some((done, answer)) = waiting {
            done(answer);
        }
        let then = THEN.with(|t| t.borrow_mut().take()).and_then(|t| t.take());
        if let Some(f) = then {
            f();
        }
    }

    thread_local! {
        /// What the last analysis took, the worker's or the page's own.
        static COST: Cell<Option<Cost>> = const { Cell::new(None) };
        /// The page's own copy of the module failed once (a trap): the worker does it all.
        static HERE_FAILED: Cell<bool> = const { Cell::new(false) };
    }

    /// The global `worker.js` sets once the page's own copy of the module is ready.
    const HERE: &str = "stageplayHere";

    pub fn here(share: &ShareState, analysed: &str, shown: usize) -> Option<Analysis> {
        if HERE_FAILED.get() {
            return None;
        }
        // Looked up first: until the page has loaded, no key compares its text.
        let analyse = global_function(HERE)?;
        if !analysis_job::in_key_task(analysed, &share.dockerfile, COST.get()) {
            return None;
        }
        let request = JsValue::from_str(&analysis_job::request(share));
        let text = Uint8Array::from(share.dockerfile.as_bytes());
        let most = JsValue::from_f64(analysis_job::most_instructions(shown) as f64);
        let start = io::perf_now();
        // A throw is the module's failure (its wasm trapped): the worker does it all now.
        let Ok(answer) = analyse.call3(&JsValue::NULL, &request, &text, &most) else {
            HERE_FAILED.set(true);
            return None;
        };
        let ms = io::perf_now() - start;
        io::record_measure("stageplay:here", start, ms);
        // Nothing: more instructions than the analysis shown can tell the cost of.
        let bytes = answer.dyn_into::<Uint8Array>().ok()?.to_vec();
        COST.set(Some(Cost {
            bytes: share.dockerfile.len(),
            ms,
        }));
        if bytes.len() > AT_ONCE_BYTES {
            // Decoded a slice at a time, as the worker's answer would be, and shown from
            // there: it waits as this state's early answer (`analyse_early`).
            let k = key(share);
            EARLY.with(|e| *e.borrow_mut() = Some((k.clone(), Early::Waiting(None))));
            decode_then(bytes, Box::new(move |answer| early_arrived(k, answer)));
            return None;
        }
        io::timed("stageplay:decode", || wire::decode(&bytes))
    }

    pub fn take_early(share: &ShareState) -> Option<Analysis> {
        EARLY.with(|e| {
            let mut e = e.borrow_mut();
            match e.take() {
                Some((k, Early::Answered(answer))) if k == key(share) => (*answer).ok(),
                other => {
                    *e = other;
                    None
                }
            }
        })
    }

    pub fn analyse(share: &ShareState, done: impl FnOnce(Answer<Analysis>) + 'static) {
        // The early request's answer, or a wait for it, when this is its state.
        let early = EARLY.with(|e| e.borrow_mut().take());
        if let Some((k, early)) = early
            && k == key(share)
        {
            match early {
                Early::Answered(answer) => return done(*answer),
                Early::Waiting(_) => {
                    let waiting = Early::Waiting(Some(Box::new(done)));
                    return EARLY.with(|e| *e.borrow_mut() = Some((k, waiting)));
                }
            }
        }
        send(share, done)
    }

    fn send(share: &ShareState, done: impl FnOnce(Answer<Analysis>) + 'static) {
        let m = message(&[
            ("kind", &JsValue::from_str("analyse")),
            ("request", &JsValue::from_str(&analysis_job::request(share))),
            // As UTF-8 bytes: one copy, where a JS string is decoded on this thread and
            // encoded again in the worker (about 25 and 45 ms for a 10 MB text).
            (
                "text",
                &Uint8Array::from(share.dockerfile.as_bytes()).into(),
            ),
        ]);
        if !(RUNNING.with(|r| r.borrow().is_some()) || spawn()) {
            return done(Err("this browser could not start the analyser".into()));
        }
        RUNNING.with(|r| {
            let mut r = r.borrow_mut();
            let Some(running) = r.as_mut() else { return };
            if running.analysing.is_some() {
                running.next = Some((m, Box::new(done)));
            } else {
                running.analysing = Some(Box::new(done));
                running.worker.post(&m);
            }
        });
    }

    pub fn export(request: String, done: impl FnOnce(Answer<String>) + 'static) {
        if !(RUNNING.with(|r| r.borrow().is_some()) || spawn()) {
            return done(Err("this browser could not start the exporter".into()));
        }
        let m = message(&[
            ("kind", &JsValue::from_str("export")),
            ("request", &JsValue::from_str(&request)),
        ]);
        RUNNING.with(|r| {
            if let Some(running) = r.borrow_mut().as_mut() {
                running.exports.push_back(Box::new(done));
                running.worker.post(&m);
            }
        });
    }

    /// The function `worker.js` left as the global `name`, if it is there.
    fn global_function(name: &str) -> Option<Function> {
        let window = web_sys::window()?;
        Reflect::get(&window, &JsValue::from_str(name))
            .ok()?
            .dyn_into::<Function>()
            .ok()
    }

    /// Takes the global `name` that `worker.js` left, so a later start makes a new one.
    fn take_global(name: &str) -> Option<JsValue> {
        let window = web_sys::window()?;
        let key = JsValue::from_str(name);
        let value = Reflect::get(&window, &key)
            .ok()
            .filter(|v| !v.is_undefined())?;
        let _ = Reflect::delete_property(&window, &key);
        Some(value)
    }

    /// Answers up to this long are decoded in one go (moby's 650-line file's is about
    /// 60 KB and takes about 1 ms); longer ones a slice at a time.
    const AT_ONCE_BYTES: usize = 128 * 1024;
    /// How long one slice of decoding may hold the page's main thread before it lets the
    /// browser handle input and paint.
    const SLICE_MS: f64 = 8.0;
    /// Items of the analysis decoded between two looks at the clock.
    const SLICE_ITEMS: usize = 32;
    const READ_FAILED: &str = "the analysis could not be read";

    /// Decodes the worker's answer and hands it to `done`: at once when it is small, else a
    /// slice of about `SLICE_MS` per task (`stageplay:decode` measures the time spent in
    /// them, without the time between).
    fn decode_then(bytes: Vec<u8>, done: Analysed) {
        if bytes.len() <= AT_ONCE_BYTES {
            let analysis = io::timed("stageplay:decode", || wire::decode(&bytes));
            return done(analysis.ok_or_else(|| READ_FAILED.to_string()));
        }
        decode_slices(wire::Decoding::new(bytes), done, io::perf_now(), 0.0);
    }

    fn decode_slices(mut d: wire::Decoding, done: Analysed, first: f64, mut busy: f64) {
        let start = io::perf_now();
        loop {
            match d.step(SLICE_ITEMS) {
                Err(wire::Malformed) => return done(Err(READ_FAILED.to_string())),
                Ok(Some(analysis)) => {
                    busy += io::perf_now() - start;
                    io::record_measure("stageplay:decode", first, busy);
                    // Rendering it is a task of its own, not the rest of this slice's.
                    return io::soon(move || done(Ok(analysis)));
                }
                Ok(None) if io::perf_now() - start >= SLICE_MS => {
                    busy += io::perf_now() - start;
                    return io::soon(move || decode_slices(d, done, first, busy));
                }
                Ok(None) => {}
            }
        }
    }

    fn spawn() -> bool {
        // `index.html` loads `worker.js` before the page's wasm, and it starts the worker
        // then, so its module loads while the page's does.
        let early = take_global("stageplayWorker").and_then(|w| w.dyn_into::<Worker>().ok());
        let (worker, on_load) = match early.map(Ok).unwrap_or_else(|| Worker::new(SCRIPT)) {
            Ok(worker) => (Endpoint::Worker(worker), None),
            Err(_) => match in_page() {
                Some((port, on_load)) => (Endpoint::Port(port), on_load),
                None => return false,
            },
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
            let data = e.data();
            let field = |name: &str| Reflect::get(&data, &JsValue::from_str(name)).ok();
            let ok = field("ok").and_then(|v| v.as_bool()).unwrap_or(false);
            let text = || {
                field("text")
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            // The module did not load: this worker will never answer.
            if field("broken").and_then(|v| v.as_bool()).unwrap_or(false) {
                return fail_all(&text());
            }
            if field("kind").and_then(|v| v.as_string()).as_deref() == Some("analysis") {
                // An answer nobody waits for any more (a newer edit replaced it) is not read.
                if let (Some(ms), Some(bytes)) = (
                    field("ms").and_then(|v| v.as_f64()),
                    field("size").and_then(|v| v.as_f64()),
                ) {
                    COST.set(Some(Cost {
                        bytes: bytes as usize,
                        ms,
                    }));
                }
                let Some(done) = analysed() else { return };
                match field("bytes") {
                    Some(bytes) if ok => {
                        decode_then(bytes.unchecked_into::<Uint8Array>().to_vec(), done)
                    }
                    _ => done(Err(text())),
                }
            } else {
                let done = RUNNING.with(|r| r.borrow_mut().as_mut()?.exports.pop_front());
                if let Some(done) = done {
                    done(if ok { Ok(text()) } else { Err(text()) });
                }
            }
        });
        // The script itself did not load (or threw): fail everything waiting, and forget
        // this worker so that the next request starts a new one.
        let on_error =
            Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| fail_all("the analyser did not load"));
        match &worker {
            Endpoint::Worker(w) => {
                w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            }
            Endpoint::Port(p) => p.set_onmessage(Some(on_message.as_ref().unchecked_ref())),
        }
        RUNNING.with(|r| {
            *r.borrow_mut() = Some(Running {
                worker,
                exports: VecDeque::new(),
                analysing: None,
                next: None,
                _on_message: on_message,
                _on_error: on_error,
                _on_load: on_load,
            })
        });
        true
    }

    /// The page's end of a `MessageChannel` served on the main thread by `worker.js`, loaded
    /// as a plain script: the only way to analyse where a worker cannot start. Messages
    /// posted before the script has loaded wait in the channel.
    fn in_page() -> Option<(MessagePort, Option<OnLoad>)> {
        let channel = MessageChannel::new().ok()?;
        let theirs = channel.port2();
        let serve = move || {
            global_function("stageplayInPage")
                .is_some_and(|f| f.call1(&JsValue::NULL, &theirs).is_ok())
        };
        // Usually `index.html` has loaded the script already.
        if serve() {
            return Some((channel.port1(), None));
        }
        let document = web_sys::window()?.document()?;
        let script = document.create_element("script").ok()?;
        let on_load = OnLoad::new(move || {
            if !serve() {
                fail_all("the analyser did not load");
            }
        });
        script.set_attribute("src", SCRIPT).ok()?;
        // A script that did not load leaves no `stageplayInPage`: the same handler fails.
        for event in ["load", "error"] {
            let _ =
                script.add_event_listener_with_callback(event, on_load.as_ref().unchecked_ref());
        }
        document.head()?.append_child(&script).ok()?;
        Some((channel.port1(), Some(on_load)))
    }

    /// The callback of the analysis just made; the request that waited is sent now.
    fn analysed() -> Option<Analysed> {
        RUNNING.with(|r| {
            let mut r = r.borrow_mut();
            let running = r.as_mut()?;
            let done = running.analysing.take();
            if let Some((m, next)) = running.next.take() {
                running.analysing = Some(next);
                running.worker.post(&m);
            }
            done
        })
    }

    /// Answers everything waiting with `why` and forgets the worker, so that the next
    /// request starts a new one.
    fn fail_all(why: &str) {
        let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) else {
            return;
        };
        let Running {
            worker,
            exports,
            analysing,
            next,
            _on_message,
            _on_error,
            _on_load,
        } = running;
        worker.stop();
        // One of these closures is running now: dropping it here would free it under its
        // own feet. A failed worker is rare; its closures are a few bytes.
        std::mem::forget((_on_message, _on_error, _on_load));
        for done in exports {
            done(Err(why.to_string()));
        }
        for done in analysing.into_iter().chain(next.map(|(_, d)| d)) {
            done(Err(why.to_string()));
        }
    }
}
