//! Stageplay: a playground for Dockerfile multi-stage builds.
//!
//! `analysis` is the pure core (text in, plain `Analysis` out) shared by the web app and the
//! CLI; `page` is the page's pure logic (share links, embeds, exports, the graph's SVG),
//! also shared by the CLI; `ui` is the Yew app that renders it in the browser, compiled only
//! with the `web` feature.

pub use stageplay_analysis as analysis;
pub mod page;
#[cfg(feature = "web")]
pub mod ui;
