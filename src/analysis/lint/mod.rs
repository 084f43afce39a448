//! Build checks: one file per rule, BuildKit's rule names where they exist, plus
//! Stageplay's own learner rules. [`RULES`] is the registry the Problems panel shows.

use super::Analysis;
use super::diagnostic::{Diagnostic, Severity};

/// A build check as documentation: what the Problems panel shows about a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rule {
    /// Stable PascalCase name (BuildKit's where one exists).
    pub name: &'static str,
    pub severity: Severity,
    /// True for BuildKit's own build checks, false for Stageplay's learner rules and errors.
    pub buildkit: bool,
    /// One paragraph: what the rule finds and why it matters.
    pub explanation: &'static str,
    /// A Dockerfile that triggers the rule.
    pub bad: &'static str,
    /// The same Dockerfile, fixed.
    pub good: &'static str,
}

/// Every rule Stageplay reports, in the order the Problems panel lists them.
pub const RULES: &[Rule] = &[];

/// Runs every build check over a finished analysis.
pub fn check(_text: &str, _a: &Analysis) -> Vec<Diagnostic> {
    Vec::new()
}

/// Finds a rule's documentation by name.
pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}
