//! The lesson panel (`docs/lessons.md`): the list of lessons, or the step shown, with its one
//! task, a check decided from the analysis on every change, a hint after a try that does not
//! pass, and Back/Next (which bring back the edits the learner made on a step). The lesson
//! texts are fetched on demand (`static/lessons/<lang>.json`); the part of the page a step
//! talks about is named on `<html data-lesson-part>` for the stylesheet to outline, and the
//! step's text names it for screen readers.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::page::lang::Lang;
use crate::page::lessons::check::all_pass;
use crate::page::lessons::kept::KeptSteps;
use crate::page::lessons::progress::Progress;
use crate::page::lessons::{Lesson, LessonFile, file_path, fill, word};
use crate::page::share::{self, LessonStep, ShareState};
use crate::ui::io;
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, AnalysisRc, State};

use super::rich_text::rich_text;

type Dispatch = UseReducerDispatcher<State>;

/// A language's lesson file as far as the page has it.
#[derive(Clone, PartialEq)]
enum Loaded {
    Loading,
    Failed,
    Ready(Rc<LessonFile>),
}

/// What the step's status says: passed, a try that does not pass (with the hint), or
/// waiting for a try.
#[derive(Clone, Copy, PartialEq)]
enum Status {
    Passed,
    Tried,
    Waiting,
}

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    pub lang: Lang,
    pub share: ShareState,
    pub analysis: AnalysisRc,
    /// The analysis is older than the text (an edit on its way to the worker, or a large
    /// text being debounced): no new verdict yet.
    #[prop_or_default]
    pub stale: bool,
    pub dispatch: Dispatch,
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let m = use_messages();
    let redraw = use_force_update();
    // Each language's file, fetched once per page and kept, so switching back is instant
    // and a late answer for one language never replaces another's.
    let files = use_mut_ref(Vec::<(Lang, Loaded)>::new);
    let retry = use_state(|| 0u32);
    {
        let (files, redraw) = (files.clone(), redraw.clone());
        use_effect_with((props.lang, *retry), move |&(lang, _)| {
            let known = files
                .borrow()
                .iter()
                .any(|(l, f)| *l == lang && *f != Loaded::Failed);
            if !known {
                set_file(&files, lang, Loaded::Loading);
                redraw.force_update();
                io::fetch_text(&file_path(lang), move |text| {
                    let file = text
                        .and_then(|t| LessonFile::parse(&t).ok())
                        .filter(|f| f.lang == lang);
                    set_file(
                        &files,
                        lang,
                        file.map_or(Loaded::Failed, |f| Loaded::Ready(Rc::new(f))),
                    );
                    redraw.force_update();
                });
            }
        });
    }
    let progress = use_mut_ref(io::load_lesson_progress);
    // The playground as the learner left each step, for Back and Next; and the step that
    // was opened with its edits brought back (the panel says so).
    let kept = use_mut_ref(KeptSteps::default);
    let restored = use_state(|| None::<LessonStep>);
    let loaded = files
        .borrow()
        .iter()
        .find(|(l, _)| *l == props.lang)
        .map_or(Loaded::Loading, |(_, f)| f.clone());

    // The verdict on the step shown, decided before any early return: hooks run in the
    // same order on every render.
    let passed = match (&loaded, &props.share.lesson) {
        (Loaded::Ready(f), Some(at)) => {
            !props.stale
                && f.step(at)
                    .is_some_and(|(_, step)| all_pass(&step.check, &props.analysis, &props.share))
        }
        _ => false,
    };
    // The status last shown on an analysed text, with its step. While an edit is being
    // analysed the panel keeps it: a try that passes would otherwise show the hint (and turn
    // Next off, and the live region speak) at every keystroke until its analysis arrives.
    let last_status = use_mut_ref(|| None::<(LessonStep, Status)>);
    {
        // The part the step talks about, named on `<html>` for the stylesheet's outline (no
        // `:has()` needed, and it reaches the header, the panes and an embed's panes alike).
        let part = match (&loaded, &props.share.lesson) {
            (Loaded::Ready(f), Some(at)) => f.step(at).map(|(_, step)| step.part.as_str()),
            _ => None,
        };
        use_effect_with(part, |&part| {
            io::set_lesson_part(part);
            || io::set_lesson_part(None)
        });
    }
    {
        // A passed step is recorded at once (and stays passed if the learner edits on).
        let (progress, redraw) = (progress.clone(), redraw.clone());
        use_effect_with((props.share.lesson.clone(), passed), move |(at, passed)| {
            if let Some(at) = at.as_ref().filter(|_| *passed)
                && progress.borrow_mut().pass(&at.lesson, at.step)
            {
                io::save_lesson_progress(&progress.borrow());
                redraw.force_update();
            }
        });
    }
    let file = match loaded {
        Loaded::Ready(f) => f,
        Loaded::Loading | Loaded::Failed => {
            let failed_now = loaded == Loaded::Failed;
            let on_retry = {
                let retry = retry.clone();
                Callback::from(move |_: MouseEvent| retry.set(*retry + 1))
            };
            return html! {
                <section class="lesson-panel" id="lesson-panel" lang={m.lang().tag()}
                    aria-label={m.t("lessons-button")} aria-busy={(!failed_now).to_string()}>
                    if failed_now {
                        <p class="lesson-error" role="alert">{ m.t("lessons-failed") }
                            { " " }<button type="button" class="btn btn-small" onclick={on_retry}>{ m.t("lessons-retry") }</button></p>
                    } else {
                        <p class="lesson-loading" role="status">{ m.t("lessons-loading") }</p>
                    }
                </section>
            };
        }
    };
    let ui = &file.ui;
    let d = props.dispatch.clone();
    let close = Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleLessons));
    let head = |title: Html| {
        html! {
            <div class="lesson-head">
                <h2 class="lesson-heading">{ title }</h2>
                <button type="button" class="btn btn-small lesson-close" onclick={close.clone()}
                    aria-label={word(ui, "close").to_string()} title={word(ui, "close").to_string()}>{ "×" }</button>
            </div>
        }
    };

    let Some(at) = props.share.lesson.clone() else {
        // The list of lessons, each opening at its first step not passed yet.
        let (progress, kept) = (progress.borrow(), kept.borrow());
        return html! {
            <section class="lesson-panel" id="lesson-panel" lang={props.lang.tag()} aria-labelledby="lesson-list-heading">
                { head(html! { <span id="lesson-list-heading">{ word(ui, "heading").to_string() }</span> }) }
                <p class="lesson-choose">{ word(ui, "choose").to_string() }</p>
                <ol class="lesson-list">
                    { for file.lessons.iter().map(|l| lesson_card(l, &progress, &kept, &restored, &file, &props.dispatch)) }
                </ol>
            </section>
        };
    };

    let Some((lesson, step)) = file.step(&at) else {
        let d = props.dispatch.clone();
        let list = Callback::from(move |_: MouseEvent| d.dispatch(Action::LessonList));
        return html! {
            <section class="lesson-panel" id="lesson-panel" lang={props.lang.tag()} aria-label={word(ui, "heading").to_string()}>
                { head(html! { { word(ui, "heading").to_string() } }) }
                <p class="lesson-error" role="alert">{ word(ui, "unknown_step").to_string() }</p>
                <button type="button" class="btn" onclick={list}>{ word(ui, "all_lessons").to_string() }</button>
            </section>
        };
    };

    let total = lesson.steps.len();
    let start = step.start.share(at.clone());
    // A try: the learner changed something the step started with, and it does not pass yet.
    let tried = !passed && props.share != start;
    let status = match (passed, tried) {
        (true, _) => Status::Passed,
        (false, true) => Status::Tried,
        (false, false) => Status::Waiting,
    };
    let status = match props.stale {
        true => last_status
            .borrow()
            .as_ref()
            .filter(|(step, _)| *step == at)
            .map_or(Status::Waiting, |&(_, status)| status),
        false => {
            *last_status.borrow_mut() = Some((at.clone(), status));
            status
        }
    };
    let shown_passed = status == Status::Passed;
    // Back and Next keep this step as the learner leaves it and bring back the other step's
    // edits; "Start again" forgets this step's.
    let go = |to: usize, again: bool| {
        let (d, kept, restored) = (props.dispatch.clone(), kept.clone(), restored.clone());
        let (here, start) = (props.share.clone(), start.clone());
        let next = lesson.steps.get(to).map(|s| {
            s.start.share(LessonStep {
                lesson: lesson.id.clone(),
                step: to,
            })
        });
        Callback::from(move |_: MouseEvent| {
            let Some(next) = next.clone() else {
                return;
            };
            let mut kept = kept.borrow_mut();
            if again {
                if let Some(at) = &here.lesson {
                    kept.forget(at);
                }
            } else {
                kept.leave(&here, &start);
            }
            let open = kept.open(next.clone());
            restored.set((open != next).then(|| open.lesson.clone()).flatten());
            d.dispatch(Action::StartLessonStep(open))
        })
    };
    let list = {
        let (d, kept, here, start) = (
            props.dispatch.clone(),
            kept.clone(),
            props.share.clone(),
            start.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            kept.borrow_mut().leave(&here, &start);
            d.dispatch(Action::LessonList)
        })
    };
    let copy = {
        let (d, share, copied) = (
            props.dispatch.clone(),
            props.share.clone(),
            word(ui, "link_copied").to_string(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Ok(link) = share::link(&io::page_address(), &share) {
                let (d, copied) = (d.clone(), copied.clone());
                io::copy_text_then(&link, move |ok| {
                    if ok {
                        d.dispatch(Action::Toast(Some(copied)))
                    }
                });
            }
        })
    };
    let last = at.step + 1 == total;
    // Said only while the step still shows what was brought back.
    let restored_here = restored.as_ref() == Some(&at) && props.share != start;
    let part = step.part;
    html! {
        <section class="lesson-panel" id="lesson-panel" lang={props.lang.tag()} aria-labelledby="lesson-step-title"
            data-part={part.as_str()} data-lesson={lesson.id.clone()} data-step={(at.step + 1).to_string()}
            data-passed={shown_passed.to_string()}>
            { head(html! { <span class="lesson-title">{ lesson.title.clone() }</span> }) }
            <p class="lesson-meta">
                <span class="lesson-step-of">{ fill(word(ui, "step_of"), at.step + 1, total) }</span>
                if step.exercise { <span class="badge lesson-exercise">{ word(ui, "exercise").to_string() }</span> }
            </p>
            <h3 class="lesson-step-title" id="lesson-step-title">{ step.title.clone() }</h3>
            <p class="lesson-text">{ rich_text(&step.text) }</p>
            <div class="lesson-task">
                <strong>{ word(ui, "task").to_string() }{ ": " }</strong>{ rich_text(&step.task) }
                <p class="lesson-part">{ format!("{}: {}", word(ui, "spotlight"), word(ui, &format!("part-{}", part.as_str()))) }</p>
            </div>
            <div class="lesson-status" role="status" aria-live="polite">
                if status == Status::Passed {
                    <p class="lesson-passed"><span aria-hidden="true">{ "✓ " }</span><strong>{ word(ui, "passed").to_string() }</strong>{ " " }{ rich_text(&step.done) }</p>
                } else if status == Status::Tried {
                    <p class="lesson-hint"><strong>{ word(ui, "hint").to_string() }{ ": " }</strong>{ rich_text(&step.hint) }</p>
                } else {
                    <p class="lesson-waiting">{ word(ui, "waiting").to_string() }</p>
                }
                if restored_here {
                    <p class="lesson-kept">{ word(ui, "kept").to_string() }</p>
                }
            </div>
            <div class="lesson-nav">
                <button type="button" class="btn" id="lesson-back" disabled={at.step == 0}
                    onclick={go(at.step.saturating_sub(1), false)}>{ word(ui, "back").to_string() }</button>
                if last {
                    <button type="button" class="btn btn-primary" id="lesson-next" disabled={!shown_passed}
                        onclick={list.clone()}>{ word(ui, "finish").to_string() }</button>
                } else {
                    <button type="button" class="btn btn-primary" id="lesson-next" disabled={!shown_passed}
                        onclick={go(at.step + 1, false)}>{ word(ui, "next").to_string() }</button>
                }
                <button type="button" class="btn btn-small" id="lesson-restart" onclick={go(at.step, true)}>{ word(ui, "restart").to_string() }</button>
                <button type="button" class="btn btn-small" id="lesson-copy-link" onclick={copy}>{ word(ui, "copy_link").to_string() }</button>
                <button type="button" class="btn btn-small btn-link" id="lesson-list" onclick={list}>{ word(ui, "all_lessons").to_string() }</button>
            </div>
        </section>
    }
}

