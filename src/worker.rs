//! The page's worker: a second wasm module that holds the analysis core, started when the
//! page loads (`src/ui/worker.rs`). It analyses each share state the page sends and returns
//! the `Analysis` as bytes (`page::analysis_job`), and makes the JSON and DOT exports
//! (`page::export_job`). Trunk builds it from `index.html`'s `data-type="worker"` link;
//! `static/worker.js` loads it in a Web Worker and passes it each request.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Analyses `request` (`page::analysis_job::request`) with this Dockerfile, in UTF-8 bytes:
/// the `Analysis` as `analysis::wire` bytes. An error is thrown to the worker's script as a
/// string, which reports it to the page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn analyse(request: &str, dockerfile: &[u8]) -> Result<Vec<u8>, JsValue> {
    let dockerfile = std::str::from_utf8(dockerfile)
        .map_err(|_| JsValue::from_str("the Dockerfile is not UTF-8"))?;
    stageplay::page::analysis_job::run(request, dockerfile).map_err(|e| JsValue::from_str(&e))
}

/// [`analyse`] on the page's main thread, for a keystroke (`static/worker.js` loads this
/// module there too): nothing (`undefined`) when the Dockerfile has more than
/// `max_instructions` instructions (`page::analysis_job::run_at_most`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn analyse_at_most(
    request: &str,
    dockerfile: &[u8],
    max_instructions: usize,
) -> Result<Option<Vec<u8>>, JsValue> {
    let dockerfile = std::str::from_utf8(dockerfile)
        .map_err(|_| JsValue::from_str("the Dockerfile is not UTF-8"))?;
    stageplay::page::analysis_job::run_at_most(request, dockerfile, max_instructions)
        .map_err(|e| JsValue::from_str(&e))
}

/// Makes one export: `request` as `page::export_job::request` writes it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn export_text(request: &str) -> Result<String, JsValue> {
    stageplay::page::export_job::run(request).map_err(|e| JsValue::from_str(&e))
}

/// The first analysis, before any request (`page::analysis_job::prime`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn prime() {
    stageplay::page::analysis_job::prime()
}

/// One round of the idle-time warm-up (`page::analysis_job::warm_up`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn warm_up() {
    stageplay::page::analysis_job::warm_up()
}

// The worker's script calls the functions above; there is nothing to start.
fn main() {}
