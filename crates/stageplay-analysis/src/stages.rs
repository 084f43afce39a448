//! Stages: splits the instructions at each FROM, names the stages, and resolves each base
//! (an earlier stage, `scratch`, or an external image) after expanding global ARGs.

use serde::Serialize;

use rustc_hash::FxHashMap as HashMap;

use super::diagnostic::Diagnostic;
use super::errors;
use super::expand::{Budget, ExpandedInstruction, Lookup, expand_word};
use super::parse::{Instruction, Keyword};
use super::span::Span;

/// What a stage is built FROM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Base {
    /// An external image, by its expanded reference (`golang:1.16`).
    Image { name: String },
    /// An earlier stage of the same Dockerfile.
    Stage { stage: usize },
    /// The empty filesystem.
    Scratch,
}

/// One build stage: a FROM and the instructions up to the next FROM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stage {
    pub index: usize,
    /// The lowercased `AS` name, if any.
    pub name: Option<String>,
    pub base: Base,
    /// The base reference as written, before expansion.
    pub base_text: String,
    pub base_span: Span,
    pub name_span: Option<Span>,
    /// Index of the stage's FROM in `Analysis::instructions`.
    pub from_instruction: usize,
    /// Indices (into `Analysis::instructions`) of the instructions after the FROM.
    pub instructions: Vec<usize>,
    /// FROM through the last instruction of the stage.
    pub span: Span,
    /// `--platform` of the FROM, if given, expanded with the global ARGs.
    pub platform: Option<String>,
}

impl Stage {
    /// The name Docker uses for the stage: its `AS` name, else `stage-N`.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            // Without the formatting machinery: a large file asks for hundreds of these.
            None => {
                let mut name = String::with_capacity(12);
                name.push_str("stage-");
                push_decimal(&mut name, self.index);
                name
            }
        }
    }
}

/// Splits `instructions` into stages. Global ARGs (before the first FROM) are not part of
/// any stage. Each FROM's base and `--platform` are expanded with the global scope (rule 4 of
/// docs/semantics.md) and recorded in `expanded`; the base is resolved per rule 5. `globals` is the
/// global ARG scope (`scope::GlobalArgs`), taken as a lookup so that stages need not know
/// how scopes are built.
pub fn build_stages(
    instructions: &[Instruction],
    globals: &dyn Lookup,
    escape: char,
    budget: &mut Budget,
    expanded: &mut [ExpandedInstruction],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Stage> {
    let mut stages: Vec<Stage> = Vec::with_capacity(
        instructions
            .iter()
            .filter(|i| i.keyword == Keyword::From)
            .count(),
    );
    // Lowercased stage name → index of its latest definition, for rule 5 lookups.
    let mut by_name: HashMap<String, usize> = HashMap::default();
    by_name.reserve(stages.capacity());
    for (i, inst) in instructions.iter().enumerate() {
        if inst.keyword == Keyword::From {
            let index = stages.len();
            let (base_text, base_span) = inst
                .args
                .first()
                .map(|w| (w.value.clone(), w.span))
                .unwrap_or_else(|| (String::new(), inst.keyword_span));
            let mut out = ExpandedInstruction {
                stage: Some(index),
                flags: vec![None; inst.flags.len()],
                ..ExpandedInstruction::default()
            };
            let mut e = expand_word(&base_text, escape, globals, budget);
            let expanded_base = std::mem::take(&mut e.value);
            out.absorb(&e);
            out.args = vec![expanded_base.clone()];
            let platform_flag = inst
                .flags
                .iter()
                .rposition(|f| f.name.eq_ignore_ascii_case("platform"));
            // The names `--platform` leaves undefined follow the base's: BuildKit's
            // `buildDispatchStates` checks both words for undeclared ARGs.
            let mut platform_undefined = Vec::new();
            for (k, (slot, f)) in out.flags.iter_mut().zip(&inst.flags).enumerate() {
                *slot = f.value.as_ref().map(|v| {
                    let e = expand_word(v, escape, globals, budget);
                    if Some(k) == platform_flag {
                        platform_undefined = e.unmatched;
                    }
                    e.value
                });
            }
            for u in platform_undefined {
                if !out.undefined.contains(&u) {
                    out.undefined.push(u);
                }
            }
            let platform = platform_flag.and_then(|k| out.flags.get(k).cloned().flatten());
            // An expansion that fails (`${IMAGE:?}`, `${IMAGE`) stops BuildKit before the
            // blank check.
            let base = if expanded_base.is_empty() && out.errors.is_empty() {
                diagnostics.push(Diagnostic::new(
                    &errors::INVALID_BASE_NAME,
                    base_span,
                    format!("base name ({base_text}) should not be blank"),
                ));
                Base::Image {
                    name: expanded_base,
                }
            } else if expanded_base == "scratch" {
                Base::Scratch
            } else if let Some(&s) = by_name.get(&expanded_base) {
                Base::Stage { stage: s }
            } else {
                Base::Image {
                    name: expanded_base,
                }
            };
            let name = inst
                .stage_name
                .as_ref()
                .map(|w| w.value.to_ascii_lowercase());
            if let (Some(n), Some(w)) = (&name, &inst.stage_name)
                && !valid_stage_name(n)
            {
                diagnostics.push(Diagnostic::new(&errors::INVALID_STAGE_NAME,
                    w.span,
                    format!(
                        "invalid name for build stage: \"{}\", name can't start with a number or contain symbols",
                        w.value
                    ),
                ));
            }
            if let Some(slot) = expanded.get_mut(i) {
                *slot = out;
            }
            if let Some(n) = &name {
                by_name.insert(n.clone(), index);
            }
            stages.push(Stage {
                index,
                name,
                base,
                base_text,
                base_span,
                name_span: inst.stage_name.as_ref().map(|w| w.span),
                from_instruction: i,
                instructions: Vec::new(),
                span: inst.span,
                platform,
            });
        } else if let Some(stage) = stages.last_mut() {
            stage.instructions.push(i);
            stage.span = stage.span.cover(inst.span);
        }
    }
    stages
}

/// BuildKit's rule for stage names: `^[a-z][a-z0-9-_.]*$` (after lowercasing).
pub fn valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_' | '.'))
}

