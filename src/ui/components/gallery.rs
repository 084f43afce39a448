//! The examples gallery: a dialog of example cards; picking one loads it.

use yew::prelude::*;

use crate::page::examples::{EXAMPLES, Example};
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, State};

use super::modal::use_modal;

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    pub current: Option<&'static str>,
    pub dispatch: Dispatch,
}

/// The gallery dialog; Escape (wherever the focus is) or a click outside closes it, and the
/// focus goes back to the Examples button (`modal.rs`).
#[function_component(Gallery)]
pub fn gallery(props: &GalleryProps) -> Html {
    let d = props.dispatch.clone();
    let close = Callback::from(move |_: MouseEvent| d.dispatch(Action::CloseExamples));
    let d = props.dispatch.clone();
    let (dialog, onkeydown) = use_modal(
        "examples-button",
        Callback::from(move |()| d.dispatch(Action::CloseExamples)),
    );
    let m = use_messages();
    let card = |ex: &'static Example| {
        let d = props.dispatch.clone();
        let id = ex.id;
        let pick = Callback::from(move |_: MouseEvent| d.dispatch(Action::LoadExample(id)));
        let current = props.current == Some(ex.id);
        html! {
            <li>
                <button type="button" class={classes!("example-card", current.then_some("current"))}
                    data-example={ex.id} onclick={pick} aria-current={current.then_some("true")}>
                    <strong>{ m.t_or(&format!("example-{}-title", ex.id), ex.title) }</strong>
                    <span>{ m.t_or(&format!("example-{}-summary", ex.id), ex.summary) }</span>
                </button>
            </li>
        }
    };
    html! {
        <div class="gallery-backdrop" onclick={close.clone()}>
            <div class="gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title" ref={dialog}
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())} {onkeydown}>
                <div class="gallery-head">
                    <h2 id="gallery-title">{ m.t("examples-button") }</h2>
                    <button type="button" class="icon-btn" aria-label={m.t("close")} onclick={close}>{ "×" }</button>
                </div>
                <p class="muted">{ m.t("examples-intro") }</p>
                <ul class="example-grid">
                    { for EXAMPLES.iter().map(card) }
                </ul>
            </div>
        </div>
    }
}
