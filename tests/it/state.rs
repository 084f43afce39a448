//! The page's reducer: every action's effect on the state, natively.

use std::rc::Rc;

use stageplay::analysis::{Builder, Span};
use stageplay::page::analysis_job::analyse;
use stageplay::page::command_line::parse_build_args;
use stageplay::page::drafts::{History, Reason};
use stageplay::page::examples::{GO_HREF_COUNTER, by_id};
use stageplay::page::share::{ShareState, View};
use stageplay::ui::state::{Action, DraftNotice, SYNC_ANALYSIS_LIMIT, State, stage_at};
use yew::Reducible;

fn apply(state: State, actions: Vec<Action>) -> State {
    let mut s = Rc::new(state);
    for a in actions {
        s = s.reduce(a);
    }
    Rc::try_unwrap(s).unwrap_or_else(|rc| (*rc).clone())
}

#[test]
fn editing_reanalyses_at_once() {
    let s = apply(
        State::default(),
        vec![Action::SetDockerfile(
            "FROM a AS x\nFROM x AS y\nFROM y AS z\n".into(),
        )],
    );
    assert_eq!(s.analysis.stages.len(), 3);
    assert!(!s.stale);
    assert_eq!(s.analysed, s.share.dockerfile);
}

#[test]
fn huge_texts_wait_for_the_debounce() {
    let mut text = String::from("FROM alpine AS a\n");
    while text.len() <= SYNC_ANALYSIS_LIMIT {
        text.push_str("RUN echo some padding to make the file large\n");
    }
    let before = State::default();
    let s = apply(before.clone(), vec![Action::SetDockerfile(text.clone())]);
    assert!(s.stale);
    assert_eq!(s.analysis.stages.len(), 2, "still the old analysis");
    // The views map the old analysis's spans into the text it was made from.
    assert_eq!(*s.analysed, *before.share.dockerfile);
    let rev = s.revision;
    // The analysis of a stale revision is ignored; the current one's is taken.
    let analysis = Rc::new(analyse(&s.share));
    let s = apply(
        s,
        vec![Action::Analysed(rev.wrapping_sub(1), analysis.clone())],
    );
    assert!(s.stale);
    assert_eq!(s.analysis.stages.len(), 2, "still the old analysis");
    assert_eq!(*s.analysed, *before.share.dockerfile);
    let s = apply(s, vec![Action::Analysed(rev, analysis)]);
    assert!(!s.stale);
    assert_eq!(s.analysis.stages.len(), 1);
    assert_eq!(*s.analysed, *text);
}

#[test]
fn picking_a_stage_targets_it_and_reveals_its_from_line() {
    let ex = by_id("target-test").expect("example");
    let s = apply(State::from_example(ex), vec![Action::PickStage(2)]);
    assert_eq!(s.share.target.as_deref(), Some("build"));
    assert_eq!(s.analysis.plan.target, Some(2));
    let r = s.reveal.expect("a reveal request");
    assert!(ex.dockerfile[r.span.start..].starts_with("FROM base AS build"));
    assert_eq!(s.cursor_stage, Some(2));
    // A second pick of the same stage is a new request (the editor must scroll again).
    let again = apply(s.clone(), vec![Action::PickStage(2)]);
    assert_ne!(again.reveal.map(|r| r.serial), s.reveal.map(|r| r.serial));
}

#[test]
fn picking_the_last_stage_keeps_the_default_target() {
    let s = apply(State::default(), vec![Action::PickStage(1)]);
    assert_eq!(s.share.target, None);
    assert_eq!(s.command_line(), "docker build -t app .");
}

