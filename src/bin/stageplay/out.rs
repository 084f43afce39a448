//! How the CLI reads its input and writes its output without ever panicking: a size cap on
//! what it reads, write errors turned into exit codes, and terminal control characters from
//! the Dockerfile shown as visible escapes instead of reaching the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use stageplay::analysis::export::is_bidi_control;

/// The largest input the CLI reads, in bytes: the page's limit for a dropped file
/// (`MAX_DROP_BYTES` in `src/ui/components/editor_pane.rs`). Without a cap, `/dev/zero` or a
/// runaway pipe would be read until memory runs out.
pub const MAX_INPUT_BYTES: u64 = 10_000_000;

/// Reads a whole file, or standard input for `-`, up to [`MAX_INPUT_BYTES`]; the error says
/// which file and why.
pub fn read_capped(file: &str) -> Result<Vec<u8>, String> {
    if file == "-" {
        read_from(io::stdin().lock(), file, 0)
    } else {
        read_path(Path::new(file))
    }
}

/// [`read_capped`] for a path that need not be UTF-8.
pub fn read_path(path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.to_string_lossy();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    // The file's size, when it has one, is room for it up front: read through `take`, a
    // file no longer sizes its own buffer, which grew by doubling (docs/performance.md#cli).
    let size = file.metadata().map_or(0, |m| m.len().min(MAX_INPUT_BYTES));
    read_from(file, &shown, size as usize)
}

fn read_from(reader: impl Read, shown: &str, size_hint: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(size_hint);
    // One byte past the cap tells "exactly at the cap" from "over it" without reading more.
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{shown} is larger than {} MB, the most stageplay reads",
            MAX_INPUT_BYTES / 1_000_000
        ));
    }
    Ok(bytes)
}

/// Writes what `write` produces to standard output through one locked buffer and returns
/// the exit code: 0 when everything was written, 0 as well when the reader closed the pipe
/// (`stageplay analyze | head -1` is a normal way to use a filter, and ripgrep and git do
/// the same), and 2 after a message on standard error for any other write error (a full
/// disk, a closed standard output).
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> i32 {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) => {
            // The buffer still holds what could not be written; dropping it would try again
            // and fail the same way, so it is forgotten with its content.
            let (_, _) = out.into_parts();
            if e.kind() == io::ErrorKind::BrokenPipe {
                0
            } else {
                say(&format!("cannot write the output: {e}"));
                2
            }
        }
    }
}

/// Prints `stageplay: MESSAGE` on standard error, made [`visible`]. A failure to write
/// there is ignored: there is nowhere left to report it, and it must not panic.
pub fn say(message: &str) {
    let _ = writeln!(io::stderr().lock(), "stageplay: {}", visible(message));
}

/// `text` with every character a terminal would act on instead of showing written as a
/// visible escape: the C0 controls but line feed and tab (ESC starts colour and OSC
/// sequences, BEL rings, a lone CR returns over what was printed) as `\x1b`, DEL as `\x7f`,
/// the C1 controls (U+009B is a CSI in some terminals) as `\u{9b}`, and the bidirectional
/// controls that would show a path reversed as `\u{202e}`. A CR before a line feed is kept:
/// CRLF line ends are harmless. Text that needs nothing is borrowed.
pub fn visible(text: &str) -> Cow<'_, str> {
    let needs =
        |c: char| -> bool { c != '\n' && c != '\t' && (c.is_control() || is_bidi_control(c)) };
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !needs(c) || (c == '\r' && chars.peek() == Some(&'\n')) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(visible("a\u{1b}[31mb\u{7}"), "a\\x1b[31mb\\x07");
        assert_eq!(visible("a\rb\r\nc\n\td"), "a\\x0db\r\nc\n\td");
        assert_eq!(
            visible("\u{0}\u{7f}\u{9b}\u{85}"),
            "\\x00\\x7f\\u{9b}\\u{85}"
        );
        assert_eq!(
            visible("x\u{202e}y\u{2066}\u{61c}"),
            "x\\u{202e}y\\u{2066}\\u{61c}"
        );
    }

    #[test]
    fn plain_text_is_borrowed() {
        for text in ["", "FROM alpine AS build\n\tRUN x", "日本語 🐳"] {
            assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
        }
    }
}
