//! The page's binary form of the analysis (`src/wire.rs`): every fixture's analysis, and
//! random and pathological ones, read back equal to what was written.

use stageplay_analysis::{Options, analyze, wire};

use crate::conformance::report::fixtures::{analysis_options, fixture_options};
use crate::snapshot::cases;

fn round_trips(text: &str, options: &Options) {
    let a = analyze(text, options);
    let bytes = wire::encode(&a);
    assert!(
        wire::decode(&bytes) == Some(a),
        "{text:?} did not round-trip"
    );
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
