//! The local history of drafts: the last few distinct Dockerfile texts that were about to be
//! replaced (by a link's text, another tab's, a restored one, an example), bounded in count
//! and bytes, with when and why each was kept. Pure: `ui/browser.rs` stores it as JSON.

use serde::{Deserialize, Serialize};

/// At most this many texts are kept.
pub const MAX_ENTRIES: usize = 20;
/// At most this many bytes of text in all, so the history never crowds the draft itself out
/// of the browser's storage (about 5 MB per origin in Chromium and Firefox).
pub const MAX_BYTES: usize = 512 * 1024;

/// Why a text was put in the history.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The saved draft, replaced by the edited text of a share link or of a new session.
    #[default]
    Replaced,
    /// Another tab saved this text over this tab's draft.
    OtherTab,
    /// The editor's text before a draft from the history (or another tab's) was restored.
    BeforeRestore,
    /// The editor's text before an example was loaded.
    BeforeExample,
}

impl Reason {
    /// How the Drafts dialog names the reason.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Replaced => "earlier draft",
            Reason::OtherTab => "from another tab",
            Reason::BeforeRestore => "before a restore",
            Reason::BeforeExample => "before an example",
        }
    }
}

/// One kept text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub text: String,
    /// When it was kept, in milliseconds since the Unix epoch.
    pub at: f64,
    #[serde(default)]
    pub reason: Reason,
    /// Which tab wrote it, when another tab did (an opaque id; empty when unknown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tab: String,
}

impl Entry {
    /// The first line that is not blank, shortened for a list.
    pub fn title(&self) -> String {
        let line = self
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("(empty)");
        match line.char_indices().nth(TITLE_CHARS) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line.to_string(),
        }
    }

    /// The number of lines of the text.
    pub fn lines(&self) -> usize {
        self.text.lines().count()
    }
}

const TITLE_CHARS: usize = 80;

/// The kept texts, newest first; every text at most once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub entries: Vec<Entry>,
}

impl History {
    /// Reads the stored JSON; anything unreadable is an empty history (it is only a safety
    /// net, never a reason to fail the page), and a stored list is bounded again.
    pub fn from_json(json: &str) -> History {
        let entries: Vec<Entry> = serde_json::from_str(json).unwrap_or_default();
        let mut h = History::default();
        for e in entries.into_iter().rev() {
            h.push(e);
        }
        h
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.entries).unwrap_or_else(|_| "[]".into())
    }

    /// Keeps `entry` as the newest one. A text already kept moves to the top instead of
    /// appearing twice; blank texts and texts larger than [`MAX_BYTES`] are not kept; the
    /// oldest entries go when the count or the bytes would pass their bounds. Another tab's
    /// text replaces the newest entry when that came from the same tab, so a tab typing
    /// next to this one leaves its latest text instead of flooding the history with
    /// keystrokes. Returns whether the history changed.
    pub fn push(&mut self, entry: Entry) -> bool {
        if entry.text.trim().is_empty() || entry.text.len() > MAX_BYTES {
            return false;
        }
        if self.entries.first().is_some_and(|e| e.text == entry.text) {
            return false;
        }
        if entry.reason == Reason::OtherTab
            && !entry.tab.is_empty()
            && self
                .entries
                .first()
                .is_some_and(|e| e.reason == Reason::OtherTab && e.tab == entry.tab)
        {
            self.entries.remove(0);
        }
        self.entries.retain(|e| e.text != entry.text);
        self.entries.insert(0, entry);
        self.entries.truncate(MAX_ENTRIES);
        let mut total = 0;
        let keep = self
            .entries
            .iter()
            .take_while(|e| {
                total += e.text.len();
                total <= MAX_BYTES
            })
            .count();
        self.entries.truncate(keep);
        true
    }

    /// Drops the oldest entry (to make room in a full storage); false when there is none.
    pub fn drop_oldest(&mut self) -> bool {
        self.entries.pop().is_some()
    }

    /// The bytes of text kept.
    pub fn bytes(&self) -> usize {
        self.entries.iter().map(|e| e.text.len()).sum()
    }
}

