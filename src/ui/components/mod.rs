//! The page's Yew components, one per file. Each is a function of its props and reports up
//! through the reducer's dispatcher or a callback; browser IO goes through `ui::io`.

pub mod app;
pub mod draft_history;
pub mod draft_notice;
pub mod editor;
pub mod editor_pane;
pub mod embed_layout;
pub mod gallery;
pub mod graph_view;
pub mod header;
pub mod image_view;
pub mod input_tabs;
pub mod large_text;
pub mod lesson_panel;
pub mod link_notice;
pub mod modal;
pub mod output_toolbar;
pub mod plan_view;
pub mod problems_view;
pub mod rich_text;
pub mod share_buttons;
pub mod show_all;
pub mod steps_view;
pub mod target_notice;
pub mod text_panel;
pub mod view_tabs;
