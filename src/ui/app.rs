//! The app: one `State` with an `Action` reducer, and the components that render it.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::{self, Analysis, Base, LineIndex, Options};

use super::examples::GO_HREF_COUNTER;

/// The whole state of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub dockerfile: String,
    pub analysis: Rc<Analysis>,
}

impl State {
    pub fn new(dockerfile: String) -> Self {
        let analysis = Rc::new(analysis::analyze(&dockerfile, &Options::default()));
        State {
            dockerfile,
            analysis,
        }
    }
}

impl Default for State {
    fn default() -> Self {
        State::new(GO_HREF_COUNTER.dockerfile.to_string())
    }
}

/// Everything that can change the state.
pub enum Action {
    SetDockerfile(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetDockerfile(text) => Rc::new(State::new(text)),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The initial Dockerfile; `None` restores the saved draft or shows the default example.
    #[prop_or_default]
    pub initial: Option<String>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || match initial.or_else(load_draft) {
        Some(text) => State::new(text),
        None => State::default(),
    });
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(text) = input_value(&e) {
                save_draft(&text);
                state.dispatch(Action::SetDockerfile(text));
            }
        })
    };
    html! {
        <main class="app">
            <header class="app-header"><h1>{ "Stageplay" }</h1></header>
            <section class="input-pane">
                <label for="dockerfile" class="pane-title">{ "Dockerfile" }</label>
                <textarea id="dockerfile" class="editor" spellcheck="false"
                    value={state.dockerfile.clone()} {oninput} />
            </section>
            <section class="output-pane">
                <StageList analysis={state.analysis.clone()} text={state.dockerfile.clone()} />
            </section>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct StageListProps {
    pub analysis: Rc<Analysis>,
    pub text: String,
}

/// The list of stages (index, name, base) and any parse errors.
#[function_component(StageList)]
pub fn stage_list(props: &StageListProps) -> Html {
    let a = &props.analysis;
    let lines = LineIndex::new(&props.text);
    html! {
        <div class="stages">
            <h2>{ "Stages" }</h2>
            <ol class="stage-list">
            { for a.stages.iter().map(|s| {
                let base = match &s.base {
                    Base::Image { name } => name.clone(),
                    Base::Stage { stage } => format!("stage {stage}"),
                    Base::Scratch => "scratch".to_string(),
                };
                html! {
                    <li class="stage" data-index={s.index.to_string()}>
                        <span class="stage-index">{ s.index }</span>
                        <span class="stage-name">{ s.display_name() }</span>
                        <span class="stage-base">{ base }</span>
                    </li>
                }
            }) }
            </ol>
            { for a.diagnostics.iter().filter(|d| d.severity == analysis::Severity::Error).map(|d| html! {
                <p class="problem error" role="alert">
                    { format!("line {}: {}", lines.line(d.span.start), d.message) }
                </p>
            }) }
        </div>
    }
}

#[cfg(target_arch = "wasm32")]
fn input_value(e: &InputEvent) -> Option<String> {
    super::browser::input_value(e)
}

#[cfg(not(target_arch = "wasm32"))]
fn input_value(_e: &InputEvent) -> Option<String> {
    None
}

#[cfg(target_arch = "wasm32")]
fn load_draft() -> Option<String> {
    super::browser::load_draft()
}

#[cfg(not(target_arch = "wasm32"))]
fn load_draft() -> Option<String> {
    None
}

#[cfg(target_arch = "wasm32")]
fn save_draft(text: &str) {
    super::browser::save_draft(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn save_draft(_text: &str) {}
