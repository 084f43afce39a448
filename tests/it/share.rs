//! The share-link codec: round trips for arbitrary states, one test per class of broken link,
//! and the link sizes of the gallery examples. `bomb` measures the memory a "zip bomb" link
//! takes to refuse.

mod bomb;

use miniz_oxide::deflate::compress_to_vec;
use proptest::prelude::*;
use stageplay::analysis::Builder;
use stageplay::page::examples::{EXAMPLES, PYTHON_WHEELS};
use stageplay::page::lang::Lang;
use stageplay::page::share::{
    self, FieldProblem, JsonProblem, LessonStep, LinkError, MAX_DECODED_BYTES, MAX_TARGET_CHARS,
    ShareState, View, decode, decode_fragment, encode,
};

/// A payload `v1.<data>` carrying `raw` as its (already decompressed) content, written
/// without going through `encode`, so tests can send what no page would write.
fn payload_of(raw: &[u8]) -> String {
    use base64::Engine;
    let packed = compress_to_vec(raw, 6);
    format!(
        "v1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn roundtrip(state: &ShareState) {
    let payload = encode(state).expect("a valid state encodes");
    assert!(payload.starts_with("v1."), "{payload}");
    assert!(
        payload[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "the payload must be base64url without padding"
    );
    assert_eq!(decode(&payload).as_ref(), Ok(state));
    assert_eq!(
        decode_fragment(&format!("#{payload}")),
        Ok(Some(state.clone()))
    );
}

fn python_state() -> ShareState {
    // Exactly what the page shares for the seed's Python example.
    stageplay::page::examples::example_share(&PYTHON_WHEELS)
}

// ---- Round trips -------------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    // Mixes arbitrary Unicode (any char, including NUL, RTL marks and astral planes) with the
    // characters Dockerfiles are made of, so line endings and escapes are well exercised.
    let ch = prop_oneof![
        4 => any::<char>(),
        2 => Just('\n'),
        1 => Just('\r'),
        1 => Just('\\'),
        1 => Just('"'),
        4 => proptest::char::range('a', 'z'),
        1 => Just(' '),
    ];
    proptest::collection::vec(ch, 0..400).prop_map(|v| v.into_iter().collect())
}

fn target() -> impl Strategy<Value = Option<String>> {
    let name = proptest::collection::vec(
        any::<char>().prop_filter("targets have no control characters", |c| !c.is_control()),
        1..MAX_TARGET_CHARS,
    )
    .prop_map(|v| v.into_iter().collect::<String>())
    .prop_filter("targets are not blank", |s| !s.trim().is_empty());
    prop_oneof![Just(None), name.prop_map(Some)]
}

fn lesson() -> impl Strategy<Value = Option<LessonStep>> {
    let at = ("[a-z0-9-]{1,64}", 0..share::MAX_LESSON_STEPS)
        .prop_map(|(lesson, step)| LessonStep { lesson, step });
    prop_oneof![Just(None), at.prop_map(Some)]
}

fn state() -> impl Strategy<Value = ShareState> {
    (
        text(),
        text(),
        text(),
        text(),
        target(),
        prop_oneof![Just(Builder::BuildKit), Just(Builder::Legacy)],
        proptest::sample::select(View::ALL.to_vec()),
        lesson(),
        proptest::option::of(proptest::sample::select(Lang::ALL.to_vec())),
    )
        .prop_map(
            |(
                dockerfile,
                context,
                dockerignore,
                build_args,
                target,
                builder,
                view,
                lesson,
                lang,
            )| {
                ShareState {
                    dockerfile: dockerfile.into(),
                    context,
                    dockerignore,
                    build_args,
                    target,
                    builder,
                    view,
                    lesson,
                    lang,
                }
            },
        )
}

proptest! {
    // Failures print their minimal case; no regression files are written into the tree.
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decode_inverts_encode(s in state()) {
        let payload = encode(&s).expect("valid states encode");
        prop_assert_eq!(decode(&payload), Ok(s));
    }

    #[test]
    fn arbitrary_fragments_never_panic(s in "\\PC{0,200}") {
        // Any outcome is fine as long as it is a value, not a panic.
        let _ = decode_fragment(&s);
        let _ = decode(&format!("v1.{s}"));
    }
}

#[test]
fn the_default_state_round_trips_as_an_empty_object() {
    roundtrip(&ShareState::default());
    assert_eq!(share::to_json(&ShareState::default()), "{}");
}

#[test]
fn a_language_is_carried_only_when_set_and_an_unknown_one_is_ignored() {
    let korean = ShareState {
        lang: Some(Lang::Ko),
        ..ShareState::default()
    };
    assert_eq!(share::to_json(&korean), r#"{"lang":"ko"}"#);
    roundtrip(&korean);
    // A link from before languages, and one naming a language this page does not speak.
    assert_eq!(share::from_json(b"{}").map(|s| s.lang), Ok(None));
    assert_eq!(
        share::from_json(br#"{"lang":"ja"}"#).map(|s| s.lang),
        Ok(None)
    );
}

#[test]
fn crlf_unicode_and_every_field_round_trip() {
    roundtrip(&ShareState {
        dockerfile: "\u{feff}FROM alpine AS ünïcødé\r\nRUN echo \"日本語 🐳\" \\\r\n  && true\r\n"
            .into(),
        context: "src/main.go 4KB\r\nREADME.md\n".into(),
        dockerignore: "**/*.md\n!README.md\n".into(),
        build_args: "VERSION=1.2\nEMPTY=\n".into(),
        target: Some("Builder".into()),
        builder: Builder::Legacy,
        view: View::Steps,
        lesson: Some(LessonStep {
            lesson: "one-vs-two".into(),
            step: 0,
        }),
        lang: Some(Lang::Ko),
    });
}

#[test]
fn a_100_kb_dockerfile_round_trips() {
    // A seeded, varied file so deflate cannot shrink it to nothing.
    let mut rng = crate::seeded::rng();
    let mut text = String::new();
    let mut stage = 0;
    while text.len() < 100 * 1024 {
        let x = rng.next_u32();
        match x % 5 {
            0 => {
                stage += 1;
                text.push_str(&format!("FROM golang:1.{} AS stage{stage}\n", x % 23));
            }
            1 => text.push_str(&format!("COPY --from=stage{} /out/{x:x} /bin/\n", x % 7)),
            2 => text.push_str(&format!(
                "RUN make -j{} target-{x:08x} \\\r\n  && echo ok\n",
                x % 9
            )),
            3 => text.push_str(&format!("ENV V{}=\"{}\"\n", x % 97, x.rotate_left(7))),
            _ => text.push_str(&format!("# note {x} ✓\n")),
        }
    }
    assert!(text.len() >= 100 * 1024);
    let state = ShareState {
        dockerfile: text.into(),
        ..ShareState::default()
    };
    roundtrip(&state);
}

#[test]
fn encoding_is_deterministic() {
    let s = python_state();
    assert_eq!(encode(&s), encode(&s));
}

#[test]
fn a_full_link_keeps_the_query_and_replaces_the_fragment() {
    let s = python_state();
    let url = share::link("http://127.0.0.1:8080/?embed&view=graph#old", &s).unwrap();
    let (base, frag) = url.split_once('#').unwrap();
    assert_eq!(base, "http://127.0.0.1:8080/?embed&view=graph");
    assert_eq!(decode_fragment(frag), Ok(Some(s)));
}

// ---- Fragments that are not share links --------------------------------------------------

#[test]
fn empty_fragments_and_plain_anchors_are_not_links() {
    for f in ["", "#", "#how-it-works", "#version", "#v", "#vx.abc"] {
        assert_eq!(decode_fragment(f), Ok(None), "{f:?}");
    }
}

// ---- One test per class of broken link ---------------------------------------------------

#[test]
fn unknown_version_is_named() {
    assert_eq!(
        decode_fragment("#v2.eJzLSM3JyQcABiwCFQ"),
        Err(LinkError::UnknownVersion("v2".into()))
    );
    assert_eq!(decode("v10"), Err(LinkError::UnknownVersion("v10".into())));
    let msg = LinkError::UnknownVersion("v2".into()).to_string();
    assert!(msg.contains("\"v2\""), "{msg}");
}

#[test]
fn bad_base64_reports_the_position() {
    let good = encode(&python_state()).unwrap();
    // '+' and '/' belong to standard base64, not to base64url; '!' to neither.
    for bad_char in ['!', '+', '/', ' ', 'é'] {
        let mut bad = good.clone();
        bad.insert(10, bad_char);
        assert_eq!(
            decode(&bad),
            Err(LinkError::BadBase64 { position: 7 }),
            "{bad_char:?}"
        );
    }
    assert!(
        LinkError::BadBase64 { position: 7 }
            .to_string()
            .contains("character 8")
    );
}

#[test]
fn every_cut_of_a_link_is_reported_as_truncated() {
    let good = encode(&python_state()).unwrap();
    // Every strict prefix of the data: a link cut off anywhere while being copied.
    for end in 3..good.len() {
        assert_eq!(
            decode(&good[..end]),
            Err(LinkError::Truncated),
            "cut at {end} of {}",
            good.len()
        );
    }
}

#[test]
fn bad_deflate_data_is_reported() {
    // 0x07: a final block of the reserved type 3, which no deflate stream may contain.
    assert_eq!(
        decode(&format!("v1.{}", b64(&[0x07, 0, 0, 0]))),
        Err(LinkError::BadDeflate)
    );
    // A stored block whose length and its complement disagree.
    assert_eq!(
        decode(&format!(
            "v1.{}",
            b64(&[0x01, 0x05, 0x00, 0x00, 0x00, b'h'])
        )),
        Err(LinkError::BadDeflate)
    );
}

#[test]
fn a_state_over_one_mebibyte_is_refused_both_ways() {
    let big = ShareState {
        dockerfile: "RUN true\n".repeat(MAX_DECODED_BYTES / 9 + 1).into(),
        ..ShareState::default()
    };
    assert_eq!(encode(&big), Err(LinkError::TooLarge));

    // A link written by hand whose JSON is just over the limit; it compresses to a few KB.
    let json = format!(r#"{{"dockerfile":"{}"}}"#, "a".repeat(MAX_DECODED_BYTES));
    let payload = payload_of(json.as_bytes());
    assert!(payload.len() < 10_000, "{}", payload.len());
    assert_eq!(decode(&payload), Err(LinkError::TooLarge));

    // Exactly at the limit is still accepted.
    let filler = MAX_DECODED_BYTES - r#"{"dockerfile":""}"#.len();
    let json = format!(r#"{{"dockerfile":"{}"}}"#, "a".repeat(filler));
    assert_eq!(json.len(), MAX_DECODED_BYTES);
    assert_eq!(
        decode(&payload_of(json.as_bytes())).map(|s| s.dockerfile.len()),
        Ok(filler)
    );
}

#[test]
fn an_oversized_payload_is_refused_before_decoding() {
    let payload = format!("v1.{}", "A".repeat(2 * MAX_DECODED_BYTES));
    assert_eq!(decode(&payload), Err(LinkError::TooLarge));
}

#[test]
fn wrong_json_is_reported() {
    let cases: &[(&[u8], &str)] = &[
        (b"not json", "invalid JSON"),
        (b"[1,2,3]", "expected"),
        (b"{\"dockerfile\":5}", "invalid type"),
        (b"{\"dockerfile\":\"FROM a\"", "ends too early"),
        (b"{\"dockerfil\":\"FROM a\"}", "unknown field `dockerfil`"),
        (b"{\"dockerfile\":\"\xff\xfe\"}", "invalid"),
        (b"", "ends too early"),
    ];
    for (raw, needle) in cases {
        match decode(&payload_of(raw)) {
            Err(LinkError::BadJson(detail)) => {
                assert!(detail.to_string().contains(needle), "{raw:?}: {detail}")
            }
            other => panic!("{raw:?} gave {other:?}"),
        }
    }
}

#[test]
fn absurd_field_values_are_reported_by_field() {
    let cases: &[(&str, &str)] = &[
        (r#"{"builder":"docker"}"#, "builder"),
        (r#"{"builder":""}"#, "builder"),
        (r#"{"view":"everything"}"#, "view"),
        (r#"{"view":"Graph"}"#, "view"),
        (r#"{"target":""}"#, "target"),
        (r#"{"target":"   "}"#, "target"),
        (r#"{"target":"a\nb"}"#, "target"),
    ];
    for (json, field) in cases {
        match decode(&payload_of(json.as_bytes())) {
            Err(LinkError::BadField { field: f, .. }) => assert_eq!(f, *field, "{json}"),
            other => panic!("{json} gave {other:?}"),
        }
    }
    let long = format!(r#"{{"target":"{}"}}"#, "x".repeat(MAX_TARGET_CHARS + 1));
    assert!(matches!(
        decode(&payload_of(long.as_bytes())),
        Err(LinkError::BadField {
            field: "target",
            ..
        })
    ));
    // The encoder refuses the same values, so the page never writes a link it cannot open.
    let s = ShareState {
        target: Some(String::new()),
        ..ShareState::default()
    };
    assert!(matches!(
        encode(&s),
        Err(LinkError::BadField {
            field: "target",
            ..
        })
    ));
}

#[test]
fn explicit_default_values_are_accepted() {
    let json = r#"{"dockerfile":"FROM a","builder":"buildkit","view":"graph","context":""}"#;
    assert_eq!(
        decode(&payload_of(json.as_bytes())),
        Ok(ShareState {
            dockerfile: "FROM a".into(),
            ..ShareState::default()
        })
    );
}

#[test]
fn every_error_has_a_distinct_readable_message() {
    let errors = [
        LinkError::UnknownVersion("v2".into()),
        LinkError::BadBase64 { position: 0 },
        LinkError::Truncated,
        LinkError::BadDeflate,
        LinkError::TooLarge,
        LinkError::BadJson(JsonProblem::Data("x".into())),
        LinkError::BadField {
            field: "view",
            reason: FieldProblem::Empty,
        },
    ];
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for (i, m) in messages.iter().enumerate() {
        assert!(m.starts_with("This share link"), "{m}");
        assert!(m.ends_with('.'), "{m}");
        assert!(!messages[..i].contains(m), "duplicate message {m}");
    }
}

// ---- Sizes -------------------------------------------------------------------------------

#[test]
fn the_python_example_fits_in_400_characters() {
    let fragment = format!("#{}", encode(&python_state()).unwrap());
    assert!(
        fragment.len() <= 400,
        "{} chars: {fragment}",
        fragment.len()
    );
}

#[test]
fn gallery_link_sizes() {
    // Printed for the report (`cargo test --test it gallery -- --nocapture`); the
    // assertion keeps every gallery example comfortably shareable.
    for ex in EXAMPLES {
        // Exactly what the page shares after picking the example in the gallery.
        let s = stageplay::page::examples::example_share(ex);
        let fragment = format!("#{}", encode(&s).unwrap());
        println!(
            "{:<28} dockerfile {:>6} B  json {:>6} B  fragment {:>5} chars",
            ex.id,
            ex.dockerfile.len(),
            share::to_json(&s).len(),
            fragment.len()
        );
        assert!(
            fragment.len() <= share::LONG_LINK_CHARS,
            "{}: {}",
            ex.id,
            fragment.len()
        );
        roundtrip(&s);
    }
}

// ---- Lesson steps --------------------------------------------------------------------------

#[test]
fn a_lesson_step_round_trips_and_is_omitted_when_absent() {
    let at = LessonStep {
        lesson: "copy-from".into(),
        step: 2,
    };
    let s = ShareState {
        dockerfile: "FROM alpine\n".into(),
        lesson: Some(at.clone()),
        ..ShareState::default()
    };
    roundtrip(&s);
    // Steps count from 1 in a link, as the panel numbers them.
    assert_eq!(
        share::to_json(&s),
        r#"{"dockerfile":"FROM alpine\n","lesson":"copy-from/3"}"#
    );
    let without = ShareState { lesson: None, ..s };
    assert!(!share::to_json(&without).contains("lesson"));
}

#[test]
fn a_link_written_before_lessons_still_opens() {
    // A v1 link of the Python example as pages without lessons wrote it.
    let old = payload_of(br#"{"dockerfile":"FROM python:3.9\n","view":"files"}"#);
    let s = decode(&old).expect("an old link opens");
    assert_eq!(s.lesson, None);
    assert_eq!(s.view, View::Files);
}

#[test]
fn a_malformed_lesson_step_is_a_bad_field() {
    for bad in [
        "copy-from",
        "copy-from/0",
        "copy-from/x",
        "/2",
        "Copy From/2",
        "copy-from/100",
        "a/1/2",
    ] {
        let json = format!(r#"{{"lesson":"{bad}"}}"#);
        match decode(&payload_of(json.as_bytes())) {
            Err(LinkError::BadField { field, .. }) => assert_eq!(field, "lesson", "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}
