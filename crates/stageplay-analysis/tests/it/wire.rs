//! The page's binary form of the analysis (`src/wire.rs`): every fixture's analysis, and
//! random and pathological ones, read back equal to what was written.

use stageplay_analysis::{Analysis, Options, analyze, wire};

use crate::conformance::report::fixtures::{analysis_options, fixture_options};
use crate::snapshot::cases;

fn round_trips(text: &str, options: &Options) {
    let a = analyze(text, options);
    let bytes = wire::encode(&a);
    // In one go, and a slice at a time as the page reads a large one.
    for items in [1, 3, 64] {
        assert!(
            in_slices(&bytes, items) == Ok(a.clone()),
            "{text:?} did not round-trip {items} items at a time"
        );
    }
    assert!(
        wire::decode(&bytes) == Some(a),
        "{text:?} did not round-trip"
    );
}

/// `bytes` decoded `items` at a time; each step must read something, so there are never
/// more steps than bytes.
fn in_slices(bytes: &[u8], items: usize) -> Result<Analysis, wire::Malformed> {
    let mut d = wire::Decoding::new(bytes.to_vec());
    for _ in 0..=bytes.len() {
        if let Some(a) = d.step(items)? {
            return Ok(a);
        }
    }
    panic!("{} bytes took more steps than bytes", bytes.len());
}

#[test]
fn a_slice_at_a_time_reads_the_same_analysis_and_refuses_the_same_bytes() {
    let text = "ARG V=1\nFROM alpine:${V} AS a\nRUN echo hi > /x\nFROM a AS b\nCOPY --from=a /x /y\nFROM scratch\nCOPY --from=b /y /\n";
    let a = analyze(text, &Options::default());
    let bytes = wire::encode(&a);
    // A list's items come one step at a time: more steps than the analysis has fields.
    let mut d = wire::Decoding::new(bytes.clone());
    let mut steps = 1;
    while d.step(1).expect("well formed").is_none() {
        steps += 1;
    }
    assert!(steps > 20, "{steps} steps");
    for cut in 0..bytes.len() {
        assert_eq!(
            in_slices(&bytes[..cut], 2),
            Err(wire::Malformed),
            "cut at {cut}"
        );
    }
    let mut longer = bytes;
    longer.push(0);
    assert_eq!(in_slices(&longer, 5), Err(wire::Malformed));
}

#[test]
fn every_fixture_round_trips() {
    let mut n = 0;
    for dir in cases("analysis") {
        let text = std::fs::read_to_string(dir.join("Dockerfile")).unwrap_or_default();
        round_trips(&text, &analysis_options(&dir).0);
        n += 1;
    }
    for dir in cases("files") {
        let (text, options) = fixture_options(&dir);
        round_trips(&text, &options);
        n += 1;
    }
    assert!(n > 100, "only {n} fixtures");
}

#[test]
fn large_and_hostile_inputs_round_trip() {
    round_trips(
        &format!("FROM alpine\nRUN echo {}\n", "é\u{202e}a".repeat(100_000)),
        &Options::default(),
    );
    let stages: String = (0..2000)
        .map(|i| {
            format!(
                "FROM scratch AS s{i}\nCOPY --from=s{} /a /b\n",
                i.max(1) - 1
            )
        })
        .collect();
    round_trips(&stages, &Options::default());
    round_trips("", &Options::default());
    round_trips("\u{0}\u{feff}FROM\t\r\n", &Options::default());
}

/// The stages' filesystems share their entries; the bytes carry each once, and the decoded
/// analysis shares them as the original did (a 2 060-stage file held 50 000 entries, 2 325
/// distinct: 6.7 MB of bytes before they were shared).
#[test]
fn shared_file_entries_are_written_once_and_stay_shared() {
    let mut text = String::from("FROM golang:1.22 AS base\nWORKDIR /src\nCOPY . .\n");
    for i in 0..300 {
        let from = if i % 3 == 0 {
            "base".to_string()
        } else {
            format!("tool{}", i - 1)
        };
        text += &format!(
            "FROM {from} AS tool{i}\nRUN go install example.com/tool{i}@v1\nCOPY hack/tool{i}.sh /usr/local/bin/\n"
        );
    }
    let a = analyze(&text, &Options::default());
    let distinct = |a: &stageplay_analysis::Analysis| {
        let all: Vec<_> = a
            .files
            .stages
            .iter()
            .flat_map(|f| f.entries.iter().map(std::rc::Rc::as_ptr))
            .collect();
        (
            all.len(),
            all.into_iter()
                .collect::<std::collections::HashSet<_>>()
                .len(),
        )
    };
    let (all, once) = distinct(&a);
    assert!(
        all > 5 * once,
        "{all} entries, {once} distinct: the test needs sharing"
    );
    let bytes = wire::encode(&a);
    let b = wire::decode(&bytes).unwrap();
    assert_eq!(distinct(&b), (all, once));
    assert!(b == a);
}
