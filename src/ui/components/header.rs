//! The page header: the brand, the Examples, Drafts and Lessons buttons, the share actions and the theme switch.

use std::rc::Rc;

use yew::prelude::*;

use crate::page::theme::Theme;
use crate::ui::io;
use crate::ui::state::{Action, State};

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub theme: Theme,
    pub examples_open: bool,
    #[prop_or_default]
    pub drafts_open: bool,
    /// The lesson panel is shown.
    #[prop_or_default]
    pub lessons_open: bool,
    pub dispatch: Dispatch,
    /// Buttons placed before the theme switch (Share, Embed, Export).
    #[prop_or_default]
    pub actions: Html,
}

/// The header; reports the Examples and theme buttons through the dispatcher.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let d = props.dispatch.clone();
    let toggle = Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleExamples));
    let d = props.dispatch.clone();
    // The history is read when the dialog opens, so it shows what other tabs kept too.
    let drafts = Callback::from(move |_: MouseEvent| {
        d.dispatch(Action::OpenDrafts(
            Rc::new(io::load_history()),
            io::now_ms(),
        ))
    });
    let d = props.dispatch.clone();
    let lessons = Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleLessons));
    let d = props.dispatch.clone();
    let theme = props.theme;
    let cycle = Callback::from(move |_: MouseEvent| d.dispatch(Action::SetTheme(theme.next())));
    let (icon, label) = match theme {
        Theme::System => ("◐", "Theme: system"),
        Theme::Light => ("☀", "Theme: light"),
        Theme::Dark => ("☾", "Theme: dark"),
    };
    html! {
        <header class="app-header">
            <div class="brand">
                <svg class="logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                    <rect x="2" y="4" width="7" height="6" rx="1.5" />
                    <rect x="2" y="14" width="7" height="6" rx="1.5" />
                    <rect x="15" y="9" width="7" height="6" rx="1.5" />
                    <path d="M9 7h3v10H9M12 12h3" fill="none" stroke-width="1.6" />
                </svg>
                <h1>{ "Stageplay" }</h1>
                <span class="tagline">{ "Dockerfile multi-stage playground" }</span>
            </div>
            <nav class="header-actions" aria-label="Page actions">
                <button type="button" id="examples-button" class="btn" onclick={toggle}
                    aria-haspopup="dialog" aria-expanded={props.examples_open.to_string()}>
                    { "Examples" }
                </button>
                <button type="button" id="drafts-button" class="btn" onclick={drafts}
                    aria-haspopup="dialog" aria-expanded={props.drafts_open.to_string()}
                    title="Earlier drafts kept in this browser">
                    { "Drafts" }
                </button>
                <button type="button" id="lessons-button" class="btn" onclick={lessons}
                    aria-controls="lesson-panel" aria-expanded={props.lessons_open.to_string()}>
                    { "Lessons" }
                </button>
                <div class="share-slot">{ props.actions.clone() }</div>
                <button type="button" id="theme-switch" class="btn" onclick={cycle}
                    aria-label={label} title={label}>
                    <span aria-hidden="true">{ icon }</span>
                    <span class="btn-text">{ theme.as_str() }</span>
                </button>
                <a class="btn btn-link" href="how.html">{ "How it works" }</a>
            </nav>
        </header>
    }
}
