//! Inputs the fuzz targets found (`fuzz/`, docs/fuzzing.md), minimised and kept here so the
//! normal test suite checks them. Each failed before its fix and passes after.

use miniz_oxide::deflate::compress_to_vec;
use stageplay::page::share::{LinkError, decode_fragment};

/// A fragment `#v1.<data>` carrying `json` as written, bypassing the encoder's checks.
fn fragment_of(json: &str) -> String {
    use base64::Engine;
    let packed = compress_to_vec(json.as_bytes(), 6);
    format!(
        "#v1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// The page shows a broken link's message in a banner: it must stay a sentence, however
/// long the link. serde's "unknown field" message quotes the field name whole, so a link
/// with a 100,000-character key made a 100,000-character banner (found by
/// `fuzz/fuzz_targets/share_decode.rs`).
#[test]
fn a_link_error_never_quotes_a_long_field_name_whole() {
    let key = "k".repeat(100_000);
    let err = decode_fragment(&fragment_of(&format!(r#"{{"{key}":1}}"#)))
        .expect_err("an unknown field is refused");
    assert!(matches!(err, LinkError::BadJson(_)), "{err:?}");
    let message = err.to_string();
    assert!(
        message.chars().count() <= 400,
        "{} characters: {}…",
        message.chars().count(),
        message.chars().take(120).collect::<String>()
    );
    // A short unknown field is still named, so the message keeps saying what is wrong.
    let short = decode_fragment(&fragment_of(r#"{"dockerfil":"FROM a"}"#)).expect_err("refused");
    assert!(short.to_string().contains("`dockerfil`"), "{short}");
}

/// An embed's `view=` list is kept whole however long (issue 17 item 6; `embed_options`
/// found 68 unknown words kept within 10 seconds once its assertion was switched on): the
/// page builds its "unknown view" message from them. Now at most `MAX_UNKNOWN_VIEWS` are named,
/// then one "and more".
#[test]
fn an_embed_keeps_a_bounded_number_of_unknown_view_words() {
    let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
    let opts = stageplay::page::embed::parse_query(&format!("?embed&view={}", words.join(",")))
        .expect("an embed query");
    assert!(
        opts.unknown_views.len() <= stageplay::page::embed::MAX_UNKNOWN_VIEWS + 1,
        "{} unknown words kept",
        opts.unknown_views.len()
    );
}
