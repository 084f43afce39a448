//! The input pane's tabs: Dockerfile, build context, .dockerignore and build args.

use yew::prelude::*;

use crate::ui::io;
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, InputTab, State};

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct InputTabsProps {
    pub tab: InputTab,
    pub dispatch: Dispatch,
    /// Problems per tab are not tracked; the Dockerfile tab shows the diagnostics count.
    pub problems: usize,
}

/// The tab list, with arrow-key navigation and the Dockerfile's problem count.
#[function_component(InputTabs)]
pub fn input_tabs(props: &InputTabsProps) -> Html {
    let tabs = InputTab::ALL;
    let current = props.tab;
    let d = props.dispatch.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        let i = tabs.iter().position(|t| *t == current).unwrap_or(0);
        let next = match e.key().as_str() {
            "ArrowRight" => Some((i + 1) % tabs.len()),
            "ArrowLeft" => Some((i + tabs.len() - 1) % tabs.len()),
            "Home" => Some(0),
            "End" => Some(tabs.len() - 1),
            _ => None,
        };
        if let Some(n) = next {
            e.prevent_default();
            io::focus_id(&format!("tab-{}", tabs[n].id()));
            d.dispatch(Action::SetInputTab(tabs[n]));
        }
    });
    let m = use_messages();
    html! {
        <div class="tabs" role="tablist" aria-label={m.t("input-label")} {onkeydown}>
            { for tabs.iter().map(|&t| {
                let d = props.dispatch.clone();
                let selected = t == current;
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", t.id())}
                        class={classes!("tab", selected.then_some("selected"))}
                        aria-selected={selected.to_string()} aria-controls={format!("panel-{}", t.id())}
                        tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::SetInputTab(t)))}>
                        { m.t(&format!("tab-{}", t.id())) }
                        if t == InputTab::Dockerfile && props.problems > 0 {
                            <span class="count">{ props.problems }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}