/// Finds a stage by a `--from` / `--target` reference: the later duplicate wins.
pub fn find_stage_by_name(stages: &[Stage], name: &str) -> Option<usize> {
    let lower = name.to_ascii_lowercase();
    stages
        .iter()
        .rev()
        .find(|s| s.name.as_deref() == Some(lower.as_str()))
        .map(|s| s.index)
}

/// The ONBUILD triggers BuildKit cannot parse, reported at the FROM of each stage built
/// FROM the stage that declares them: BuildKit parses a trigger only when it fires
/// (`dockerfile2llb/convert.go`, `initOnBuildTriggers`, which sets the error's location to
/// the child stage). One error a child, the base's first bad trigger; linear, as each
/// base's triggers are checked once.
pub fn onbuild_trigger_errors(
    text: &str,
    instructions: &[Instruction],
    stages: &[Stage],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let first_error: Vec<Option<Diagnostic>> = stages
        .iter()
        .map(|s| {
            s.instructions.iter().find_map(|&i| {
                let inst = instructions.get(i)?;
                match inst.trigger.as_deref() {
                    Some(trigger) => crate::parse::trigger_error(trigger, text),
                    // An ONBUILD whose trigger is no instruction (`ONBUILD BOGUS x`); `None`
                    // for any other instruction.
                    None => crate::parse::unknown_trigger_error(inst),
                }
            })
        })
        .collect();
    for stage in stages {
        if let Base::Stage { stage: from } = stage.base
            && let Some(Some(e)) = first_error.get(from)
        {
            diagnostics.push(Diagnostic::new(
                &errors::INVALID_ONBUILD_TRIGGER,
                stage.base_span,
                e.message.clone(),
            ));
        }
    }
}

/// Appends `n` in decimal.
fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_unnamed_stage_is_shown_by_its_index() {
        let text = format!("{}FROM alpine AS build\n", "FROM alpine\n".repeat(11));
        let a = crate::analyze(&text, &crate::Options::default());
        let shown: Vec<String> = a.stages.iter().map(|s| s.display_name()).collect();
        assert_eq!(shown.first().map(String::as_str), Some("stage-0"));
        assert_eq!(shown.get(9).map(String::as_str), Some("stage-9"));
        assert_eq!(shown.get(10).map(String::as_str), Some("stage-10"));
        assert_eq!(shown.get(11).map(String::as_str), Some("build"));
    }
}
