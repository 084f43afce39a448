//! The native `stageplay` program, run as a child process: `analyze` and `check`, and `link`.

mod analyze;
mod calls;
mod check;
mod context;
mod link;
mod linking;
mod mdbook;
mod output;

use std::io::Write;
use std::process::{Command, Stdio};

/// The CLI built by this package.
pub fn stageplay() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stageplay"))
}

/// Runs the CLI with `args` on `stdin` and returns the exit code, standard output and
/// standard error.
pub fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = stageplay()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn stageplay");
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(stdin);
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
