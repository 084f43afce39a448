//! The page in embed mode (`?embed`): compact chrome, only the panes the embed asked for, and
//! an "Open in Stageplay" link carrying the same state. Built from the same components as the
//! full page, so an embed always agrees with it.

use yew::prelude::*;

use crate::page::embed::{self, EmbedOptions, Pane};
use crate::ui::io;
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, State};

use super::editor_pane::EditorPane;
use super::graph_view::GraphView;
use super::image_view::ImageView;
use super::lesson_panel::LessonPanel;
use super::output_toolbar::OutputToolbar;
use super::plan_view::PlanView;
use super::problems_view::ProblemsView;
use super::steps_view::StepsView;
use super::view_tabs::view_label;

#[derive(Properties, PartialEq)]
pub struct EmbedLayoutProps {
    pub state: UseReducerHandle<State>,
    pub dispatch: UseReducerDispatcher<State>,
    pub options: EmbedOptions,
    /// Why the worker could not analyse the text, if it could not (`app.rs`).
    pub analysis_error: Option<AttrValue>,
    pub on_retry: Callback<MouseEvent>,
}

/// The whole page of an embed.
#[function_component(EmbedLayout)]
pub fn embed_layout(props: &EmbedLayoutProps) -> Html {
    let state = &props.state;
    let opts = &props.options;
    let dispatch = &props.dispatch;
    let a = &state.analysis;
    let text = state.share.dockerfile.clone();
    let analysed = state.analysed.clone();
    let command: AttrValue = state.command_line().into();

    // The link is re-encoded only when the shared state changes, not on every render.
    let open = {
        let share = state.share.clone();
        use_memo(share, |s| embed::open_link(&io::page_address(), s).ok())
    };

    // Framed by embed.js: report the content's height so the iframe fits it (no scrollbar
    // inside a scrolling docs page), and follow the docs page's dark mode.
    let root = use_node_ref();
    {
        let root = root.clone();
        use_effect_with((), move |_| {
            let listener = io::post_height_to_parent(&root);
            move || drop(listener)
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            io::on_host_theme(move |t| dispatch.dispatch(Action::SetTheme(t)))
        });
    }

    let m = use_messages();
    let pane = |p: Pane| -> Html {
        let body = match p {
            // Until the worker's first analysis arrives there is nothing true to show.
            _ if state.awaiting_first && p != Pane::Editor && props.analysis_error.is_some() => {
                html! {}
            }
            _ if state.awaiting_first && p != Pane::Editor => html! {
                <p class="stale" role="status">{ m.t("analysing") }</p>
            },
            Pane::Editor => html! {
                <EditorPane text={text.clone()} analysis={a.clone()} analysed={analysed.clone()} cursor_stage={state.cursor_stage}
                    reveal={state.reveal} readonly={opts.readonly} dispatch={dispatch.clone()} />
            },
            Pane::Graph => html! {
                <GraphView analysis={a.clone()} text={analysed.clone()} cursor_stage={state.cursor_stage}
                    hovered={state.hovered_stage} zoom={state.zoom} dispatch={dispatch.clone()} />
            },
            Pane::Plan => html! {
                <PlanView analysis={a.clone()} command={command.clone()} dispatch={dispatch.clone()} />
            },
            Pane::Files => html! {
                <ImageView analysis={a.clone()} text={analysed.clone()} dispatch={dispatch.clone()} />
            },
            Pane::Problems => html! {
                <ProblemsView analysis={a.clone()} text={analysed.clone()}
                    open_rule={state.open_rule.clone().map(AttrValue::from)} dispatch={dispatch.clone()} />
            },
            Pane::Steps => html! {
                <StepsView analysis={a.clone()} text={analysed.clone()} stepper={state.stepper} dispatch={dispatch.clone()} />
            },
            Pane::Lesson => html! {
                <LessonPanel lang={state.lang} share={state.share.clone()} analysis={a.clone()}
                    stale={state.stale} dispatch={dispatch.clone()} />
            },
        };
        let title = match (p, p.view()) {
            (_, Some(v)) => view_label(&m, v),
            (Pane::Lesson, None) => m.t("pane-lesson"),
            _ => m.t("tab-dockerfile"),
        };
        html! {
            <section class={classes!("embed-pane", format!("embed-pane-{}", p.as_str()))}
                data-pane={p.as_str()} aria-label={title.clone()}
                aria-busy={(state.stale && p != Pane::Editor && props.analysis_error.is_none()).then_some("true")}>
                <h2 class="embed-pane-title">{ title }</h2>
                { body }
            </section>
        }
    };

    html! {
        <div class="app embed" ref={root} data-embed={opts.panes.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",")}>
            <header class="embed-bar">
                // The embed's one level-one heading (a page of its own inside the frame).
                <h1 class="embed-brand">{ "Stageplay" }</h1>
                <OutputToolbar analysis={a.clone()} target={state.share.target.clone().map(AttrValue::from)}
                    builder={state.share.builder} command={command.clone()} dispatch={dispatch.clone()} />
                if let Some(href) = (*open).clone() {
                    // A new tab, never the docs page itself: an embed does not navigate its host.
                    <a class="embed-open" id="embed-open" href={href} target="_blank" rel="noopener noreferrer">
                        { m.t("embed-open") }
                    </a>
                }
            </header>
            if !opts.unknown_views.is_empty() {
                <p class="embed-note" role="status">{ m.f("embed-unknown-views", &[
                    ("count", opts.unknown_views.len().into()),
                    ("views", opts.unknown_views.join(", ").as_str().into()),
                    ("known", Pane::ALL.map(Pane::as_str).join(", ").as_str().into())]) }</p>
            }
            if let Some(why) = &props.analysis_error {
                <p class="notice" role="alert">
                    { m.f("analysis-failed", &[("why", why.as_str().into())]) }
                    <button type="button" class="btn" onclick={props.on_retry.clone()}>{ m.t("analysis-retry") }</button>
                </p>
            }
            <main class="embed-panes">
                { for opts.panes.iter().map(|&p| pane(p)) }
            </main>
            if let Some(t) = &state.toast {
                <div class="toast" role="status">{ t.clone() }</div>
            }
        </div>
    }
}
