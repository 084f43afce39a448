//! `check --format github`: one workflow command per diagnostic
//! (`::warning file=Dockerfile,line=3,col=5,endLine=3,endColumn=9,title=UndefinedVar::…`),
//! which GitHub Actions shows as an annotation on the line in the pull request.
//!
//! Escaping follows GitHub's toolkit (actions/toolkit `packages/core/src/command.ts`,
//! `escapeData` and `escapeProperty`): in the message `%`, CR and LF become `%25`, `%0D`
//! and `%0A`; in a property `:` and `,` also become `%3A` and `%2C`, so a file name or a
//! message can neither end the command early nor start another one.

use std::fmt::Write as _;

use stageplay::analysis::{Diagnostic, LineIndex, Severity};

use crate::report::region;

/// The annotation lines for `diagnostics`, found in `text`, in the file called `file`;
/// `summary` (what `# check=` skipped) becomes a notice on the file.
pub fn annotations(
    diagnostics: &[Diagnostic],
    text: &str,
    file: &str,
    summary: Option<&str>,
) -> String {
    let lines = LineIndex::new(text);
    let file = escape_property(file);
    let mut out = String::new();
    for d in diagnostics {
        let (start, end) = region(d, text, &lines);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let _ = writeln!(
            out,
            "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(d.rule),
            escape_data(&d.message)
        );
    }
    if let Some(summary) = summary {
        let _ = writeln!(
            out,
            "::notice file={file},title=Build checks::{}",
            escape_data(summary)
        );
    }
    out
}

/// toolkit's `escapeData`: the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// toolkit's `escapeProperty`: a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_the_toolkits() {
        assert_eq!(escape_data("50% a\r\nb::c"), "50%25 a%0D%0Ab::c");
        assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
    }
}
