//! Build checks: one file per rule, BuildKit's rule names where they exist, plus
//! Stageplay's own learner rules. [`RULES`] is the registry the Problems panel shows: each
//! rule's name, severity, a one-paragraph explanation, and a bad and a good example.
//!
//! A rule is a `pub const RULE: Rule` (its documentation) and a `pub fn check(&Ctx, &mut
//! Vec<Diagnostic>)`; [`TABLE`] pairs each rule with its check, in one list. Every diagnostic,
//! here and in the earlier passes, is built from its rule constant, so no rule name is
//! written twice. Rules read the finished [`Analysis`]; they never re-parse.

mod confusable_character;
mod consistent_instruction_casing;
mod copy_from_later_stage;
mod copy_ignored_file;
mod duplicate_stage_name;
mod expose_invalid_format;
mod expose_proto_casing;
mod final_image_waste;
mod from_as_casing;
mod from_platform_flag_const_disallowed;
mod global_arg_not_redeclared;
mod heavy_final_base;
mod invalid_base_image_platform;
mod invalid_default_arg_in_from;
mod invalid_definition_description;
mod invalid_platform;
mod json_args_recommended;
mod legacy_key_value_format;
mod maintainer_deprecated;
mod multiple_instructions_disallowed;
mod no_empty_continuation;
mod redundant_target_platform;
mod reserved_stage_name;
mod secrets_used_in_arg_or_env;
mod stage_name_casing;
mod stage_name_typo;
mod undefined_arg_in_from;
mod undefined_var;
mod unused_stage;
mod workdir_relative_path;

/// The rule the editor outlines characters for.
pub use confusable_character::RULE as CONFUSABLE_CHARACTER;

use super::Analysis;
use super::diagnostic::Diagnostic;
pub use super::diagnostic::Rule;
use super::errors;
use super::parse::{Instruction, Keyword};

/// A check: reads the finished analysis and reports its rule's findings.
pub type Check = fn(&Ctx, &mut Vec<Diagnostic>);

/// A row of [`TABLE`] for a rule file with its `RULE` and its `check`.
macro_rules! checked {
    ($rule:ident) => {
        (&$rule::RULE, Some($rule::check as Check))
    };
}

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
    (&errors::REQUIRED_VARIABLE, None),
    (&errors::UNTERMINATED_QUOTE, None),
    (&errors::BAD_SUBSTITUTION, None),
    (&errors::INVALID_FLAG, None),
    (&errors::INVALID_ONBUILD_TRIGGER, None),
    (&errors::MOUNT_FROM_VARIABLE, None),
    (&errors::INVALID_CHMOD, None),
    (&errors::INVALID_CHECKSUM, None),
    (&errors::INVALID_MOUNT, None),
    (&crate::legacy::REQUIRES_BUILDKIT, None),
    (&crate::legacy::IGNORED_BY_LEGACY_BUILDER, None),
    (&errors::INVALID_CHECK_OPTIONS, None),
    (&errors::LINT_VIOLATION, None),
    (&errors::COPY_SOURCE_NOT_FOUND, None),
    (&errors::RUN_EXECUTABLE_NOT_FOUND, None),
    (&errors::INVALID_DOCKERIGNORE_PATTERN, None),
    checked!(invalid_platform),
    checked!(stage_name_casing),
    checked!(from_as_casing),
    checked!(no_empty_continuation),
    checked!(consistent_instruction_casing),
    checked!(duplicate_stage_name),
    checked!(reserved_stage_name),
    checked!(json_args_recommended),
    checked!(maintainer_deprecated),
    checked!(undefined_arg_in_from),
    checked!(workdir_relative_path),
    checked!(undefined_var),
    checked!(multiple_instructions_disallowed),
    checked!(legacy_key_value_format),
    checked!(redundant_target_platform),
    checked!(secrets_used_in_arg_or_env),
    checked!(invalid_default_arg_in_from),
    checked!(from_platform_flag_const_disallowed),
    checked!(copy_ignored_file),
    checked!(invalid_definition_description),
    checked!(expose_proto_casing),
    checked!(expose_invalid_format),
    // Not simulated: see `invalid_base_image_platform` and [`NOT_SIMULATED`].
    (&invalid_base_image_platform::RULE, None),
    checked!(unused_stage),
    checked!(copy_from_later_stage),
    checked!(global_arg_not_redeclared),
    checked!(heavy_final_base),
    checked!(confusable_character),
    checked!(stage_name_typo),
    checked!(final_image_waste),
];

/// BuildKit's experimental rule, for `check` (off unless `experimental=` names it).
pub const INVALID_DEFINITION_DESCRIPTION: Rule = invalid_definition_description::RULE;

/// BuildKit's rules that Stageplay lists but does not report, each with why.
pub const NOT_SIMULATED: &[(&str, &str)] = &[(
    invalid_base_image_platform::RULE.name,
    invalid_base_image_platform::NOT_SIMULATED,
)];

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
    /// The text of `.dockerignore`, when given (CopyIgnoredFile reads its patterns).
    pub dockerignore: Option<&'a str>,
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
    check_with(text, a, None)
}

/// [`check`], with the `.dockerignore` text the build context was read with.
pub fn check_with(text: &str, a: &Analysis, dockerignore: Option<&str>) -> Vec<Diagnostic> {
    let ctx = Ctx {
        text,
        a,
        dockerignore,
    };
    let mut out = Vec::new();
    for (_, check) in TABLE {
        if let Some(check) = check {
            check(&ctx, &mut out);
        }
    }
    out
}

/// `format!("{s:?}")`: the text quoted with Rust's escapes, as BuildKit's `%q` quotes a
/// stage name. A text of printable ASCII without a quote or backslash (every valid stage
/// name) is quoted as it is, without the formatting machinery.
fn debug_str(s: &str) -> String {
    if s.bytes()
        .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\' || b == b' ')
    {
        ["\"", s, "\""].concat()
    } else {
        format!("{s:?}")
    }
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

/// BuildKit's "did you mean" (moby/buildkit `util/suggest/error.go` `Search`, case
/// sensitive): the first candidate at the smallest Levenshtein distance below 3, and none at
/// all when a candidate equals `name`. `prefix` goes before the name (`$` for variables).
/// Returns " (did you mean X?)" or "". Only the first 200 candidates are compared, so the
/// cost per hint stays bounded.
fn did_you_mean<'a>(name: &str, prefix: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let mut best: Option<&str> = None;
    let mut min = 3;
    for c in candidates.take(200) {
        if c == name {
            return String::new();
        }
        if let Some(d) = crate::suggest::edit_distance_below(name, c, min) {
            best = Some(c);
            min = d;
        }
    }
    match best {
        Some(c) => format!(" (did you mean {prefix}{c}?)"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_str_is_debug_formatting() {
        for s in [
            "build",
            "a b",
            "x\"y",
            "a\\b",
            "é",
            "tab\there",
            "",
            "{}~!",
            "\u{7f}",
        ] {
            assert_eq!(super::debug_str(s), format!("{s:?}"), "{s:?}");
        }
    }
}
