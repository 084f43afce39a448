//! The smaller panels of the page: header, examples gallery, input tabs, the output toolbar
//! (target, builder, command), build plan, problems and step-through. Each is a function of
//! its props and reports up through the reducer's dispatcher.

use yew::prelude::*;

use crate::analysis::{Analysis, Builder, LineIndex, Severity, Span};

use super::examples::{EXAMPLES, Example};
use super::graph_view::first_line;
use super::image_view::human_size;
use super::io;
use super::share::{Text, View};
use super::state::{Action, AnalysisRc, InputTab, State, Stepper, Theme};
use super::steps;

type Dispatch = UseReducerDispatcher<State>;

/// Long lists (plan, problems) show their first `LIST_CAP` entries until asked for all, and
/// the step timeline a window of that many around the current step: thousands of rows
/// would hold the page for seconds after a paste (SPEC §10).
pub const LIST_CAP: usize = 400;

/// The line under a capped list: how much is shown and a button for the rest; nothing when
/// the whole list is shown.
pub(crate) fn show_all(shown: usize, total: usize, all: &UseStateHandle<bool>, what: &str) -> Html {
    if shown >= total {
        return html! {};
    }
    let all = all.clone();
    html! {
        <p class="list-more">
            <span class="muted">{ format!("Showing {shown} of {total} {what}. ") }</span>
            <button type="button" class="btn btn-small" onclick={Callback::from(move |_: MouseEvent| all.set(true))}>
                { format!("Show all {total}") }
            </button>
        </p>
    }
}

/// Text with `backtick` spans shown as code (our messages and notes quote names that way).
pub fn rich_text(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    // An odd number of backticks leaves the last one literal.
    let balanced = parts.len() % 2 == 1;
    html! {
        <>
            { for parts.iter().enumerate().map(|(i, p)| {
                if i % 2 == 1 && (balanced || i + 1 < parts.len()) {
                    html! { <code>{ p.to_string() }</code> }
                } else if i % 2 == 1 {
                    html! { { format!("`{p}") } }
                } else {
                    html! { { p.to_string() } }
                }
            }) }
        </>
    }
}

fn stage_name(a: &Analysis, s: usize) -> String {
    a.stages
        .get(s)
        .map(|s| s.display_name())
        .unwrap_or_else(|| format!("stage-{s}"))
}

// ---------------------------------------------------------------------------------------
// Header

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub theme: Theme,
    pub examples_open: bool,
    pub dispatch: Dispatch,
    /// Buttons placed before the theme switch (Share, Embed, Export).
    #[prop_or_default]
    pub actions: Html,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let d = props.dispatch.clone();
    let toggle = Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleExamples));
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

// ---------------------------------------------------------------------------------------
// Examples gallery

#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    pub current: Option<&'static str>,
    pub dispatch: Dispatch,
}

#[function_component(Gallery)]
pub fn gallery(props: &GalleryProps) -> Html {
    let d = props.dispatch.clone();
    let close = Callback::from(move |_: MouseEvent| d.dispatch(Action::CloseExamples));
    let d = props.dispatch.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            d.dispatch(Action::CloseExamples);
            io::focus_id("examples-button");
        }
    });
    let card = |ex: &'static Example| {
        let d = props.dispatch.clone();
        let id = ex.id;
        let pick = Callback::from(move |_: MouseEvent| d.dispatch(Action::LoadExample(id)));
        let current = props.current == Some(ex.id);
        html! {
            <li>
                <button type="button" class={classes!("example-card", current.then_some("current"))}
                    data-example={ex.id} onclick={pick} aria-current={current.then_some("true")}>
                    <strong>{ ex.title }</strong>
                    <span>{ ex.summary }</span>
                </button>
            </li>
        }
    };
    html! {
        <div class="gallery-backdrop" onclick={close.clone()}>
            <div class="gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title"
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())} {onkeydown}>
                <div class="gallery-head">
                    <h2 id="gallery-title">{ "Examples" }</h2>
                    <button type="button" class="icon-btn" aria-label="Close" onclick={close}>{ "×" }</button>
                </div>
                <p class="muted">{ "Each example comes with its build context and a note on what to notice. Loading one replaces the editor's text (your draft is saved as you type)." }</p>
                <ul class="example-grid">
                    { for EXAMPLES.iter().map(card) }
                </ul>
            </div>
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// Input tabs