#[test]
fn picking_an_unnamed_stage_keeps_the_target_and_the_fix_names_it_then_targets_it() {
    let text = "FROM golang:1.22\nRUN go build -o /app\nFROM alpine\nCOPY --from=0 /app /app\n";
    let s = apply(
        State::default(),
        vec![Action::SetDockerfile(text.into()), Action::PickStage(0)],
    );
    assert_eq!(s.share.target, None, "BuildKit cannot target stage-0");
    assert_eq!(s.naming, Some(0));
    let fix = stageplay::page::plan::target_note(
        &stageplay::page::i18n::Messages::english(),
        &s.analysis,
        s.naming,
    )
    .and_then(|n| n.fix)
    .expect("the naming fix");
    let s = apply(s, vec![Action::ApplyFix(fix)]);
    assert_eq!(s.naming, None);
    assert_eq!(s.share.target.as_deref(), Some("builder"));
    let edit = s.pending_edit.clone().expect("an edit for the editor");
    assert_eq!((edit.span.start, &*edit.text), (16, " AS builder"));
    // The editor types it, then reports it applied.
    let mut fixed = text.to_string();
    fixed.insert_str(16, " AS builder");
    let s = apply(
        s,
        vec![
            Action::SetDockerfile(fixed),
            Action::EditApplied(edit.serial),
        ],
    );
    assert!(s.pending_edit.is_none());
    assert_eq!(s.analysis.plan.target, Some(0));
    assert!(
        s.analysis
            .diagnostics
            .iter()
            .all(|d| d.rule != "UnknownTarget")
    );
}

#[test]
fn a_target_typo_is_fixed_by_choosing_the_closest_stage() {
    let text = "FROM golang:1.22 AS builder\nFROM alpine\n";
    let s = apply(
        State::default(),
        vec![
            Action::SetDockerfile(text.into()),
            Action::SetTarget(Some("buidler".into())),
        ],
    );
    assert_eq!(s.analysis.plan.target, None);
    let fix = stageplay::page::plan::target_note(
        &stageplay::page::i18n::Messages::english(),
        &s.analysis,
        None,
    )
    .and_then(|n| n.fix)
    .expect("the did-you-mean fix");
    assert_eq!(fix.title, "Build `builder`");
    let s = apply(s, vec![Action::ApplyFix(fix)]);
    assert_eq!(s.share.target.as_deref(), Some("builder"));
    assert_eq!(s.analysis.plan.target, Some(0));
    assert!(s.pending_edit.is_none(), "the text is not edited");
}

#[test]
fn builder_switch_changes_the_plan() {
    let ex = by_id("distroless-scratch").expect("example");
    let s = apply(State::from_example(ex), vec![]);
    assert_eq!(s.analysis.plan.skipped.len(), 1);
    let s = apply(s, vec![Action::SetBuilder(Builder::Legacy)]);
    assert!(s.analysis.plan.skipped.is_empty());
    assert!(
        s.command_line()
            .starts_with("DOCKER_BUILDKIT=0 docker build")
    );
}

#[test]
fn steps_play_to_the_end_and_stop() {
    let mut s = apply(
        State::default(),
        vec![Action::SetView(View::Steps), Action::Play],
    );
    assert!(s.stepper.playing);
    for _ in 0..20 {
        s = apply(s, vec![Action::Tick]);
    }
    assert_eq!(s.stepper.step, 9);
    assert!(!s.stepper.playing);
    let s = apply(s, vec![Action::StepBy(-3), Action::StepTo(99)]);
    assert_eq!(s.stepper.step, 9);
    // Leaving the view pauses.
    let s = apply(s, vec![Action::Play, Action::SetView(View::Graph)]);
    assert!(!s.stepper.playing);
}

#[test]
fn loading_a_share_state_replaces_what_a_link_carries() {
    let share = ShareState {
        dockerfile: "FROM busybox AS one\nFROM one AS two\n".into(),
        target: Some("one".into()),
        builder: Builder::Legacy,
        view: View::Plan,
        ..ShareState::default()
    };
    let s = apply(State::default(), vec![Action::LoadShare(share.clone())]);
    assert_eq!(s.share, share);
    assert_eq!(s.analysis.plan.target, Some(0));
    assert!(s.current_example().is_none());
    let s = apply(s, vec![Action::LoadExample("go-href-counter")]);
    assert_eq!(&*s.share.dockerfile, GO_HREF_COUNTER.dockerfile);
    assert_eq!(s.current_example().map(|e| e.id), Some("go-href-counter"));
}

