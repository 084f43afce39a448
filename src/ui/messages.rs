//! The page's messages for components: the context the app provides (`Messages` in the
//! language shown) and the hook components read it with. A component rendered without the
//! app (a test) speaks English.

use yew::prelude::*;

pub use crate::page::i18n::{Arg, Messages};

/// The messages of the language the page shows.
#[hook]
pub fn use_messages() -> Messages {
    use_context::<Messages>().unwrap_or_default()
}

/// How the chosen language's messages are coming along: English is shown until they arrive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PackStatus {
    #[default]
    Ready,
    Loading,
    Failed,
}
