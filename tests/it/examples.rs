//! The seed examples as the analysis sees them: the stages of the Go and Python examples,
//! and a parse error that keeps what came before.

use stageplay::analysis::{Base, Options, Severity, analyze};
use stageplay::page::examples::{GO_HREF_COUNTER, PYTHON_WHEELS};

#[test]
fn go_example_has_an_sdk_stage_and_an_alpine_stage() {
    let a = analyze(GO_HREF_COUNTER.dockerfile, &Options::default());
    assert_eq!(a.stages.len(), 2);
    assert_eq!(a.stages[0].display_name(), "stage-0");
    assert_eq!(
        a.stages[0].base,
        Base::Image {
            name: "golang:1.16".into()
        }
    );
    assert_eq!(
        a.stages[1].base,
        Base::Image {
            name: "alpine:latest".into()
        }
    );
    assert!(
        a.diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{:?}",
        a.diagnostics
    );
}

#[test]
fn python_example_names_its_builder() {
    let a = analyze(PYTHON_WHEELS.dockerfile, &Options::default());
    assert_eq!(a.stages.len(), 2);
    assert_eq!(a.stages[0].name.as_deref(), Some("builder"));
    assert_eq!(
        a.stages[1].base,
        Base::Image {
            name: "python:3.9-slim".into()
        }
    );
}

#[test]
fn a_parse_error_keeps_what_came_before() {
    let text = "FROM alpine AS one\nRUN true\nBOGUS x\nFROM two\n";
    let a = analyze(text, &Options::default());
    assert_eq!(a.stages.len(), 1);
    let err = a
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    assert!(err.message.contains("BOGUS"), "{}", err.message);
    assert_eq!(&text[err.span.start..err.span.end], "BOGUS x");
}

/// A gallery example teaches a build that works: BuildKit builds every one of them for its
/// target. Under the legacy builder the ones with BuildKit-only syntax fail, and say so.
#[test]
fn every_example_builds_with_buildkit_and_the_legacy_failures_name_buildkit() {
    use stageplay::analysis::Builder;
    use stageplay::page::examples::EXAMPLES;
    for ex in EXAMPLES {
        for builder in [Builder::BuildKit, Builder::Legacy] {
            let opts = Options {
                target: ex.target.map(str::to_string),
                builder,
                ..Options::default()
            };
            let a = analyze(ex.dockerfile, &opts);
            match (builder, &a.plan.failure) {
                (_, None) => {}
                (Builder::Legacy, Some(f)) if f.rule == "RequiresBuildKit" => {}
                (_, Some(f)) => panic!("{} fails under {builder:?}: {f:?}", ex.id),
            }
        }
    }
}

/// The final image's estimate of one of the note's examples, with its build context.
fn final_megabytes(ex: &stageplay::page::examples::Example) -> f64 {
    let share = stageplay::page::examples::example_share(ex);
    let a = analyze(
        &share.dockerfile,
        &stageplay::page::command_line::options(&share),
    );
    a.files.size.final_bytes.expect("an estimate") as f64 / 1e6
}

#[test]
fn the_notes_examples_weigh_what_the_package_indexes_say() {
    // alpine 7-8 MB (images.toml), ca-certificates 0.2-0.8 MB installed (Alpine's package
    // index, packages.rs), a static Go binary with net/http 2-8 MB (go.rs): 9-17 MB, some
    // megabytes of our own on a small base, never the 23 MB of 5 MB per package and 10 MB
    // binaries.
    let go = final_megabytes(&GO_HREF_COUNTER);
    assert!((9.0..=17.0).contains(&go), "{go} MB");
    // The gallery's note quotes the estimate ("about 15 MB"): it must say what the Final
    // image view shows, to the megabyte.
    let said: f64 = GO_HREF_COUNTER
        .notice
        .split("about ")
        .nth(1)
        .and_then(|rest| rest.split(" MB").next())
        .and_then(|n| n.parse().ok())
        .expect("the note gives the size as \"about N MB\"");
    assert!(
        (said - go).abs() < 1.0,
        "the note says {said} MB, the estimate is {go} MB"
    );
    // python:3.9-slim 125-150 MB unpacked (images.toml) plus the wheels and their install.
    let python = final_megabytes(&PYTHON_WHEELS);
    assert!((125.0..=250.0).contains(&python), "{python} MB");
}
