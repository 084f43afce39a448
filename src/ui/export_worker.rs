//! The page's side of the exports worker (`src/export_worker.rs`, `static/export-worker.js`):
//! started on the first JSON or DOT export, then kept for the next ones. A worker that fails
//! to load answers every waiting request with an error and is dropped, so the next click
//! tries again. Natively (tests, SSR) the export is made at once, by the same pure function.

/// Makes `request` (`page::export_job::request`) in the worker and calls `done` once with
/// the export's text or a sentence saying why there is none.
#[cfg(not(target_arch = "wasm32"))]
pub fn run(request: String, done: impl FnOnce(Result<String, String>) + 'static) {
    done(crate::page::export_job::run(&request))
}

#[cfg(target_arch = "wasm32")]
pub use wasm::run;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::prelude::JsValue;
    use web_sys::{MessageEvent, Worker};

    /// The worker's script, next to the page (a relative path: the page may live under any
    /// sub-path of its site).
    const SCRIPT: &str = "export-worker.js";

    type Done = Box<dyn FnOnce(Result<String, String>)>;

    /// The running worker and the callbacks of its requests, oldest first: a worker answers
    /// its messages in the order it received them.
    struct Running {
        worker: Worker,
        waiting: VecDeque<Done>,
        // Kept alive as long as the worker.
        _on_message: Closure<dyn FnMut(MessageEvent)>,
        _on_error: Closure<dyn FnMut(JsValue)>,
    }

    thread_local! {
        static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    }

    pub fn run(request: String, done: impl FnOnce(Result<String, String>) + 'static) {
        let started = RUNNING.with(|r| r.borrow().is_some()) || start();
        if !started {
            return done(Err("this browser could not start the exporter".into()));
        }
        RUNNING.with(|r| {
            if let Some(running) = r.borrow_mut().as_mut() {
                running.waiting.push_back(Box::new(done));
                let _ = running.worker.post_message(&JsValue::from_str(&request));
            }
        });
    }

    fn start() -> bool {
        let Ok(worker) = Worker::new(SCRIPT) else {
            return false;
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
            let data = e.data();
            let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok();
            let ok = field("ok").and_then(|v| v.as_bool()).unwrap_or(false);
            let text = field("text")
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            // The module did not load: this worker will never make an export.
            if field("broken").and_then(|v| v.as_bool()).unwrap_or(false) {
                return fail_all(&text);
            }
            let done = RUNNING.with(|r| r.borrow_mut().as_mut()?.waiting.pop_front());
            if let Some(done) = done {
                done(if ok { Ok(text) } else { Err(text) });
            }
        });
        // The script itself did not load (or threw): fail everything waiting, and forget
        // this worker so that the next export starts a new one.
        let on_error =
            Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| fail_all("the exporter did not load"));
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        RUNNING.with(|r| {
            *r.borrow_mut() = Some(Running {
                worker,
                waiting: VecDeque::new(),
                _on_message: on_message,
                _on_error: on_error,
            })
        });
        true
    }

    /// Answers every waiting request with `why` and forgets the worker, so that the next
    /// export starts a new one.
    fn fail_all(why: &str) {
        let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) else {
            return;
        };
        let Running {
            worker,
            waiting,
            _on_message,
            _on_error,
        } = running;
        worker.terminate();
        // One of these closures is running now: dropping it here would free it under its
        // own feet. A failed worker is rare; its two closures are a few bytes.
        std::mem::forget((_on_message, _on_error));
        for done in waiting {
            done(Err(why.to_string()));
        }
    }
}
