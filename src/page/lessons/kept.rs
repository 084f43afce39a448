//! The playground as the learner left each lesson step, so that Back and Next return to their
//! edits instead of the step's start. Kept while the lesson panel is open (in memory, not in
//! the browser's storage: the step shown is already in the saved draft); "Start again"
//! forgets a step's edits.

use crate::page::share::{LessonStep, ShareState};

/// The most steps whose edits are kept: far more than the lessons have, so that links to
/// made-up steps cannot make the page hold more.
pub const MAX_KEPT: usize = 64;

/// Each step's playground as the learner left it (only steps they changed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeptSteps {
    kept: Vec<ShareState>,
}

impl KeptSteps {
    /// The learner leaves the step `share` shows: keep it, unless it is the step's `start`
    /// (nothing to bring back).
    pub fn leave(&mut self, share: &ShareState, start: &ShareState) {
        let Some(at) = &share.lesson else {
            return;
        };
        self.forget(at);
        if share != start {
            if self.kept.len() >= MAX_KEPT {
                self.kept.remove(0);
            }
            self.kept.push(share.clone());
        }
    }

    /// What the step `start` opens should show: the learner's edits when there are some, else
    /// `start` itself.
    pub fn open(&self, start: ShareState) -> ShareState {
        self.get(start.lesson.as_ref()).cloned().unwrap_or(start)
    }

    /// Whether the learner's edits of `at` are kept.
    pub fn has(&self, at: &LessonStep) -> bool {
        self.get(Some(at)).is_some()
    }

    /// Drops the edits of `at` ("Start again").
    pub fn forget(&mut self, at: &LessonStep) {
        self.kept.retain(|s| s.lesson.as_ref() != Some(at));
    }

    fn get(&self, at: Option<&LessonStep>) -> Option<&ShareState> {
        let at = at?;
        self.kept.iter().find(|s| s.lesson.as_ref() == Some(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(step: usize) -> LessonStep {
        LessonStep {
            lesson: "args".into(),
            step,
        }
    }

    fn state(step: usize, text: &str) -> ShareState {
        ShareState {
            dockerfile: text.into(),
            lesson: Some(at(step)),
            ..ShareState::default()
        }
    }

    #[test]
    fn back_and_next_bring_the_edits_back_and_start_again_forgets_them() {
        let mut kept = KeptSteps::default();
        let start0 = state(0, "FROM a\n");
        let start1 = state(1, "FROM b\n");
        // Step 1 edited, then Back: its edits are kept.
        let edited1 = state(1, "FROM b AS build\n");
        kept.leave(&edited1, &start1);
        assert!(kept.has(&at(1)));
        // Step 0 left untouched: nothing kept, it opens at its start.
        kept.leave(&start0, &start0);
        assert!(!kept.has(&at(0)));
        assert_eq!(kept.open(start0.clone()), start0);
        // Next: step 1 comes back as it was left.
        assert_eq!(kept.open(start1.clone()), edited1);
        // Edited again, then left as it started: the old edits are not brought back.
        kept.leave(&start1, &start1);
        assert_eq!(kept.open(start1.clone()), start1);
        // Start again forgets.
        kept.leave(&edited1, &start1);
        kept.forget(&at(1));
        assert_eq!(kept.open(start1.clone()), start1);
        // A state outside a lesson is never kept.
        kept.leave(&ShareState::default(), &start0);
        assert_eq!(kept, KeptSteps::default());
    }

    #[test]
    fn at_most_max_kept_steps_are_kept() {
        let mut kept = KeptSteps::default();
        for i in 0..MAX_KEPT + 10 {
            kept.leave(&state(i, "edited\n"), &state(i, "start\n"));
        }
        assert_eq!(kept.kept.len(), MAX_KEPT);
        // The oldest went first.
        assert!(!kept.has(&at(0)));
        assert!(kept.has(&at(MAX_KEPT + 9)));
    }
}