/// Replaces what the panel knows of `lang`'s file.
fn set_file(files: &Rc<RefCell<Vec<(Lang, Loaded)>>>, lang: Lang, f: Loaded) {
    let mut files = files.borrow_mut();
    files.retain(|(l, _)| *l != lang);
    files.push((lang, f));
}

/// One lesson of the list: its title, summary and progress, opening at its first step not
/// passed yet (with the learner's edits of it, if they left some).
fn lesson_card(
    l: &Lesson,
    progress: &Progress,
    kept: &KeptSteps,
    restored: &UseStateHandle<Option<LessonStep>>,
    file: &LessonFile,
    dispatch: &Dispatch,
) -> Html {
    let total = l.steps.len();
    let done = (0..total)
        .filter(|&i| progress.has_passed(&l.id, i))
        .count();
    let first = (0..total)
        .find(|&i| !progress.has_passed(&l.id, i))
        .unwrap_or(0);
    let start = l.steps.get(first).map(|s| {
        s.start.share(LessonStep {
            lesson: l.id.clone(),
            step: first,
        })
    });
    let open = start.map(|start| {
        let open = kept.open(start.clone());
        let brought_back = (open != start).then(|| open.lesson.clone()).flatten();
        (open, brought_back)
    });
    let (d, restored) = (dispatch.clone(), restored.clone());
    let open = Callback::from(move |_: MouseEvent| {
        if let Some((s, brought_back)) = open.clone() {
            restored.set(brought_back);
            d.dispatch(Action::StartLessonStep(s))
        }
    });
    html! {
        <li class="lesson-card" data-lesson={l.id.clone()}>
            <button type="button" class="lesson-open" onclick={open}>
                <span class="lesson-card-title">{ l.title.clone() }</span>
                <span class="lesson-card-summary">{ rich_text(&l.summary) }</span>
                <span class="lesson-card-progress">{ fill(word(&file.ui, "completed"), done, total) }</span>
            </button>
        </li>
    }
}
