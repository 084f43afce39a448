//! The BuildKit conformance report (`examples/conformance.rs`) runs over the fixtures and
//! covers every category and every BuildKit build check. The fixtures' own snapshot tests
//! assert their content; this checks that the report command works and counts them all.

#[allow(dead_code)]
#[path = "../../examples/conformance.rs"]
pub mod report;

use stageplay_analysis::lint;

#[test]
fn the_report_runs_every_buildkit_fixture_and_names_every_check() {
    let verdicts = report::run(&report::fixtures_root());
    assert!(verdicts.len() >= 60, "only {} fixtures", verdicts.len());
    let text = report::report(&verdicts);
    for cat in report::CATEGORIES {
        assert!(
            text.contains(&format!("{cat}: ")),
            "no line for {cat}:\n{text}"
        );
    }
    for rule in lint::RULES.iter().filter(|r| r.buildkit) {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{} ", rule.name)))
            .unwrap_or_else(|| panic!("{} is not in the report:\n{text}", rule.name));
        let simulated = !lint::NOT_SIMULATED.iter().any(|(n, _)| *n == rule.name);
        // Every simulated check has at least one fixture.
        assert_eq!(simulated, !line.contains(" of 0 fixtures"), "{line}");
    }
    assert_eq!(lint::RULES.iter().filter(|r| r.buildkit).count(), 22);
}

#[test]
fn a_fixture_that_differs_from_buildkit_is_reported_as_a_mismatch() {
    let dir = std::env::temp_dir().join(format!("stageplay-conformance-{}", std::process::id()));
    let case = dir.join("analysis/buildkit-made-up");
    std::fs::create_dir_all(&case).expect("temp dir");
    std::fs::write(case.join("Dockerfile"), "FROM scratch as base\n").expect("write");
    std::fs::write(
        case.join("README"),
        "Made up.\n\nBuildKit reports: nothing\n",
    )
    .expect("write");
    let verdicts = report::run(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(verdicts.len(), 1);
    let why = verdicts[0].mismatch.as_deref().unwrap_or("");
    assert!(why.contains("FromAsCasing"), "{why}");
}