#[derive(Properties, PartialEq)]
pub struct InputTabsProps {
    pub tab: InputTab,
    pub dispatch: Dispatch,
    /// Problems per tab are not tracked; the Dockerfile tab shows the diagnostics count.
    pub problems: usize,
}

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
    html! {
        <div class="tabs" role="tablist" aria-label="Input" {onkeydown}>
            { for tabs.iter().map(|&t| {
                let d = props.dispatch.clone();
                let selected = t == current;
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", t.id())}
                        class={classes!("tab", selected.then_some("selected"))}
                        aria-selected={selected.to_string()} aria-controls={format!("panel-{}", t.id())}
                        tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::SetInputTab(t)))}>
                        { t.label() }
                        if t == InputTab::Dockerfile && props.problems > 0 {
                            <span class="count">{ props.problems }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextPanelProps {
    pub tab: InputTab,
    pub value: AttrValue,
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
    html! {
        <div class="text-panel">
            <p class="muted help">{ props.help }</p>
            if let Some(n) = &props.note { <p class="note">{ n.clone() }</p> }
            <textarea id={format!("input-{}", tab.id())} class="plain-input" spellcheck="false"
                aria-label={tab.label()} placeholder={props.placeholder}
                value={props.value.clone()} {oninput} />
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// Output toolbar: target picker, builder switch, command line

#[derive(Properties, PartialEq)]
pub struct OutputToolbarProps {
    pub analysis: AnalysisRc,
    pub target: Option<AttrValue>,
    pub builder: Builder,
    pub command: AttrValue,
    pub dispatch: Dispatch,
}

#[function_component(OutputToolbar)]
pub fn output_toolbar(props: &OutputToolbarProps) -> Html {
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
        .and_then(|t| a.stages.iter().position(|s| s.display_name() == t));
    let unlisted = a.stages.len().saturating_sub(LIST_CAP)
        - usize::from(chosen.is_some_and(|i| i >= LIST_CAP));
    let builder_btn = |b: Builder, label: &'static str| {
        let d = props.dispatch.clone();
        let on = props.builder == b;
        html! {
            <button type="button" role="radio" aria-checked={on.to_string()} data-builder={b.as_str()}
                class={classes!("seg", on.then_some("on"))}
                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::SetBuilder(b)))}>
                { label }
            </button>
        }
    };
    let command = props.command.clone();
    let d = props.dispatch.clone();
    let copy = Callback::from(move |_: MouseEvent| {
        io::copy_text(&command);
        d.dispatch(Action::Toast(Some("Command copied".into())));
    });
    html! {
        <div class="output-toolbar">
            <label class="field">
                <span>{ "Target" }</span>
                <select id="target" {onchange} aria-label="Target stage">
                    <option value="" selected={selected.is_none()}>{ format!("default (last stage{})", if last.is_empty() { String::new() } else { format!(": {last}") }) }</option>
                    // Past LIST_CAP stages only the first ones and the chosen one are listed:
                    // 10 000 options took Chromium about 200 ms to build on every paste.
                    { for a.stages.iter().enumerate().filter(|&(i, _)| i < LIST_CAP || Some(i) == chosen).map(|(i, s)| {
                        let name = s.display_name();
                        html! { <option value={name.clone()} selected={Some(i) == chosen}>{ name }</option> }
                    }) }
                    if unlisted > 0 {
                        <option value="" disabled=true>{ format!("… {unlisted} more stages, not listed") }</option>
                    }
                    // A target that names no stage stays visible (and is reported as a problem).
                    if let Some(t) = selected.as_ref().filter(|_| chosen.is_none()) {
                        <option value={t.clone()} selected=true>{ format!("{t} (unknown)") }</option>
                    }
                </select>
            </label>
            <div class="field">
                <span id="builder-label">{ "Builder" }</span>
                <div class="segmented" role="radiogroup" aria-labelledby="builder-label">
                    { builder_btn(Builder::BuildKit, "BuildKit") }
                    { builder_btn(Builder::Legacy, "Legacy") }
                </div>
            </div>
            <div class="command">
                <code id="command-line">{ props.command.clone() }</code>
                <button type="button" class="btn btn-small" onclick={copy} aria-label="Copy the command">{ "Copy" }</button>
            </div>
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// Output tabs

#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    pub view: View,
    pub problems: usize,
    pub errors: usize,
    pub dispatch: Dispatch,
}

pub fn view_label(v: View) -> &'static str {
    match v {
        View::Graph => "Graph",
        View::Plan => "Build plan",
        View::Files => "Final image",
        View::Problems => "Problems",
        View::Steps => "Step through",
    }
}

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
    html! {
        <div class="tabs view-tabs" role="tablist" aria-label="Output" {onkeydown}>
            { for View::ALL.iter().map(|&v| {
                let d = props.dispatch.clone();
                let selected = v == current;
                html! {
                    <button type="button" role="tab" id={format!("view-{}", v.as_str())}
                        class={classes!("tab", selected.then_some("selected"))}
                        aria-selected={selected.to_string()} aria-controls="output-panel"
                        tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::SetView(v)))}>
                        { view_label(v) }
                        if v == View::Problems && props.problems > 0 {
                            <span class={classes!("count", (props.errors > 0).then_some("count-err"))}>{ props.problems }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// Build plan

#[derive(Properties, PartialEq)]
pub struct PlanViewProps {
    pub analysis: AnalysisRc,
    pub command: AttrValue,
    pub dispatch: Dispatch,
}

/// The one-line difference between the chosen builder and the other one.
pub fn builder_difference(a: &Analysis) -> String {
    let (bk, legacy) = match a.plan.builder {
        Builder::BuildKit => (&a.plan, &a.other_plan),
        Builder::Legacy => (&a.other_plan, &a.plan),
    };
    let extra: Vec<String> = legacy
        .built
        .iter()
        .filter(|s| !bk.built.contains(s))
        .map(|&s| format!("`{}`", stage_name(a, s)))
        .collect();
    if extra.is_empty() {
        "BuildKit and the legacy builder build the same stages for this target.".to_string()
    } else {
        let n = extra.len();
        let list = if n > 6 {
            format!("{}, … ({} more)", extra[..6].join(", "), n - 6)
        } else {
            extra.join(", ")
        };
        format!(
            "Legacy builds {n} more stage{}: {list}.",
            if n == 1 { "" } else { "s" }
        )
    }
}

#[function_component(PlanView)]
pub fn plan_view(props: &PlanViewProps) -> Html {
    let a = &props.analysis;
    let plan = &a.plan;
    let Some(target) = plan.target else {
        return html! { <div class="panel-empty">{ "No target to build: add a FROM line, or pick a stage that exists." }</div> };
    };
    let reveal = |s: usize| {
        let d = props.dispatch.clone();
        let span = a.stages.get(s).map(|s| s.span).unwrap_or_default();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Reveal(first_span(span))))
    };
    let stage_chip = |s: usize| {
        let is_target = s == target;
        html! {
            <button type="button" class={classes!("chip", is_target.then_some("chip-target"))} data-plan-stage={s.to_string()}
                onclick={reveal(s)} title="Show in the editor">
                { stage_name(a, s) }
                if is_target { <span class="chip-tag">{ "target" }</span> }
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
            <p class="plan-summary">
                { format!("{} builds {} of {} stage{} for target ", if buildkit { "BuildKit" } else { "The legacy builder" },
                    plan.built.len(), a.stages.len(), if a.stages.len() == 1 { "" } else { "s" }) }
                <code>{ stage_name(a, target) }</code>
                { if buildkit { ", in dependency order; stages of the same wave run in parallel." } else { ", one after another in file order." } }
            </p>
            <p class="plan-diff" id="builder-diff">{ rich_text(&builder_difference(a)) }</p>
            <ol class="waves">
                { for waves.iter().map(|&(i, wave)| html! {
                    <li class="wave">
                        <span class="wave-label">{ if buildkit { format!("Wave {}", i + 1) } else { format!("Step {}", i + 1) } }</span>
                        <div class="wave-stages">{ for wave.iter().map(|&s| stage_chip(s)) }</div>
                    </li>
                }) }
            </ol>
            { show_all(chips_shown, chips_total, &all, "built stages") }
            if !plan.skipped.is_empty() {
                <h3>{ format!("Skipped ({})", plan.skipped.len()) }</h3>
                <ul class="skipped">
                    { for plan.skipped.iter().take(skipped_shown).map(|s| html! {
                        <li>
                            <button type="button" class="chip chip-skipped" onclick={reveal(s.stage)}>{ stage_name(a, s.stage) }</button>
                            <span class="reason">{ rich_text(&s.reason) }</span>
                        </li>
                    }) }
                </ul>
                { show_all(skipped_shown, plan.skipped.len(), &all, "skipped stages") }
            }
        </div>
    }
}

/// The first line of a span (a stage's FROM line).
fn first_span(span: Span) -> Span {
    Span::new(span.start, span.start)
}

// ---------------------------------------------------------------------------------------
// Problems

#[derive(Properties, PartialEq)]
pub struct ProblemsViewProps {
    pub analysis: AnalysisRc,
    pub text: Text,
    pub open_rule: Option<AttrValue>,
    pub dispatch: Dispatch,
}

/// The documentation page of a BuildKit build check (`StageNameCasing` →
/// `.../build-checks/stage-name-casing/`).
pub fn buildkit_rule_url(rule: &str) -> String {
    let mut kebab = String::new();
    for (i, c) in rule.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                kebab.push('-');
            }
            kebab.push(c.to_ascii_lowercase());
        } else {
            kebab.push(c);
        }
    }
    format!("https://docs.docker.com/reference/build-checks/{kebab}/")
}

