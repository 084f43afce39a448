//! The lesson files (`static/lessons/*.json`), read as the page reads them and run through
//! the core natively: every language has the same lessons, steps, parts and checks; every
//! step's check passes on the step's solution and fails on its start (no step is solved
//! before the learner acts, and every step can be solved); exercises use the page's own
//! diagnostics.

use stageplay::page::command_line::options;
use stageplay::page::lang::Lang;
use stageplay::page::lessons::check::all_pass;
use stageplay::page::lessons::{Check, LessonFile, UI_KEYS, file_path};
use stageplay::page::share::{self, LessonStep, ShareState};

fn read(lang: Lang) -> LessonFile {
    let path = format!("{}/static/{}", env!("CARGO_MANIFEST_DIR"), file_path(lang));
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file = LessonFile::parse(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(file.lang, lang, "{path} says it is in another language");
    file
}

fn holds(checks: &[Check], share: &ShareState) -> bool {
    let a = stageplay::analysis::analyze(&share.dockerfile, &options(share));
    all_pass(checks, &a, share)
}

#[test]
fn every_step_fails_on_its_start_and_passes_on_its_solution() {
    let file = read(Lang::En);
    assert_eq!(file.lessons.len(), 5, "the five lessons of the note's path");
    for lesson in &file.lessons {
        assert!(
            lesson.steps.last().is_some_and(|s| s.exercise),
            "{} ends with an exercise",
            lesson.id
        );
        for (i, step) in lesson.steps.iter().enumerate() {
            let at = LessonStep {
                lesson: lesson.id.clone(),
                step: i,
            };
            let name = format!("{} step {}", lesson.id, i + 1);
            assert!(
                !holds(&step.check, &step.start.share(at.clone())),
                "{name} is solved before the learner acts"
            );
            assert!(
                holds(&step.check, &step.solution.share(at.clone())),
                "{name}: its solution does not pass its check"
            );
            // Each step opens as a link would carry it.
            let start = step.start.share(at);
            assert_eq!(share::decode(&share::encode(&start).unwrap()), Ok(start));
        }
    }
}

#[test]
fn exercises_are_checked_by_the_pages_diagnostics() {
    // The four common mistakes of the lessons' exercises, each a rule of the Problems view
    // that fires on the broken file and is gone once it is fixed.
    let file = read(Lang::En);
    let mut rules = Vec::new();
    for lesson in &file.lessons {
        let step = lesson.steps.last().unwrap();
        let at = LessonStep {
            lesson: lesson.id.clone(),
            step: lesson.steps.len() - 1,
        };
        for c in &step.check {
            if let Check::NoReport(rule) = c {
                let reported = [Check::Reports(rule.clone())];
                assert!(holds(&reported, &step.start.share(at.clone())), "{rule}");
                assert!(
                    !holds(&reported, &step.solution.share(at.clone())),
                    "{rule}"
                );
                rules.push(rule.clone());
            }
        }
    }
    for rule in [
        "HeavyFinalBase",
        "StageNameTypo",
        "CopyFromLaterStage",
        "GlobalArgNotRedeclared",
    ] {
        assert!(rules.iter().any(|r| r == rule), "no exercise checks {rule}");
    }
}

#[test]
fn every_language_has_the_same_lessons_steps_and_checks() {
    let en = read(Lang::En);
    for lang in Lang::ALL {
        let other = read(lang);
        let keys: Vec<&str> = other.ui.keys().map(String::as_str).collect();
        let mut want = UI_KEYS.to_vec();
        want.sort_unstable();
        assert_eq!(keys, want, "{lang:?}: the panel's words");
        assert_eq!(other.lessons.len(), en.lessons.len(), "{lang:?}");
        for (a, b) in en.lessons.iter().zip(&other.lessons) {
            assert_eq!(a.id, b.id, "{lang:?}");
            assert_eq!(a.steps.len(), b.steps.len(), "{lang:?} {}", a.id);
            for (i, (x, y)) in a.steps.iter().zip(&b.steps).enumerate() {
                let name = format!("{lang:?} {} step {}", a.id, i + 1);
                assert_eq!(x.check, y.check, "{name}");
                assert_eq!(x.start, y.start, "{name}");
                assert_eq!(x.solution, y.solution, "{name}");
                assert_eq!(x.part, y.part, "{name}");
                assert_eq!(x.exercise, y.exercise, "{name}");
                for text in [&y.title, &y.text, &y.task, &y.hint, &y.done] {
                    assert!(!text.trim().is_empty(), "{name} has an empty text");
                }
            }
        }
    }
}

#[test]
fn a_check_is_a_short_sentence_and_a_wrong_one_is_refused() {
    let parse = |s: &str| Check::try_from(s.to_string());
    assert_eq!(parse("skips test"), Ok(Check::Skips("test".into())));
    assert_eq!(
        parse("stage-named 0 builder"),
        Ok(Check::StageNamed {
            index: 0,
            name: "builder".into()
        })
    );
    assert_eq!(parse("build-succeeds"), Ok(Check::BuildSucceeds));
    for bad in [
        "",
        "skips",
        "skips a b",
        "stage-named x builder",
        "final-hsa /go",
        "build-succeeds now",
    ] {
        assert!(parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn korean_texts_are_written_in_korean() {
    // A file copied from English and left untranslated would pass the test above.
    let ko = read(Lang::Ko);
    let hangul = |s: &str| s.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
    for lesson in &ko.lessons {
        assert!(hangul(&lesson.title), "{}", lesson.id);
        for step in &lesson.steps {
            for text in [&step.title, &step.text, &step.task, &step.hint, &step.done] {
                assert!(hangul(text), "{}: {text}", lesson.id);
            }
        }
    }
}