/// How long ago `at` was, as the Drafts dialog says it ("just now", "5 min ago", "3 h ago",
/// "2 days ago"); both in milliseconds since the Unix epoch.
pub fn ago(at: f64, now: f64) -> String {
    let secs = ((now - at) / 1000.0).max(0.0) as u64;
    match secs {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86_400 => format!("{} h ago", secs / 3600),
        86_400..172_800 => "yesterday".into(),
        _ => format!("{} days ago", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str, at: f64, reason: Reason) -> Entry {
        Entry {
            text: text.into(),
            at,
            reason,
            tab: String::new(),
        }
    }

    fn from_tab(text: &str, tab: &str) -> Entry {
        Entry {
            tab: tab.into(),
            ..entry(text, 0.0, Reason::OtherTab)
        }
    }

    fn texts(h: &History) -> Vec<&str> {
        h.entries.iter().map(|e| e.text.as_str()).collect()
    }

    #[test]
    fn the_newest_text_comes_first_and_each_text_is_kept_once() {
        let mut h = History::default();
        assert!(h.push(entry("FROM a\n", 1.0, Reason::Replaced)));
        assert!(h.push(entry("FROM b\n", 2.0, Reason::Replaced)));
        assert!(!h.push(entry("FROM b\n", 3.0, Reason::Replaced)));
        assert!(h.push(entry("FROM a\n", 4.0, Reason::BeforeRestore)));
        assert_eq!(texts(&h), ["FROM a\n", "FROM b\n"]);
        assert_eq!(h.entries[0].at, 4.0);
        assert!(
            !h.push(entry("  \n", 5.0, Reason::Replaced)),
            "blank texts are not kept"
        );
    }

    #[test]
    fn the_history_is_bounded_in_count_and_bytes() {
        let mut h = History::default();
        for i in 0..MAX_ENTRIES + 5 {
            h.push(entry(&format!("FROM s{i}\n"), i as f64, Reason::Replaced));
        }
        assert_eq!(h.entries.len(), MAX_ENTRIES);
        assert_eq!(h.entries[0].text, format!("FROM s{}\n", MAX_ENTRIES + 4));
        let big = "x".repeat(MAX_BYTES / 3);
        for i in 0..4 {
            h.push(entry(&format!("{i}{big}"), 0.0, Reason::Replaced));
        }
        assert!(h.bytes() <= MAX_BYTES);
        assert_eq!(h.entries.len(), 2, "only the two newest thirds fit");
        assert!(!h.push(entry(&"y".repeat(MAX_BYTES + 1), 0.0, Reason::Replaced)));
    }

    #[test]
    fn another_tabs_texts_replace_each_other_at_the_top() {
        let mut h = History::default();
        h.push(entry("FROM mine\n", 1.0, Reason::Replaced));
        h.push(from_tab("FROM other-1\n", "t2"));
        h.push(from_tab("FROM other-12\n", "t2"));
        assert_eq!(texts(&h), ["FROM other-12\n", "FROM mine\n"]);
        // A third tab's text does not replace the second's, nor does a text after another
        // kind of entry.
        h.push(from_tab("FROM third\n", "t3"));
        h.push(entry("FROM mine-2\n", 4.0, Reason::BeforeRestore));
        h.push(from_tab("FROM third-2\n", "t3"));
        assert_eq!(
            texts(&h),
            [
                "FROM third-2\n",
                "FROM mine-2\n",
                "FROM third\n",
                "FROM other-12\n",
                "FROM mine\n"
            ]
        );
    }

    #[test]
    fn stored_json_round_trips_and_garbage_is_an_empty_history() {
        let mut h = History::default();
        h.push(entry("FROM a\n", 1.0, Reason::OtherTab));
        h.push(entry("FROM <b>\n", 2.0, Reason::Replaced));
        assert_eq!(History::from_json(&h.to_json()), h);
        assert_eq!(History::from_json("{not json"), History::default());
        assert_eq!(
            History::from_json("[{\"text\":\"FROM c\",\"at\":1}]").entries[0].reason,
            Reason::Replaced
        );
        let many = (0..100)
            .map(|i| format!("{{\"text\":\"FROM {i}\",\"at\":{i}}}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            History::from_json(&format!("[{many}]")).entries.len(),
            MAX_ENTRIES
        );
    }

    #[test]
    fn titles_are_the_first_non_blank_line_shortened() {
        let e = |text: &str| entry(text, 0.0, Reason::Replaced);
        assert_eq!(e("\n  \n# syntax=x\nFROM a\n").title(), "# syntax=x");
        assert_eq!(e("").title(), "(empty)");
        let long = format!("FROM {}", "é".repeat(100));
        assert_eq!(e(&long).title().chars().count(), TITLE_CHARS + 1);
        assert_eq!(e("a\nb\nc").lines(), 3);
    }

    #[test]
    fn ages_read_as_words() {
        let min = 60_000.0;
        assert_eq!(ago(0.0, 30_000.0), "just now");
        assert_eq!(ago(0.0, 5.0 * min), "5 min ago");
        assert_eq!(ago(0.0, 125.0 * min), "2 h ago");
        assert_eq!(ago(0.0, 30.0 * 60.0 * min), "yesterday");
        assert_eq!(ago(0.0, 3.0 * 24.0 * 60.0 * min), "3 days ago");
        assert_eq!(
            ago(10.0, 0.0),
            "just now",
            "a clock set back is not negative"
        );
    }
}
