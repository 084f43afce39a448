//! The page header: the brand, the Examples, Drafts and Lessons buttons, the share actions,
//! the theme switch and the language switch.

use std::rc::Rc;

use yew::prelude::*;

use crate::page::lang::Lang;
use crate::page::theme::Theme;
use crate::ui::io;
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, State};

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub theme: Theme,
    /// The chosen language (its messages may still be loading).
    #[prop_or_default]
    pub lang: Lang,
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
    let m = use_messages();
    let (icon, label, name) = match theme {
        Theme::System => ("◐", m.t("theme-system-label"), m.t("theme-system")),
        Theme::Light => ("☀", m.t("theme-light-label"), m.t("theme-light")),
        Theme::Dark => ("☾", m.t("theme-dark-label"), m.t("theme-dark")),
    };
    let d = props.dispatch.clone();
    // The reader's own choice is remembered; the browser's preference never is.
    let choose_lang = Callback::from(move |e: Event| {
        if let Some(lang) = io::event_value(&e).as_deref().and_then(Lang::parse) {
            io::save_lang(lang);
            io::set_address_lang(lang);
            d.dispatch(Action::SetLang(lang));
        }
    });
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
                <span class="tagline">{ m.t("tagline") }</span>
            </div>
            <nav class="header-actions" aria-label={m.t("header-actions")}>
                <button type="button" id="examples-button" class="btn" onclick={toggle}
                    aria-haspopup="dialog" aria-expanded={props.examples_open.to_string()}>
                    { m.t("examples-button") }
                </button>
                <button type="button" id="drafts-button" class="btn" onclick={drafts}
                    aria-haspopup="dialog" aria-expanded={props.drafts_open.to_string()}
                    title={m.t("drafts-button-title")}>
                    { m.t("drafts-button") }
                </button>
                <button type="button" id="lessons-button" class="btn" onclick={lessons}
                    aria-controls="lesson-panel" aria-expanded={props.lessons_open.to_string()}>
                    { m.t("lessons-button") }
                </button>
                <div class="share-slot">{ props.actions.clone() }</div>
                <button type="button" id="theme-switch" class="btn" onclick={cycle}
                    aria-label={label.clone()} title={label}>
                    <span aria-hidden="true">{ icon }</span>
                    <span class="btn-text">{ name }</span>
                </button>
                <label class="lang-switch" title={m.t("lang-switch")}>
                    <span class="visually-hidden">{ m.t("lang-switch") }</span>
                    // A globe drawn here: an emoji needs a colour font the system may lack.
                    <svg class="lang-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                        <circle cx="8" cy="8" r="6.5" />
                        <path d="M1.5 8h13M8 1.5c-2.2 2.4-2.2 10.6 0 13M8 1.5c2.2 2.4 2.2 10.6 0 13" />
                    </svg>
                    <select id="lang-switch" class="btn" onchange={choose_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.tag()} lang={l.tag()} selected={*l == props.lang}>{ l.native_name() }</option>
                        }) }
                    </select>
                </label>
                <a class="btn btn-link" href={m.t("how-href")}>{ m.t("how-link") }</a>
            </nav>
        </header>
    }
}
