//! Diagnostics: parse errors and build checks, each built from a [`Rule`] constant and
//! carrying its stable rule name and a byte span.

use serde::Serialize;

use super::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A rule as documentation: its name and severity, and what the Problems panel shows about
/// it. Every rule is a `pub const` (in `lint/`), and every [`Diagnostic`] is built from one,
/// so a rule's name is written exactly once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable PascalCase name (BuildKit's where one exists).
    pub name: &'static str,
    /// The severity the rule reports with, unless a check chooses another for one finding.
    pub severity: Severity,
    /// True for BuildKit's own build checks, false for Stageplay's learner rules and for
    /// errors that fail the build.
    pub buildkit: bool,
    /// One paragraph: what the rule finds and why it matters.
    pub explanation: &'static str,
    /// A Dockerfile that triggers the rule.
    pub bad: &'static str,
    /// The same Dockerfile, fixed.
    pub good: &'static str,
}

/// One problem found in the Dockerfile (or the build context, or the options).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable PascalCase rule name (BuildKit's where one exists, e.g. `UndefinedVar`): the
    /// `name` of the [`Rule`] the diagnostic was built from.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// A one-click edit that fixes the problem, when there is an obvious one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Box<Fix>>,
}

/// An edit that fixes a diagnostic: text replacements (byte spans of the analysed text, in
/// order, not overlapping) and, when the fix is about the target, the `--target` to use once
/// the text is edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the button says ("Name it `AS builder`").
    pub title: String,
    pub edits: Vec<Edit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// Replace `span` with `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Fix {
    /// The fixed text and the one span of `text` the edits cover, with its replacement: the
    /// editor applies the fix as one replacement, so one undo step takes all of it back.
    /// `None` when an edit does not fit the text (it changed since the analysis).
    pub fn apply(&self, text: &str) -> Option<(Span, String)> {
        let first = self.edits.first()?.span.start;
        let last = self.edits.last()?.span.end;
        let mut out = String::new();
        let mut at = first;
        for e in &self.edits {
            out.push_str(text.get(at..e.span.start)?);
            out.push_str(&e.text);
            at = e.span.end;
        }
        text.get(last..)?;
        Some((Span::new(first, last), out))
    }
}

impl Diagnostic {
    /// A finding of `rule` at `span`, with the rule's severity.
    pub fn new(rule: &Rule, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: rule.name,
            severity: rule.severity,
            message: message.into(),
            span,
            fix: None,
        }
    }

    /// The same finding with a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// The same finding with another severity (a check that weighs one finding differently,
    /// e.g. an error only when the stage is built).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
