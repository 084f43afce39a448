//! "Copy as Markdown": the Dockerfile, the command, the plan and the graph block, for a real
//! analysis.

use stageplay::analysis::{self, Builder, Options};
use std::rc::Rc;

use stageplay::page::export::{graph_svg, markdown};
use stageplay::page::i18n::{Catalog, Messages};
use stageplay::page::lang::Lang;
use stageplay::page::share::ShareState;

const FILE: &str = "FROM golang:1.22 AS build\nRUN go build -o /app\n\nFROM build AS test\nRUN go test ./...\n\nFROM alpine AS docs\nRUN echo docs\n\nFROM scratch\nCOPY --from=build /app /app\n";

fn md_for(target: Option<&str>, builder: Builder) -> String {
    md_in(&Messages::english(), target, builder)
}

fn korean() -> Messages {
    let (c, _) = Catalog::parse(include_str!("../../static/i18n/ko.ftl"));
    Messages::new(Lang::Ko, Some(Rc::new(c)))
}

fn md_in(m: &Messages, target: Option<&str>, builder: Builder) -> String {
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
        m,
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

/// From the Korean page, the Markdown's headings and plan are Korean (for a Korean doc); the
/// code, the stage names, the command and the Mermaid block are the same as in English.
#[test]
fn markdown_from_the_korean_page_is_worded_in_korean() {
    let md = md_in(&korean(), None, Builder::BuildKit);
    assert!(
        md.starts_with("**Dockerfile**\n\n```dockerfile\nFROM golang:1.22 AS build\n"),
        "{md}"
    );
    assert!(
        md.contains("\n**명령**\n\n```sh\ndocker build -t app .\n```\n"),
        "{md}"
    );
    assert!(
        md.contains("**빌드 계획** (BuildKit, 타겟 `stage-3`)\n\n1. `build`\n2. `stage-3`\n"),
        "{md}"
    );
    assert!(md.contains("\n건너뛰는 스테이지:\n\n- `test`: "), "{md}");
    assert!(
        md.contains("**스테이지 그래프**\n\n```mermaid\nflowchart LR\n"),
        "{md}"
    );
    assert!(
        md.ends_with("[Stageplay에서 열기](http://h/#v1.abc)\n"),
        "{md}"
    );
    let legacy = md_in(&korean(), Some("test"), Builder::Legacy);
    assert!(legacy.contains("(레거시 빌더, 타겟 `test`)"), "{legacy}");
    for english in [
        "Command",
        "Build plan",
        "Skipped",
        "not needed",
        "after the target",
        "Open in",
    ] {
        assert!(
            !md.contains(english) && !legacy.contains(english),
            "{english}: {md}"
        );
    }
}

/// The exported SVG from the Korean page has a Korean legend and titles, still well-formed,
/// each legend entry after the one before; the English one is as before.
#[test]
fn the_svg_from_the_korean_page_has_a_korean_legend() {
    let a = analysis::analyze(FILE, &Options::default());
    let ko = graph_svg(&a, false, &korean());
    for words in [
        "빌드되는 스테이지",
        "건너뜀",
        "타겟",
        "이미지",
        "RUN --mount 원본",
        "스테이지 그래프",
    ] {
        assert!(ko.contains(words), "{words}: {ko}");
    }
    assert!(
        !ko.contains("built stage") && !ko.contains(">skipped<"),
        "{ko}"
    );
    let legend = &ko[ko.find("sp-legend").unwrap()..];
    let xs: Vec<f64> = legend
        .split("<text x=\"")
        .skip(1)
        .map(|t| t.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(xs.len(), 7, "{legend}");
    assert!(xs.windows(2).all(|w| w[1] > w[0] + 40.0), "{xs:?}");
    let en = graph_svg(&a, false, &Messages::english());
    assert!(
        en.contains("<text x=\"28\" y=\"11\">built stage</text>"),
        "{en}"
    );
    assert!(
        en.contains("<text x=\"606\" y=\"11\">RUN --mount from</text></g>"),
        "{en}"
    );
}

/// A Dockerfile whose stage name and COPY path hold one character of every class a label
/// can meet: C0 controls, DEL, C1, the non-characters, an astral character, a bidi override,
/// and text Graphviz would read as an entity.
const HOSTILE: &str = "FROM alpine AS b\u{1}\u{1b}[31m\nRUN x\nFROM alpine\nCOPY --from=b\u{1}\u{1b}[31m \"/a\u{FFFE}\u{FFFF}\u{1}\u{7}\u{7f}\u{85}\u{9b}&lt;&#65;\u{202e}gpj.exe🐳\" /d\n";

#[test]
fn dot_and_mermaid_labels_hold_no_control_characters() {
    let a = analysis::analyze(HOSTILE, &Options::default());
    for (format, out) in [
        ("dot", analysis::export::to_dot(&a)),
        ("mermaid", analysis::export::to_mermaid(&a)),
    ] {
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n') || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202E}')
            })
            .collect();
        assert!(bad.is_empty(), "{format}: {bad:?} in\n{out}");
        assert!(
            out.contains("gpj.exe🐳"),
            "{format}: the astral character is kept\n{out}"
        );
    }
}

#[test]
fn graphviz_renders_the_dot_export_to_well_formed_svg() {
    let a = analysis::analyze(HOSTILE, &Options::default());
    let dot = analysis::export::to_dot(&a);
    let run = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    // Never skipped: scripts/setup.sh installs Graphviz with the other test tools.
    let mut child = run.expect("Graphviz `dot` (scripts/setup.sh installs it)");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(dot.as_bytes()).expect("write the DOT");
    }
    let out = child.wait_with_output().expect("run dot");
    let svg = String::from_utf8(out.stdout).expect("Graphviz writes UTF-8");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.is_empty(), "{err}\n{dot}");
    let bad: Vec<char> = svg
        .chars()
        .filter(|&c| !stageplay::page::markup::allowed_in_xml(c))
        .collect();
    assert!(bad.is_empty(), "characters XML forbids: {bad:?}\n{svg}");
    // The text shows as written: the entity-looking text stays text, the override a marker.
    assert!(
        svg.contains("&amp;lt;&amp;#65;&lt;U+202E&gt;gpj.exe"),
        "{svg}"
    );
}
