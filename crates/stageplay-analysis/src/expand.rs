//! Variable expansion of instruction words with BuildKit's shell-lexer rules (`$VAR`,
//! `${VAR}`, `${VAR:-x}`, `${VAR#pat}`, quotes, escapes), bounded so that chained ARGs cannot
//! blow up, and the expanded form of an instruction. The lexer itself lives in `lexer`; the
//! scopes the variables come from (global ARGs, per-stage ARG/ENV, build args) in `scope`.

use serde::Serialize;

use super::diagnostic::Diagnostic;
use super::errors;
use super::lexer::process_word;
pub use super::lexer::{Budget, Expanded, Lookup, MAX_EXPANDED_LEN, MAX_NESTING, MAX_UNDEFINED};
use super::parse::{Instruction, Keyword};
use super::span::Span;

/// Expands one word the way BuildKit's `ProcessWord` does: quotes are removed, escapes
/// resolved, `$` references substituted. `escape` is the Dockerfile's escape character.
pub fn expand_word(word: &str, escape: char, vars: &dyn Lookup, budget: &mut Budget) -> Expanded {
    process_word(word, escape, true, vars, budget)
}

/// Expands a heredoc body: `$` references are substituted, quotes are kept as text.
pub fn expand_heredoc(body: &str, vars: &dyn Lookup, budget: &mut Budget) -> Expanded {
    process_word(body, '\\', false, vars, budget)
}

/// Expands `text` with a fresh budget and the default escape character; unknown variables
/// expand to "". A convenience for callers that only need the value.
pub fn expand(text: &str, vars: &dyn Lookup) -> String {
    expand_word(text, '\\', vars, &mut Budget::default()).value
}

/// One instruction after expansion in its scope, parallel to `Analysis::instructions`.
///
/// Only the instructions Docker expands (FROM, ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL,
/// USER, VOLUME, WORKDIR, ARG) have expanded `args`; RUN, CMD, ENTRYPOINT, SHELL,
/// HEALTHCHECK, MAINTAINER and ONBUILD keep their text verbatim (flag values of RUN, such as
/// `--mount`, are expanded, as BuildKit does).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExpandedInstruction {
    /// The stage the instruction belongs to; `None` for global ARGs.
    pub stage: Option<usize>,
    /// `Instruction::args`, expanded (quotes removed) or verbatim.
    pub args: Vec<String>,
    /// `Instruction::flags` values, expanded; parallel to `flags`.
    pub flags: Vec<Option<String>>,
    /// ARG / ENV / LABEL: the keys and expanded values (`None` for a bare `ARG NAME` that
    /// got no value).
    pub pairs: Vec<(String, Option<String>)>,
    /// `Instruction::heredocs` bodies, expanded when the delimiter was unquoted (COPY/ADD),
    /// verbatim otherwise.
    pub heredocs: Vec<String>,
    /// Variables referenced without a default that were not defined at this point.
    pub undefined: Vec<String>,
    /// Lexer errors (unterminated quotes, bad substitutions).
    pub errors: Vec<String>,
    /// `${NAME:?message}` expansions that failed: the name and BuildKit's message (also in
    /// `errors`); `required_errors` reports them.
    pub required: Vec<(String, String)>,
    /// True when an expansion was cut at [`MAX_EXPANDED_LEN`] or by the budget.
    pub truncated: bool,
}

impl ExpandedInstruction {
    pub(crate) fn absorb(&mut self, e: &Expanded) {
        for u in &e.unmatched {
            if self.undefined.len() < MAX_UNDEFINED && !self.undefined.contains(u) {
                self.undefined.push(u.clone());
            }
        }
        if let Some(err) = &e.error
            && self.errors.len() < MAX_UNDEFINED
            && !self.errors.contains(err)
        {
            self.errors.push(err.clone());
            if let Some(name) = &e.required {
                self.required.push((name.clone(), err.clone()));
            }
        }
        self.truncated |= e.truncated;
    }

    pub(crate) fn word(
        &mut self,
        raw: &str,
        escape: char,
        scope: &dyn Lookup,
        budget: &mut Budget,
    ) -> String {
        let e = expand_word(raw, escape, scope, budget);
        self.absorb(&e);
        e.value
    }
}

/// The lexer's words for a quote never closed (`shell/lex.go`), as [`crate::lexer`] reports
/// them.
const UNTERMINATED: [&str; 2] = [
    "unexpected end of statement while looking for matching single-quote",
    "unexpected end of statement while looking for matching double-quote",
];

/// Reports the first expansion error of each instruction BuildKit expands, as BuildKit
/// stops at it (`shell/lex.go`): a `${NAME:?}` that failed (`RequiredVariable`, at the
/// reference, or the instruction when it cannot be found), a quote never closed
/// (`UnterminatedQuote`), or a malformed `${...}` (`BadSubstitution`). Stageplay's own
/// limits (nesting, length) are not BuildKit's errors and are not reported.
pub fn required_errors(
    instructions: &[Instruction],
    expanded: &[ExpandedInstruction],
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (inst, e) in instructions.iter().zip(expanded) {
        let Some(first) = e.errors.first() else {
            continue;
        };
        if let Some((name, message)) = e.required.first()
            && message == first
        {
            let span = reference_span(inst.span, text, name).unwrap_or(inst.span);
            diagnostics.push(Diagnostic::new(
                &errors::REQUIRED_VARIABLE,
                span,
                message.clone(),
            ));
            continue;
        }
        if !expands_args(inst.keyword) {
            continue;
        }
        if let Some(rule) = lexer_error_rule(first) {
            diagnostics.push(Diagnostic::new(rule, inst.span, first.clone()));
        }
    }
}