#[test]
fn build_args_and_command_line() {
    assert_eq!(
        parse_build_args("# comment\nA=1\n\n B = two words \nEMPTY\n=x\n"),
        vec![
            ("A".to_string(), "1".to_string()),
            ("B".to_string(), " two words".to_string()),
            ("EMPTY".to_string(), String::new()),
        ]
    );
    let share = ShareState {
        dockerfile: "ARG V=1\nFROM alpine:$V AS Final\n".into(),
        build_args: "V=3.20\nMSG=it's here\n".into(),
        target: Some("Final".into()),
        ..ShareState::default()
    };
    let s = State::new(share);
    assert_eq!(
        s.command_line(),
        "docker build --target final --build-arg V=3.20 --build-arg 'MSG=it'\\''s here' -t app ."
    );
}

#[test]
fn the_cursor_finds_its_stage() {
    let s = State::default();
    let text = &s.share.dockerfile;
    assert_eq!(stage_at(&s.analysis, 0), Some(0));
    let second = text.find("FROM alpine").expect("second FROM");
    assert_eq!(stage_at(&s.analysis, second), Some(1));
    assert_eq!(stage_at(&s.analysis, second - 1), Some(0));
    let s = apply(s, vec![Action::Reveal(Span::new(second, second + 4))]);
    assert_eq!(s.cursor_stage, Some(1));
}

#[test]
fn an_examples_context_stays_with_its_dockerfile() {
    let ex = by_id("target-test").expect("example");
    // Editing the example keeps its context and target.
    let edited = format!("{}RUN echo more\n", ex.dockerfile);
    let s = apply(State::from_example(ex), vec![Action::SetDockerfile(edited)]);
    assert_eq!(s.share.context, ex.context);
    assert_eq!(s.share.target.as_deref(), Some("test"));
    // Pasting another file over it drops them: the new file gets an inferred context.
    let s = apply(
        s,
        vec![Action::SetDockerfile(
            "FROM alpine AS one\nCOPY x /x\n".into(),
        )],
    );
    assert_eq!(s.share.context, "");
    assert_eq!(s.share.target, None);
    assert!(s.analysis.files.context_inferred);
    // A context the user typed is theirs and stays.
    let s = apply(
        State::default(),
        vec![
            Action::SetContext("main.go 1KB\n".into()),
            Action::SetDockerfile("FROM busybox\n".into()),
        ],
    );
    assert_eq!(s.share.context, "main.go 1KB\n");
}

fn text_state(text: &str) -> State {
    State::new(ShareState {
        dockerfile: text.into(),
        ..ShareState::default()
    })
}

#[test]
fn restoring_a_draft_keeps_the_replaced_text_for_the_history() {
    let s = apply(
        text_state("FROM mine AS now\n"),
        vec![
            Action::OpenDrafts(Rc::new(History::default()), 5.0),
            Action::RestoreDraft("FROM old AS then\n".into()),
        ],
    );
    assert_eq!(&*s.share.dockerfile, "FROM old AS then\n");
    assert_eq!(s.analysis.stages[0].display_name(), "then");
    assert_eq!(s.drafts, None, "the dialog closes");
    let d = s.displaced.clone().unwrap();
    assert_eq!(
        (&*d.text, d.reason),
        ("FROM mine AS now\n", Reason::BeforeRestore)
    );
    // Restoring the same text again changes nothing and keeps nothing more.
    let again = apply(
        s.clone(),
        vec![Action::RestoreDraft("FROM old AS then\n".into())],
    );
    assert_eq!(again.displaced, s.displaced);
}

#[test]
fn another_tabs_text_is_kept_and_announced_but_never_replaces_this_tabs() {
    let s = apply(
        text_state("FROM mine\n"),
        vec![Action::OtherTabSaved("FROM theirs\n".into(), "t2".into())],
    );
    assert_eq!(&*s.share.dockerfile, "FROM mine\n");
    assert_eq!(
        s.draft_notice,
        Some(DraftNotice::OtherTab("FROM theirs\n".into()))
    );
    let d = s.displaced.clone().unwrap();
    assert_eq!(
        (&*d.text, d.reason, d.tab.as_str()),
        ("FROM theirs\n", Reason::OtherTab, "t2")
    );
    // Opening their text from the notice keeps ours and clears the notice.
    let opened = apply(
        s.clone(),
        vec![Action::RestoreDraft("FROM theirs\n".into())],
    );
    assert_eq!(&*opened.share.dockerfile, "FROM theirs\n");
    assert_eq!(opened.draft_notice, None);
    assert_eq!(&*opened.displaced.unwrap().text, "FROM mine\n");
    // The same text saved elsewhere needs no notice.
    let same = apply(
        s,
        vec![Action::OtherTabSaved("FROM mine\n".into(), "t2".into())],
    );
    assert_eq!(same.draft_notice, None);
}

