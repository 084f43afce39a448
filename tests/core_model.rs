//! The instruction model and the expansion API that the file simulation builds on:
//! heredocs, mounts, key/value pairs, and ARG/ENV scoping per BuildKit.

use stageplay::analysis::{Keyword, Options, Severity, analyze};

fn opts(build_args: &[(&str, &str)]) -> Options {
    Options {
        build_args: build_args
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Options::default()
    }
}

#[test]
fn run_heredocs_anywhere_on_the_line_and_several_of_them() {
    let text = "FROM alpine\nRUN cat <<EOF > /a && cat <<-\"TWO\" > /b\nhello $X\nEOF\n\tbye\n\tTWO\nRUN echo done\n";
    let a = analyze(text, &Options::default());
    assert!(
        a.diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{:?}",
        a.diagnostics
    );
    assert_eq!(a.instructions.len(), 3);
    let run = &a.instructions[1];
    let names: Vec<_> = run.heredocs.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["EOF", "TWO"]);
    assert_eq!(run.heredocs[0].body, "hello $X\n");
    assert!(run.heredocs[0].expand);
    assert_eq!(run.heredocs[1].body, "bye\n");
    assert!(!run.heredocs[1].expand && run.heredocs[1].strip_tabs);
    assert_eq!(
        run.heredocs[0].marker_span.map(|s| s.slice(text)),
        Some("<<EOF")
    );
    assert!(run.span.slice(text).ends_with("\tTWO"));
    assert_eq!(a.instructions[2].keyword, Keyword::Run);
}

#[test]
fn copy_heredoc_names_and_expanded_bodies() {
    let text = "FROM alpine\nARG V=1\nCOPY <<EOF /app/v.txt\nversion $V\nEOF\n";
    let a = analyze(text, &Options::default());
    let copy = &a.instructions[2];
    assert_eq!(copy.heredocs[0].name, "EOF");
    assert_eq!(copy.dest().map(|w| w.value.as_str()), Some("/app/v.txt"));
    assert_eq!(a.expanded[2].heredocs, ["version 1\n"]);
}

#[test]
fn run_mounts_are_split_into_fields() {
    let text = "FROM alpine AS b\nFROM alpine\nRUN --mount=type=cache,target=/root/.cache --mount=from=b,source=/out,target=/in make\n";
    let a = analyze(text, &Options::default());
    let m = &a.instructions[2].mounts;
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].kind, "cache");
    assert_eq!(m[0].target.as_deref(), Some("/root/.cache"));
    assert_eq!(m[1].kind, "bind");
    assert_eq!(m[1].from.as_deref(), Some("b"));
    assert_eq!(m[1].source.as_deref(), Some("/out"));
    assert_eq!(m[1].from_span.map(|s| s.slice(text)), Some("b"));
}

#[test]
fn global_args_reach_from_only_unless_redeclared() {
    let text =
        "ARG BASE=alpine\nARG DIR=/g\nFROM ${BASE}:3\nWORKDIR $DIR/a\nARG DIR\nWORKDIR $DIR/b\n";
    let a = analyze(text, &Options::default());
    assert_eq!(a.expanded[2].args, ["alpine:3"]);
    assert_eq!(a.expanded[3].args, ["/a"]);
    assert_eq!(a.expanded[3].undefined, ["DIR"]);
    assert_eq!(a.expanded[5].args, ["/g/b"]);
}

#[test]
fn build_args_override_and_env_wins_over_arg() {
    let text =
        "ARG BASE=alpine\nFROM $BASE\nARG V=default\nENV W=\"$V x\"\nENV V=env\nLABEL v=$V w=$W\n";
    let a = analyze(text, &opts(&[("BASE", "debian"), ("V", "cli")]));
    assert_eq!(a.expanded[1].args, ["debian"]);
    assert_eq!(
        a.expanded[5].pairs,
        [
            ("v".to_string(), Some("env".to_string())),
            ("w".to_string(), Some("cli x".to_string()))
        ]
    );
}

#[test]
fn platform_args_exist_in_from_and_after_declaration() {
    let text = "FROM --platform=$BUILDPLATFORM golang AS b\nARG TARGETARCH\nENV A=$TARGETARCH B=$TARGETOS\n";
    let a = analyze(text, &Options::default());
    assert_eq!(a.stages[0].platform.as_deref(), Some("linux/amd64"));
    assert_eq!(
        a.expanded[2].pairs,
        [
            ("A".to_string(), Some("amd64".to_string())),
            ("B".to_string(), Some(String::new()))
        ]
    );
    assert_eq!(a.expanded[2].undefined, ["TARGETOS"]);
}

#[test]
fn stage_env_is_inherited_by_stages_built_from_it() {
    let text = "FROM alpine AS base\nENV APP=/srv\nFROM base\nWORKDIR $APP\n";
    let a = analyze(text, &Options::default());
    assert_eq!(a.expanded[3].args, ["/srv"]);
    assert_eq!(a.expanded[3].stage, Some(1));
}
