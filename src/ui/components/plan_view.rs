//! The Build plan view: the waves of stages the builder builds for the target, and the
//! stages it skips with the reason.

use yew::prelude::*;

use crate::analysis::failure::Failure;
use crate::analysis::{Builder, Span};
use crate::page::core_text::skip_reason;
use crate::page::plan::{
    builder_difference, builder_key, failure_headline, failure_note, nothing_built, stage_name,
};
use crate::ui::messages::{Messages, use_messages};
use crate::ui::state::{Action, AnalysisRc, State};

use super::rich_text::rich_text;
use super::show_all::{LIST_CAP, show_all};

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct PlanViewProps {
    pub analysis: AnalysisRc,
    pub command: AttrValue,
    pub dispatch: Dispatch,
}

/// The build plan of the target.
#[function_component(PlanView)]
pub fn plan_view(props: &PlanViewProps) -> Html {
    let m = use_messages();
    let a = &props.analysis;
    let plan = &a.plan;
    let failure = failure_box(&m, props);
    let Some(target) = plan.target else {
        return html! {
            <div class="plan-view">
                { failure }
                <div class="panel-empty">{ nothing_built(&m, a) }</div>
            </div>
        };
    };
    let failing = plan.failure.as_ref().and_then(|f| f.stage);
    let fails_tag = |s: usize| -> Html {
        if failing == Some(s) {
            html! { <span class="chip-tag chip-tag-fails">{ m.t("chip-fails") }</span> }
        } else {
            Html::default()
        }
    };
    let reveal = |s: usize| {
        let d = props.dispatch.clone();
        let span = a.stages.get(s).map(|s| s.span).unwrap_or_default();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Reveal(first_span(span))))
    };
    let stage_chip = |s: usize| {
        let is_target = s == target;
        html! {
            <button type="button" class={classes!("chip", is_target.then_some("chip-target"), (failing == Some(s)).then_some("chip-failed"))} data-plan-stage={s.to_string()}
                onclick={reveal(s)} title={m.t("show-in-editor")}>
                { stage_name(a, s) }
                if is_target { <span class="chip-tag">{ m.t("chip-target") }</span> }
                { fails_tag(s) }
            </button>
        }
    };
    let buildkit = plan.builder == Builder::BuildKit;
    let all = use_state(|| false);
    let limit = if *all { usize::MAX } else { LIST_CAP };
    // How many chips of each wave fit under the cap, in order.
    let mut room = limit;
    let waves: Vec<(usize, &[usize])> = plan
        .waves
        .iter()
        .enumerate()
        .map_while(|(i, w)| {
            (room > 0).then(|| {
                let take = w.len().min(room);
                room -= take;
                (i, w.get(..take).unwrap_or(&[]))
            })
        })
        .collect();
    let chips_total: usize = plan.waves.iter().map(Vec::len).sum();
    let chips_shown: usize = waves.iter().map(|(_, w)| w.len()).sum();
    let skipped_shown = plan.skipped.len().min(limit);
    html! {
        <div class="plan-view">
            { failure }
            <p class="plan-summary">
                // A failing build stops before it has built them all.
                { rich_text(&m.f(if plan.failure.is_some() { "plan-summary-would" } else { "plan-summary" }, &[
                    ("builder", builder_key(plan.builder).into()),
                    ("built", plan.built.len().into()),
                    ("stages", a.stages.len().into()),
                    ("target", stage_name(a, target).as_str().into())])) }
            </p>
            <p class="plan-diff" id="builder-diff">{ rich_text(&builder_difference(&m, a)) }</p>
            <ol class="waves">
                { for waves.iter().map(|&(i, wave)| html! {
                    <li class="wave">
                        <span class="wave-label">{ m.f(if buildkit { "plan-wave" } else { "plan-step" }, &[("n", (i + 1).into())]) }</span>
                        <div class="wave-stages">{ for wave.iter().map(|&s| stage_chip(s)) }</div>
                    </li>
                }) }
            </ol>
            { show_all(&m, chips_shown, chips_total, &all, "list-built-stages") }
            if !plan.skipped.is_empty() {
                <h3>{ m.f("plan-skipped", &[("n", plan.skipped.len().into())]) }</h3>
                <ul class="skipped">
                    { for plan.skipped.iter().take(skipped_shown).map(|s| html! {
                        <li>
                            <button type="button" class={classes!("chip", "chip-skipped", (failing == Some(s.stage)).then_some("chip-failed"))}
                                data-plan-stage={s.stage.to_string()} onclick={reveal(s.stage)}>{ stage_name(a, s.stage) }{ fails_tag(s.stage) }</button>
                            <span class="reason">{ rich_text(&skip_reason(&m, &s.reason)) }</span>
                        </li>
                    }) }
                </ul>
                { show_all(&m, skipped_shown, plan.skipped.len(), &all, "list-skipped-stages") }
            }
        </div>
    }
}

/// Where and why the build fails, with a button to the line; nothing when it succeeds.
fn failure_box(m: &Messages, props: &PlanViewProps) -> Html {
    let a = &props.analysis;
    let (Some(f), Some(headline)) = (&a.plan.failure, failure_headline(m, a, &a.plan)) else {
        return Html::default();
    };
    html! {
        <section class="plan-failure" id="plan-failure" data-failure-line={f.line.to_string()}>
            <p class="plan-failure-head">{ rich_text(&headline) }</p>
            <p class="plan-failure-msg" lang="en"><code class="rule-name">{ f.rule }</code>{ " " }{ f.message.clone() }</p>
            { buildkit_words_note(m) }
            if let Some(note) = failure_note(m, &a.plan) { <p class="plan-failure-note">{ note }</p> }
            { show_line(m, f, &props.dispatch) }
        </section>
    }
}

/// The button that shows a failure's line in the editor (none for a failure outside the
/// file, such as a `.dockerignore` pattern); the Final image view shows it too.
pub(crate) fn show_line(m: &Messages, f: &Failure, dispatch: &Dispatch) -> Html {
    if f.line == 0 {
        return Html::default();
    }
    let d = dispatch.clone();
    let span = f.span;
    html! {
        <button type="button" class="btn btn-small"
            onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::Reveal(span)))}>
            { m.f("show-line", &[("line", f.line.into())]) }
        </button>
    }
}

/// In a language other than English, a line saying that the message above is BuildKit's own,
/// left in English as BuildKit prints it (so it can be searched for), with the page's
/// explanation around it.
pub(crate) fn buildkit_words_note(m: &Messages) -> Html {
    if m.lang() == crate::page::lang::Lang::En {
        return Html::default();
    }
    html! { <p class="muted buildkit-words">{ m.t("buildkit-words") }</p> }
}

/// The first line of a span (a stage's FROM line).
fn first_span(span: Span) -> Span {
    Span::new(span.start, span.start)
}
