//! How the page starts: what its URL asks for (a `#v1.…` share link, `?embed`), read
//! before the first render (and again when a link is set as the fragment, `app.rs`); the one
//! place that decides the state the page opens with; and the warm-up analyses run while the
//! page is idle after it.

use crate::analysis;
use crate::page::embed::{self, EmbedOptions};
use crate::page::examples::EXAMPLES;
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

/// Starts the idle-time warm-up after the first render: a file of a hundred-odd stages (the
/// examples back to back, eight times), since small files alone left the first 1 MB paste at
/// 250-330 ms, the next at ~90 ms.
pub fn warm_up_when_idle() {
    let long = EXAMPLES
        .iter()
        .map(|e| e.dockerfile)
        .collect::<Vec<_>>()
        .join("\n")
        .repeat(WARM_UP_REPEAT);
    warm_up(WARM_UP_ROUNDS, long);
}

/// How many idle-time analyses [`warm_up`] runs, [`WARM_UP_GAP_MS`] apart.
const WARM_UP_ROUNDS: u32 = 6;
const WARM_UP_GAP_MS: u32 = 250;
const WARM_UP_REPEAT: usize = 8;

/// V8 first runs wasm in a baseline tier and optimises a function only once it has run
/// enough, so in a fresh page the first large paste was analysed about 3 times slower than
/// the next ones (a 1 MB file: 580 ms, then 154 ms; `scripts/measure-large.mjs`). A few
/// analyses of every gallery example and of `long`, one short task each while the page is
/// idle after its first render, make those functions hot before the user needs them.
fn warm_up(rounds: u32, long: String) {
    if rounds == 0 {
        return;
    }
    // The handle is kept alive by leaking it: a one-off timer per round.
    std::mem::forget(io::after(WARM_UP_GAP_MS, move || {
        let options = analysis::Options::default();
        for e in EXAMPLES {
            std::hint::black_box(analysis::analyze(e.dockerfile, &options));
        }
        std::hint::black_box(analysis::analyze(&long, &options));
        warm_up(rounds - 1, long);
    }));
}