#[test]
fn a_failed_save_is_shown_until_a_save_works() {
    let s = apply(text_state("FROM a\n"), vec![Action::DraftSaved(false)]);
    assert_eq!(s.draft_notice, Some(DraftNotice::SaveFailed));
    // It outranks another tab's notice, and only a working save clears it.
    let s = apply(
        s,
        vec![Action::OtherTabSaved("FROM b\n".into(), String::new())],
    );
    assert_eq!(s.draft_notice, Some(DraftNotice::SaveFailed));
    let s = apply(
        s,
        vec![
            Action::SetDockerfile("FROM c\n".into()),
            Action::DraftSaved(true),
        ],
    );
    assert_eq!(s.draft_notice, None);
    // A working save leaves another tab's notice in place.
    let s = apply(
        s,
        vec![
            Action::OtherTabSaved("FROM d\n".into(), String::new()),
            Action::DraftSaved(true),
        ],
    );
    assert!(matches!(s.draft_notice, Some(DraftNotice::OtherTab(_))));
}

#[test]
fn loading_an_example_keeps_the_users_text_but_not_an_untouched_example() {
    let s = apply(State::default(), vec![Action::LoadExample("node-nginx")]);
    assert_eq!(s.displaced, None, "an untouched example is not kept");
    let s = apply(
        text_state("FROM mine\n"),
        vec![Action::LoadExample(GO_HREF_COUNTER.id)],
    );
    let d = s.displaced.unwrap();
    assert_eq!((&*d.text, d.reason), ("FROM mine\n", Reason::BeforeExample));
}

#[test]
fn a_lesson_step_keeps_the_users_text_in_history_and_the_page_language() {
    use stageplay::page::lang::Lang;
    use stageplay::page::share::LessonStep;
    let mine = apply(
        State::default(),
        vec![
            Action::SetDockerfile("FROM alpine AS mine\n".into()),
            Action::SetLang(Lang::Ko),
        ],
    );
    let step = ShareState {
        dockerfile: "FROM golang:1.16\n".into(),
        lesson: Some(LessonStep {
            lesson: "one-vs-two".into(),
            step: 0,
        }),
        ..ShareState::default()
    };
    let s = apply(mine, vec![Action::StartLessonStep(step.clone())]);
    assert_eq!(s.share, step);
    assert_eq!(s.lang, Lang::Ko);
    assert!(s.lessons_open);
    let kept = s
        .displaced
        .as_ref()
        .expect("the user's text goes to the history");
    assert_eq!(&*kept.text, "FROM alpine AS mine\n");
    // The next step replaces the lesson's own text without keeping it.
    let serial = kept.serial;
    let s = apply(s, vec![Action::StartLessonStep(step.clone())]);
    assert_eq!(s.displaced.as_ref().map(|d| d.serial), Some(serial));
    // The Lessons button closes the panel and leaves lesson mode, keeping the text.
    let s = apply(s, vec![Action::ToggleLessons]);
    assert!(!s.lessons_open);
    assert_eq!(s.share.lesson, None);
    assert_eq!(s.share.dockerfile, step.dockerfile);
}

#[test]
fn the_language_is_the_pages_and_a_link_that_names_one_sets_it() {
    use stageplay::page::lang::Lang;
    let s = apply(State::default(), vec![Action::SetLang(Lang::Ko)]);
    assert_eq!(s.lang, Lang::Ko);
    // An example or a link without a language keeps the reader's.
    let s = apply(
        s,
        vec![
            Action::LoadExample("python-wheels"),
            Action::LoadShare(ShareState::default()),
        ],
    );
    assert_eq!(s.lang, Lang::Ko);
    // A link's language wins, and the state's share never holds it (drafts stay the same).
    let s = apply(
        s,
        vec![Action::LoadShare(ShareState {
            lang: Some(Lang::En),
            ..ShareState::default()
        })],
    );
    assert_eq!((s.lang, s.share.lang), (Lang::En, None));
}
