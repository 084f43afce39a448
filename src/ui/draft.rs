//! The saved draft: when a change of the shared state is written to the browser's storage
//! (never in an embed, not while a link's text is unedited), what is kept in the history of
//! drafts before the stored draft is overwritten, and when the link that opened the page is
//! dropped from the address or rewritten in it.

use std::cell::RefCell;
use std::rc::Rc;

use crate::page::drafts::Reason;
use crate::page::share::{self, ShareState, Text};
use crate::ui::io;
use crate::ui::startup::Startup;

/// Decides when the draft is saved. Until the user changes what the page opened with (a
/// link, good or broken, the draft itself or an example), nothing is written; from the
/// first change on, every state is saved (even one equal to the opening state again, or an
/// undo would be lost). A share link's state counts as changed only when a text is edited
/// (the Dockerfile, context, .dockerignore or build args): its view, target or builder
/// changed alone stay in the address, so clicking around a link never replaces the saved
/// draft. Never in an embed: a docs page must not overwrite the reader's own work.
#[derive(Debug, Default)]
pub struct DraftGuard {
    opened: Option<ShareState>,
    changed: bool,
    /// Whether the link in the address was rewritten (then a return to the opening view is
    /// written there too).
    rewrote: bool,
}

/// What to do with a state after a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterChange {
    /// Nothing: an embed, or the state the page opened with.
    Nothing,
    /// Save it as the draft.
    Save,
    /// A share link's state with only its view, target or builder changed: rewrite the
    /// link in the address, leave the saved draft alone.
    RewriteLink,
}

impl DraftGuard {
    /// A guard for a page that (re)opens on `opened`, as a fresh load does: nothing changed,
    /// nothing rewritten. Set before the state is replaced, so the first render of
    /// `opened` (or none, when the state was already equal to it) is not taken for an edit.
    pub fn opened_with(opened: &ShareState) -> DraftGuard {
        DraftGuard {
            opened: Some(opened.clone()),
            ..DraftGuard::default()
        }
    }

    /// Whether `current` (the state after a render) is to be saved.
    pub fn should_save(&mut self, startup: &Startup, current: &ShareState) -> bool {
        self.decide(startup, current) == AfterChange::Save
    }

    /// What to do with `current`, the state after a render.
    pub fn decide(&mut self, startup: &Startup, current: &ShareState) -> AfterChange {
        if startup.embed.is_some() {
            return AfterChange::Nothing;
        }
        let opened = self.opened.get_or_insert_with(|| current.clone());
        let from_link = startup.share.is_some();
        self.changed |= if from_link {
            opened.dockerfile != current.dockerfile
                || opened.context != current.context
                || opened.dockerignore != current.dockerignore
                || opened.build_args != current.build_args
        } else {
            opened != current
        };
        if self.changed {
            AfterChange::Save
        } else if from_link && (self.rewrote || opened != current) {
            self.rewrote = true;
            AfterChange::RewriteLink
        } else {
            AfterChange::Nothing
        }
    }
}

/// The draft writer of one page: the state waiting for an idle moment, and the Dockerfile
/// text this page last wrote, to tell its own draft from anyone else's.
#[derive(Debug, Default)]
pub struct Saver {
    pending: Option<ShareState>,
    written: Option<Text>,
}

impl Saver {
    /// What the stored draft's text `stored` is to be kept as in the history before `next`
    /// is written over it, if anything: it is kept unless this page wrote it, or it is
    /// `next` itself. Before this page's first write it is the draft the user had (the one
    /// a link's edited text replaces, or the one this session started from: a checkpoint
    /// per session); after, another tab wrote it.
    pub fn keep_before_write(&self, stored: Option<&str>, next: &str) -> Option<Reason> {
        let stored = stored?;
        if stored == next || self.written.as_deref() == Some(stored) {
            return None;
        }
        Some(match self.written {
            Some(_) => Reason::OtherTab,
            None => Reason::Replaced,
        })
    }

    /// Records that this page wrote `text` as the draft.
    pub fn wrote(&mut self, text: Text) {
        self.written = Some(text);
    }
}

/// Runs after every change of the shared state: saves the draft when the guard says so (and
/// then drops the fragment of the link that opened the page, so a reload shows the edit, not
/// the old link), or rewrites the link in the address when only its view or target changed.
///
/// The writing waits for the browser's next idle moment (at most `SAVE_WITHIN_MS`), after
/// the frame that shows the change: serialising and storing a large file took about a
/// millisecond of every keystroke. Changes made before it runs are saved together, as the
/// latest state. `report` hears whether the browser stored it.
pub fn after_change(
    startup: &Startup,
    guard: &mut DraftGuard,
    saver: &Rc<RefCell<Saver>>,
    current: &ShareState,
    report: impl Fn(bool) + 'static,
) {
    match guard.decide(startup, current) {
        AfterChange::Nothing => {}
        AfterChange::RewriteLink => {
            if let Ok(payload) = share::encode(current) {
                io::replace_fragment(&payload);
            }
        }
        AfterChange::Save => {
            if saver
                .borrow_mut()
                .pending
                .replace(current.clone())
                .is_none()
            {
                let saver = saver.clone();
                io::when_idle(SAVE_WITHIN_MS, move || {
                    if let Some(ok) = flush_draft(&saver) {
                        report(ok);
                    }
                });
            }
        }
    }
}

/// Saves the draft waiting for an idle moment, if any: when the browser is idle, and when
/// the page is left before that (`pagehide`), so a quick reload loses nothing. A stored
/// draft this page did not write goes to the history first. Returns whether the browser
/// stored it (`None` when nothing was waiting); a failed save is tried again on the next
/// change.
pub fn flush_draft(saver: &Rc<RefCell<Saver>>) -> Option<bool> {
    let ok = write_pending(saver)?;
    if ok && !io::location_hash().is_empty() {
        io::clear_fragment();
    }
    Some(ok)
}

/// Saves the draft waiting for an idle moment, if any, as [`flush_draft`] does but leaving
/// the address alone: used when a new link has just been set there (`hashchange`), which
/// must stay until its own text is edited.
pub fn write_pending(saver: &Rc<RefCell<Saver>>) -> Option<bool> {
    let state = saver.borrow_mut().pending.take()?;
    let stored = io::stored_draft();
    let keep = saver
        .borrow()
        .keep_before_write(stored.as_ref().map(|s| s.0.as_str()), &state.dockerfile);
    if let (Some(reason), Some((text, tab))) = (keep, stored) {
        io::push_history(&text, reason, &tab);
    }
    let ok = io::save_draft(&state);
    if ok {
        saver.borrow_mut().wrote(state.dockerfile.clone());
    }
    Some(ok)
}

/// Saves `state` at once (after the user freed space), with the same bookkeeping as an
/// idle-time save; returns whether the browser stored it.
pub fn save_now(saver: &Rc<RefCell<Saver>>, state: &ShareState) -> bool {
    saver.borrow_mut().pending = Some(state.clone());
    flush_draft(saver).unwrap_or(false)
}

/// The longest a change waits to be saved when the browser is never idle.
const SAVE_WITHIN_MS: u32 = 500;
