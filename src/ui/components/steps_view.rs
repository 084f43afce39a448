//! The Step through view: the build one instruction at a time, with what each step adds
//! and removes, a play button and a timeline.

use yew::prelude::*;

use crate::analysis::files::images::human_size;
use crate::analysis::{Builder, LineIndex};
use crate::page::graph_svg::first_line;
use crate::page::plan::stage_name;
use crate::page::share::Text;
use crate::page::steps;
use crate::ui::io;
use crate::ui::state::{Action, AnalysisRc, State, Stepper};

use super::show_all::LIST_CAP;

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct StepsViewProps {
    pub analysis: AnalysisRc,
    pub text: Text,
    pub stepper: Stepper,
    pub dispatch: Dispatch,
}

/// The step-through of the build.
#[function_component(StepsView)]
pub fn steps_view(props: &StepsViewProps) -> Html {
    let a = &props.analysis;
    let all = steps::steps(a);
    if all.is_empty() {
        return html! { <div class="panel-empty">{ "Nothing to build yet." }</div> };
    }
    let n = all.len();
    let cur = props.stepper.step.min(n - 1);
    let step = &all[cur];
    let d = props.dispatch.clone();
    let playing = props.stepper.playing;
    let play = Callback::from(move |_: MouseEvent| {
        d.dispatch(if playing { Action::Pause } else { Action::Play })
    });
    let d = props.dispatch.clone();
    let prev = Callback::from(move |_: MouseEvent| d.dispatch(Action::StepBy(-1)));
    let d = props.dispatch.clone();
    let next = Callback::from(move |_: MouseEvent| d.dispatch(Action::StepBy(1)));
    let d = props.dispatch.clone();
    let scrub = Callback::from(move |e: InputEvent| {
        if let Some(v) = io::event_value(&e).and_then(|v| v.parse::<usize>().ok()) {
            d.dispatch(Action::StepTo(v));
        }
    });
    // Every line of the instruction, with its real line numbers (not only the first six).
    let lines = LineIndex::new(&props.text);
    let source = a
        .instructions
        .get(step.instruction)
        .map(|i| steps::step_source(&props.text, &lines, i.span));
    let buildkit = a.plan.builder == Builder::BuildKit;
    let effect = step.effect;
    // The timeline shows a window of LIST_CAP steps around the current one.
    let lo = cur
        .saturating_sub(LIST_CAP / 2)
        .min(n.saturating_sub(LIST_CAP));
    let hi = (lo + LIST_CAP).min(n);
    html! {
        <div class="steps-view">
            <div class="step-controls" role="group" aria-label="Step controls">
                <button type="button" class="icon-btn" onclick={prev} aria-label="Previous step" disabled={cur == 0}>{ "←" }</button>
                <button type="button" class="btn btn-primary" id="play" onclick={play} aria-label={if playing { "Pause" } else { "Play" }}>
                    { if playing { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <button type="button" class="icon-btn" onclick={next} aria-label="Next step" disabled={cur + 1 >= n}>{ "→" }</button>
                <input type="range" class="scrub" min="0" max={(n - 1).to_string()} value={cur.to_string()}
                    aria-label="Step" oninput={scrub} />
                <span class="step-count" aria-live="polite">{ format!("Step {} of {n}", cur + 1) }</span>
            </div>
            <div class="step-card card">
                <div class="step-head">
                    <span class="chip">{ stage_name(a, step.stage) }</span>
                    <span class="muted">{
                        if buildkit {
                            if step.parallel.is_empty() { format!("wave {}", step.wave + 1) }
                            else { format!("wave {} · in parallel with {}", step.wave + 1,
                                step.parallel.iter().map(|&s| stage_name(a, s)).collect::<Vec<_>>().join(", ")) }
                        } else { format!("stage {} of {}", step.wave + 1, a.plan.waves.len()) }
                    }</span>
                </div>
                if let Some(src) = &source {
                    <p class="step-lines muted">{ src.lines_label() }</p>
                    <pre class="step-inst"><code>{ src.text.clone() }</code></pre>
                }
                if let Some(e) = effect {
                    <div class="step-effect">
                        if !e.added.is_empty() {
                            <p><strong>{ "Adds " }</strong>{ for e.added.iter().take(12).map(|p| html!{ <code class="path add">{ p.clone() }</code> }) }
                               if e.added.len() > 12 { <span class="muted">{ format!(" +{} more", e.added.len() - 12) }</span> }</p>
                        }
                        if !e.removed.is_empty() {
                            <p><strong>{ "Removes " }</strong>{ for e.removed.iter().take(12).map(|p| html!{ <code class="path del">{ p.clone() }</code> }) }</p>
                        }
                        if e.layer_bytes > 0 { <p class="muted">{ format!("Layer ≈ {} (estimate)", human_size(e.layer_bytes)) }</p> }
                        if let Some(note) = &e.note { <p class="note">{ note.clone() }</p> }
                        if e.added.is_empty() && e.removed.is_empty() && e.note.is_none() { <p class="muted">{ "No change to the filesystem." }</p> }
                    </div>
                } else {
                    <p class="muted">{ "No filesystem change recorded for this step." }</p>
                }
            </div>
            if lo > 0 { <p class="muted list-more">{ format!("… {lo} earlier steps (use ← or the slider)") }</p> }
            <ol class="timeline" start={(lo + 1).to_string()}>
                { for all.iter().enumerate().skip(lo).take(hi - lo).map(|(i, s)| {
                    let d = props.dispatch.clone();
                    let (label, line) = a.instructions.get(s.instruction)
                        .map(|inst| (first_line(inst.span, &props.text), lines.line(inst.span.start)))
                        .unwrap_or_default();
                    let new_stage = i == lo || all[i - 1].stage != s.stage;
                    html! {
                        <li class={classes!("tl-item", (i == cur).then_some("current"), new_stage.then_some("tl-stage-start"))}>
                            if new_stage { <span class="tl-stage">{ stage_name(a, s.stage) }</span> }
                            <button type="button" class="tl-step" aria-current={(i == cur).then_some("step")}
                                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::StepTo(i)))}>
                                <span class="tl-n">{ i + 1 }</span><span class="tl-line">{ format!("line {line}") }</span><code>{ label }</code>
                            </button>
                        </li>
                    }
                }) }
            </ol>
            if hi < n { <p class="muted list-more">{ format!("… {} later steps (use → or the slider)", n - hi) }</p> }
        </div>
    }
}
