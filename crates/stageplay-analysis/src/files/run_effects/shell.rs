//! The shell splitter: a RUN's script cut into simple commands (words and redirections),
//! following POSIX quoting, with `$VAR` expanded from the stage's ARG/ENV values by the
//! one shell-word lexer ([`lexer::process_reference`]).

use crate::lexer::{self, Budget, Lookup};
use crate::span::floor_char_boundary;

use super::MAX_SCRIPT_LEN;

/// A single word longer than this is cut: RUN lines never need longer paths.
const MAX_WORD_LEN: usize = 4 * 1024;

/// A simple command: words and redirections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimpleCommand {
    pub words: Vec<String>,
    pub redirects: Vec<Redirect>,
}

/// A redirection: `>`, `>>`, `<`, `<<`, `<<-`, `&>`, ... and its target word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    pub op: String,
    pub target: String,
}

/// Splits a shell script into simple commands. Returns the commands and whether the script
/// was cut at [`MAX_SCRIPT_LEN`]. The shell's escape is always `\`, whatever the
/// Dockerfile's `# escape=` says.
pub fn split_script(text: &str, vars: &dyn Lookup) -> (Vec<SimpleCommand>, bool) {
    let truncated = text.len() > MAX_SCRIPT_LEN;
    let cut = floor_char_boundary(text, MAX_SCRIPT_LEN);
    let script = text.get(..cut).unwrap_or("");
    // Bytes, not chars: every character the shell treats specially is ASCII, and the bytes
    // of other characters are copied through in order, so words stay valid UTF-8.
    let chars: &[u8] = script.as_bytes();
    let mut budget = Budget::for_text(script.len());
    let mut cmds = Vec::with_capacity(4);
    let mut cur = SimpleCommand::default();
    // Reused for every word (it keeps its capacity): room for a long path up front.
    let mut word: Vec<u8> = Vec::with_capacity(128);
    let mut in_word = false;
    // A redirection waiting for its target word.
    let mut pending: Option<String> = None;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();

    // Ends the current word: it becomes a redirection target or a word.
    fn finish(
        word: &mut Vec<u8>,
        in_word: &mut bool,
        pending: &mut Option<String>,
        cur: &mut SimpleCommand,
    ) {
        if !*in_word {
            return;
        }
        // A copy of exactly the word's length; the buffer keeps its capacity for the next.
        // Lossy only where a word was cut at MAX_WORD_LEN inside a character.
        let w = match std::str::from_utf8(word) {
            Ok(w) => w.to_owned(),
            Err(_) => String::from_utf8_lossy(word).into_owned(),
        };
        word.clear();
        *in_word = false;
        match pending.take() {
            Some(op) => cur.redirects.push(Redirect {
                op,
                target: w.trim_matches(|c| c == '\'' || c == '"').to_string(),
            }),
            None => cur.words.push(w),
        }
    }
    fn end_command(cur: &mut SimpleCommand, cmds: &mut Vec<SimpleCommand>) {
        let c = std::mem::take(cur);
        if !c.words.is_empty() || !c.redirects.is_empty() {
            cmds.push(c);
        }
    }

    while let Some(c) = at(i) {
        i += 1;
        if word.len() > MAX_WORD_LEN {
            word.truncate(MAX_WORD_LEN);
        }
        match c {
            b' ' | b'\t' | b'\r' => {
                if in_word {
                    finish(&mut word, &mut in_word, &mut pending, &mut cur);
                }
            }
            b'\n' => {
                finish(&mut word, &mut in_word, &mut pending, &mut cur);
                end_command(&mut cur, &mut cmds);
            }
            b'#' if !in_word => {
                while let Some(c) = at(i) {
                    if c == b'\n' {
                        break;
                    }
                    i += 1;
                }
            }
            b'\\' => match at(i) {
                Some(b'\n') => i += 1,
                Some(n) => {
                    word.push(n);
                    in_word = true;
                    i += 1;
                }
                None => {}
            },
            b'\'' => {
                in_word = true;
                // Everything up to the closing quote, whole.
                let rest = chars.get(i..).unwrap_or(&[]);
                let close = memchr::memchr(b'\'', rest);
                word.extend_from_slice(rest.get(..close.unwrap_or(rest.len())).unwrap_or(&[]));
                i += close.map_or(rest.len(), |k| k + 1);
            }
            b'"' => {
                in_word = true;
                while let Some(c) = at(i) {
                    i += 1;
                    match c {
                        b'"' => break,
                        b'\\' => match at(i) {
                            Some(n @ (b'"' | b'\\' | b'$' | b'`')) => {
                                word.push(n);
                                i += 1;
                            }
                            Some(b'\n') => i += 1,
                            _ => word.push(b'\\'),
                        },
                        b'$' => i = dollar(script, i, &mut word, vars, &mut budget),
                        c => {
                            // The run of bytes up to the next `"`, `\\` or `$`, whole.
                            word.push(c);
                            let rest = chars.get(i..).unwrap_or(&[]);
                            let n = memchr::memchr3(b'"', b'\\', b'$', rest).unwrap_or(rest.len());
                            word.extend_from_slice(rest.get(..n).unwrap_or(&[]));
                            i += n;
                        }
                    }
                }
            }
            b'$' => {
                in_word = true;
                i = dollar(script, i, &mut word, vars, &mut budget);
            }
            b'`' => {
                in_word = true;
                word.push(b'`');
                while let Some(c) = at(i) {
                    i += 1;
                    word.push(c);
                    if c == b'`' {
                        break;
                    }
                }
            }
            b'&' | b'|' | b';' | b'(' | b')' => {
                if c == b'&' && at(i) == Some(b'>') {
                    finish(&mut word, &mut in_word, &mut pending, &mut cur);
                    i += 1;
                    if at(i) == Some(b'>') {
                        i += 1;
                    }
                    pending = Some("&>".into());
                    continue;
                }
                finish(&mut word, &mut in_word, &mut pending, &mut cur);
                if (c == b'&' || c == b'|' || c == b';') && at(i) == Some(c) {
                    i += 1;
                }
                end_command(&mut cur, &mut cmds);
            }
            b'>' | b'<' => {
                // A word of digits right before is a file descriptor (`2>`).
                let fd_word = in_word && word.iter().all(u8::is_ascii_digit);
                if fd_word {
                    word.clear();
                    in_word = false;
                } else {
                    finish(&mut word, &mut in_word, &mut pending, &mut cur);
                }
                let mut op = String::from(char::from(c));
                while let Some(n) = at(i) {
                    if matches!(n, b'>' | b'<' | b'-' | b'|') && op.len() < 3 {
                        op.push(char::from(n));
                        i += 1;
                    } else {
                        break;
                    }
                }
                if at(i) == Some(b'&') {
                    // `2>&1`, `>&2`: a descriptor, not a file.
                    i += 1;
                    while at(i).is_some_and(|d| d.is_ascii_digit() || d == b'-') {
                        i += 1;
                    }
                    continue;
                }
                pending = Some(op);
            }
            _ => {
                // A run of plain bytes is copied whole. The result is the byte-by-byte one:
                // past MAX_WORD_LEN the word keeps its first MAX_WORD_LEN bytes and the
                // run's last byte (the cap above drops that byte at the next character).
                let start = i - 1;
                let mut end = i;
                while chars.get(end).is_some_and(|&b| !is_shell_special(b)) {
                    end += 1;
                }
                let run = chars.get(start..end).unwrap_or(&[]);
                if word.len() + run.len() <= MAX_WORD_LEN + 1 {
                    word.extend_from_slice(run);
                } else {
                    let room = MAX_WORD_LEN.saturating_sub(word.len());
                    word.extend_from_slice(run.get(..room).unwrap_or(&[]));
                    word.extend(run.last().copied());
                }
                i = end;
                in_word = true;
            }
        }
    }
    finish(&mut word, &mut in_word, &mut pending, &mut cur);
    end_command(&mut cur, &mut cmds);
    (cmds, truncated)
}