#[function_component(ProblemsView)]
pub fn problems_view(props: &ProblemsViewProps) -> Html {
    let a = &props.analysis;
    let all = use_state(|| false);
    if a.diagnostics.is_empty() {
        return html! { <div class="panel-empty ok">{ "No problems found. ✓" }</div> };
    }
    let lines = LineIndex::new(&props.text);
    let shown = a
        .diagnostics
        .len()
        .min(if *all { usize::MAX } else { LIST_CAP });
    html! {
        <>
        <ul class="problems">
            { for a.diagnostics.iter().take(shown).map(|d| {
                let line = lines.line(d.span.start);
                let span = d.span;
                let dispatch = props.dispatch.clone();
                let go = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Reveal(span)));
                let rule = d.rule.to_string();
                let open = props.open_rule.as_deref() == Some(d.rule);
                let dispatch = props.dispatch.clone();
                let toggle = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ToggleRule(rule.clone())));
                let sev = d.severity.as_str();
                html! {
                    <li class={classes!("problem", format!("sev-{sev}"))}>
                        <button type="button" class="problem-main" onclick={go} title="Show in the editor">
                            <span class={classes!("sev", format!("sev-badge-{sev}"))} aria-label={sev}>{ match d.severity { Severity::Error => "✕", Severity::Warning => "!", Severity::Info => "i" } }</span>
                            <span class="problem-text">
                                <span class="problem-msg">{ rich_text(&d.message) }</span>
                                <span class="problem-meta"><span class="rule">{ d.rule }</span>{ format!(" · line {line}") }</span>
                            </span>
                        </button>
                        <button type="button" class="btn btn-small explain" aria-expanded={open.to_string()} onclick={toggle}>{ if open { "Hide" } else { "Explain" } }</button>
                        if open { { rule_explanation(d.rule) } }
                    </li>
                }
            }) }
        </ul>
        { show_all(shown, a.diagnostics.len(), &all, "problems") }
        </>
    }
}

