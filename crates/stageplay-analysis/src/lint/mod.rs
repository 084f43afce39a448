//! Build checks: one file per rule, BuildKit's rule names where they exist, plus
//! Stageplay's own learner rules. [`RULES`] is the registry the Problems panel shows: each
//! rule's name, severity, a one-paragraph explanation, and a bad and a good example.
//!
//! A rule is a `pub const RULE: Rule` (its documentation) and a `pub fn check(&Ctx, &mut
//! Vec<Diagnostic>)`; [`TABLE`] pairs each rule with its check, in one list. Every diagnostic,
//! here and in the earlier passes, is built from its rule constant, so no rule name is
//! written twice. Rules read the finished [`Analysis`]; they never re-parse.

mod consistent_instruction_casing;
mod copy_from_later_stage;
mod copy_ignored_file;
mod duplicate_stage_name;
pub mod errors;
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
use super::diagnostic::Diagnostic;
pub use super::diagnostic::Rule;
use super::parse::{Instruction, Keyword};

/// A check: reads the finished analysis and reports its rule's findings.
pub type Check = fn(&Ctx, &mut Vec<Diagnostic>);

/// THE table of rules: every rule Stageplay reports, with the check that reports it. Errors
/// come first (parse, stages, graph and the target resolution report them while they build
/// the analysis, so they have no check here), then BuildKit's checks, then Stageplay's
/// learner rules. The checks run in this order, and [`RULES`] lists the rules in it.
pub const TABLE: &[(&Rule, Option<Check>)] = &[
    (&errors::PARSE_ERROR, None),
    (&errors::INVALID_STAGE_NAME, None),
    (&errors::INVALID_BASE_NAME, None),
    (&errors::UNKNOWN_TARGET, None),
    (&errors::INVALID_STAGE_INDEX, None),
    (&errors::COPY_FROM_VARIABLE, None),
    (&errors::DEPENDENCY_CYCLE, None),
    (&stage_name_casing::RULE, Some(stage_name_casing::check)),
    (&from_as_casing::RULE, Some(from_as_casing::check)),
    (
        &no_empty_continuation::RULE,
        Some(no_empty_continuation::check),
    ),
    (
        &consistent_instruction_casing::RULE,
        Some(consistent_instruction_casing::check),
    ),
    (
        &duplicate_stage_name::RULE,
        Some(duplicate_stage_name::check),
    ),
    (&reserved_stage_name::RULE, Some(reserved_stage_name::check)),
    (
        &json_args_recommended::RULE,
        Some(json_args_recommended::check),
    ),
    (
        &maintainer_deprecated::RULE,
        Some(maintainer_deprecated::check),
    ),
    (
        &undefined_arg_in_from::RULE,
        Some(undefined_arg_in_from::check),
    ),
    (
        &workdir_relative_path::RULE,
        Some(workdir_relative_path::check),
    ),
    (&undefined_var::RULE, Some(undefined_var::check)),
    (
        &multiple_instructions_disallowed::RULE,
        Some(multiple_instructions_disallowed::check),
    ),
    (
        &legacy_key_value_format::RULE,
        Some(legacy_key_value_format::check),
    ),
    (
        &redundant_target_platform::RULE,
        Some(redundant_target_platform::check),
    ),
    (
        &secrets_used_in_arg_or_env::RULE,
        Some(secrets_used_in_arg_or_env::check),
    ),
    (
        &invalid_default_arg_in_from::RULE,
        Some(invalid_default_arg_in_from::check),
    ),
    (
        &from_platform_flag_const_disallowed::RULE,
        Some(from_platform_flag_const_disallowed::check),
    ),
    // Documented but not reported yet: see `copy_ignored_file`.
    (&copy_ignored_file::RULE, None),
    (&expose_proto_casing::RULE, Some(expose_proto_casing::check)),
    (
        &expose_invalid_format::RULE,
        Some(expose_invalid_format::check),
    ),
    (&unused_stage::RULE, Some(unused_stage::check)),
    (
        &copy_from_later_stage::RULE,
        Some(copy_from_later_stage::check),
    ),
    (
        &global_arg_not_redeclared::RULE,
        Some(global_arg_not_redeclared::check),
    ),
    (&heavy_final_base::RULE, Some(heavy_final_base::check)),
];

/// Every rule in [`TABLE`], in its order: the registry the Problems panel reads. Built from
/// the table at compile time, so the two cannot drift apart.
pub const RULES: &[Rule] = &RULE_ARRAY;

const RULE_ARRAY: [Rule; TABLE.len()] = {
    let mut out = [errors::PARSE_ERROR; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        out[i] = *TABLE[i].0;
        i += 1;
    }
    out
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
    for (_, check) in TABLE {
        if let Some(check) = check {
            check(&ctx, &mut out);
        }
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

/// A " (did you mean X?)" hint from the candidates, or "".
/// Only the first 200 candidates are compared, so the cost per hint stays bounded.
fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    match crate::suggest::closest_name(name, candidates.take(200)) {
        Some(c) => format!(" (did you mean {c}?)"),
        None => String::new(),
    }
}
