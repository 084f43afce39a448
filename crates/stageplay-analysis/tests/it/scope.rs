//! ARG and ENV scoping per BuildKit, through the expansion API: global ARGs reach FROM
//! only, build arguments override defaults, ENV wins over ARG, the platform ARGs, and the
//! ENV a stage inherits from the stage it is built FROM.

use stageplay_analysis::{Options, analyze};

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
