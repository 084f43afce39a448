//! Embed mode: the options a `?embed` URL carries (`view=`, with `lesson` among its panes,
//! `readonly`, `theme=`, `target=`, `lang=`),
//! the `<iframe>` snippet the Embed button offers, and the "Open in Stageplay" link.
//!
//! Pure: the page passes in `location.search` and its own address; nothing here touches the
//! browser, so native tests cover every rule.

use super::lang::Lang;
use super::markup::escape;
use super::share::{self, LinkError, ShareState};
use super::theme::Theme;

/// A part of the page an embed can show. Unlike [`share::View`] (the one output tab that is
/// selected), an embed can show several, and the editor is one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    Editor,
    Graph,
    Plan,
    Files,
    Problems,
    Steps,
    /// The lesson panel: the link's lesson step, else the list of lessons.
    Lesson,
}

impl Pane {
    pub const ALL: [Pane; 7] = [
        Pane::Editor,
        Pane::Graph,
        Pane::Plan,
        Pane::Files,
        Pane::Problems,
        Pane::Steps,
        Pane::Lesson,
    ];

    /// The name used in `view=` (and in `data-view` of embed.js).
    pub fn as_str(self) -> &'static str {
        match self {
            Pane::Editor => "editor",
            Pane::Graph => "graph",
            Pane::Plan => "plan",
            Pane::Files => "files",
            Pane::Problems => "problems",
            Pane::Steps => "steps",
            Pane::Lesson => "lesson",
        }
    }

    pub fn parse(s: &str) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The output view this pane shows, if it is one (the editor is not).
    pub fn view(self) -> Option<share::View> {
        share::View::parse(self.as_str())
    }
}

/// What a `?embed` URL asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    /// The panes to show, in the order given, without duplicates; never empty.
    pub panes: Vec<Pane>,
    /// The Dockerfile cannot be edited (the target and builder still can).
    pub readonly: bool,
    pub theme: Theme,
    /// Overrides the target carried by the share link.
    pub target: Option<String>,
    /// The embed's language (`lang=`, embed.js's `data-lang`); `None` follows the link, then
    /// the reader.
    pub lang: Option<Lang>,
    /// Words in `view=` that name no pane, so the page can say so instead of ignoring them.
    pub unknown_views: Vec<String>,
}

/// The panes shown when `view=` is absent or names nothing known: the Dockerfile and its graph.
pub const DEFAULT_PANES: [Pane; 2] = [Pane::Editor, Pane::Graph];

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            panes: DEFAULT_PANES.to_vec(),
            readonly: false,
            theme: Theme::System,
            target: None,
            lang: None,
            unknown_views: Vec::new(),
        }
    }
}

impl EmbedOptions {
    /// Whether `pane` is shown.
    pub fn shows(&self, pane: Pane) -> bool {
        self.panes.contains(&pane)
    }

    /// The query string (without `?`) that asks for these options.
    pub fn to_query(&self) -> String {
        let mut q = String::from("embed");
        if self.panes != DEFAULT_PANES {
            let names: Vec<&str> = self.panes.iter().map(|p| p.as_str()).collect();
            q.push_str("&view=");
            q.push_str(&names.join(","));
        }
        if self.readonly {
            q.push_str("&readonly");
        }
        if self.theme != Theme::System {
            q.push_str("&theme=");
            q.push_str(self.theme.as_str());
        }
        if let Some(t) = &self.target {
            q.push_str("&target=");
            q.push_str(&percent_encode(t));
        }
        if let Some(l) = self.lang {
            q.push_str("&lang=");
            q.push_str(l.tag());
        }
        q
    }
}

/// How much of `location.search` is read, in bytes: every option fits in a few hundred, and
/// an address can be megabytes long. What lies beyond is ignored.
pub const MAX_QUERY_BYTES: usize = 4096;

