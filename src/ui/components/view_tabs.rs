//! The output views' tabs: Graph, Build plan, Final image, Problems, Step through.

use yew::prelude::*;

use crate::page::share::View;
use crate::ui::io;
use crate::ui::messages::{Messages, use_messages};
use crate::ui::state::{Action, State};

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    pub view: View,
    pub problems: usize,
    pub errors: usize,
    pub dispatch: Dispatch,
}

/// The tab label of a view.
pub fn view_label(m: &Messages, v: View) -> String {
    m.t(&format!("view-{}", v.as_str()))
}

/// The tab list, with arrow-key navigation and the problem count.
#[function_component(ViewTabs)]
pub fn view_tabs(props: &ViewTabsProps) -> Html {
    let current = props.view;
    let d = props.dispatch.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        let all = View::ALL;
        let i = all.iter().position(|v| *v == current).unwrap_or(0);
        let next = match e.key().as_str() {
            "ArrowRight" => Some((i + 1) % all.len()),
            "ArrowLeft" => Some((i + all.len() - 1) % all.len()),
            "Home" => Some(0),
            "End" => Some(all.len() - 1),
            _ => None,
        };
        if let Some(n) = next {
            e.prevent_default();
            io::focus_id(&format!("view-{}", all[n].as_str()));
            d.dispatch(Action::SetView(all[n]));
        }
    });
    let m = use_messages();
    html! {
        <div class="tabs view-tabs" role="tablist" aria-label={m.t("output-label")} {onkeydown}>
            { for View::ALL.iter().map(|&v| {
                let d = props.dispatch.clone();
                let selected = v == current;
                html! {
                    <button type="button" role="tab" id={format!("view-{}", v.as_str())}
                        class={classes!("tab", selected.then_some("selected"))}
                        aria-selected={selected.to_string()} aria-controls="output-panel"
                        tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::SetView(v)))}>
                        { view_label(&m, v) }
                        if v == View::Problems && props.problems > 0 {
                            <span class={classes!("count", (props.errors > 0).then_some("count-err"))}>{ props.problems }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}
