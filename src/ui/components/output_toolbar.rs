//! The output pane's toolbar: the target picker, the builder switch and the command line.

use yew::prelude::*;

use crate::analysis::Builder;
use crate::ui::io;
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, AnalysisRc, State};

use super::show_all::LIST_CAP;

/// Past this many stages the target picker gets a filter.
const FILTER_FROM: usize = 8;

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct OutputToolbarProps {
    pub analysis: AnalysisRc,
    pub target: Option<AttrValue>,
    pub builder: Builder,
    pub command: AttrValue,
    pub dispatch: Dispatch,
}

/// The toolbar above the output views.
#[function_component(OutputToolbar)]
pub fn output_toolbar(props: &OutputToolbarProps) -> Html {
    let m = use_messages();
    let a = &props.analysis;
    let d = props.dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(v) = io::event_value(&e) {
            d.dispatch(Action::SetTarget((!v.is_empty()).then_some(v)));
        }
    });
    let selected = props.target.as_ref().map(|t| t.to_ascii_lowercase());
    let last = a
        .stages
        .last()
        .map(|s| s.display_name())
        .unwrap_or_default();
    // The stage the target names, if any: its option is listed even past LIST_CAP.
    let chosen = selected
        .as_deref()
        .and_then(|t| a.stages.iter().position(|s| s.name.as_deref() == Some(t)));
    // A long list can be filtered by name: the options then list the matching stages (and
    // the chosen one), and Enter in the filter picks the only match.
    let filter = use_state(String::new);
    let q = filter.trim().to_ascii_lowercase();
    let matching: Vec<usize> = a
        .stages
        .iter()
        .enumerate()
        .filter(|(_, s)| q.is_empty() || s.display_name().contains(&q))
        .map(|(i, _)| i)
        .collect();
    let listed = |i: usize| Some(i) == chosen || matching.iter().take(LIST_CAP).any(|&m| m == i);
    let unlisted = matching.len().saturating_sub(LIST_CAP)
        - usize::from(chosen.is_some_and(|c| matching.iter().skip(LIST_CAP).any(|&m| m == c)));
    let filter_input = (a.stages.len() > FILTER_FROM).then(|| {
        let oninput = {
            let filter = filter.clone();
            Callback::from(move |e: InputEvent| filter.set(io::event_value(&e).unwrap_or_default()))
        };
        let only = match matching.as_slice() {
            [one] if !q.is_empty() => a.stages.get(*one).and_then(|s| s.name.clone()),
            _ => None,
        };
        let d = props.dispatch.clone();
        let clear = filter.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                if let Some(name) = only.clone() {
                    e.prevent_default();
                    d.dispatch(Action::SetTarget(Some(name)));
                    clear.set(String::new());
                }
            }
            "Escape" => clear.set(String::new()),
            _ => {}
        });
        html! {
            <input type="search" id="target-filter" class="find-input" placeholder={m.t("target-filter")}
                aria-label={m.t("target-filter-label")} aria-controls="target" autocomplete="off"
                value={(*filter).clone()} {oninput} {onkeydown} />
        }
    });
    // The builder switch is a WAI-ARIA radio group: one Tab stop (the checked radio), the
    // arrow keys check the other one and move the focus with it.
    let builder_btn = |b: Builder, label: String| {
        let d = props.dispatch.clone();
        let on = props.builder == b;
        html! {
            <button type="button" role="radio" aria-checked={on.to_string()} data-builder={b.as_str()}
                tabindex={if on { "0" } else { "-1" }}
                class={classes!("seg", on.then_some("on"))}
                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::SetBuilder(b)))}>
                { label }
            </button>
        }
    };
    let on_arrow = {
        let d = props.dispatch.clone();
        let current = props.builder;
        Callback::from(move |e: KeyboardEvent| {
            if matches!(
                e.key().as_str(),
                "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown"
            ) {
                e.prevent_default();
                // Two radios: every arrow checks the other one.
                let next = match current {
                    Builder::BuildKit => Builder::Legacy,
                    Builder::Legacy => Builder::BuildKit,
                };
                d.dispatch(Action::SetBuilder(next));
                io::focus_selector(&format!("[data-builder=\"{}\"]", next.as_str()));
            }
        })
    };
    let command = props.command.clone();
    let d = props.dispatch.clone();
    let copied = m.t("toast-command-copied");
    let copy = Callback::from(move |_: MouseEvent| {
        io::copy_text(&command);
        d.dispatch(Action::Toast(Some(copied.clone())));
    });
    html! {
        <div class="output-toolbar">
            <label class="field">
                <span>{ m.t("target") }</span>
                <select id="target" {onchange} aria-label={m.t("target-label")}>
                    <option value="" selected={selected.is_none()}>{ if last.is_empty() { m.t("target-default") } else { m.f("target-default-named", &[("stage", last.as_str().into())]) } }</option>
                    // Past LIST_CAP stages only the first ones and the chosen one are listed:
                    // 10 000 options took Chromium about 200 ms to build on every paste.
                    { for a.stages.iter().enumerate().filter(|&(i, _)| listed(i)).map(|(i, s)| {
                        let name = s.display_name();
                        // BuildKit targets `AS` names only: an unnamed stage is listed, not
                        // offered (a click on it in the graph offers to name it).
                        if s.name.is_none() {
                            return html! { <option value="" disabled=true>{ m.f("target-unnamed", &[("stage", name.as_str().into())]) }</option> };
                        }
                        html! { <option value={name.clone()} selected={Some(i) == chosen}>{ name }</option> }
                    }) }
                    if unlisted > 0 {
                        <option value="" disabled=true>{ m.f("target-unlisted", &[("n", unlisted.into())]) }</option>
                    }
                    if matching.is_empty() {
                        <option value="" disabled=true>{ m.f("target-no-match", &[("query", q.as_str().into())]) }</option>
                    }
                    // A target that names no stage stays visible (and is reported as a problem).
                    if let Some(t) = selected.as_ref().filter(|_| chosen.is_none()) {
                        <option value={t.clone()} selected=true>{ m.f("target-unknown", &[("stage", t.as_str().into())]) }</option>
                    }
                </select>
            </label>
            { filter_input.unwrap_or_default() }
            <div class="field">
                <span id="builder-label">{ m.t("builder") }</span>
                <div class="segmented" role="radiogroup" aria-labelledby="builder-label" onkeydown={on_arrow}>
                    { builder_btn(Builder::BuildKit, "BuildKit".into()) }
                    { builder_btn(Builder::Legacy, m.t("builder-legacy")) }
                </div>
            </div>
            <div class="command">
                <code id="command-line">{ props.command.clone() }</code>
                <button type="button" class="btn btn-small" onclick={copy} aria-label={m.t("copy-command")}>{ m.t("copy") }</button>
            </div>
        </div>
    }
}
