//! What every modal dialog does for the keyboard (the WAI-ARIA dialog pattern): the focus
//! moves into it when it opens, Tab stays inside it, Escape closes it wherever the focus
//! is, and the focus goes back to the button that opened it when it closes.

use yew::prelude::*;

use crate::ui::io;

/// Wires a dialog: returns the ref for its container and the `onkeydown` that keeps Tab
/// inside. `close` is called on Escape; `opener` is the id of the button to focus when the
/// dialog goes away (however it was closed, unless that moved the focus on purpose).
#[hook]
pub fn use_modal(opener: &'static str, close: Callback<()>) -> (NodeRef, Callback<KeyboardEvent>) {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            io::focus_first_in(&node);
            let listener = io::on_escape(move || close.emit(()));
            move || {
                drop(listener);
                io::return_focus(&node, opener);
            }
        });
    }
    let onkeydown = {
        let node = node.clone();
        Callback::from(move |e: KeyboardEvent| io::trap_tab(&e, &node))
    };
    (node, onkeydown)
}
