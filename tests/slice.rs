//! The first slice: stages of the two seed examples, a parse error, and the SSR-rendered list.

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

#[tokio::test]
async fn ssr_renders_the_stage_list() {
    let html = yew::ServerRenderer::<stageplay::ui::App>::with_props(|| stageplay::ui::AppProps {
        initial: Some(PYTHON_WHEELS.dockerfile.to_string()),
        share: None,
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains("builder"), "{html}");
    assert!(html.contains("python:3.9-slim"), "{html}");
    assert_eq!(html.matches("data-stage=").count(), 2, "{html}");
}
