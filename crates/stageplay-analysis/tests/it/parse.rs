//! The instruction model that the file simulation builds on: heredocs (anywhere on the line,
//! several per instruction, expanded bodies) and RUN mounts split into fields.

use stageplay_analysis::{Keyword, Options, Severity, analyze};

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

/// BuildKit's words for an unknown instruction (`instructions/parse.go`,
/// `UnknownInstructionError` and `suggest.WrapError`; `parse_test.go` expects "unknown
/// instruction: FOO" and "unknown instruction: foo", `dockerfile_check_test.go` the line).
#[test]
fn an_unknown_instruction_reads_as_buildkit_prints_it() {
    let message = |text: &str| {
        let a = analyze(text, &Options::default());
        let d = a.diagnostics.iter().find(|d| d.severity == Severity::Error);
        d.map(|d| d.message.clone()).unwrap_or_default()
    };
    assert_eq!(
        message("FROM alpine\nBADCMD x\n"),
        "dockerfile parse error on line 2: unknown instruction: BADCMD"
    );
    // Fewer than 3 edits from an instruction: the hint, in the case of the word.
    assert_eq!(
        message("FROM alpine\nRUNN x\n"),
        "dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)"
    );
    assert_eq!(
        message("FROM alpine\ncopyy a b\n"),
        "dockerfile parse error on line 2: unknown instruction: copyy (did you mean copy?)"
    );
    assert_eq!(
        message("FROM alpine\nCopyy a b\n"),
        "dockerfile parse error on line 2: unknown instruction: Copyy (did you mean copy?)"
    );
}
