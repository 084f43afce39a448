//! The parse errors in BuildKit's words, and the instruction errors parse-dockerfile does
//! not report.
//!
//! parse-dockerfile checks much of what BuildKit checks, with messages of its own
//! ("expected AS", "COPY instruction requires at least two arguments"). A learner who reads
//! one and then runs `docker build` should meet the same words, so [`crate_error_message`]
//! rewrites each into the message BuildKit gives for the same line. BuildKit finds these
//! errors in two places:
//! - **the parser** (moby/buildkit `frontend/dockerfile/parser/parser.go`, `Parse`, and
//!   `line_parsers.go`): "unterminated heredoc", "file with no instructions", as they are;
//! - **`instructions.Parse`** (`frontend/dockerfile/instructions/parse.go`), which wraps
//!   each error of an instruction in `parseError`: "dockerfile parse error on line N: ...",
//!   N being the instruction's first line. Its checks: `parseBuildStageName`,
//!   `errAtLeastOneArgument`, `errExactlyOneArgument`, `errNoDestinationArgument`,
//!   `errBlankCommandNames`, `errNotJSON`, `parseOnBuild`, `parseHealthcheck`,
//!   `parseVolume`. "no build stage in current context" (`CurrentStage`, from `Parse`) is
//!   not wrapped.
//!
//! An ONBUILD whose trigger is no instruction, which BuildKit's parser keeps, is hidden
//! from parse-dockerfile (`heredoc::unknown_trigger`) and fails only when it fires
//! ([`unknown_instruction_message`]).
//!
//! [`instruction_error`] adds what parse-dockerfile accepts and `instructions.Parse`
//! refuses: FROM and MAINTAINER as ONBUILD triggers, `HEALTHCHECK CMD` without a command,
//! a blank ARG, ENV or LABEL name, and `VOLUME []`.

use super::{Instruction, Keyword};
use crate::diagnostic::Diagnostic;
use crate::errors;
use crate::span::{Span, find_newline};

/// The instructions BuildKit knows (`command.Commands`), for its "did you mean" on an
/// unknown one.
pub(super) const INSTRUCTION_NAMES: [&str; 18] = [
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// What BuildKit says of an unterminated heredoc (`parser.go`, `Parse`).
pub(super) const UNTERMINATED_HEREDOC: &str = "unterminated heredoc";

/// The instruction parse-dockerfile failed on: the first line at or after `from` that is
/// neither blank nor a comment.
pub(super) struct Failing<'t> {
    /// Where its keyword starts.
    pub(super) start: usize,
    /// Its keyword as written (`copy`, `FROM`).
    pub(super) keyword: &'t str,
    /// The rest of its first line, after the keyword.
    pub(super) rest: &'t str,
}

impl<'t> Failing<'t> {
    pub(super) fn find(text: &'t str, from: usize) -> Option<Failing<'t>> {
        let mut pos = from.min(text.len());
        while pos < text.len() {
            let line_end = text
                .get(pos..)
                .and_then(find_newline)
                .map_or(text.len(), |i| pos + i);
            let line = text.get(pos..line_end).unwrap_or("");
            let body = line.trim_start();
            if !body.is_empty() && !body.starts_with('#') {
                let start = line_end - body.len();
                let keyword_len = body.find(char::is_whitespace).unwrap_or(body.len());
                let (keyword, rest) = body.split_at(keyword_len);
                return Some(Failing {
                    start,
                    keyword,
                    rest,
                });
            }
            pos = line_end + 1;
        }
        None
    }

    fn is(&self, keyword: &str) -> bool {
        self.keyword.eq_ignore_ascii_case(keyword)
    }

    /// The first word of the arguments, after any `--flag`s.
    fn first_argument(&self) -> Option<&'t str> {
        self.rest.split_whitespace().find(|w| !w.starts_with("--"))
    }
}