/// The rule of a lexer error BuildKit fails on, when it is one: a quote never closed, or a
/// malformed `${...}`. `None` for Stageplay's own limits (nesting, length) and for
/// `${NAME:?}`, which is `RequiredVariable`.
pub(crate) fn lexer_error_rule(message: &str) -> Option<&'static crate::diagnostic::Rule> {
    if UNTERMINATED.contains(&message) {
        Some(&errors::UNTERMINATED_QUOTE)
    } else if message.starts_with("syntax error: ") || message.starts_with("unsupported modifier (")
    {
        Some(&errors::BAD_SUBSTITUTION)
    } else {
        None
    }
}

/// The span of the first `${name?` or `${name:?` ... `}` in `span`.
fn reference_span(span: Span, text: &str, name: &str) -> Option<Span> {
    let slice = span.slice(text);
    let open = format!("${{{name}");
    let mut from = 0;
    while let Some(i) = slice.get(from..).and_then(|t| t.find(open.as_str())) {
        let at = from + i;
        let rest = slice.get(at + open.len()..).unwrap_or("");
        if rest.starts_with('?') || rest.starts_with(":?") {
            let end = rest
                .find('}')
                .map_or(slice.len(), |j| at + open.len() + j + 1);
            return Some(Span::new(span.start + at, span.start + end));
        }
        from = at + open.len();
    }
    None
}

/// True for the instructions whose arguments Docker expands, and so whose lexer errors fail
/// the build ([`required_errors`]): FROM and the global ARGs, expanded before any stage
/// (`dockerfile2llb/convert.go`, `toDispatchState`: `ProcessWordWithMatches` on the base
/// name, `buildMetaArgs`), a stage's ARG (`dispatchArg`; a default only when no
/// `--build-arg` overrides it, as `scope` does), and those BuildKit expands word by word
/// when it dispatches them (`dispatch`: the `SupportsSingleWordExpansion` commands, and
/// EXPOSE in `dispatchExpose`; RUN expands only its mounts).
pub fn expands_args(k: Keyword) -> bool {
    matches!(
        k,
        Keyword::From
            | Keyword::Add
            | Keyword::Copy
            | Keyword::Env
            | Keyword::Expose
            | Keyword::Label
            | Keyword::Stopsignal
            | Keyword::User
            | Keyword::Volume
            | Keyword::Workdir
            | Keyword::Arg
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::glob_match;

    fn vars() -> Vec<(String, String)> {
        vec![
            ("A".into(), "one".into()),
            ("E".into(), "".into()),
            ("P".into(), "linux/arm64/v8".into()),
        ]
    }

    fn x(s: &str) -> String {
        expand_word(s, '\\', &vars(), &mut Budget::default()).value
    }

    #[test]
    fn shell_lexer_forms() {
        assert_eq!(x("$A-${A}"), "one-one");
        assert_eq!(x("${B:-d}|${B-d}|${E:-d}|${E-d}"), "d|d|d|");
        assert_eq!(x("${A:+alt}|${E:+alt}|${E+alt}|${B+alt}"), "alt||alt|");
        assert_eq!(x("'$A' \"$A\" \\$A"), "$A one $A");
        assert_eq!(
            x("${P#*/}|${P##*/}|${P%/*}|${P%%/*}"),
            "arm64/v8|v8|linux/arm64|linux"
        );
        assert_eq!(x("${B:-${A:-z}}"), "one");
        assert_eq!(x("a$"), "a$");
        assert_eq!(x("\"a\\\"b\""), "a\"b");
        // Runs of ordinary text are copied whole: multi-byte characters next to every kind
        // of special character keep their bytes.
        assert_eq!(x("é$A ü\"ö$A€\"'ß'→\\$A…"), "éone üöone€ß→$A…");
        assert_eq!(x("${B:-日本}|${A:+語}"), "日本|語");
    }

    #[test]
    fn unmatched_and_errors() {
        let e = expand_word("$X ${Y:-d} ${Z}", '\\', &vars(), &mut Budget::default());
        assert_eq!(e.unmatched, vec!["X".to_string(), "Z".to_string()]);
        let e = expand_word("'open", '\\', &vars(), &mut Budget::default());
        assert!(e.error.is_some());
        let e = expand_word("${A", '\\', &vars(), &mut Budget::default());
        assert!(e.error.is_some());
    }

    #[test]
    fn deep_nesting_is_capped() {
        let deep = "${A:-".repeat(10_000) + &"}".repeat(10_000);
        let e = expand_word(&deep, '\\', &vars(), &mut Budget::default());
        assert!(e.error.is_some());
    }

    #[test]
    fn glob() {
        assert!(glob_match("a*c", "abbbc"));
        assert!(!glob_match("a?c", "abbc"));
        assert!(glob_match("*", ""));
    }
}
