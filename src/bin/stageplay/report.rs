//! What `check` reports in every format: the diagnostics with their positions in lines and
//! columns, and the exit status `docker build --check` would give.
//!
//! The status follows docker/buildx `commands/build.go` `printResult` (case `"lint"`) and
//! moby/buildkit `frontend/subrequests/lint/lint.go` `ToResult`: the frontend sets
//! `result.statuscode` to 1 when it reports any warning or a build error, and buildx exits
//! with that status unless `--call=check,ignorestatus=true`; a build error (a parse error,
//! or `error=true` in `# check=`) fails the command even then.

use stageplay::analysis::{Diagnostic, LineIndex, Severity, lint};

/// A 1-based line and a 1-based column in Unicode code points (SARIF's default
/// `columnKind`, and what GitHub's annotations count).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a diagnostic starts and ends (the end is the position just after its last
/// character, as SARIF's `endColumn` is).
pub fn region(d: &Diagnostic, text: &str, lines: &LineIndex) -> (Position, Position) {
    let at = |offset: usize| {
        let offset = stageplay::analysis::span::floor_char_boundary(text, offset.min(text.len()));
        let line = lines.line(offset);
        let start = lines.line_start(line).min(offset);
        let column = text.get(start..offset).map_or(0, |p| p.chars().count()) + 1;
        Position { line, column }
    };
    let start = at(d.span.start);
    let end = at(d.span.end.max(d.span.start));
    (start, end)
}

/// True when `docker build --check` would report the diagnostic as a warning: a finding of
/// one of BuildKit's own build checks. Stageplay's learner rules and notes are not.
pub fn is_buildkit_warning(d: &Diagnostic) -> bool {
    d.severity != Severity::Info && lint::rule(d.rule).is_some_and(|r| r.buildkit)
}

/// The exit status of `docker build --check` for these diagnostics: 1 when it would fail
/// the build (an error) or report a warning (unless `ignore_status`, buildx's
/// `ignorestatus=true`), else 0.
pub fn check_status(diagnostics: &[Diagnostic], ignore_status: bool) -> i32 {
    let error = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let warning = diagnostics.iter().any(is_buildkit_warning);
    i32::from(error || (warning && !ignore_status))
}
