//! The Step through view: the build one instruction at a time, with what each step adds
//! and removes, a play button and a timeline.

use yew::prelude::*;

use crate::analysis::files::images::human_size;
use crate::analysis::{Builder, LineIndex};
use crate::page::core_text::effect_note;
use crate::page::graph_svg::first_line;
use crate::page::plan::stage_name;
use crate::page::share::Text;
use crate::page::steps;
use crate::ui::io;
use crate::ui::messages::use_messages;
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
    let m = use_messages();
    let a = &props.analysis;
    let all = steps::steps(a);
    if all.is_empty() {
        return html! { <div class="panel-empty">{ m.t("steps-nothing") }</div> };
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
            <div class="step-controls" role="group" aria-label={m.t("steps-controls")}>
                <button type="button" class="icon-btn" onclick={prev} aria-label={m.t("steps-previous")} disabled={cur == 0}>{ "←" }</button>
                <button type="button" class="btn btn-primary" id="play" onclick={play} aria-label={if playing { m.t("steps-pause") } else { m.t("steps-play") }}>
                    { if playing { "❚❚ " } else { "▶ " } }{ if playing { m.t("steps-pause") } else { m.t("steps-play") } }
                </button>
                <button type="button" class="icon-btn" onclick={next} aria-label={m.t("steps-next")} disabled={cur + 1 >= n}>{ "→" }</button>
                <input type="range" class="scrub" min="0" max={(n - 1).to_string()} value={cur.to_string()}
                    aria-label={m.t("steps-step")} oninput={scrub} />
                <span class="step-count" aria-live="polite">{ m.f("steps-count", &[("k", (cur + 1).into()), ("n", n.into())]) }</span>
            </div>
            <div class="step-card card">
                <div class="step-head">
                    <span class="chip">{ stage_name(a, step.stage) }</span>
                    <span class="muted">{
                        if buildkit {
                            if step.parallel.is_empty() { m.f("steps-wave", &[("n", (step.wave + 1).into())]) }
                            else { m.f("steps-wave-parallel", &[("n", (step.wave + 1).into()),
                                ("stages", step.parallel.iter().map(|&s| stage_name(a, s)).collect::<Vec<_>>().join(", ").as_str().into())]) }
                        } else { m.f("steps-stage-of", &[("k", (step.wave + 1).into()), ("n", a.plan.waves.len().into())]) }
                    }</span>
                </div>
                if let Some(src) = &source {
                    <p class="step-lines muted">{ if src.first_line == src.last_line { m.f("line-n", &[("line", src.first_line.into())]) } else { m.f("lines-n-m", &[("first", src.first_line.into()), ("last", src.last_line.into())]) } }</p>
                    <pre class="step-inst"><code>{ src.text.clone() }
                        if src.hidden_lines > 0 {
                            { "\n" }{ m.f("steps-more-lines", &[("n", src.hidden_lines.into())]) }
                        }
                    </code></pre>
                }
                if let Some(e) = effect {
                    <div class="step-effect">
                        if !e.added.is_empty() {
                            <p><strong>{ m.t("steps-adds") }{ " " }</strong>{ for e.added.iter().take(12).map(|p| html!{ <code class="path add">{ p.clone() }</code> }) }
                               if e.added.len() > 12 { <span class="muted">{ " " }{ m.f("steps-more", &[("n", (e.added.len() - 12).into())]) }</span> }</p>
                        }
                        if !e.removed.is_empty() {
                            <p><strong>{ m.t("steps-removes") }{ " " }</strong>{ for e.removed.iter().take(12).map(|p| html!{ <code class="path del">{ p.clone() }</code> }) }</p>
                        }
                        if e.layer_bytes > 0 { <p class="muted">{ m.f("steps-layer", &[("size", human_size(e.layer_bytes).as_str().into())]) }</p> }
                        { for e.notes.iter().map(|note| html! { <p class="note">{ effect_note(&m, note) }</p> }) }
                        if e.added.is_empty() && e.removed.is_empty() && e.notes.is_empty() { <p class="muted">{ m.t("steps-no-change") }</p> }
                    </div>
                } else {
                    <p class="muted">{ m.t("steps-nothing-recorded") }</p>
                }
            </div>
            if lo > 0 { <p class="muted list-more">{ m.f("steps-earlier", &[("n", lo.into())]) }</p> }
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
                                <span class="tl-n">{ i + 1 }</span><span class="tl-line">{ m.f("line-n", &[("line", line.into())]) }</span><code>{ label }</code>
                            </button>
                        </li>
                    }
                }) }
            </ol>
            if hi < n { <p class="muted list-more">{ m.f("steps-later", &[("n", (n - hi).into())]) }</p> }
        </div>
    }
}
