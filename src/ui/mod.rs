//! The Yew app: state, components and the one module that touches browser APIs.

pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod embed;
pub mod examples;
pub mod export;
pub mod share;

pub use app::App;

/// Mounts the app into the page's body.
pub fn start() {
    yew::Renderer::<App>::with_props(app::AppProps { initial: None }).render();
}
