//! The Yew app: one `State` + `Action` reducer (`state`), the startup (`startup`: the URL, the
//! opening state, the warm-up), the saved draft (`draft`), the messages' context (`messages`), components that are functions of
//! their props (`components/`, one per file), and `browser.rs`, the one module that touches
//! browser APIs (`io.rs` is its native twin, so SSR tests run without a browser). The pure
//! view models the components render live in `crate::page`.

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod components;
pub mod draft;
pub mod export_worker;
pub mod messages;
pub mod startup;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub(crate) use browser as io;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod io;

pub use components::app::{App, AppProps};

/// Mounts the app into the page's body, then warms the analysis up while the page is idle.
pub fn start() {
    yew::Renderer::<App>::with_props(AppProps {
        initial: None,
        share: None,
    })
    .render();
    startup::warm_up_when_idle();
}