/// The rule's explanation with its bad and good examples, from the core's registry.
fn rule_explanation(rule: &str) -> Html {
    let Some(r) = crate::analysis::lint::rule(rule) else {
        return html! { <div class="rule-doc"><p>{ format!("{rule}: no explanation recorded.") }</p></div> };
    };
    html! {
        <div class="rule-doc">
            <p>{ rich_text(r.explanation) }</p>
            <div class="rule-examples">
                <div><span class="ex-label bad-label">{ "Bad" }</span><pre class="bad"><code>{ r.bad }</code></pre></div>
                <div><span class="ex-label good-label">{ "Good" }</span><pre class="good"><code>{ r.good }</code></pre></div>
            </div>
            if r.buildkit {
                <p class="muted">{ "A BuildKit build check: " }<a href={buildkit_rule_url(rule)} target="_blank" rel="noopener noreferrer">{ format!("{rule} in Docker's documentation ↗") }</a></p>
            } else {
                <p class="muted">{ "One of Stageplay's own checks." }</p>
            }
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// Step through

#[derive(Properties, PartialEq)]
pub struct StepsViewProps {
    pub analysis: AnalysisRc,
    pub text: Text,
    pub stepper: Stepper,
    pub dispatch: Dispatch,
}

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
    let inst = a.instructions.get(step.instruction);
    let text: String = inst
        .map(|i| {
            // Whole lines: spans may stop before a closing `"]`.
            let end = props
                .text
                .get(i.span.end..)
                .and_then(|t| t.find('\n'))
                .map_or(props.text.len(), |n| i.span.end + n);
            let s = props.text.get(i.span.start..end).unwrap_or("");
            let mut lines: Vec<&str> = s.lines().take(6).collect();
            if s.lines().count() > 6 {
                lines.push("…");
            }
            lines.join("\n")
        })
        .unwrap_or_default();
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
                <pre class="step-inst"><code>{ text }</code></pre>
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
                    let label = a.instructions.get(s.instruction).map(|inst| first_line(inst.span, &props.text)).unwrap_or_default();
                    let new_stage = i == lo || all[i - 1].stage != s.stage;
                    html! {
                        <li class={classes!("tl-item", (i == cur).then_some("current"), new_stage.then_some("tl-stage-start"))}>
                            if new_stage { <span class="tl-stage">{ stage_name(a, s.stage) }</span> }
                            <button type="button" class="tl-step" aria-current={(i == cur).then_some("step")}
                                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::StepTo(i)))}>
                                <span class="tl-n">{ i + 1 }</span><code>{ label }</code>
                            </button>
                        </li>
                    }
                }) }
            </ol>
            if hi < n { <p class="muted list-more">{ format!("… {} later steps (use → or the slider)", n - hi) }</p> }
        </div>
    }
}