/// How many unknown `view=` words are kept to name in the page's note; more are summed up
/// as "and more", so a `view=` of 300,000 words makes a one-line note, not a 1.2 MB one.
pub const MAX_UNKNOWN_VIEWS: usize = 3;

/// Reads `location.search` (with or without its `?`, at most [`MAX_QUERY_BYTES`] of it).
/// `None` unless it has an `embed` parameter; unknown parameters and values are ignored,
/// since a docs page may add its own. `view=` accepts only pane names, each once (so at most
/// six panes) and keeps at most [`MAX_UNKNOWN_VIEWS`] unknown words.
pub fn parse_query(search: &str) -> Option<EmbedOptions> {
    let search = search.strip_prefix('?').unwrap_or(search);
    let search = &search[..crate::analysis::span::floor_char_boundary(search, MAX_QUERY_BYTES)];
    let mut embed = false;
    let mut opts = EmbedOptions::default();
    let mut panes: Vec<Pane> = Vec::new();
    for pair in search.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "embed" => embed = true,
            "readonly" => opts.readonly = !matches!(value.as_str(), "0" | "false"),
            "theme" => {
                opts.theme = match value.as_str() {
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    _ => Theme::System,
                }
            }
            "target" => {
                let t = value.trim();
                opts.target = (!t.is_empty()
                    && t.chars().count() <= share::MAX_TARGET_CHARS
                    && !t.chars().any(char::is_control))
                .then(|| t.to_string());
            }
            "lang" => opts.lang = Lang::parse(value.trim()),
            "view" => {
                for word in value.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                    match Pane::parse(&word.to_ascii_lowercase()) {
                        Some(p) if !panes.contains(&p) => panes.push(p),
                        Some(_) => {}
                        None if opts.unknown_views.len() < MAX_UNKNOWN_VIEWS => {
                            opts.unknown_views.push(word.chars().take(40).collect());
                        }
                        None => {
                            if opts.unknown_views.len() == MAX_UNKNOWN_VIEWS {
                                opts.unknown_views.push("and more".into());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if !panes.is_empty() {
        opts.panes = panes;
    }
    embed.then_some(opts)
}

/// The state an embed shows: the link's state with the query's target applied, and the
/// selected view moved to the first output pane shown, so the two never disagree.
pub fn apply(opts: &EmbedOptions, mut state: ShareState) -> ShareState {
    if let Some(t) = &opts.target {
        state.target = Some(t.clone());
    }
    let shown: Vec<share::View> = opts.panes.iter().filter_map(|p| p.view()).collect();
    if !shown.is_empty() && !shown.contains(&state.view) {
        state.view = shown[0];
    }
    state
}

/// The address of the full page (`base` without query or fragment) opened on `state`: the
/// "Open in Stageplay" link of an embed.
pub fn open_link(base: &str, state: &ShareState) -> Result<String, LinkError> {
    share::link(page_address(base), state)
}

/// The address of an embed of `state` with `opts`, for an `<iframe src>`.
pub fn embed_url(base: &str, opts: &EmbedOptions, state: &ShareState) -> Result<String, LinkError> {
    share::link(
        &format!("{}?{}", page_address(base), opts.to_query()),
        state,
    )
}

/// The `<iframe>` snippet the Embed button offers. The iframe is sandboxed without
/// `allow-top-navigation`, so the embed can never navigate the docs page away;
/// `allow-same-origin` is needed to load the page's own wasm, `allow-popups` for the
/// "Open in Stageplay" link, which opens in a new tab.
pub fn iframe_snippet(
    base: &str,
    opts: &EmbedOptions,
    state: &ShareState,
    height_px: u32,
) -> Result<String, LinkError> {
    let src = embed_url(base, opts, state)?;
    Ok(format!(
        "<iframe src=\"{}\" title=\"Stageplay: Dockerfile multi-stage build\" width=\"100%\" \
         height=\"{height_px}\" style=\"border:0;max-width:100%\" loading=\"lazy\" \
         sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\">\
         </iframe>",
        escape(&src)
    ))
}

/// The key that marks a message between an embed and embed.js (`{stageplay: "height", height}`
/// from the embed, `{stageplay: "theme", theme}` from the host page): other scripts on a docs
/// page post messages too, and each side ignores every message without it.
pub const MESSAGE_KEY: &str = "stageplay";

/// The theme a host page's `{stageplay: "theme", theme}` message asks for: only the three
/// names the page knows, at most 8 bytes read; anything else is ignored.
pub fn host_theme(value: &str) -> Option<Theme> {
    (value.len() <= 8).then(|| Theme::parse(value)).flatten()
}

/// The iframe height, in CSS pixels, that shows `panes` without a scrollbar in most cases:
/// the height of a fixed `<iframe>` (the Embed button's snippet) and of an embed.js iframe
/// until the embed reports its own. Measured in Chromium at 800 px wide on the Go example
/// (the bar and padding 104, the editor 311, the graph 371, the plan 257, the files and
/// steps 611 for its two stages, so larger files get what a medium one needs); embed.js
/// keeps the same numbers.
pub fn default_height(panes: &[Pane]) -> u32 {
    let body: u32 = panes
        .iter()
        .map(|p| match p {
            Pane::Editor => 312,
            Pane::Graph => 372,
            Pane::Plan | Pane::Problems => 260,
            Pane::Files | Pane::Steps => 420,
            Pane::Lesson => LESSON_PANE_HEIGHT,
        })
        .sum();
    let gaps = 8 * panes.len().saturating_sub(1) as u32;
    (104 + body + gaps).min(4000)
}

/// The lesson pane's height in the fixed-height snippet (see `default_height`).
const LESSON_PANE_HEIGHT: u32 = 320;

/// `base` without its query and fragment.
pub fn page_address(base: &str) -> &str {
    let end = base.find(['?', '#']).unwrap_or(base.len());
    &base[..end]
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space in form encoding); a malformed escape is kept as
/// written and invalid UTF-8 becomes U+FFFD, so no query can make this fail.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_embed_parameter_means_the_full_page() {
        assert_eq!(parse_query(""), None);
        assert_eq!(parse_query("?view=graph"), None);
    }

    #[test]
    fn embed_alone_shows_the_editor_and_graph() {
        assert_eq!(parse_query("?embed"), Some(EmbedOptions::default()));
        assert_eq!(parse_query("embed="), Some(EmbedOptions::default()));
    }

    #[test]
    fn every_option_is_read() {
        let o = parse_query(
            "?embed&view=files,Graph,files,bogus&readonly&theme=dark&target=my%20app&lang=ko-KR",
        )
        .unwrap();
        assert_eq!(o.panes, vec![Pane::Files, Pane::Graph]);
        assert!(o.readonly);
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.target.as_deref(), Some("my app"));
        assert_eq!(o.unknown_views, vec!["bogus".to_string()]);
        assert_eq!(o.lang, Some(Lang::Ko));
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let o = parse_query("?embed&theme=purple&target=%0A&view=nothing&readonly=false&lang=xx")
            .unwrap();
        assert_eq!(o.theme, Theme::System);
        assert_eq!(o.lang, None);
        assert_eq!(o.target, None);
        assert_eq!(o.panes, DEFAULT_PANES.to_vec());
        assert!(!o.readonly);
    }

    #[test]
    fn a_huge_view_list_is_bounded() {
        let words: Vec<String> = (0..300_000).map(|i| format!("w{i}")).collect();
        let query = format!("?embed&view=graph,{},plan&theme=dark", words.join(","));
        let o = parse_query(&query).unwrap();
        assert_eq!(
            o.panes,
            vec![Pane::Graph],
            "what lies past the cap is not read"
        );
        assert_eq!(o.unknown_views, ["w0", "w1", "w2", "and more"]);
        assert_eq!(o.theme, Theme::System);
        // Every pane, repeated and in any case, gives the six panes once each.
        let all = Pane::ALL.map(Pane::as_str).join(",").to_uppercase();
        let o = parse_query(&format!("embed&view={}", [all.as_str(); 50].join(","))).unwrap();
        assert_eq!(o.panes, Pane::ALL.to_vec());
        assert!(o.unknown_views.is_empty());
    }

    #[test]
    fn the_query_is_read_up_to_its_cap() {
        let pad = "x".repeat(MAX_QUERY_BYTES - "embed&theme=dark&".len());
        let o = parse_query(&format!("embed&theme=dark&{pad}")).unwrap();
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(parse_query(&format!("{pad}{pad}&embed")), None);
        // A cut inside a multi-byte character still gives a valid string.
        let o = parse_query(&format!("embed&{}", "é".repeat(MAX_QUERY_BYTES))).unwrap();
        assert_eq!(o, EmbedOptions::default());
    }

    #[test]
    fn to_query_round_trips() {
        let o = EmbedOptions {
            panes: vec![Pane::Plan, Pane::Editor],
            readonly: true,
            theme: Theme::Light,
            target: Some("a&b=c".into()),
            lang: Some(Lang::Ko),
            unknown_views: vec![],
        };
        assert_eq!(
            o.to_query(),
            "embed&view=plan,editor&readonly&theme=light&target=a%26b%3Dc&lang=ko"
        );
        assert_eq!(parse_query(&o.to_query()), Some(o));
    }

    #[test]
    fn apply_sets_the_target_and_a_shown_view() {
        let o = parse_query("?embed&view=editor,files&target=builder").unwrap();
        let s = apply(&o, ShareState::default());
        assert_eq!(s.target.as_deref(), Some("builder"));
        assert_eq!(s.view, share::View::Files);
    }

    #[test]
    fn the_snippet_escapes_its_url_and_carries_the_state() {
        let state = ShareState {
            dockerfile: "FROM alpine\n".into(),
            ..ShareState::default()
        };
        let opts = parse_query("?embed&view=graph&readonly").unwrap();
        let html =
            iframe_snippet("https://docs.example/play/?x=1#old", &opts, &state, 400).unwrap();
        assert!(
            html.starts_with(
                "<iframe src=\"https://docs.example/play/?embed&amp;view=graph&amp;readonly#v1."
            ),
            "{html}"
        );
        assert!(!html.contains("allow-top-navigation"));
        assert!(html.contains("height=\"400\""), "{html}");
        let src = html.split('"').nth(1).unwrap().replace("&amp;", "&");
        let frag = src.split_once('#').unwrap().1;
        assert_eq!(share::decode_fragment(frag), Ok(Some(state.clone())));
        assert_eq!(
            open_link("https://docs.example/play/?embed&view=graph", &state)
                .unwrap()
                .split_once('#')
                .unwrap()
                .0,
            "https://docs.example/play/"
        );
    }

    #[test]
    fn a_host_theme_is_one_of_three_names() {
        assert_eq!(host_theme("dark"), Some(Theme::Dark));
        assert_eq!(host_theme("light"), Some(Theme::Light));
        assert_eq!(host_theme("system"), Some(Theme::System));
        for bad in ["", "Dark", "slate", "dark ", "darkdarkdark", "<b>"] {
            assert_eq!(host_theme(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_default_height_grows_with_each_pane_and_is_capped() {
        let one = default_height(&[Pane::Graph]);
        let two = default_height(&DEFAULT_PANES);
        let three = default_height(&[Pane::Editor, Pane::Graph, Pane::Plan]);
        assert!(one < two && two < three, "{one} {two} {three}");
        assert_eq!(two, 104 + 312 + 372 + 8);
        assert!(default_height(&Pane::ALL) <= 4000);
    }
}
