//! What the learner has done, kept in the browser's storage between visits: the steps each
//! lesson has seen passed. The step shown is part of the share state (and so of the draft),
//! not of this.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The passed steps of each lesson, by lesson id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub passed: BTreeMap<String, Vec<usize>>,
}

/// The most lessons and steps a stored progress keeps: a damaged or hostile value in the
/// storage cannot make the page hold more.
const MAX_LESSONS: usize = 64;

impl Progress {
    /// Reads the stored JSON; anything unreadable is no progress.
    pub fn from_json(json: &str) -> Progress {
        let mut p: Progress = serde_json::from_str(json).unwrap_or_default();
        while p.passed.len() > MAX_LESSONS {
            p.passed.pop_last();
        }
        for steps in p.passed.values_mut() {
            steps.retain(|&s| s < crate::page::share::MAX_LESSON_STEPS);
            steps.sort_unstable();
            steps.dedup();
        }
        p
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Records that `step` of `lesson` passed; false when it was already recorded.
    pub fn pass(&mut self, lesson: &str, step: usize) -> bool {
        if step >= crate::page::share::MAX_LESSON_STEPS
            || (!self.passed.contains_key(lesson) && self.passed.len() >= MAX_LESSONS)
        {
            return false;
        }
        let steps = self.passed.entry(lesson.to_string()).or_default();
        match steps.binary_search(&step) {
            Ok(_) => false,
            Err(i) => {
                steps.insert(i, step);
                true
            }
        }
    }

    pub fn has_passed(&self, lesson: &str, step: usize) -> bool {
        self.passed
            .get(lesson)
            .is_some_and(|s| s.binary_search(&step).is_ok())
    }

    /// How many steps of `lesson` passed.
    pub fn count(&self, lesson: &str) -> usize {
        self.passed.get(lesson).map_or(0, Vec::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passed_steps_round_trip_through_json_once_each() {
        let mut p = Progress::default();
        assert!(p.pass("copy-from", 2));
        assert!(p.pass("copy-from", 0));
        assert!(!p.pass("copy-from", 2));
        let back = Progress::from_json(&p.to_json());
        assert_eq!(back, p);
        assert!(back.has_passed("copy-from", 0));
        assert!(!back.has_passed("copy-from", 1));
        assert_eq!(back.count("copy-from"), 2);
    }

    #[test]
    fn unreadable_or_hostile_storage_is_no_progress() {
        assert_eq!(Progress::from_json("not json"), Progress::default());
        let p = Progress::from_json(r#"{"passed":{"a":[5,1,5,100000]}}"#);
        assert_eq!(p.passed.get("a"), Some(&vec![1, 5]));
    }
}
