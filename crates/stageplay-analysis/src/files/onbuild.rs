//! ONBUILD triggers replayed in the file simulation: a stage built FROM an earlier stage
//! runs that stage's triggers first, as BuildKit does.
//!
//! BuildKit (`frontend/dockerfile/dockerfile2llb/convert.go`, `resolveStages` and
//! `initOnBuildTriggers`) collects the `ONBUILD` commands of the base stage (only the
//! immediate base: `dispatchState.init` clears the inherited `OnBuild` list, so triggers do
//! not chain to a grandchild), parses each trigger again, puts it at the location of the
//! child's FROM, and prepends the commands to the child's own. The trigger's words are
//! expanded when it is dispatched, so in the child's scope: here, the variables the child
//! starts with.

use crate::expand::{Budget, expand_heredoc, expand_word, expands_args};
use crate::parse::{Instruction, Keyword};
use crate::stages::{Base, Stage};

use super::sim::{Sim, StageState, Step};
use super::view::{FlagView, View, mount_views};
use super::{Effect, EffectNote, MAX_PATHS};

/// A trigger's words expanded in the child's scope (owned: a [`View`] borrows them).
struct Expanded {
    args: Vec<String>,
    flags: Vec<(String, Option<String>)>,
    heredocs: Vec<(String, String)>,
    pairs: Vec<(String, String)>,
}

impl Sim<'_> {
    /// Runs the ONBUILD triggers of `stage`'s base stage (if it is a stage) at the start of
    /// `stage`, each as one effect at the FROM line.
    pub(super) fn replay_onbuild(&mut self, stage: &Stage, st: &mut StageState) {
        let Base::Stage { stage: parent } = stage.base else {
            return;
        };
        let instructions = self.instructions;
        let Some(base) = self.stages.get(parent) else {
            return;
        };
        let triggers: Vec<&Instruction> = base
            .instructions
            .iter()
            .filter_map(|&i| {
                let inst = instructions.get(i)?;
                let trigger = inst.trigger.as_deref()?;
                (inst.keyword == Keyword::Onbuild && trigger.keyword != Keyword::Onbuild)
                    .then_some(trigger)
            })
            .collect();
        let from = stage.from_instruction;
        if !triggers.is_empty()
            && let Some(effect) = st.effects.first_mut().filter(|e| !e.notes.is_empty())
        {
            effect.notes.push(EffectNote::OnbuildTriggers {
                count: triggers.len(),
            });
        }
        for trigger in triggers {
            // Thousands of stages FROM a stage with thousands of triggers stay bounded.
            if self.onbuild_budget == 0 {
                self.capped = true;
                break;
            }
            self.onbuild_budget -= 1;
            let words = expand(trigger, &*st, self.escape, &mut self.onbuild_words);
            let flags: Vec<FlagView> = words
                .flags
                .iter()
                .map(|(name, value)| FlagView {
                    name,
                    value: value.as_deref(),
                })
                .collect();
            let view = View {
                keyword: Some(trigger.keyword),
                args: words.args.iter().map(String::as_str).collect(),
                exec_form: trigger.exec_form,
                flags,
                heredocs: words
                    .heredocs
                    .iter()
                    .map(|(n, b)| (n.as_str(), b.as_str()))
                    .collect(),
                mounts: mount_views(trigger),
                pairs: words
                    .pairs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
                // BuildKit reports the trigger at the child's FROM.
                span: self.views.get(from).map_or(trigger.span, |v| v.span),
            };
            let mut label = String::from("ONBUILD ");
            label.push_str(&self.instruction_label_of(&view));
            label.push_str(" (trigger of line ");
            super::sim::push_num(&mut label, self.line(trigger.span) as u64);
            label.push(')');
            let mut effect = Effect {
                instruction: from,
                stage: stage.index,
                line: self.line(view.span),
                label,
                ..Effect::default()
            };
            self.replaying = Some((trigger.keyword, self.line(trigger.span)));
            let mut step = Step {
                stage: stage.index,
                instruction: from,
                view: &view,
                st: &mut *st,
                effect: &mut effect,
                notes: Vec::new(),
            };
            self.apply(&mut step);
            step.finish();
            self.replaying = None;
            st.layers_bytes = st.layers_bytes.saturating_add(effect.layer_bytes);
            crate::sort::sort(&mut effect.added);
            crate::sort::sort(&mut effect.removed);
            st.effects.push(effect);
        }
    }
}

/// The most triggers replayed over the whole simulation.
pub(super) const MAX_REPLAYED: usize = MAX_PATHS;

/// Expands a trigger's words as `scope::expand_stages` expands an instruction of the stage:
/// flag values (never `--from`), the arguments of the instructions Docker expands, ARG/ENV
/// pairs, and the bodies of COPY/ADD heredocs whose delimiter is unquoted.
fn expand(inst: &Instruction, st: &StageState, escape: char, budget: &mut Budget) -> Expanded {
    let vars = &st.vars;
    let mut word = |raw: &str| expand_word(raw, escape, vars, budget).value;
    let expands = expands_args(inst.keyword);
    let flags = inst
        .flags
        .iter()
        .map(|f| {
            let value = match &f.value {
                Some(raw)
                    if (expands || inst.keyword == Keyword::Run)
                        && !f.name.eq_ignore_ascii_case("from") =>
                {
                    Some(word(raw))
                }
                other => other.clone(),
            };
            (f.name.clone(), value)
        })
        .collect();
    let pairs = match inst.keyword {
        Keyword::Arg | Keyword::Env => inst
            .pairs
            .iter()
            .map(|kv| {
                (
                    kv.key.clone(),
                    kv.value.as_deref().map(&mut word).unwrap_or_default(),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let args = inst
        .args
        .iter()
        .map(|w| {
            if expands {
                word(&w.value)
            } else {
                w.value.clone()
            }
        })
        .collect();
    let copy = matches!(inst.keyword, Keyword::Copy | Keyword::Add);
    let heredocs = inst
        .heredocs
        .iter()
        .map(|h| {
            let body = if h.expand && copy {
                expand_heredoc(&h.body, vars, budget).value
            } else {
                h.body.clone()
            };
            (h.name.clone(), body)
        })
        .collect();
    Expanded {
        args,
        flags,
        heredocs,
        pairs,
    }
}