/// BuildKit's message for the error parse-dockerfile reported as `message` (its `{:#}`) on
/// `line`, in the instruction `failing` (None when only blank lines and comments follow
/// the last instruction parsed). `text` is the whole file.
pub(super) fn crate_error_message(
    message: String,
    failing: Option<&Failing>,
    line: usize,
    text: &str,
) -> String {
    let wrapped = |inner: &str| format!("dockerfile parse error on line {line}: {inner}");
    if let Some(word) = message
        .strip_prefix("unknown instruction '")
        .and_then(|m| m.strip_suffix('\''))
    {
        // A bare ONBUILD: the crate reads an empty trigger as an unknown instruction.
        if word.is_empty() && failing.is_some_and(|f| f.is("ONBUILD")) {
            return wrapped("ONBUILD requires at least one argument");
        }
        return unknown_instruction(word, line);
    }
    if message.starts_with("expected end of here-document (") {
        return UNTERMINATED_HEREDOC.to_string();
    }
    match message.as_str() {
        // `parseBuildStageName`: `FROM image` or `FROM image AS name`, nothing else.
        "expected AS" | "expected newline or eof" if failing.is_some_and(|f| f.is("FROM")) => {
            return wrapped("FROM requires either one or three arguments");
        }
        "expected CMD or NONE" => {
            return wrapped(&match failing.and_then(Failing::first_argument) {
                // `HEALTHCHECK` with flags only, or nothing.
                None => "HEALTHCHECK requires at least one argument".to_string(),
                // Go's `strings.ToUpper`; ASCII only here, which keeps Unicode's case
                // tables (about 11 KB of gzip) out of the worker.
                Some(w) => format!(
                    "Unknown type {:?} in HEALTHCHECK (try CMD)",
                    w.to_ascii_uppercase()
                ),
            });
        }
        "HEALTHCHECK NONE does not accept arguments" => {
            return wrapped("HEALTHCHECK NONE takes no arguments");
        }
        "ONBUILD ONBUILD is not allowed" => {
            return wrapped("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        "expected instruction after ONBUILD" => {
            return wrapped("ONBUILD requires at least one argument");
        }
        // SHELL in shell form (or a broken array, which BuildKit reads as shell form); an
        // array that is not of strings fails the parser first (`parseMaybeJSON`).
        "expected JSON array" | "invalid JSON" if failing.is_some_and(|f| f.is("SHELL")) => {
            let rest = failing.map_or("", |f| f.rest.trim());
            if super::json_array_not_strings(rest) {
                return super::NOT_STRINGS.to_string();
            }
            return wrapped("SHELL requires the arguments to be in JSON form");
        }
        // An instruction before the first FROM, other than ARG (`CurrentStage`), unless
        // the parser fails on its line first: a JSON array that is not of strings
        // (BuildKit's testfiles-negative/shykes-nested-json).
        "expected FROM" => {
            let json = failing.is_some_and(|f| {
                ["RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME"]
                    .iter()
                    .any(|k| f.is(k))
                    && super::json_array_not_strings(f.rest.trim())
            });
            return if json {
                super::NOT_STRINGS.to_string()
            } else {
                "no build stage in current context".to_string()
            };
        }
        "expected at least one FROM instruction" => {
            return if text.is_empty() {
                // `toDispatchState`, before parsing.
                "the Dockerfile cannot be empty".to_string()
            } else if failing.is_none() && !has_instruction(text) {
                "file with no instructions".to_string()
            } else {
                // Only global ARGs (`dockerfile2llb`, `toDispatchState`).
                "dockerfile contains no stages to build".to_string()
            };
        }
        _ => {}
    }
    for (suffix, buildkit) in [
        (
            " instruction requires at least one argument",
            " requires at least one argument",
        ),
        (
            " instruction requires at least two arguments",
            " requires at least two arguments, but only one was provided. Destination could \
             not be determined",
        ),
        (
            " instruction requires exactly one argument",
            " requires exactly one argument",
        ),
    ] {
        let Some(name) = message.strip_suffix(suffix) else {
            continue;
        };
        return wrapped(&match name {
            "FROM" => "FROM requires either one or three arguments".to_string(),
            "HEALTHCHECK CMD" => "Missing command after HEALTHCHECK CMD".to_string(),
            _ => [&name.to_ascii_uppercase(), buildkit].concat(),
        });
    }
    message
}

/// True when some line of `text` is neither blank nor a comment.
fn has_instruction(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start_matches(['\u{feff}', ' ', '\t', '\r']);
        !l.is_empty() && !l.starts_with('#')
    })
}

