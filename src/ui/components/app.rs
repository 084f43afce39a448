//! The app component: owns the reducer (`ui/state.rs`), runs the effects that talk to the
//! browser (draft, theme, debounce, play timer), and lays out the header, the input pane and
//! the output pane. Everything it renders is a component that is a function of its props.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::{Severity, Span};
use crate::page::i18n::{self, Catalog};
use crate::page::lang::Lang;
use crate::page::large_text::is_large;
use crate::page::share::{ShareState, View};
use crate::page::steps::steps;
use crate::ui::draft::{self, DraftGuard, Saver};
use crate::ui::io;
use crate::ui::messages::{Messages, PackStatus};
use crate::ui::startup::{Startup, initial_state};
use crate::ui::state::{self, Action, AnalysisRc, DraftNotice, InputTab};
use crate::ui::worker;

use super::draft_history::DraftHistory;
use super::draft_notice::DraftNoticeBar;
use super::editor_pane::EditorPane;
use super::embed_layout::EmbedLayout;
use super::gallery::Gallery;
use super::graph_view::GraphView;
use super::header::Header;
use super::image_view::ImageView;
use super::input_tabs::InputTabs;
use super::lesson_panel::LessonPanel;
use super::link_notice::LinkNotice;
use super::output_toolbar::OutputToolbar;
use super::plan_view::PlanView;
use super::problems_view::ProblemsView;
use super::rich_text::rich_text;
use super::share_buttons::ShareButtons;
use super::steps_view::StepsView;
use super::target_notice::TargetNotice;
use super::text_panel::TextPanel;
use super::view_tabs::ViewTabs;
use super::view_tabs::view_label;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The initial Dockerfile; `None` restores the saved draft or shows the default example.
    #[prop_or_default]
    pub initial: Option<String>,
    /// A whole initial share state (a decoded share link, or a test's fixture); wins over
    /// `initial`.
    #[prop_or_default]
    pub share: Option<ShareState>,
}

