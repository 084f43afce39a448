//! The plain text inputs of the input pane: build context, .dockerignore and build args.

use yew::prelude::*;

use crate::ui::io;
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, InputTab, State};

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct TextPanelProps {
    pub tab: InputTab,
    pub value: AttrValue,
    /// The message key of the help text.
    pub help: &'static str,
    pub placeholder: &'static str,
    #[prop_or_default]
    pub note: Option<AttrValue>,
    pub dispatch: Dispatch,
}

/// A plain text input for the build context, .dockerignore or build args.
#[function_component(TextPanel)]
pub fn text_panel(props: &TextPanelProps) -> Html {
    let d = props.dispatch.clone();
    let tab = props.tab;
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(v) = io::event_value(&e) {
            d.dispatch(match tab {
                InputTab::Context => Action::SetContext(v),
                InputTab::Dockerignore => Action::SetDockerignore(v),
                _ => Action::SetBuildArgs(v),
            });
        }
    });
    let m = use_messages();
    html! {
        <div class="text-panel">
            <p class="muted help">{ m.t(props.help) }</p>
            if let Some(n) = &props.note { <p class="note">{ n.clone() }</p> }
            <textarea id={format!("input-{}", tab.id())} class="plain-input" spellcheck="false"
                aria-label={m.t(&format!("tab-{}", tab.id()))} placeholder={props.placeholder}
                value={props.value.clone()} {oninput} />
        </div>
    }
}
