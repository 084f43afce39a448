//! Guided lessons (`docs/lessons.md`): the lesson files the page fetches on demand
//! (`static/lessons/{en,ko}.json`), read into plain values, and what a step starts from.
//!
//! A lesson is data, not code: its texts, the playground state each step starts from, the
//! state that solves it and the check (`check.rs`) that decides from the analysis whether the
//! learner did the step's one task. Pure, like the rest of `page`: the page fetches the file,
//! the CLI and the tests read it from disk.

pub mod check;
pub mod kept;
pub mod progress;

use serde::Deserialize;

use crate::analysis::Builder;
use crate::page::lang::Lang;
use crate::page::share::{LessonStep, ShareState, View};

pub use check::Check;

/// The file of a language's lessons, relative to the page (the page must work under any
/// sub-path, so never absolute).
pub fn file_path(lang: Lang) -> String {
    format!("lessons/{}.json", lang.tag())
}

/// A language's lesson file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFile {
    pub lang: Lang,
    /// The panel's own words (buttons, status), in this language.
    pub ui: Ui,
    pub lessons: Vec<Lesson>,
}

/// The panel's own words in the file's language, by key (`next`, `step_of`, and `part-<part>`
/// for the name of each [`Part`]), so that a language is added by adding a file. A map, not a
/// struct: its JSON reader is shared by every key (a smaller wasm); the tests check that every
/// file has every key of [`UI_KEYS`].
pub type Ui = std::collections::BTreeMap<String, String>;

/// Every key a lesson file's `ui` has.
pub const UI_KEYS: &[&str] = &[
    "heading",
    "choose",
    "step_of",
    "exercise",
    "task",
    "back",
    "next",
    "finish",
    "restart",
    "close",
    "all_lessons",
    "copy_link",
    "link_copied",
    "waiting",
    "passed",
    "hint",
    "completed",
    "unknown_step",
    "kept",
    "spotlight",
    "part-editor",
    "part-graph",
    "part-plan",
    "part-files",
    "part-problems",
    "part-view-tabs",
    "part-target",
    "part-builder",
    "part-build-args",
];

/// A word of the panel; the key itself when the file lacks it (the tests make sure none do).
pub fn word<'a>(ui: &'a Ui, key: &'a str) -> &'a str {
    ui.get(key).map_or(key, String::as_str)
}

/// One lesson: a path of steps, the last one an exercise.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<Step>,
}

/// One step: what it explains, the one thing it asks, and how that is checked.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    /// What the step explains (backticks mark code, as the examples' notes do).
    pub text: String,
    /// The one thing the learner does.
    pub task: String,
    /// Shown after a try that does not pass.
    pub hint: String,
    /// Shown once the check passes: what the learner should now see.
    pub done: String,
    /// The part of the page the step talks about, outlined while it is shown.
    pub part: Part,
    /// A broken Dockerfile to fix (the lesson's last step).
    #[serde(default)]
    pub exercise: bool,
    /// The playground state the step opens with.
    pub start: Setup,
    /// A state that does the task: the tests check that it passes and `start` does not.
    pub solution: Setup,
    /// What must hold once the task is done: every one of these.
    pub check: Vec<Check>,
}

/// The part of the page a step talks about. Each is one element the page already has,
/// found by its id (`lesson_panel.rs` outlines it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Editor,
    Graph,
    Plan,
    Files,
    Problems,
    ViewTabs,
    Target,
    Builder,
    BuildArgs,
}

impl Part {
    /// The name the panel writes into `data-part` (the stylesheet outlines the element).
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Editor => "editor",
            Part::Graph => "graph",
            Part::Plan => "plan",
            Part::Files => "files",
            Part::Problems => "problems",
            Part::ViewTabs => "view-tabs",
            Part::Target => "target",
            Part::Builder => "builder",
            Part::BuildArgs => "build-args",
        }
    }
}

/// A playground state, as a lesson file writes it: the Dockerfile as a list of lines (JSON
/// has no multi-line strings), the rest as in a share link.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    pub dockerfile: Vec<String>,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub build_args: Vec<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub legacy: bool,
    #[serde(default)]
    pub view: Option<String>,
}

impl Setup {
    /// The share state this setup opens, at lesson step `at`.
    pub fn share(&self, at: LessonStep) -> ShareState {
        let lines = |l: &[String]| {
            let mut s = l.join("\n");
            if !s.is_empty() {
                s.push('\n');
            }
            s
        };
        ShareState {
            dockerfile: lines(&self.dockerfile).into(),
            context: lines(&self.context),
            dockerignore: String::new(),
            build_args: lines(&self.build_args),
            target: self.target.clone(),
            builder: if self.legacy {
                Builder::Legacy
            } else {
                Builder::BuildKit
            },
            view: self
                .view
                .as_deref()
                .and_then(View::parse)
                .unwrap_or_default(),
            lesson: Some(at),
            // A step opens in the page's current language (the state keeps it, not the link).
            lang: None,
        }
    }
}

impl LessonFile {
    /// Reads a lesson file; the error says where it is broken.
    pub fn parse(json: &str) -> Result<LessonFile, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// The lesson and step `at` names, if this file has them.
    pub fn step(&self, at: &LessonStep) -> Option<(&Lesson, &Step)> {
        let lesson = self.lessons.iter().find(|l| l.id == at.lesson)?;
        Some((lesson, lesson.steps.get(at.step)?))
    }
}

/// Fills `{n}` and `{total}` in a panel phrase ("Step {n} of {total}"): the phrase's word
/// order is the language's own.
pub fn fill(phrase: &str, n: usize, total: usize) -> String {
    phrase
        .replace("{n}", &n.to_string())
        .replace("{total}", &total.to_string())
}
