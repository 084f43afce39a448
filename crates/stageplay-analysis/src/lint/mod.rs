//! Build checks: one file per rule, BuildKit's rule names where they exist, plus
//! Stageplay's own learner rules. [`RULES`] is the registry the Problems panel shows: each
//! rule's name, severity, a one-paragraph explanation, and a bad and a good example.
//!
//! A rule is a `pub const RULE: Rule` (its documentation) and a `pub fn check(&Ctx, &mut
//! Vec<Diagnostic>)`. Rules read the finished [`Analysis`]; they never re-parse.

mod consistent_instruction_casing;
mod copy_from_later_stage;
mod duplicate_stage_name;
mod errors;
mod expose_invalid_format;
mod expose_proto_casing;
mod from_as_casing;
mod from_platform_flag_const_disallowed;
mod global_arg_not_redeclared;
mod heavy_final_base;
mod invalid_default_arg_in_from;
mod json_args_recommended;
mod legacy_key_value_format;
mod maintainer_deprecated;
mod multiple_instructions_disallowed;
mod no_empty_continuation;
mod redundant_target_platform;
mod reserved_stage_name;
mod secrets_used_in_arg_or_env;
mod stage_name_casing;
mod undefined_arg_in_from;
mod undefined_var;
mod unused_stage;
mod workdir_relative_path;

use super::Analysis;
use super::diagnostic::{Diagnostic, Severity};
use super::parse::{Instruction, Keyword};

/// A build check as documentation: what the Problems panel shows about a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rule {
    /// Stable PascalCase name (BuildKit's where one exists).
    pub name: &'static str,
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

/// Every rule Stageplay reports: errors first, then BuildKit's checks, then Stageplay's
/// learner rules.
pub const RULES: &[Rule] = &[
    errors::PARSE_ERROR,
    errors::INVALID_STAGE_NAME,
    errors::INVALID_BASE_NAME,
    errors::UNKNOWN_TARGET,
    errors::INVALID_STAGE_INDEX,
    errors::COPY_FROM_VARIABLE,
    errors::DEPENDENCY_CYCLE,
    stage_name_casing::RULE,
    from_as_casing::RULE,
    no_empty_continuation::RULE,
    consistent_instruction_casing::RULE,
    duplicate_stage_name::RULE,
    reserved_stage_name::RULE,
    json_args_recommended::RULE,
    maintainer_deprecated::RULE,
    undefined_arg_in_from::RULE,
    workdir_relative_path::RULE,
    undefined_var::RULE,
    multiple_instructions_disallowed::RULE,
    legacy_key_value_format::RULE,
    redundant_target_platform::RULE,
    secrets_used_in_arg_or_env::RULE,
    invalid_default_arg_in_from::RULE,
    from_platform_flag_const_disallowed::RULE,
    COPY_IGNORED_FILE,
    expose_proto_casing::RULE,
    expose_invalid_format::RULE,
    unused_stage::RULE,
    copy_from_later_stage::RULE,
    global_arg_not_redeclared::RULE,
    heavy_final_base::RULE,
];

/// `CopyIgnoredFile` needs the build context and `.dockerignore`, so the file simulation
/// reports it; its documentation lives here with the others.
pub const COPY_IGNORED_FILE: Rule = Rule {
    name: "CopyIgnoredFile",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "A COPY or ADD source matches a pattern in .dockerignore, so the file is not \
        sent to the builder and the instruction copies nothing (or fails). Either remove the \
        pattern from .dockerignore or stop copying the file.",
    bad: "# .dockerignore: *.md\nFROM alpine\nCOPY README.md /docs/\n",
    good: "# .dockerignore: *.md\n#   !README.md\nFROM alpine\nCOPY README.md /docs/\n",
};

/// What a rule sees.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub a: &'a Analysis,
}

