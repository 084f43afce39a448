//! Inputs the fuzz targets found (`fuzz/`, docs/fuzzing.md), minimised and kept here so the
//! normal test suite checks them. A test marked `#[ignore]` is a finding still open: its
//! reason says what fix should remove the `#[ignore]`.

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