/// An unknown instruction in BuildKit's words (`instructions/parse.go`:
/// `UnknownInstructionError` wrapped by `suggest.WrapError` and `parseError`):
/// "dockerfile parse error on line 4: unknown instruction: BADCMD", with " (did you mean
/// run?)" when an instruction is fewer than 3 edits away, in the case of the word as
/// written.
fn unknown_instruction(word: &str, line: usize) -> String {
    format!(
        "dockerfile parse error on line {line}: {}",
        unknown_instruction_message(word)
    )
}

/// "unknown instruction: BADCMD", with " (did you mean run?)" when an instruction is fewer
/// than 3 edits away (`UnknownInstructionError` and `suggest.WrapError`), without the line
/// `instructions.Parse` puts before it: as BuildKit reports an ONBUILD trigger that fires.
pub(super) fn unknown_instruction_message(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for name in INSTRUCTION_NAMES {
        let d = crate::suggest::edit_distance(&lower, &name.to_ascii_lowercase());
        if d == 0 {
            best = None;
            break;
        }
        if d < best.map_or(3, |(bd, _)| bd) {
            best = Some((d, name));
        }
    }
    let hint = best.map(|(_, name)| {
        // `matchCase`: all lowercase stays lowercase, all uppercase uppercase.
        if word != lower && word == word.to_ascii_uppercase() {
            name.to_string()
        } else {
            name.to_ascii_lowercase()
        }
    });
    match hint {
        Some(h) => format!("unknown instruction: {word} (did you mean {h}?)"),
        None => format!("unknown instruction: {word}"),
    }
}