/// True for the bytes [`split_script`] treats specially (anything else is plain word text).
fn is_shell_special(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b'#'
            | b'\\'
            | b'\''
            | b'"'
            | b'$'
            | b'`'
            | b'&'
            | b'|'
            | b';'
            | b'('
            | b')'
            | b'>'
            | b'<'
    )
}

/// Handles `$` at `script[i-1]`: `$(...)` and `$((...))` are kept as written (the lexer
/// knows no command substitution); every other reference goes to the lexer, which keeps
/// what it cannot expand as written. Returns the next index.
fn dollar(
    script: &str,
    mut i: usize,
    word: &mut Vec<u8>,
    vars: &dyn Lookup,
    budget: &mut Budget,
) -> usize {
    let chars = script.as_bytes();
    let at = |i: usize| chars.get(i).copied();
    if at(i) != Some(b'(') {
        let (value, end) = lexer::process_reference(script, i - 1, '\\', vars, budget);
        word.extend_from_slice(value.as_bytes());
        return end;
    }
    // Command substitution: copy through the matching `)`, tracking depth.
    word.push(b'$');
    let mut depth = 0usize;
    while let Some(c) = at(i) {
        i += 1;
        word.push(c);
        match c {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    i
}

/// Drops leading `VAR=value` assignments and wrappers (`sudo`, `env`, `time`, `exec`,
/// `nohup`, `command`). Returns the rest and whether an assignment was dropped.
pub(super) fn strip_prefixes(words: &[String]) -> (&[String], bool) {
    let mut i = 0;
    let mut assignment = false;
    while let Some(w) = words.get(i) {
        let is_assign = w.split_once('=').is_some_and(|(n, _)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if is_assign {
            assignment = true;
            i += 1;
        } else if matches!(
            w.as_str(),
            "sudo" | "env" | "time" | "exec" | "nohup" | "command"
        ) && words.get(i + 1).is_some_and(|n| n != "-v")
        {
            i += 1;
            // Flags of the wrapper (`sudo -E`, `env -i`).
            while words.get(i).is_some_and(|n| n.starts_with('-')) {
                i += 1;
            }
        } else {
            break;
        }
    }
    (words.get(i..).unwrap_or(&[]), assignment)
}

pub(super) fn base(word: &str) -> &str {
    // A byte search: `/` is ASCII, so the slice after it starts at a char boundary.
    match word.as_bytes().iter().rposition(|&b| b == b'/') {
        Some(i) => word.get(i + 1..).unwrap_or(""),
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One variable defined: `name=value`.
    fn var(name: &str, value: &str) -> Vec<(String, String)> {
        vec![(name.to_string(), value.to_string())]
    }

    #[test]
    fn splitting_follows_quotes_operators_and_continuations() {
        let (cmds, _) = split_script(
            "a 'b c' \"d $APP e\" f\\ g && h || i; j | k & l\\\n  m # comment\nn 2>/dev/null >out",
            &var("APP", "x"),
        );
        let words: Vec<Vec<&str>> = cmds
            .iter()
            .map(|c| c.words.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            words,
            vec![
                vec!["a", "b c", "d x e", "f g"],
                vec!["h"],
                vec!["i"],
                vec!["j"],
                vec!["k"],
                vec!["l", "m"],
                vec!["n"],
            ]
        );
        let last = cmds.last().map(|c| c.redirects.clone()).unwrap_or_default();
        assert_eq!(
            last,
            vec![
                Redirect {
                    op: ">".into(),
                    target: "/dev/null".into()
                },
                Redirect {
                    op: ">".into(),
                    target: "out".into()
                },
            ]
        );
    }

    /// The words of a one-command script, with `A=oak` and `E=` (set but empty) defined.
    fn expanded(script: &str) -> Vec<String> {
        let vars = vec![
            ("A".to_string(), "oak".to_string()),
            ("E".to_string(), String::new()),
        ];
        let (cmds, _) = split_script(script, &vars);
        cmds.into_iter().flat_map(|c| c.words).collect()
    }

    #[test]
    fn unknown_references_and_command_substitutions_are_kept_as_written() {
        // The script's own shell variables are unknown here: the word as written says more
        // than an empty one.
        assert_eq!(
            expanded("echo $U ${U} $1 $$ \"$U/x\" $(date +%s) $((1 + 2))"),
            vec![
                "echo",
                "$U",
                "${U}",
                "$1",
                "$$",
                "$U/x",
                "$(date +%s)",
                "$((1 + 2))"
            ]
        );
        assert_eq!(
            expanded("echo $A ${A} ${U:-d} ${U-d} '$A' \\$A \"${A}s\""),
            vec!["echo", "oak", "oak", "d", "d", "$A", "$A", "oaks"]
        );
        // An unknown name with a modifier that needs its value stays as written too.
        assert_eq!(
            expanded("echo ${U:+x} ${U#o} ${U/o/0} ${U?}"),
            vec!["echo", "${U:+x}", "${U#o}", "${U/o/0}", "${U?}"]
        );
    }

    /// The RUN splitter expands through the one lexer, so these follow BuildKit's
    /// `frontend/dockerfile/shell/lex.go` (function `processDollar`) and POSIX, where the old
    /// splitter kept `${A:+x}`, `${A#o}` and `${A/o/0}` as written, gave `d` for `${E-d}` with
    /// `E` set but empty, gave `${A}` for `${U:-${A}}` and kept the quotes of `${U:-"q d"}`.
    #[test]
    fn modifiers_and_nested_defaults_follow_buildkit() {
        assert_eq!(
            expanded("echo ${A:+x} ${A#o} ${A/o/0} ${E-d}. ${E:-d} ${U:-${A}} ${U:-\"q d\"}"),
            vec!["echo", "x", "ak", "0ak", ".", "d", "oak", "q d"]
        );
    }
}
