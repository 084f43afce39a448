//! The Yew app: one `State` + `Action` reducer (`state`), the startup (`startup`: the URL, the
//! opening state, the warm-up), the saved draft (`draft`), the messages' context (`messages`), components that are functions of
//! their props (`components/`, one per file), and `browser.rs`, the one module that touches
//! browser APIs (`io.rs` is its native twin, so SSR tests run without a browser). The pure
//! view models the components render live in `crate::page`.

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod components;
pub mod draft;
pub mod messages;
pub mod startup;
pub mod state;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub(crate) use browser as io;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod io;

pub use components::app::{App, AppProps};

/// How long the page waits for its first analysis before it shows the editor without it.
const FIRST_ANALYSIS_WAIT_MS: u32 = 150;

/// Starts the worker on the state the page opens with, then mounts the app into the page's
/// body once that analysis has arrived, or after [`FIRST_ANALYSIS_WAIT_MS`]: the first
/// frame then shows the graph too (docs/performance.md, "First render"), and the editor
/// never waits long for it.
pub fn start() {
    worker::start();
    let first = startup::initial_state(&startup::Startup::read(), None, None);
    if first.stale {
        worker::analyse_early(&first.share);
    }
    worker::after_early(FIRST_ANALYSIS_WAIT_MS, || {
        yew::Renderer::<App>::with_props(AppProps {
            initial: None,
            share: None,
        })
        .render();
    });
}
