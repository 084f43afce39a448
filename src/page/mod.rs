//! The page's pure logic, apart from its components: no Yew, no browser. The share-link
//! codec, embed options, the `docker build` command line, exports, the graph's layout, SVG
//! and viewport, the steps, highlighting, the Dockerfile reference, the examples, and the one markup
//! escaper. The CLI uses it as the page does, so a link or an export agrees in both.

pub mod analysis_job;
pub mod command_line;
pub mod core_text;
pub mod drafts;
pub mod embed;
pub mod examples;
pub mod export;
pub mod export_job;
pub mod file_tree;
pub mod graph_search;
pub mod graph_svg;
pub mod highlight;
pub mod i18n;
pub mod indent;
pub mod lang;
pub mod large_text;
pub mod layout;
pub mod lessons;
pub mod markup;
pub mod plan;
pub mod reference;
pub mod share;
pub mod steps;
pub mod text_width;
pub mod theme;
pub mod viewport;