impl Ctx<'_> {
    /// The keyword exactly as written.
    pub fn keyword_text(&self, inst: &Instruction) -> &str {
        inst.keyword_span.slice(self.text)
    }

    /// Every FROM instruction, in file order.
    pub fn froms(&self) -> impl Iterator<Item = &Instruction> + '_ {
        self.a
            .instructions
            .iter()
            .filter(|i| i.keyword == Keyword::From)
    }

    /// Every instruction followed by the instruction its ONBUILD registers, if any.
    pub fn with_triggers(&self) -> impl Iterator<Item = &Instruction> + '_ {
        self.a
            .instructions
            .iter()
            .flat_map(|i| std::iter::once(i).chain(i.trigger.as_deref()))
    }

    /// Instructions inside stages, with their index, stage index and the instruction.
    pub fn stage_instructions(&self) -> impl Iterator<Item = (usize, usize, &Instruction)> + '_ {
        self.a.stages.iter().flat_map(move |s| {
            s.instructions
                .iter()
                .filter_map(move |&i| self.a.instructions.get(i).map(|inst| (i, s.index, inst)))
        })
    }
}

/// Runs every build check over a finished analysis.
pub fn check(text: &str, a: &Analysis) -> Vec<Diagnostic> {
    let ctx = Ctx { text, a };
    let mut out = Vec::new();
    let checks: &[fn(&Ctx, &mut Vec<Diagnostic>)] = &[
        stage_name_casing::check,
        from_as_casing::check,
        no_empty_continuation::check,
        consistent_instruction_casing::check,
        duplicate_stage_name::check,
        reserved_stage_name::check,
        json_args_recommended::check,
        maintainer_deprecated::check,
        undefined_arg_in_from::check,
        workdir_relative_path::check,
        undefined_var::check,
        multiple_instructions_disallowed::check,
        legacy_key_value_format::check,
        redundant_target_platform::check,
        secrets_used_in_arg_or_env::check,
        invalid_default_arg_in_from::check,
        from_platform_flag_const_disallowed::check,
        expose_proto_casing::check,
        expose_invalid_format::check,
        unused_stage::check,
        copy_from_later_stage::check,
        global_arg_not_redeclared::check,
        heavy_final_base::check,
    ];
    for c in checks {
        c(&ctx, &mut out);
    }
    out
}

/// True when `s` has no lowercase ASCII letter (what `s == s.to_ascii_uppercase()` tests,
/// without a copy).
fn is_upper(s: &str) -> bool {
    !s.bytes().any(|b| b.is_ascii_lowercase())
}

/// True when `s` has no uppercase ASCII letter.
fn is_lower(s: &str) -> bool {
    !s.bytes().any(|b| b.is_ascii_uppercase())
}

/// The span of the first `$name` / `${name` reference inside `inst`, else the instruction.
fn var_span(ctx: &Ctx, inst: &Instruction, name: &str) -> super::span::Span {
    let text = inst.span.slice(ctx.text);
    for pat in [format!("${{{name}"), format!("${name}")] {
        let mut from = 0;
        while let Some(i) = text.get(from..).and_then(|t| t.find(pat.as_str())) {
            let at = from + i;
            let end = at + pat.len();
            let next = text.get(end..).and_then(|t| t.chars().next());
            // `$NAME` must not continue as a longer name (`$NAMEX`).
            if pat.starts_with("${") || !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                let close = if pat.starts_with("${") {
                    text.get(end..)
                        .and_then(|t| t.find('}'))
                        .map_or(end, |j| end + j + 1)
                } else {
                    end
                };
                return super::span::Span::new(inst.span.start + at, inst.span.start + close);
            }
            from = end;
        }
    }
    inst.span
}

/// Finds a rule's documentation by name.
pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}

/// The severity a rule reports with.
fn severity(rule: &Rule) -> Severity {
    rule.severity
}

/// Builds a diagnostic of `rule`.
fn report(rule: &Rule, span: super::span::Span, message: String) -> Diagnostic {
    Diagnostic::new(rule.name, severity(rule), span, message)
}

/// A " (did you mean X?)" hint from the candidates, or "".
/// Only the first 200 candidates are compared, so the cost per hint stays bounded.
fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    match super::closest_name(name, candidates.take(200)) {
        Some(c) => format!(" (did you mean {c}?)"),
        None => String::new(),
    }
}