/// Milliseconds between steps while playing.
const PLAY_INTERVAL_MS: u32 = 1100;
/// The debounce for texts too large to send to the worker on every keystroke.
const DEBOUNCE_MS: u32 = 200;

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let (share, initial) = (props.share.clone(), props.initial.clone());
    // The URL (a `#v1.` share link, `?embed`) is read before the first render; a link set
    // as the fragment later is opened by the `hashchange` handler below.
    let startup = use_memo((), |_| Startup::read());
    let state = {
        let startup = startup.clone();
        use_reducer(move || {
            let s = initial_state(&startup, share, initial);
            if !s.stale {
                return s;
            }
            // The worker's answer when it has come (`ui::start` waited a moment for it), else
            // the worker starts on it now and the first render's effect takes its answer.
            match worker::take_early(&s.share) {
                Some(a) => s.with_analysis(a),
                None => {
                    worker::analyse_early(&s.share);
                    s
                }
            }
        })
    };
    let link_error = use_state(|| startup.error.clone());
    let dispatch = state.dispatcher();

    // Browser effects: each reacts to the one piece of state it mirrors.
    {
        // An embed shows its own theme without changing the reader's saved choice.
        let embed = startup.embed.is_some();
        use_effect_with(state.theme, move |t| match embed {
            true => io::set_theme_attr(*t),
            false => io::apply_theme(*t),
        });
    }
    // The chosen language's messages are fetched the first time it is chosen; English (built
    // in) is shown until they arrive, and stays, with a note, if they cannot be fetched.
    let pack = use_state(|| None::<(Lang, Rc<Catalog>)>);
    let pack_status = use_state(PackStatus::default);
    let retry = use_state(|| 0u32);
    {
        let (pack, status) = (pack.clone(), pack_status.clone());
        use_effect_with((state.lang, *retry), move |(lang, _)| {
            let lang = *lang;
            match i18n::pack_path(lang) {
                Some(path) if pack.as_ref().is_none_or(|(l, _)| *l != lang) => {
                    status.set(PackStatus::Loading);
                    io::fetch_text(path, move |text| match text {
                        Some(text) => {
                            pack.set(Some((lang, Rc::new(Catalog::parse(&text).0))));
                            status.set(PackStatus::Ready);
                        }
                        None => status.set(PackStatus::Failed),
                    });
                }
                _ => status.set(PackStatus::Ready),
            }
        });
    }
    let messages = Messages::new(
        state.lang,
        pack.as_ref()
            .filter(|(l, _)| *l == state.lang)
            .map(|(_, p)| p.clone()),
    );
    // `<html lang>` names the language the text is in: English until a pack has arrived.
    use_effect_with(messages.clone(), |m| {
        io::set_html_lang(m.lang());
        io::set_title(&m.t("page-title"));
    });
    let saver = use_mut_ref(Saver::default);
    // A text the browser's storage can never take: the failed save says so, not "full".
    // Measured only once a save has failed, not on every edit.
    let save_failed = state.draft_notice == Some(DraftNotice::SaveFailed);
    let too_large = use_memo(
        (state.share.dockerfile.clone(), save_failed),
        |(t, failed)| *failed && crate::page::large_text::exceeds_storage(t),
    );
    {
        // Saves the draft, except in an embed and while a share link's text is unedited.
        let embed = startup.embed.is_some();
        // What the address asked for last: the load's URL, then each link set as its
        // fragment while the page is open.
        let (link, guard, saver) = (
            use_mut_ref(|| (*startup).clone()),
            use_mut_ref(DraftGuard::default),
            saver.clone(),
        );
        {
            // A draft still waiting for an idle moment is saved when the page is left; what
            // another tab saves is compared with this tab's text.
            let (saver, d) = (saver.clone(), dispatch.clone());
            let (link, guard, link_error) = (link.clone(), guard.clone(), link_error.clone());
            let latest = state.clone();
            use_effect_with((), move |_| {
                {
                    let (saver, d) = (saver.clone(), d.clone());
                    // The state as the last dispatch left it: the scheduler yields to the
                    // browser every 16 ms, so a reload can come before the effect below has
                    // seen the last edit (on a busy machine, it did).
                    let on_leave = saver.clone();
                    let (leave_link, leave_guard) = (link.clone(), guard.clone());
                    io::on_pagehide(move || {
                        draft::after_change(
                            &leave_link.borrow(),
                            &mut leave_guard.borrow_mut(),
                            &on_leave,
                            &latest.share,
                            |_| {},
                        );
                        draft::flush_draft(&on_leave);
                    });
                    // A link set as the fragment of the open page (`hashchange`) opens as a
                    // fresh load of it would: the edits waiting to be saved are saved first
                    // (the address keeps the new link), then its state (or, for a broken
                    // link, the draft and the link's error), with a new guard and writer, so
                    // the draft is replaced only once the link's text is edited, and then
                    // goes to the history first.
                    io::on_hashchange(move || {
                        let next = Startup::read();
                        if next.share.is_none() && next.error.is_none() {
                            return;
                        }
                        if let Some(ok) = draft::write_pending(&saver) {
                            d.dispatch(Action::DraftSaved(ok));
                        }
                        let share = initial_state(&next, None, None).share;
                        *guard.borrow_mut() = DraftGuard::opened_with(&share);
                        *saver.borrow_mut() = Saver::default();
                        link_error.set(next.error.clone());
                        *link.borrow_mut() = next;
                        d.dispatch(Action::LoadShare(share));
                    });
                }
                if !embed {
                    io::on_draft_saved_elsewhere(move |text, tab| {
                        d.dispatch(Action::OtherTabSaved(text, tab))
                    });
                }
            });
        }
        // A text replaced by a restore, an example or another tab's is kept in the history.
        use_effect_with(state.displaced.clone(), move |d| {
            if let Some(d) = d.as_ref().filter(|_| !embed) {
                io::push_history(&d.text, d.reason, &d.tab);
            }
        });
        let d = dispatch.clone();
        use_effect_with(state.share.clone(), move |s| {
            draft::after_change(
                &link.borrow(),
                &mut guard.borrow_mut(),
                &saver,
                s,
                move |ok| d.dispatch(Action::DraftSaved(ok)),
            )
        });
    }
    // Every edit is analysed by the worker (`ui/worker.rs`); a large text after a debounce,
    // so that a paste is not followed by a copy of it for every key typed after it. A large
    // text's analysis is decoded in the message's task and shown in the next one: together,
    // 10 000 stages kept the page busy for 350 ms at a time.
    let analysis_error = use_state(|| None::<String>);
    let analysis_retry = use_state(|| 0u32);
    {
        let (d, share, error) = (
            dispatch.clone(),
            state.share.clone(),
            analysis_error.clone(),
        );
        use_effect_with(
            (state.revision, state.stale, *analysis_retry),
            move |(rev, stale, _)| {
                let rev = *rev;
                let text = &share.dockerfile;
                let large = text.len() > state::SYNC_ANALYSIS_LIMIT || is_large(text);
                let send = move || {
                    worker::analyse(&share, move |answer| match answer {
                        Ok(a) => {
                            let a = Rc::new(a);
                            error.set(None);
                            let show = move || d.dispatch(Action::Analysed(rev, a));
                            // A small analysis is shown in the message's task, so that
                            // a keystroke's reaches the next frame.
                            match large {
                                true => io::soon(show),
                                false => show(),
                            }
                        }
                        Err(why) => error.set(Some(why)),
                    })
                };
                let timer = match (*stale, large) {
                    (false, _) => None,
                    (true, true) => Some(io::after(DEBOUNCE_MS, send)),
                    (true, false) => {
                        send();
                        None
                    }
                };
                move || drop(timer)
            },
        );
    }
    // The DOM now shows this analysis (`scripts/measure*.mjs` time a keystroke or a paste to
    // the frame painted after this mark).
    use_effect_with(AnalysisRc(state.analysis.clone()), |_| {
        io::mark("stageplay:shown")
    });
    {
        let d = dispatch.clone();
        use_effect_with(state.stepper.playing, move |playing| {
            let timer =
                playing.then(|| io::every(PLAY_INTERVAL_MS, move || d.dispatch(Action::Tick)));
            move || drop(timer)
        });
    }
    {
        let d = dispatch.clone();
        use_effect_with(state.toast.clone(), move |toast| {
            let timer = toast
                .is_some()
                .then(|| io::after(1600, move || d.dispatch(Action::Toast(None))));
            move || drop(timer)
        });
    }
    // Steps reveal their instruction in the editor as they advance.
    {
        let d = dispatch.clone();
        let analysis = state.analysis.clone();
        let on_steps = state.share.view == View::Steps;
        use_effect_with((state.stepper.step, on_steps), move |(step, on)| {
            if *on
                && let Some(s) = steps(&analysis).get(*step)
                && let Some(inst) = analysis.instructions.get(s.instruction)
            {
                d.dispatch(Action::Reveal(Span::new(
                    inst.span.start,
                    inst.keyword_span.end,
                )));
            }
        });
    }

    let a = &AnalysisRc(state.analysis.clone());
    let text = state.share.dockerfile.clone();
    // The text the analysis was made from: the views map its spans into it.
    let analysed = state.analysed.clone();
    let problems = a.diagnostics.len();
    let errors = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let command: AttrValue = state.command_line().into();
    let example = state.current_example();

    let input_panel = match state.input_tab {
        InputTab::Dockerfile => html! {},
        InputTab::Context => html! {
            <TextPanel tab={InputTab::Context} value={state.share.context.clone()}
                help="help-context"
                placeholder="src/main.go 4KB"
                note={a.files.context_inferred.then(|| AttrValue::from(messages.t("note-context-inferred")))}
                dispatch={dispatch.clone()} />
        },
        InputTab::Dockerignore => html! {
            <TextPanel tab={InputTab::Dockerignore} value={state.share.dockerignore.clone()}
                help="help-dockerignore"
                placeholder="node_modules\n.git" dispatch={dispatch.clone()} />
        },
        InputTab::BuildArgs => html! {
            <TextPanel tab={InputTab::BuildArgs} value={state.share.build_args.clone()}
                help="help-buildargs"
                placeholder="GO_VERSION=1.22" dispatch={dispatch.clone()} />
        },
    };

    let view = state.share.view;
    let output = match view {
        View::Graph => html! {
            <GraphView analysis={a.clone()} text={analysed.clone()} cursor_stage={state.cursor_stage}
                hovered={state.hovered_stage} zoom={state.zoom} dispatch={dispatch.clone()} />
        },
        View::Plan => {
            html! { <PlanView analysis={a.clone()} command={command.clone()} dispatch={dispatch.clone()} /> }
        }
        View::Files => {
            html! { <ImageView analysis={a.clone()} text={analysed.clone()} dispatch={dispatch.clone()} /> }
        }
        View::Problems => html! {
            <ProblemsView analysis={a.clone()} text={analysed.clone()}
                open_rule={state.open_rule.clone().map(AttrValue::from)} dispatch={dispatch.clone()} />
        },
        View::Steps => html! {
            <StepsView analysis={a.clone()} text={analysed.clone()} stepper={state.stepper} dispatch={dispatch.clone()} />
        },
    };

    // Links and embeds carry the page's language when it is not English.
    let shared = ShareState {
        lang: (state.lang != Lang::En).then_some(state.lang),
        ..state.share.clone()
    };
    let retry_analysis = {
        let retry = analysis_retry.clone();
        Callback::from(move |_: MouseEvent| retry.set(retry.wrapping_add(1)))
    };
    if let Some(options) = startup.embed.clone() {
        let analysis_error = (*analysis_error).clone().map(AttrValue::from);
        return html! {
            <ContextProvider<Messages> context={messages}>
                <EmbedLayout state={state.clone()} dispatch={dispatch.clone()} {options}
                    {analysis_error} on_retry={retry_analysis} />
            </ContextProvider<Messages>>
        };
    }
    let share_actions = html! {
        <ShareButtons share={shared} analysis={a.clone()} stale={state.stale} theme={state.theme} dispatch={dispatch.clone()} />
    };
    let retry_pack = {
        let retry = retry.clone();
        Callback::from(move |_: MouseEvent| retry.set(retry.wrapping_add(1)))
    };
    let download_text = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| io::download_text("Dockerfile", "text/plain", &text))
    };
    let copy_draft = {
        let (d, text, m2) = (dispatch.clone(), text.clone(), messages.clone());
        Callback::from(move |_: MouseEvent| {
            let (d, m2) = (d.clone(), m2.clone());
            io::copy_text_then(&text, move |ok| {
                let said = if ok {
                    &m2.t("toast-dockerfile-copied")
                } else {
                    &m2.t("toast-copy-refused")
                };
                d.dispatch(Action::Toast(Some(said.to_string())))
            })
        })
    };
    let clear_history = {
        // Clearing the history frees its space; the save is retried at once, as no edit
        // would trigger it.
        let (d, share, saver) = (dispatch.clone(), state.share.clone(), saver.clone());
        Callback::from(move |_: MouseEvent| {
            io::clear_history();
            d.dispatch(Action::DraftSaved(draft::save_now(&saver, &share)));
        })
    };
    let open_other = {
        let (d, notice) = (dispatch.clone(), state.draft_notice.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(DraftNotice::OtherTab(t)) = &notice {
                d.dispatch(Action::RestoreDraft(t.to_string()));
            }
        })
    };
    let dismiss_notice = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissDraftNotice))
    };
    let close_link_error = {
        let link_error = link_error.clone();
        Callback::from(move |_: MouseEvent| link_error.set(None))
    };

    // Only a large text takes long enough to say so: a small one's analysis is back within
    // the frame, and a note for it would flicker on every key.
    let large_text = state.share.dockerfile.len() > state::SYNC_ANALYSIS_LIMIT
        || is_large(&state.share.dockerfile);
    let lessons_shown = state.lessons_open || state.share.lesson.is_some();
    let m = &messages;
    html! {
        <ContextProvider<Messages> context={messages.clone()}>
        <div class="app" data-view={view.as_str()}>
            <Header theme={state.theme} lang={state.lang} examples_open={state.examples_open} drafts_open={state.drafts.is_some()}
                lessons_open={lessons_shown} dispatch={dispatch.clone()} actions={share_actions} />
            if *pack_status == PackStatus::Loading {
                <p class="lang-status" role="status">{ m.t("lang-loading") }</p>
            }
            if *pack_status == PackStatus::Failed {
                <p class="lang-status notice" role="alert">
                    { m.t("lang-failed") }
                    <button type="button" class="btn" onclick={retry_pack}>{ m.t("lang-retry") }</button>
                </p>
            }
            if let Some(notice) = state.draft_notice.clone() {
                <DraftNoticeBar {notice} too_large={*too_large} on_download={download_text} on_copy={copy_draft} on_clear_history={clear_history}
                    on_open_other={open_other} on_dismiss={dismiss_notice} />
            }
            if let Some(error) = (*link_error).clone() {
                <LinkNotice {error} on_close={close_link_error} />
            }
            if lessons_shown {
                <LessonPanel lang={state.lang} share={state.share.clone()} analysis={a.clone()}
                    stale={state.stale} dispatch={dispatch.clone()} />
            }
            <main class="panes">
                <section class="pane input-pane" aria-label={m.t("input-label")}>
                    <InputTabs tab={state.input_tab} problems={problems} dispatch={dispatch.clone()} />
                    <div class="tab-panel editor-panel" role="tabpanel" id="panel-dockerfile" aria-labelledby="tab-dockerfile"
                        hidden={state.input_tab != InputTab::Dockerfile}>
                        <EditorPane text={text.clone()} analysis={a.clone()} analysed={analysed.clone()} cursor_stage={state.cursor_stage}
                            reveal={state.reveal} edit={state.pending_edit.clone()} dispatch={dispatch.clone()} />
                    </div>
                    if state.input_tab != InputTab::Dockerfile {
                        <div class="tab-panel" role="tabpanel" id={format!("panel-{}", state.input_tab.id())}
                            aria-labelledby={format!("tab-{}", state.input_tab.id())}>
                            { input_panel }
                        </div>
                    }
                </section>
                <section class="pane output-pane" aria-label={m.t("output-label")}>
                    <OutputToolbar analysis={a.clone()} target={state.share.target.clone().map(AttrValue::from)}
                        builder={state.share.builder} command={command.clone()} dispatch={dispatch.clone()} />
                    if let Some(ex) = example {
                        <details class="notice" open=true>
                            <summary>{ m.f("example-notice-title", &[("title", m.t_or(&format!("example-{}-title", ex.id), ex.title).as_str().into())]) }</summary>
                            <p>{ rich_text(&m.t_or(&format!("example-{}-notice", ex.id), ex.notice)) }</p>
                        </details>
                    }
                    <TargetNotice analysis={a.clone()} naming={state.naming} dispatch={dispatch.clone()} />
                    <ViewTabs view={view} problems={problems} errors={errors} dispatch={dispatch.clone()} />
                    // Busy while the views show an analysis of an older text than the editor's and
                    // one is coming (not after the analyser failed to load).
                    <div class="output-panel" id="output-panel" role="tabpanel" aria-labelledby={format!("view-{}", view.as_str())}
                        aria-busy={(state.stale && analysis_error.is_none()).then_some("true")}>
                        // The view's heading for screen readers (the tab shows its name), so
                        // the views' own h3 sections follow an h2, as in an embed.
                        <h2 class="visually-hidden">{ view_label(m, view) }</h2>
                        if let Some(why) = (*analysis_error).clone() {
                            <p class="notice" role="alert">
                                { m.f("analysis-failed", &[("why", why.as_str().into())]) }
                                <button type="button" class="btn" onclick={retry_analysis}>{ m.t("analysis-retry") }</button>
                            </p>
                        } else if state.stale && (state.awaiting_first || large_text) {
                            <p class="stale" role="status">{ m.t("analysing") }</p>
                        }
                        // Until the first analysis arrives there is nothing true to show.
                        if !state.awaiting_first { { output } }
                    </div>
                </section>
            </main>
            if state.examples_open {
                <Gallery current={example.map(|e| e.id)} dispatch={dispatch.clone()} />
            }
            if let Some(dialog) = state.drafts.clone() {
                <DraftHistory {dialog} dispatch={dispatch.clone()} />
            }
            if let Some(t) = &state.toast {
                <div class="toast" role="status">{ t.clone() }</div>
            }
        </div>
        </ContextProvider<Messages>>
    }
}
