//! The instruction view: what the simulation needs from one instruction, its words
//! expanded, borrowed from the analysis.

use crate::expand::ExpandedInstruction;
use crate::parse::{Instruction, Keyword};
use crate::span::Span;

/// One RUN mount, as far as the simulation cares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct MountView<'a> {
    /// As written (compare without case).
    pub(super) kind: &'a str,
    pub(super) target: Option<&'a str>,
}

/// One flag of an instruction (`--from=builder`), its value expanded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct FlagView<'a> {
    pub(super) name: &'a str,
    /// `None` for a flag written without `=`.
    pub(super) value: Option<&'a str>,
}

/// An instruction's words after expansion, flattened for the simulation. Borrows from the
/// analysis: building it copies no text.
#[derive(Clone, Debug, Default)]
pub(super) struct View<'a> {
    pub(super) keyword: Option<Keyword>,
    /// Expanded arguments (COPY/ADD: sources then destination; RUN: the shell text or
    /// exec words).
    pub(super) args: Vec<&'a str>,
    pub(super) exec_form: bool,
    /// Every flag, in order.
    pub(super) flags: Vec<FlagView<'a>>,
    /// (name, body) of every heredoc.
    pub(super) heredocs: Vec<(&'a str, &'a str)>,
    pub(super) mounts: Vec<MountView<'a>>,
    /// ENV / ARG: the (key, value) pairs.
    pub(super) pairs: Vec<(&'a str, &'a str)>,
    pub(super) span: Span,
}

impl<'a> View<'a> {
    pub(super) fn flag(&self, name: &str) -> Option<&'a str> {
        self.flags
            .iter()
            .rev()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.value.unwrap_or(""))
    }

    pub(super) fn flags_named<'b>(&'b self, name: &'b str) -> impl Iterator<Item = &'a str> + 'b {
        self.flags
            .iter()
            .filter(move |f| f.name.eq_ignore_ascii_case(name))
            .filter_map(|f| f.value)
    }

    pub(super) fn has_flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f.name.eq_ignore_ascii_case(name))
    }
}

/// Builds the view of one instruction from the parsed instruction and its expansion (core's
/// `ExpandedInstruction`: expanded args, flag values, heredoc bodies and ARG/ENV pairs).
pub(super) fn view<'a>(inst: &'a Instruction, exp: Option<&'a ExpandedInstruction>) -> View<'a> {
    let args = match exp {
        Some(e) if e.args.len() == inst.args.len() => e.args.iter().map(String::as_str).collect(),
        _ => inst.args.iter().map(|w| w.value.as_str()).collect(),
    };
    let flags = inst
        .flags
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let value = match exp.and_then(|e| e.flags.get(k)) {
                Some(v) => v.as_deref(),
                None => f.value.as_deref(),
            };
            FlagView {
                name: f.name.as_str(),
                value,
            }
        })
        .collect();
    let heredocs = inst
        .heredocs
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let body = exp.and_then(|e| e.heredocs.get(k)).unwrap_or(&h.body);
            (h.name.as_str(), body.as_str())
        })
        .collect();
    let pairs = match exp {
        Some(e) => e
            .pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref().unwrap_or("")))
            .collect(),
        None => Vec::new(),
    };
    View {
        keyword: Some(inst.keyword),
        args,
        exec_form: inst.exec_form,
        flags,
        heredocs,
        mounts: mount_views(inst),
        pairs,
        span: inst.span,
    }
}

/// The RUN mounts of `inst` as the simulation reads them (their type and target).
pub(super) fn mount_views(inst: &Instruction) -> Vec<MountView<'_>> {
    inst.mounts
        .iter()
        .map(|m| MountView {
            kind: m.kind.as_str(),
            target: m.target.as_deref(),
        })
        .collect()
}
