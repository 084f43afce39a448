//! The exports' worker: a second wasm module, loaded only when the page first exports JSON
//! or DOT (`src/page/export_job.rs` says why). Trunk builds it from `index.html`'s
//! `data-type="worker"` link; `static/export-worker.js` loads it in a Web Worker and
//! passes it each request.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Makes one export: `request` as `page::export_job::request` writes it. An error is thrown
/// to the worker's script as a string, which reports it to the page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn export_text(request: &str) -> Result<String, JsValue> {
    stageplay::page::export_job::run(request).map_err(|e| JsValue::from_str(&e))
}

// The worker's script calls `export_text`; there is nothing to start.
fn main() {}