/// The first error `instructions.Parse` finds in `inst` that parse-dockerfile let through,
/// with its message but without the "dockerfile parse error on line N: " BuildKit puts
/// before it (the caller adds it, as for flag errors; a trigger's error has none).
pub(super) fn instruction_error(inst: &Instruction, text: &str) -> Option<Diagnostic> {
    let error =
        |span: Span, message: String| Some(Diagnostic::new(&errors::PARSE_ERROR, span, message));
    match inst.keyword {
        // `parseOnBuild` reads only the trigger's keyword; the trigger itself is parsed when
        // it fires (`super::trigger_error`).
        Keyword::Onbuild => {
            let trigger = inst.trigger.as_deref()?;
            if !matches!(trigger.keyword, Keyword::From | Keyword::Maintainer) {
                return None;
            }
            let keyword = trigger.keyword.as_str();
            error(
                trigger.keyword_span,
                format!("{keyword} isn't allowed as an ONBUILD trigger"),
            )
        }
        // `parseHealthcheck`: CMD with nothing after it (NONE has no arguments either).
        Keyword::Healthcheck if inst.args.is_empty() => {
            // The type word, on the line after the flags (the instruction's span may end
            // before it when nothing follows).
            let after = inst
                .flags
                .last()
                .map_or(inst.keyword_span.end, |f| f.span.end);
            let rest = text.get(after..).unwrap_or("");
            let line = rest
                .get(..find_newline(rest).unwrap_or(rest.len()))
                .unwrap_or("")
                .trim_end();
            let kind = line
                .split(|c: char| c.is_whitespace() || c == '\\' || c == '`')
                .find(|w| !w.is_empty())?;
            let span = Span::new(inst.span.start, (after + line.len()).max(inst.span.end));
            (!kind.eq_ignore_ascii_case("NONE")).then(|| {
                Diagnostic::new(
                    &errors::PARSE_ERROR,
                    span,
                    "Missing command after HEALTHCHECK CMD",
                )
            })
        }
        // `parseKvps` and `parseArg`: `=value` with no name.
        Keyword::Arg | Keyword::Env | Keyword::Label => {
            let blank = inst.pairs.iter().find(|p| p.key.is_empty())?;
            error(
                blank.span,
                format!("{} names can not be blank", inst.keyword.as_str()),
            )
        }
        // `parseVolume`: an empty JSON array.
        Keyword::Volume if inst.exec_form && inst.args.is_empty() => error(
            inst.span,
            "VOLUME requires at least one argument".to_string(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{NOT_STRINGS, parse};

    /// Each file's first error, as BuildKit words it (the function that raises it in
    /// moby/buildkit `frontend/dockerfile/`, named for each).
    #[test]
    fn parse_errors_read_as_buildkit_writes_them() {
        let line2 = |m: &str| format!("dockerfile parse error on line 2: {m}");
        let cases: Vec<(&str, String)> = vec![
            // instructions/parse.go, parseBuildStageName.
            (
                "FROM a b\n",
                "dockerfile parse error on line 1: FROM requires either one or three arguments"
                    .into(),
            ),
            (
                "FROM a AS\n",
                "dockerfile parse error on line 1: FROM requires either one or three arguments"
                    .into(),
            ),
            (
                "FROM a AS b c\n",
                "dockerfile parse error on line 1: FROM requires either one or three arguments"
                    .into(),
            ),
            (
                "FROM\n",
                "dockerfile parse error on line 1: FROM requires either one or three arguments"
                    .into(),
            ),
            (
                "FROM --platform=linux/amd64\n",
                "dockerfile parse error on line 1: FROM requires either one or three arguments"
                    .into(),
            ),
            // The instruction's first line, not the line the crate stopped on.
            (
                "FROM a\n\nFROM b \\\n  AS\n",
                "dockerfile parse error on line 3: FROM requires either one or three arguments"
                    .into(),
            ),
            // parseHealthcheck.
            (
                "FROM a\nHEALTHCHECK\n",
                line2("HEALTHCHECK requires at least one argument"),
            ),
            (
                "FROM a\nHEALTHCHECK --interval=5s\n",
                line2("HEALTHCHECK requires at least one argument"),
            ),
            (
                "FROM a\nHEALTHCHECK foo bar\n",
                line2("Unknown type \"FOO\" in HEALTHCHECK (try CMD)"),
            ),
            (
                "FROM a\nHEALTHCHECK NONE x\n",
                line2("HEALTHCHECK NONE takes no arguments"),
            ),
            (
                "FROM a\nHEALTHCHECK CMD\n",
                line2("Missing command after HEALTHCHECK CMD"),
            ),
            (
                "FROM a\nHEALTHCHECK --retries=3 cmd\n",
                line2("Missing command after HEALTHCHECK CMD"),
            ),
            (
                "FROM a\nHEALTHCHECK CMD []\n",
                line2("Missing command after HEALTHCHECK CMD"),
            ),
            // parseOnBuild.
            (
                "FROM a\nONBUILD\n",
                line2("ONBUILD requires at least one argument"),
            ),
            (
                "FROM a\nONBUILD ONBUILD RUN x\n",
                line2("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
            ),
            (
                "FROM a\nONBUILD FROM b\n",
                line2("FROM isn't allowed as an ONBUILD trigger"),
            ),
            (
                "FROM a\nONBUILD maintainer me\n",
                line2("MAINTAINER isn't allowed as an ONBUILD trigger"),
            ),
            // parseShell, errNotJSON and errAtLeastOneArgument.
            (
                "FROM a\nSHELL sh -c\n",
                line2("SHELL requires the arguments to be in JSON form"),
            ),
            (
                "FROM a\nSHELL [\"sh\"] -c\n",
                line2("SHELL requires the arguments to be in JSON form"),
            ),
            (
                "FROM a\nSHELL []\n",
                line2("SHELL requires at least one argument"),
            ),
            // parser/line_parsers.go, parseJSON (errDockerfileNotStringArray), from
            // parseMaybeJSON and parseMaybeJSONToList: before any instruction is parsed.
            ("FROM a\nSHELL [\"sh\", 1]\n", NOT_STRINGS.into()),
            (
                "FROM a\nHEALTHCHECK CMD [\"true\", 1]\n",
                NOT_STRINGS.into(),
            ),
            ("FROM a\nCOPY [\"a\", 1]\n", NOT_STRINGS.into()),
            (
                "FROM a\nADD --chmod=644 [\"a\", \"b\", 2]\n",
                NOT_STRINGS.into(),
            ),
            ("FROM a\nVOLUME [1]\n", NOT_STRINGS.into()),
            ("FROM a\nONBUILD RUN [\"a\", true]\n", NOT_STRINGS.into()),
            // errAtLeastOneArgument, errExactlyOneArgument, errNoDestinationArgument.
            (
                "FROM a\nEXPOSE\n",
                line2("EXPOSE requires at least one argument"),
            ),
            (
                "FROM a\nVOLUME\n",
                line2("VOLUME requires at least one argument"),
            ),
            (
                "FROM a\nVOLUME []\n",
                line2("VOLUME requires at least one argument"),
            ),
            ("FROM a\nENV\n", line2("ENV requires at least one argument")),
            (
                "FROM a\nLABEL\n",
                line2("LABEL requires at least one argument"),
            ),
            ("FROM a\nARG\n", line2("ARG requires at least one argument")),
            (
                "FROM a\nUSER\n",
                line2("USER requires exactly one argument"),
            ),
            (
                "FROM a\nWORKDIR\n",
                line2("WORKDIR requires exactly one argument"),
            ),
            (
                "FROM a\nSTOPSIGNAL\n",
                line2("STOPSIGNAL requires exactly one argument"),
            ),
            (
                "FROM a\nMAINTAINER\n",
                line2("MAINTAINER requires exactly one argument"),
            ),
            (
                "FROM a\ncopy x\n",
                line2(
                    "COPY requires at least two arguments, but only one was provided. Destination could not be determined",
                ),
            ),
            (
                "FROM a\nADD [\"x\"]\n",
                line2(
                    "ADD requires at least two arguments, but only one was provided. Destination could not be determined",
                ),
            ),
            // errBlankCommandNames (parseKvps, parseArg).
            ("FROM a\nARG =x\n", line2("ARG names can not be blank")),
            ("FROM a\nENV =x\n", line2("ENV names can not be blank")),
            ("FROM a\nLABEL =x\n", line2("LABEL names can not be blank")),
            // instructions.Parse, CurrentStage: not wrapped in parseError.
            (
                "RUN x\nFROM a\n",
                "no build stage in current context".into(),
            ),
            // ... unless the parser fails on its line first (BuildKit's
            // parser/testfiles-negative/shykes-nested-json).
            (
                "CMD [ \"echo\", [ \"nested json\" ] ]\n",
                NOT_STRINGS.into(),
            ),
            // parser/parser.go, Parse.
            ("FROM a\nRUN <<EOF\nabc\n", "unterminated heredoc".into()),
            (
                "FROM a\nCOPY <<EOF /x\nabc\n",
                "unterminated heredoc".into(),
            ),
            ("\n# a comment\n", "file with no instructions".into()),
            // dockerfile2llb/convert.go, toDispatchState.
            ("", "the Dockerfile cannot be empty".into()),
            ("ARG A=1\n", "dockerfile contains no stages to build".into()),
            // Unchanged: the parser's own words (line_parsers.go) and unknown instructions.
            ("FROM a\nENV A\n", "ENV must have two arguments".into()),
            ("FROM a\nBOGUS x\n", line2("unknown instruction: BOGUS")),
        ];
        for (text, want) in cases {
            let parsed = parse(text);
            let got = parsed.diagnostics.first().map(|d| d.message.as_str());
            assert_eq!(got, Some(want.as_str()), "for {text:?}");
        }
    }

    /// A heredoc never closed fails BuildKit's parser, which reads the whole file before it
    /// parses any instruction: it is reported after an instruction error the crate stopped
    /// at (as the error every build meets), not after a parser error.
    #[test]
    fn an_unterminated_heredoc_counts_after_an_instruction_error_not_after_a_parser_error() {
        let messages = |text: &str| -> Vec<String> {
            parse(text)
                .diagnostics
                .into_iter()
                .map(|d| d.message)
                .collect()
        };
        assert_eq!(
            messages("FROM a\nCOPY x\nRUN <<EOF\nabc\n"),
            [
                "dockerfile parse error on line 2: COPY requires at least two arguments, but \
                 only one was provided. Destination could not be determined",
                "unterminated heredoc",
            ]
        );
        assert_eq!(
            messages("FROM a\nENV A\nRUN <<EOF\nabc\n"),
            ["ENV must have two arguments"]
        );
        let at = parse("FROM a\nRUN <<EOF\nabc\n").diagnostics[0].span.start;
        assert_eq!(
            at,
            "FROM a\nRUN ".len(),
            "at the heredoc's marker, not the file's end"
        );
    }

    /// What BuildKit accepts stays accepted: an ENTRYPOINT without arguments
    /// (`parseEntrypoint`), HEALTHCHECK NONE with flags, a single-argument USER with a space
    /// (`parseString` keeps the rest of the line as one argument).
    #[test]
    fn what_buildkit_accepts_parses_without_an_error() {
        for text in [
            "FROM a\nENTRYPOINT []\n",
            "FROM a\nENTRYPOINT [ ]\n",
            "FROM a\nentrypoint\n",
            "FROM a\nONBUILD ENTRYPOINT []\n",
            "FROM a\nHEALTHCHECK --interval=5s NONE\n",
            "FROM a\nUSER a b\nWORKDIR /a b\nCMD []\nRUN\n",
        ] {
            let parsed = parse(text);
            assert_eq!(parsed.diagnostics, vec![], "for {text:?}");
            assert!(parsed.instructions.len() >= 2, "for {text:?}");
        }
    }

    /// An ONBUILD whose trigger is no instruction parses, as in BuildKit's parser, in its
    /// place among the others, spanning its continuation lines, the word its argument.
    #[test]
    fn an_onbuild_with_an_unknown_trigger_parses_in_its_place() {
        use super::super::Keyword::{From, Onbuild, Run};
        let text = "FROM a\nONBUILD BOGUS x \\\n  y\nONBUILD RUN ok\nRUN true\nonbuild cpy a b\n";
        let parsed = parse(text);
        assert_eq!(parsed.diagnostics, vec![]);
        let kinds: Vec<_> = parsed.instructions.iter().map(|i| i.keyword).collect();
        assert_eq!(kinds, [From, Onbuild, Onbuild, Run, Onbuild]);
        let bogus = &parsed.instructions[1];
        assert_eq!(bogus.span.slice(text), "ONBUILD BOGUS x \\\n  y");
        assert_eq!(bogus.keyword_span.slice(text), "ONBUILD");
        assert!(bogus.trigger.is_none());
        assert_eq!(bogus.args[0].value, "BOGUS");
        assert_eq!(bogus.args[0].span.slice(text), "BOGUS");
        assert!(parsed.instructions[2].trigger.is_some());
        assert_eq!(parsed.instructions[4].args[0].value, "cpy");
        // Before an error, kept; after it, gone, as every instruction after it.
        let parsed = parse("FROM a\nONBUILD BOGUS x\nCOPY x\nONBUILD BOGUS y\n");
        let kinds: Vec<_> = parsed.instructions.iter().map(|i| i.keyword).collect();
        assert_eq!(kinds, [From, Onbuild]);
        assert_eq!(parsed.diagnostics.len(), 1);
    }

    /// An ENTRYPOINT without arguments is an ENTRYPOINT, spanning its keyword, with no
    /// arguments; the ENTRYPOINTs and CMDs around it keep theirs.
    #[test]
    fn an_entrypoint_without_arguments_keeps_its_keyword_and_span() {
        use super::super::Keyword::{Cmd, Entrypoint, From, Onbuild};
        let text =
            "FROM a\nENTRYPOINT [\"x\"]\nENTRYPOINT []\nCMD []\nONBUILD  entrypoint\nentrypoint\n";
        let parsed = parse(text);
        assert_eq!(parsed.diagnostics, vec![]);
        let kinds: Vec<_> = parsed.instructions.iter().map(|i| i.keyword).collect();
        assert_eq!(
            kinds,
            [From, Entrypoint, Entrypoint, Cmd, Onbuild, Entrypoint]
        );
        let empty = &parsed.instructions[2];
        assert_eq!(empty.keyword_span.slice(text), "ENTRYPOINT");
        assert_eq!(
            empty.span.slice(text),
            "ENTRYPOINT []",
            "{:?}",
            parsed.instructions[3].span.slice(text)
        );
        assert!(empty.args.is_empty() && empty.exec_form);
        let trigger = parsed.instructions[4]
            .trigger
            .as_deref()
            .expect("a trigger");
        assert_eq!(trigger.keyword, Entrypoint);
        assert_eq!(trigger.keyword_span.slice(text), "entrypoint");
        assert_eq!(
            parsed.instructions[4].span.slice(text),
            "ONBUILD  entrypoint"
        );
        let bare = &parsed.instructions[5];
        assert_eq!(
            (bare.keyword, bare.span.slice(text)),
            (Entrypoint, "entrypoint")
        );
        assert_eq!(parsed.instructions[1].args[0].value, "x");
    }
}
