//! The CLI against hostile pipes and text: a reader that closes early, a full disk, an
//! endless input, terminal control characters and huge messages (issue 17, docs/cli.md).

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use super::{run, stageplay};

/// A Dockerfile whose text report is far larger than a pipe's buffer (64 KB on Linux), so
/// the CLI is still writing when the reader goes away.
fn big_dockerfile() -> String {
    let mut text = String::new();
    for i in 0..2_000 {
        text.push_str(&format!("FROM alpine AS stage{i}\nRUN echo {i} > /f{i}\n"));
    }
    text
}

/// Runs the CLI with `args` into a reader that reads one line and closes the pipe (like
/// `| head -1`); returns its exit status and what it wrote on standard error.
fn first_line_then_close(args: &[&str]) -> (Option<i32>, String) {
    let mut child = stageplay()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn stageplay");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("read a line");
    assert!(!first.is_empty(), "{args:?}: no output at all");
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), err)
}

#[test]
fn a_reader_that_closes_early_ends_the_cli_quietly() {
    let path = std::env::temp_dir().join(format!("stageplay-big-{}", std::process::id()));
    std::fs::write(&path, big_dockerfile()).expect("write the Dockerfile");
    for format in ["text", "json", "svg"] {
        let args = [
            "analyze",
            path.to_str().expect("UTF-8 path"),
            "--format",
            format,
        ];
        let (status, err) = first_line_then_close(&args);
        assert_eq!(status, Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
    let _ = std::fs::remove_file(&path);
}

/// Every command that can write a lot, into a reader that reads one line and closes the
/// pipe (`| head -1`): no panic, no "Broken pipe" message, and the status the command has
/// for its input (1 for `check` on this file's warnings, as when the whole report is read).
#[test]
fn every_command_stops_quietly_when_the_reader_closes_early() {
    let path = std::env::temp_dir().join(format!("stageplay-big-all-{}", std::process::id()));
    // Stages for the check formats and `targets`, and a target with thousands of described
    // build args, secrets and SSH sockets for `outline`: each output is far over 64 KB.
    let mut text = big_dockerfile().replace("FROM alpine AS", "FROM alpine as");
    text.push_str("FROM alpine AS last\n");
    for i in 0..3_000 {
        text.push_str(&format!(
            "# A{i} is build argument number {i}\nARG A{i}=value{i}\nRUN --mount=type=secret,id=s{i} --mount=type=ssh,id=k{i} true\n"
        ));
    }
    std::fs::write(&path, text).expect("write the Dockerfile");
    let file = path.to_str().expect("UTF-8 path");
    let commands: [(&[&str], i32); 7] = [
        (&["check", "--format", "sarif"], 1),
        (&["check", "--format", "github"], 1),
        (&["check", "--format", "text"], 1),
        (&["targets"], 0),
        (&["targets", "--format", "json"], 0),
        (&["outline"], 0),
        (&["outline", "--format", "json"], 0),
    ];
    for (args, status) in commands {
        let args: Vec<&str> = args.iter().copied().chain([file]).collect();
        let (code, err) = first_line_then_close(&args);
        assert_eq!(code, Some(status), "{args:?}: {err}");
        for bad in ["panicked", "Broken pipe", "cannot write"] {
            assert!(!err.contains(bad), "{args:?}: {err}");
        }
    }
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_full_disk_is_exit_two_with_a_message() {
    // Linux always has /dev/full, the device whose every write fails with ENOSPC.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full (this test needs Linux)");
    let mut child = stageplay()
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn stageplay");
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(b"FROM alpine\nRUN true\n");
    }
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("stageplay: cannot write the output:"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn an_endless_input_is_refused_at_the_cap() {
    // From a file argument and from standard input: both stop at 10 MB instead of reading
    // until memory runs out.
    let (code, _, err) = run(&["check", "/dev/zero"], b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("/dev/zero is larger than 10 MB"), "{err}");
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let out = stageplay()
        .args(["analyze", "-"])
        .stdin(zero)
        .output()
        .expect("run stageplay");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("- is larger than 10 MB"), "{err}");
    // Exactly at the cap is still read.
    let mut text = b"FROM alpine\n#".to_vec();
    text.resize(10_000_000 - 1, b'x');
    text.push(b'\n');
    let (code, _, err) = run(&["check", "-"], &text);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn terminal_controls_from_the_dockerfile_are_shown_escaped() {
    // ESC (colours, OSC title), BEL, a lone CR and the C1 CSI, in a stage name and a path.
    let text = "FROM alpine AS a\u{1b}[31mred\u{1b}]0;pwned\u{7}\nCOPY x\ry\u{9b}2J /z\nFROM alpine\nCOPY --from=a\u{1b}[31mred\u{1b}]0;pwned\u{7} /z /\n";
    let (_, out, _) = run(&["analyze", "-"], text.as_bytes());
    for bad in ['\u{1b}', '\u{7}', '\r', '\u{9b}'] {
        assert!(!out.contains(bad), "{bad:?} reached the terminal:\n{out}");
    }
    assert!(out.contains("a\\x1b[31mred\\x1b]0;pwned\\x07"), "{out}");
    let (_, out, _) = run(&["check", "-"], b"FROM alpine\nBOGUS\x1b[2J\r\n");
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(out.contains("BOGUS\\x1b[2J"), "{out}");
    // The file name an error message quotes is escaped too.
    let (code, _, err) = run(&["check", "/nonexistent/\u{1b}[31m"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/\\x1b[31m"), "{err}");
}

#[test]
fn a_huge_message_is_cut_short() {
    // 1 MB of backslashes is one unknown instruction whose message quotes it whole.
    let text = "\\".repeat(1 << 20);
    let (code, out, err) = run(&["check", "-"], text.as_bytes());
    assert_eq!(code, 1, "{err}");
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest <= 400, "a {longest}-character line");
    assert!(
        out.contains("error [ParseError]") && out.contains('…'),
        "{out}"
    );
}

#[test]
fn check_counts_errors_warnings_and_notes_apart() {
    let text = "FROM alpine AS unused\nFROM alpine\nMAINTAINER me\nBOGUS\n";
    let (code, out, err) = run(&["check", "-"], text.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("info [UnusedStage]"), "{out}");
    assert_eq!(
        err,
        "1 error(s), 1 warning(s), 1 note(s) (Dockerfile frontend 1.26 semantics)\n"
    );
}
