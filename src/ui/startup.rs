//! How the page starts: what its URL asks for (a `#v1.…` share link, `?embed`), read
//! before the first render (and again when a link is set as the fragment, `app.rs`); the one
//! place that decides the state the page opens with.

use crate::page::embed::{self, EmbedOptions};
use crate::page::lang::Lang;
use crate::page::share::{self, LinkError, ShareState};
use crate::ui::io;
use crate::ui::state::State;

/// What the URL asked for when the page loaded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Startup {
    /// The state of a valid share link in the fragment.
    pub share: Option<ShareState>,
    /// Why the fragment's share link could not be opened.
    pub error: Option<LinkError>,
    /// `?embed` options.
    pub embed: Option<EmbedOptions>,
    /// `?lang=ko`: the language the page opens in, whatever was saved or the browser prefers
    /// (a docs page can link a lesson in Korean).
    pub lang: Option<Lang>,
}

impl Startup {
    /// Reads a fragment and a query string (pure, so native tests cover it).
    pub fn from_url(fragment: &str, search: &str) -> Startup {
        let embed = embed::parse_query(search);
        let (share, error) = match share::decode_fragment(fragment) {
            Ok(s) => (s, None),
            Err(e) => (None, Some(e)),
        };
        let share = match &embed {
            Some(opts) => share.map(|s| embed::apply(opts, s)),
            None => share,
        };
        Startup {
            share,
            error,
            embed,
            lang: lang_param(search),
        }
    }

    /// Reads the page's own URL.
    pub fn read() -> Startup {
        Startup::from_url(&io::location_hash(), &io::location_search())
    }
}

/// The state the page opens with. A test's or caller's `share` wins, then a valid share link,
/// then (outside embeds) `initial` text, the saved draft or the default example; an embed
/// without a link shows the default example, never the reader's draft. The theme is the
/// embed's own, else the reader's saved choice.
pub fn initial_state(
    startup: &Startup,
    share: Option<ShareState>,
    initial: Option<String>,
) -> State {
    let share = share.or_else(|| startup.share.clone());
    let link_lang = share.as_ref().and_then(|s| s.lang);
    if let Some(opts) = &startup.embed {
        let share = share.unwrap_or_else(|| embed::apply(opts, State::default().share));
        let mut state = State::new(share);
        state.theme = opts.theme;
        state.lang = initial_lang(
            startup.lang.or(opts.lang).or(link_lang),
            io::load_lang(),
            io::browser_lang(),
        );
        return state;
    }
    let given = share.or_else(|| {
        initial.map(|text| ShareState {
            dockerfile: text.into(),
            ..ShareState::default()
        })
    });
    let mut state = match given.or_else(io::load_draft) {
        Some(share) => State::new(share),
        None => State::default(),
    };
    state.theme = io::load_theme();
    state.lang = initial_lang(
        startup.lang.or(link_lang),
        io::load_lang(),
        io::browser_lang(),
    );
    state.lessons_open = state.share.lesson.is_some();
    state
}

/// The `lang=` parameter of a query string (`?lang=ko`), if it names a language of the page.
fn lang_param(search: &str) -> Option<Lang> {
    let search = search.strip_prefix('?').unwrap_or(search);
    search
        .split('&')
        .find_map(|p| p.strip_prefix("lang="))
        .and_then(Lang::parse)
}

/// The language the page opens in: the one the address asks for (`?lang=`, an embed's
/// `data-lang`) or a share link names, else the reader's saved choice, else the browser's
/// preferred language.
pub fn initial_lang(asked: Option<Lang>, saved: Option<Lang>, browser: Lang) -> Lang {
    asked.or(saved).unwrap_or(browser)
}
