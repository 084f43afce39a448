//! "Copy as Markdown": the Dockerfile, the command, the plan and the graph block, for a real
//! analysis.

use stageplay::analysis::{self, Builder, Options};
use stageplay::page::export::markdown;
use stageplay::page::share::ShareState;

const FILE: &str = "FROM golang:1.22 AS build\nRUN go build -o /app\n\nFROM build AS test\nRUN go test ./...\n\nFROM alpine AS docs\nRUN echo docs\n\nFROM scratch\nCOPY --from=build /app /app\n";

fn md_for(target: Option<&str>, builder: Builder) -> String {
    let state = ShareState {
        dockerfile: FILE.into(),
        target: target.map(Into::into),
        builder,
        ..ShareState::default()
    };
    let a = analysis::analyze(
        FILE,
        &Options {
            target: state.target.clone(),
            builder,
            ..Options::default()
        },
    );
    markdown(
        &state,
        &a,
        "flowchart LR\n  s0 --> s3\n",
        Some("http://h/#v1.abc"),
    )
}

#[test]
fn markdown_has_the_file_command_plan_graph_and_link() {
    let md = md_for(None, Builder::BuildKit);
    let expected = "**Dockerfile**\n\n```dockerfile\nFROM golang:1.22 AS build\n";
    assert!(md.starts_with(expected), "{md}");
    assert!(md.contains("\n```sh\ndocker build -t app .\n```\n"), "{md}");
    assert!(
        md.contains("**Build plan** (BuildKit, target `stage-3`)\n\n1. `build`\n2. `stage-3`\n"),
        "{md}"
    );
    assert!(
        md.contains("Skipped:\n\n- `test`: not needed by target `stage-3`\n- `docs`:"),
        "{md}"
    );
    assert!(
        md.contains("```mermaid\nflowchart LR\n  s0 --> s3\n```\n"),
        "{md}"
    );
    assert!(
        md.ends_with("[Open in Stageplay](http://h/#v1.abc)\n"),
        "{md}"
    );
}

#[test]
fn the_legacy_builder_builds_everything_up_to_the_target() {
    let md = md_for(Some("test"), Builder::Legacy);
    assert!(
        md.contains("DOCKER_BUILDKIT=0 docker build --target test -t app ."),
        "{md}"
    );
    assert!(
        md.contains("(legacy builder, target `test`)\n\n1. `build`\n2. `test`\n"),
        "{md}"
    );
    assert!(md.contains("- `docs`: after the target"), "{md}");
}
