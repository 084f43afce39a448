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
pub mod large_text;
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
    // A file of a hundred-odd stages (the examples back to back, eight times): small files
    // alone left the first 1 MB paste at 250-330 ms, the next at ~90 ms.
    let long = examples::EXAMPLES
        .iter()
        .map(|e| e.dockerfile)
        .collect::<Vec<_>>()
        .join("\n")
        .repeat(WARM_UP_REPEAT);
    warm_up(WARM_UP_ROUNDS, long);
}

/// How many idle-time analyses [`warm_up`] runs, [`WARM_UP_GAP_MS`] apart.
const WARM_UP_ROUNDS: u32 = 6;
const WARM_UP_GAP_MS: u32 = 250;
const WARM_UP_REPEAT: usize = 8;

/// V8 first runs wasm in a baseline tier and optimises a function only once it has run
/// enough, so in a fresh page the first large paste was analysed about 3 times slower than
/// the next ones (a 1 MB file: 580 ms, then 154 ms; `scripts/measure-large.mjs`). A few
/// analyses of every gallery example and of `long`, one short task each while the page is
/// idle after its first render, make those functions hot before the user needs them.
fn warm_up(rounds: u32, long: String) {
    if rounds == 0 {
        return;
    }
    // The handle is kept alive by leaking it: a one-off timer per round.
    std::mem::forget(io::after(WARM_UP_GAP_MS, move || {
        let options = crate::analysis::Options::default();
        for e in examples::EXAMPLES {
            std::hint::black_box(crate::analysis::analyze(e.dockerfile, &options));
        }
        std::hint::black_box(crate::analysis::analyze(&long, &options));
        warm_up(rounds - 1, long);
    }));
}
