//! The fuzz targets' bodies, one function each, taking the raw input bytes. Each panics (an
//! `assert!`) when an invariant breaks; libFuzzer reports the panic as a crash.
//!
//! Assertions for problems that issue 17 already reports and another change is fixing can be
//! skipped by name with `STAGEPLAY_FUZZ_SKIP=<name>,<name>` (see `docs/fuzzing.md`), so a run
//! can explore past a known finding; by default every assertion is checked.

use std::sync::OnceLock;

use stageplay::analysis::{Analysis, Builder, Options, analyze, export};
use stageplay::page::embed::{self, Pane};
use stageplay::page::graph_svg::{self, GraphModel, GraphOptions};
use stageplay::page::highlight::{self, HIGHLIGHT_LIMIT};
use stageplay::page::i18n::Messages;
use stageplay::page::share::{self, LinkError, ShareState, View};
use stageplay::page::{export as page_export, markup};

use crate::checks;

/// The known findings whose assertion can be switched off (see the module comment). Empty:
/// the three found so far (raw control characters in DOT and Mermaid labels, an unbounded
/// embed `view=` list) are fixed, and their assertions always run. A new finding that another
/// change is fixing goes here by name, and out again when that fix lands.
pub const KNOWN: [&str; 0] = [];

/// Whether the assertion `name` is checked in this run.
fn checked(name: &str) -> bool {
    static SKIP: OnceLock<Vec<String>> = OnceLock::new();
    let skip = SKIP.get_or_init(|| {
        std::env::var("STAGEPLAY_FUZZ_SKIP")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    !skip.iter().any(|s| s == name)
}

/// Any UTF-8 text through `analyze` with an option set picked by the first byte, then through
/// every renderer: JSON, text, DOT, Mermaid, the standalone and page SVGs, and Markdown.
pub fn analyze_and_render(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let pick = data.first().copied().unwrap_or(0);
    // With bit 3 set, NUL bytes split the input into Dockerfile, context listing and
    // .dockerignore, so the file simulation sees fuzzed contexts too.
    let mut parts = if pick & 8 == 8 {
        input.splitn(3, '\0').collect::<Vec<_>>()
    } else {
        vec![input]
    };
    parts.resize(3, "");
    let text = parts[0];
    let options = Options {
        target: (pick & 1 == 1).then(|| "build".to_string()),
        builder: if pick & 2 == 2 {
            Builder::Legacy
        } else {
            Builder::BuildKit
        },
        build_args: if pick & 4 == 4 {
            vec![("A".into(), "$A$A".into())]
        } else {
            Vec::new()
        },
        context: (pick & 8 == 8).then(|| parts[1].to_string()),
        dockerignore: (pick & 8 == 8).then(|| parts[2].to_string()),
        archives: None,
    };
    let a = analyze(text, &options);
    check_spans(&a, text);
    check_renderers(&a, text, pick);
}

fn check_spans(a: &Analysis, text: &str) {
    for d in &a.diagnostics {
        assert!(
            text.get(d.span.start..d.span.end).is_some(),
            "diagnostic span {:?} outside the text",
            d.span
        );
    }
    for i in &a.instructions {
        assert!(
            text.get(i.span.start..i.span.end).is_some(),
            "instruction span {:?} outside the text",
            i.span
        );
    }
}

fn check_renderers(a: &Analysis, text: &str, pick: u8) {
    let json = export::to_json(a, text);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("the JSON export does not parse: {e}");
    }
    let _ = export::to_text(a, text);

    let dot = export::to_dot(a);
    if let Err(e) = checks::dot_labels_safe(&dot) {
        let control = e.contains("control character");
        assert!(
            control && !checked("dot-controls"),
            "DOT export: {e}\n{dot}"
        );
    }
    let mermaid = export::to_mermaid(a);
    if let Err(e) = checks::mermaid_labels_safe(&mermaid) {
        let control = e.contains("control character");
        assert!(
            control && !checked("mermaid-controls"),
            "Mermaid export: {e}\n{mermaid}"
        );
    }

    // The standalone SVG (Export → SVG, the PNG export, `stageplay analyze --format svg`)
    // must parse as XML: a browser's DOMParser refuses anything less.
    let svg = page_export::graph_svg(a, pick & 16 == 16, &Messages::english());
    if let Err(e) = checks::xml_well_formed(&svg) {
        panic!("standalone SVG is not well-formed: {e}\n{svg}");
    }
    // The page's own graph: capped model, cursor and selection highlights, no style.
    let (model, _hidden) = GraphModel::for_page(a, &Messages::english());
    let layout = model.layout();
    let stages = a.stages.len().max(1);
    let opts = GraphOptions {
        cursor_stage: Some(usize::from(pick) % stages),
        selected_stage: Some(usize::from(pick / 3) % stages),
        ..GraphOptions::default()
    };
    let page_svg = graph_svg::render_graph_svg(a, &model, &layout, &opts);
    if let Err(e) = checks::xml_well_formed(&page_svg) {
        panic!("page SVG is not well-formed: {e}\n{page_svg}");
    }

    // Copy as Markdown: the Dockerfile sits in a fence no line of it can close.
    let state = ShareState {
        dockerfile: text.into(),
        ..ShareState::default()
    };
    let md = page_export::markdown(&Messages::english(), &state, a, &mermaid, None);
    assert!(
        md.starts_with("**Dockerfile**\n\n"),
        "Markdown export: {md}"
    );
    let fence_line = md.lines().nth(2).unwrap_or("");
    let fence = fence_line.trim_end_matches("dockerfile");
    assert!(
        fence.len() >= 3 && fence.chars().all(|c| c == '`'),
        "Markdown export opens no fence: {fence_line:?}"
    );
    let body_closes_early = text.lines().any(|l| l.trim_end() == fence);
    assert!(
        !body_closes_early,
        "a Dockerfile line closes the Markdown fence"
    );
}

/// Arbitrary fragments through the share-link decoder. The first byte picks how the rest is
/// used, so the fuzzer reaches every layer of the codec rather than stopping at base64:
/// 0 the rest is the fragment itself; 1 the rest is deflate data, base64-encoded into a
/// `v1.` link; 2 the rest is the JSON inside a link, compressed and encoded.
pub fn share_decode(data: &[u8]) {
    use base64::Engine;
    let (mode, rest) = data.split_first().map_or((0, data), |(m, r)| (*m % 3, r));
    let fragment = match mode {
        0 => String::from_utf8_lossy(rest).into_owned(),
        1 => format!(
            "#v1.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rest)
        ),
        _ => format!(
            "v1.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(miniz_oxide::deflate::compress_to_vec(rest, 1))
        ),
    };
    match share::decode_fragment(&fragment) {
        Ok(None) => assert!(
            !fragment
                .strip_prefix('#')
                .unwrap_or(&fragment)
                .starts_with("v1."),
            "a v1 link was taken for an anchor"
        ),
        Ok(Some(state)) => check_round_trip(&state),
        Err(e) => {
            // The message names the problem without echoing the link: short, whatever the input.
            let message = e.to_string();
            assert!(
                message.chars().count() <= 400,
                "a link error message is {} characters long: {}…",
                message.chars().count(),
                message.chars().take(200).collect::<String>()
            );
        }
    }
    // The JSON layer alone, with no size limit in front of it.
    if let Ok(state) = share::from_json(rest) {
        assert!(share::validate(&state).is_ok());
    }
}

fn check_round_trip(state: &ShareState) {
    // Bounded memory: nothing decoded exceeds the limit the link format sets.
    let size = state.dockerfile.len()
        + state.context.len()
        + state.dockerignore.len()
        + state.build_args.len()
        + state.target.as_ref().map_or(0, String::len);
    assert!(size <= share::MAX_DECODED_BYTES, "decoded {size} bytes");
    assert!(
        share::validate(state).is_ok(),
        "a decoded state does not validate"
    );
    // What decodes encodes again (unless re-escaping its JSON grows past the limit) and
    // decodes to the same state.
    match share::encode(state) {
        Ok(payload) => {
            let again = share::decode_fragment(&format!("#{payload}"));
            assert_eq!(
                again,
                Ok(Some(state.clone())),
                "encode∘decode changed the state"
            );
        }
        Err(LinkError::TooLarge) => assert!(share::to_json(state).len() > share::MAX_DECODED_BYTES),
        Err(e) => panic!("a decoded state does not encode: {e}"),
    }
}

/// The most unknown `view=` words an embed keeps: `embed::MAX_UNKNOWN_VIEWS` named, then
/// one "and more".
pub const MAX_UNKNOWN_VIEWS: usize = embed::MAX_UNKNOWN_VIEWS + 1;

/// Arbitrary query strings through the embed option parser: never panics, its result is
/// bounded and consistent, and the options it reads round-trip through `to_query`.
pub fn embed_options(data: &[u8]) {
    let query = String::from_utf8_lossy(data);
    let Some(opts) = embed::parse_query(&query) else {
        assert!(
            !query
                .strip_prefix('?')
                .unwrap_or(&query)
                .split('&')
                .any(|p| p.split_once('=').map_or(p, |(k, _)| k) == "embed"),
            "an embed query was not recognised"
        );
        return;
    };
    assert!(!opts.panes.is_empty() && opts.panes.len() <= Pane::ALL.len());
    for (i, p) in opts.panes.iter().enumerate() {
        assert!(!opts.panes[..i].contains(p), "pane {p:?} listed twice");
    }
    if let Some(t) = &opts.target {
        assert!(!t.trim().is_empty() && t.trim() == t);
        assert!(t.chars().count() <= share::MAX_TARGET_CHARS);
        assert!(!t.chars().any(char::is_control));
    }
    for w in &opts.unknown_views {
        assert!(
            !w.is_empty() && w.chars().count() <= 40,
            "unknown view word {w:?}"
        );
    }
    if checked("embed-view-count") {
        assert!(
            opts.unknown_views.len() <= MAX_UNKNOWN_VIEWS,
            "{} unknown view words kept",
            opts.unknown_views.len()
        );
    }

    // The options round-trip (unknown words are reported, not written back).
    let known = embed::EmbedOptions {
        unknown_views: Vec::new(),
        ..opts.clone()
    };
    let reparsed = embed::parse_query(&known.to_query());
    assert_eq!(
        reparsed.as_ref(),
        Some(&known),
        "to_query does not round-trip"
    );

    // Applying them to a state keeps the selected view among the panes shown.
    let state = embed::apply(&opts, ShareState::default());
    let shown: Vec<View> = opts.panes.iter().filter_map(|p| p.view()).collect();
    assert!(shown.is_empty() || shown.contains(&state.view));

    // The snippet the Embed button offers is one well-formed element.
    match embed::iframe_snippet("https://docs.example/play/", &opts, &state, 400) {
        Ok(html) => {
            if let Err(e) = checks::xml_well_formed(&html) {
                panic!("iframe snippet is not well-formed: {e}\n{html}");
            }
        }
        Err(e) => panic!("options the parser accepted make no embed: {e}"),
    }
}

/// Arbitrary text through the editor's highlighter and the markup escaper: the output is
/// well-formed markup whose visible text is the input, character for character (the underlay
/// must stay aligned with the textarea), with the characters XML forbids replaced one for one.
pub fn highlight(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let escaped = markup::escape(text);
    if let Err(e) = checks::xml_well_formed(&format!("<p title=\"{escaped}\">{escaped}</p>")) {
        panic!("escaped text is not well-formed: {e}");
    }
    assert_eq!(
        checks::visible_text(&escaped).as_deref(),
        Ok(checks::expected_visible(text).as_str()),
        "escape changed the visible text"
    );

    let a = analyze(text, &Options::default());
    let lines = highlight::highlight_lines(text, &a);
    let raw: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines.len(), raw.len(), "one highlighted line per line");
    for (n, (html, line)) in lines.iter().zip(&raw).enumerate() {
        if let Err(e) = checks::xml_well_formed(&format!("<div>{html}</div>")) {
            panic!("highlighted line {} is not well-formed: {e}\n{html}", n + 1);
        }
        let visible = checks::visible_text(html).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        assert_eq!(
            visible,
            checks::expected_visible(line),
            "highlighted line {} shows other text",
            n + 1
        );
    }
    // A part of the text (what the editor rewrites after an edit) matches the whole.
    if text.len() <= HIGHLIGHT_LIMIT && raw.len() > 2 {
        let h = highlight::Highlight::new(text, &a);
        let start = raw[0].len() + 1;
        let end = start + raw[1].len();
        assert_eq!(h.lines(text, start..end), vec![lines[1].clone()]);
    }
}
