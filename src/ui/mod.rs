//! The Yew app: one `State` + `Action` reducer (`state`), pure view models (`layout`,
//! `graph_svg`, `highlight`, `steps`, `reference`), components that are functions of their
//! props, and `browser.rs`, the one module that touches browser APIs.

pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod editor;
pub mod embed;
pub mod embed_view;
pub mod examples;
pub mod export;
pub mod graph_svg;
pub mod graph_view;
pub mod highlight;
pub mod image_view;
pub mod layout;
pub mod panels;
pub mod reference;
pub mod share;
pub mod share_menu;
pub mod state;
pub mod steps;

#[cfg(target_arch = "wasm32")]
pub(crate) use browser as io;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod io;

pub use app::App;

/// Mounts the app into the page's body.
pub fn start() {
    yew::Renderer::<App>::with_props(app::AppProps {
        initial: None,
        share: None,
    })
    .render();
}
