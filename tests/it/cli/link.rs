//! `stageplay link`: the printed link decodes to exactly the file and options given.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use proptest::prelude::Rng as _;

use stageplay::analysis::Builder;
use stageplay::page::share::{ShareState, View, decode_fragment};

fn stageplay(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stageplay"))
        .args(args)
        .env_remove("STAGEPLAY_BASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the stageplay binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, content: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("stageplay-share-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

fn link_state(out: &Output) -> (String, ShareState) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = String::from_utf8(out.stdout.clone()).unwrap();
    let url = url.strip_suffix('\n').expect("one line");
    let (base, frag) = url.split_once('#').expect("a fragment");
    (
        base.to_string(),
        decode_fragment(frag).unwrap().expect("a share link"),
    )
}

#[test]
fn the_link_carries_the_file_byte_for_byte_and_every_option() {
    let text = "\u{feff}FROM golang:1.22 AS Build\r\nRUN go build -o /app\r\n\r\nFROM scratch\r\nCOPY --from=build /app /app\r\n";
    let file = temp_file("Dockerfile", text.as_bytes());
    let ctx = temp_file("context.txt", b"main.go 4KB\ngo.mod\n");
    let ignore = temp_file("dockerignore", b"*.md\n");
    let out = stageplay(
        &[
            "link",
            &file,
            "--target",
            "build",
            "--builder",
            "legacy",
            "--view",
            "files",
            "--build-arg",
            "A=1",
            "--build-arg",
            "B=",
            "--context-list",
            &ctx,
            "--dockerignore",
            &ignore,
            "--base-url",
            "https://play.example/stageplay/",
        ],
        b"",
    );
    let (base, state) = link_state(&out);
    assert_eq!(base, "https://play.example/stageplay/");
    assert_eq!(
        state,
        ShareState {
            dockerfile: text.into(),
            context: "main.go 4KB\ngo.mod\n".into(),
            dockerignore: "*.md\n".into(),
            build_args: "A=1\nB=\n".into(),
            target: Some("build".into()),
            builder: Builder::Legacy,
            view: View::Files,
            lesson: None,
            lang: None,
        }
    );
}

#[test]
fn standard_input_and_the_default_base_url() {
    let (base, state) = link_state(&stageplay(&["link", "-"], b"FROM alpine\n"));
    assert_eq!(base, "http://127.0.0.1:8080/");
    assert_eq!(&*state.dockerfile, "FROM alpine\n");
    assert_eq!(state.target, None);
}

#[test]
fn embed_urls_carry_the_panes() {
    let out = stageplay(
        &[
            "link",
            "-",
            "--embed",
            "editor,plan",
            "--base-url",
            "http://h/p",
        ],
        b"FROM a\n",
    );
    let (base, state) = link_state(&out);
    assert_eq!(base, "http://h/p?embed&view=editor,plan");
    assert_eq!(&*state.dockerfile, "FROM a\n");
    let out = stageplay(&["link", "-", "--embed", "graph,nope"], b"FROM a\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown view \"nope\""));
}

#[test]
fn unreadable_or_unshareable_input_exits_2_with_a_message() {
    let out = stageplay(&["link", "-"], b"FROM alpine\n\xff\xfe\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8 (at byte 12)"));

    let out = stageplay(&["link", "/nonexistent/Dockerfile"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/Dockerfile"));

    let out = stageplay(&["link", "-", "--target", " "], b"FROM a\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid target"));
}

#[test]
fn a_long_link_is_printed_with_a_warning() {
    // Varied text that deflate cannot shrink below the 2,000-character warning line.
    let mut rng = crate::seeded::rng();
    let text: String = (0..400)
        .map(|_| format!("RUN echo {:x}\n", rng.next_u32()))
        .collect();
    let out = stageplay(&["link", "-"], text.as_bytes());
    let (_, state) = link_state(&out);
    assert_eq!(&*state.dockerfile, text.as_str());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: the link is"));
}

#[test]
fn analyze_format_svg_prints_the_pages_export_svg() {
    use stageplay::analysis::{Options, analyze};
    let text = "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n";
    let out = stageplay(&["analyze", "-", "--format", "svg"], text.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
    assert_eq!(
        svg,
        stageplay::page::export::graph_svg(
            &analyze(text, &Options::default()),
            false,
            &stageplay::page::i18n::Messages::english(),
        )
    );
}

#[test]
fn a_target_that_names_no_stage_is_linked_with_a_warning_and_the_suggestion() {
    let text = b"FROM golang:1.22 AS builder\nFROM alpine\n";
    let out = stageplay(&["link", "-", "--target", "buidler"], text);
    let (_, state) = link_state(&out);
    assert_eq!(state.target.as_deref(), Some("buidler"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "warning: target stage \"buidler\" could not be found; did you mean \"builder\"?"
        ),
        "{err}"
    );
    let out = stageplay(&["link", "-", "--target", "stage-1"], text);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stage 1 has no name"), "{err}");
    let out = stageplay(&["link", "-", "--target", "Builder"], text);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
