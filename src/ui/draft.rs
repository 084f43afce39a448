//! The saved draft: when a change of the shared state is written to the browser's storage
//! (never in an embed, not while a link is shown unchanged), and when the link that opened
//! the page is dropped from the address.

use std::cell::RefCell;
use std::rc::Rc;

use crate::page::share::ShareState;
use crate::ui::io;
use crate::ui::startup::Startup;

/// Decides when the draft is saved. Until the user changes what the page opened with (a
/// link, good or broken, the draft itself or an example), nothing is written, so opening a
/// link never replaces the saved draft; from the first change on, every state is saved (even
/// one equal to the opening state again, or an undo would be lost). Never in an embed: a docs
/// page must not overwrite the reader's own work.
#[derive(Debug, Default)]
pub struct DraftGuard {
    opened: Option<ShareState>,
    changed: bool,
}

impl DraftGuard {
    /// Whether `current` (the state after a render) is to be saved.
    pub fn should_save(&mut self, startup: &Startup, current: &ShareState) -> bool {
        if startup.embed.is_some() {
            return false;
        }
        let opened = self.opened.get_or_insert_with(|| current.clone());
        self.changed |= opened != current;
        self.changed
    }
}

/// Runs after every change of the shared state: saves the draft when the guard says so, and
/// then drops the fragment of the link that opened the page, so a reload shows the edit, not
/// the old link.
///
/// The writing waits for the browser's next idle moment (at most `SAVE_WITHIN_MS`), after
/// the frame that shows the change: serialising and storing a large file took about a
/// millisecond of every keystroke. Changes made before it runs are saved together, as the
/// latest state.
pub fn after_change(
    startup: &Startup,
    guard: &mut DraftGuard,
    pending: &Rc<RefCell<Option<ShareState>>>,
    current: &ShareState,
) {
    if guard.should_save(startup, current)
        && pending.borrow_mut().replace(current.clone()).is_none()
    {
        let pending = pending.clone();
        io::when_idle(SAVE_WITHIN_MS, move || flush_draft(&pending));
    }
}

/// Saves the draft waiting for an idle moment, if any: when the browser is idle, and when
/// the page is left before that (`pagehide`), so a quick reload loses nothing.
pub fn flush_draft(pending: &Rc<RefCell<Option<ShareState>>>) {
    let state = pending.borrow_mut().take();
    if let Some(state) = state {
        io::save_draft(&state);
        if !io::location_hash().is_empty() {
            io::clear_fragment();
        }
    }
}

/// The longest a change waits to be saved when the browser is never idle.
const SAVE_WITHIN_MS: u32 = 500;
