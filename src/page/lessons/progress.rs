//! What the learner has done, kept in the browser's storage between visits: the steps each
//! lesson has seen passed. The step shown is part of the share state (and so of the draft),
//! not of this.
//!
//! Stored as one line of text, `lesson:0,2;other:1` (lesson ids have no `:`, `;` or `,`):
//! reading it by hand keeps a generic map's JSON code out of the page's wasm.

use std::collections::BTreeMap;

/// The passed steps of each lesson, by lesson id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub passed: BTreeMap<String, Vec<usize>>,
}

/// The most lessons and steps a stored progress keeps: a damaged or hostile value in the
/// storage cannot make the page hold more.
const MAX_LESSONS: usize = 64;

impl Progress {
    /// Reads the stored text; what cannot be read is skipped.
    pub fn from_text(text: &str) -> Progress {
        let mut p = Progress::default();
        for entry in text.split(';') {
            let Some((id, steps)) = entry.split_once(':') else {
                continue;
            };
            for step in steps.split(',').filter_map(|s| s.parse::<usize>().ok()) {
                p.pass(id, step);
            }
        }
        p
    }

    pub fn to_text(&self) -> String {
        let entries: Vec<String> = self
            .passed
            .iter()
            .map(|(id, steps)| {
                let steps: Vec<String> = steps.iter().map(usize::to_string).collect();
                format!("{id}:{}", steps.join(","))
            })
            .collect();
        entries.join(";")
    }

    /// Records that `step` of `lesson` passed; false when it was already recorded.
    pub fn pass(&mut self, lesson: &str, step: usize) -> bool {
        let id_ok = !lesson.is_empty()
            && lesson.len() <= crate::page::share::MAX_LESSON_ID_CHARS
            && !lesson.contains([':', ';', ',']);
        if !id_ok
            || step >= crate::page::share::MAX_LESSON_STEPS
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
        assert_eq!(p.to_text(), "copy-from:0,2");
        let back = Progress::from_text(&p.to_text());
        assert_eq!(back, p);
        assert!(back.has_passed("copy-from", 0));
        assert!(!back.has_passed("copy-from", 1));
        assert_eq!(back.count("copy-from"), 2);
    }

    #[test]
    fn unreadable_or_hostile_storage_is_no_progress() {
        assert_eq!(Progress::from_text("not progress"), Progress::default());
        let p = Progress::from_text("a:5,1,5,100000,x;:1;b");
        assert_eq!(p.passed.get("a"), Some(&vec![1, 5]));
        assert_eq!(p.passed.len(), 1);
    }
}
