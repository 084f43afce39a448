//! Stages: splits the instructions at each FROM, names the stages, and resolves each base
//! (an earlier stage, `scratch`, or an external image) after expanding global ARGs.

use serde::Serialize;

use super::diagnostic::Diagnostic;
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
    /// `--platform` of the FROM, if given.
    pub platform: Option<String>,
}

impl Stage {
    /// The name Docker uses for the stage: its `AS` name, else `stage-N`.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => format!("stage-{}", self.index),
        }
    }
}

/// Splits `instructions` into stages. Global ARGs (before the first FROM) are not part of
/// any stage.
pub fn build_stages(
    instructions: &[Instruction],
    expand_base: &dyn Fn(&str) -> String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Stage> {
    let mut stages: Vec<Stage> = Vec::new();
    for (i, inst) in instructions.iter().enumerate() {
        if inst.keyword == Keyword::From {
            let index = stages.len();
            let (base_text, base_span) = inst
                .args
                .first()
                .map(|w| (w.value.clone(), w.span))
                .unwrap_or_else(|| (String::new(), inst.keyword_span));
            let expanded = expand_base(&base_text);
            let base = if expanded.is_empty() {
                diagnostics.push(Diagnostic::error(
                    "InvalidBaseName",
                    base_span,
                    format!("base name ({base_text}) should not be blank"),
                ));
                Base::Image { name: expanded }
            } else if expanded.eq_ignore_ascii_case("scratch") {
                Base::Scratch
            } else if let Some(s) = stages
                .iter()
                .rev()
                .find(|s| s.name.as_deref() == Some(expanded.as_str()))
            {
                Base::Stage { stage: s.index }
            } else {
                Base::Image { name: expanded }
            };
            let name = inst
                .stage_name
                .as_ref()
                .map(|w| w.value.to_ascii_lowercase());
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
                platform: inst.flag("platform").and_then(|f| f.value.clone()),
            });
        } else if let Some(stage) = stages.last_mut() {
            stage.instructions.push(i);
            stage.span = stage.span.cover(inst.span);
        }
    }
    stages
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
