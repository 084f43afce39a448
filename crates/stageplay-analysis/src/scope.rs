//! ARG and ENV scopes: the global ARGs that FROM lines see (with `--build-arg` overrides and
//! the predefined platform ARGs), and the ARG/ENV scope each stage builds up instruction by
//! instruction, in which every instruction is expanded.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Serialize;

use super::expand::{
    Budget, ExpandedInstruction, Lookup, expand_heredoc, expand_word, expands_args,
};
use super::parse::{Instruction, Keyword};
use super::stages::{Base, Stage};

/// The platform Stageplay assumes for the build machine and the target.
pub const DEFAULT_PLATFORM: &str = "linux/amd64";

/// The ARGs BuildKit predefines, with Stageplay's defaults (`linux/amd64` everywhere).
/// They are visible in FROM lines, and inside a stage only after `ARG NAME`.
pub fn predefined_args() -> Vec<(String, String)> {
    [
        ("BUILDPLATFORM", DEFAULT_PLATFORM),
        ("BUILDOS", "linux"),
        ("BUILDARCH", "amd64"),
        ("BUILDVARIANT", ""),
        ("TARGETPLATFORM", DEFAULT_PLATFORM),
        ("TARGETOS", "linux"),
        ("TARGETARCH", "amd64"),
        ("TARGETVARIANT", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// True for the names of the predefined platform ARGs.
pub fn is_predefined_arg(name: &str) -> bool {
    matches!(
        name,
        "BUILDPLATFORM"
            | "BUILDOS"
            | "BUILDARCH"
            | "BUILDVARIANT"
            | "TARGETPLATFORM"
            | "TARGETOS"
            | "TARGETARCH"
            | "TARGETVARIANT"
            | "TARGETSTAGE"
    )
}

/// The variables visible at one point of a stage: its ARGs and ENVs. ENV wins over an ARG
/// of the same name, as in Docker.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub args: HashMap<String, String>,
    pub env: HashMap<String, String>,
}

impl Lookup for Scope {
    fn get(&self, name: &str) -> Option<&str> {
        self.env
            .get(name)
            .or_else(|| self.args.get(name))
            .map(String::as_str)
    }
}

/// The global scope: ARGs declared before the first FROM, with build-arg overrides, plus
/// the predefined platform ARGs. Used to expand FROM lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GlobalArgs {
    /// Name → value for FROM expansion (predefined ARGs first, then declared ones; the
    /// last of a name wins).
    pub values: Vec<(String, String)>,
    /// Names declared by a global `ARG`, with or without a value.
    pub declared: Vec<String>,
    /// Indexes over the two lists, so lookups stay O(1) with thousands of ARGs.
    #[serde(skip)]
    index: HashMap<String, usize>,
    #[serde(skip)]
    declared_set: HashSet<String>,
    /// True when a `--build-arg` replaced a global ARG's default.
    #[serde(skip)]
    pub overridden: bool,
}

impl GlobalArgs {
    /// The scope with these lists, its lookup indexes rebuilt (the page's decoder:
    /// `wire.rs`).
    pub(crate) fn from_parts(
        values: Vec<(String, String)>,
        declared: Vec<String>,
        overridden: bool,
    ) -> GlobalArgs {
        let mut g = GlobalArgs {
            overridden,
            ..GlobalArgs::default()
        };
        for (name, value) in values {
            g.set(name, value);
        }
        for name in declared {
            g.declare(name);
        }
        g
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.index
            .get(name)
            .and_then(|&i| <[(String, String)]>::get(&self.values, i))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_declared(&self, name: &str) -> bool {
        self.declared_set.contains(name)
    }

    fn set(&mut self, name: String, value: String) {
        self.index.insert(name.clone(), self.values.len());
        self.values.push((name, value));
    }

    fn declare(&mut self, name: String) {
        self.declared_set.insert(name.clone());
        self.declared.push(name);
    }
}

impl Lookup for GlobalArgs {
    fn get(&self, name: &str) -> Option<&str> {
        GlobalArgs::get(self, name)
    }
}

/// Looks up a `--build-arg`; the last one given wins.
pub fn build_arg<'a>(build_args: &'a [(String, String)], name: &str) -> Option<&'a str> {
    Lookup::get(build_args, name)
}

/// Computes the global ARG scope from the instructions before the first FROM.
pub fn global_args(
    instructions: &[Instruction],
    build_args: &[(String, String)],
    escape: char,
    budget: &mut Budget,
    expanded: &mut [ExpandedInstruction],
) -> GlobalArgs {
    let mut g = GlobalArgs::default();
    for (k, v) in predefined_args() {
        g.set(k, v);
    }
    for (i, inst) in instructions.iter().enumerate() {
        if inst.keyword == Keyword::From {
            break;
        }
        if inst.keyword != Keyword::Arg {
            continue;
        }
        let mut out = ExpandedInstruction {
            flags: vec![None; inst.flags.len()],
            ..ExpandedInstruction::default()
        };
        for kv in &inst.pairs {
            let value = if let Some(v) = build_arg(build_args, &kv.key) {
                g.overridden = true;
                Some(v.to_string())
            } else {
                kv.value.as_ref().map(|raw| {
                    let e = expand_word(raw, escape, &g, budget);
                    out.absorb(&e);
                    e.value
                })
            };
            if let Some(v) = &value {
                g.set(kv.key.clone(), v.clone());
            }
            g.declare(kv.key.clone());
            out.pairs.push((kv.key.clone(), value));
        }
        out.args = inst.args.iter().map(|w| w.value.clone()).collect();
        if let Some(slot) = expanded.get_mut(i) {
            *slot = out;
        }
    }
    g
}

/// Expands every instruction of every stage in its scope. `inherited_env(stage)` is the ENV a
/// stage starts with (its base stage's final ENV); stages are processed in order, so a base
/// stage is always done before the stages built FROM it. Returns the final scope of each
/// stage.
pub fn expand_stages(
    instructions: &[Instruction],
    stages: &[Stage],
    globals: &GlobalArgs,
    build_args: &[(String, String)],
    escape: char,
    budget: &mut Budget,
    expanded: &mut [ExpandedInstruction],
) -> Vec<Scope> {
    let mut finals: Vec<Scope> = Vec::with_capacity(stages.len());
    let predefined = predefined_args();
    for stage in stages {
        let mut scope = Scope::default();
        if let Base::Stage { stage: b } = stage.base
            && let Some(parent) = finals.get(b)
        {
            // BuildKit adds each ARG's value to the state's environment, which a stage built
            // FROM this one starts from (`convert.go`, `dispatchArg`), so ARG values carry over.
            scope.env = parent.env.clone();
            scope.args = parent.args.clone();
        }
        // The FROM line itself was expanded with the global scope by `stages`.
        if let Some(slot) = expanded.get_mut(stage.from_instruction) {
            slot.stage = Some(stage.index);
        }
        for &i in &stage.instructions {
            let Some(inst) = instructions.get(i) else {
                continue;
            };
            let mut out = ExpandedInstruction {
                stage: Some(stage.index),
                ..ExpandedInstruction::default()
            };
            let expands = expands_args(inst.keyword);
            // Flag values, expanded where Docker expands them (each copied once).
            let expand_flags = expands || inst.keyword == Keyword::Run;
            let mut flags = Vec::with_capacity(inst.flags.len());
            for f in &inst.flags {
                // `--from` is never expanded (a variable there is an error).
                let value = match &f.value {
                    Some(raw) if expand_flags && !f.name.eq_ignore_ascii_case("from") => {
                        Some(out.word(raw, escape, &scope, budget))
                    }
                    other => other.clone(),
                };
                flags.push(value);
            }
            out.flags = flags;
            match inst.keyword {
                Keyword::Arg => {
                    for kv in &inst.pairs {
                        let value = if let Some(v) = build_arg(build_args, &kv.key) {
                            Some(v.to_string())
                        } else if let Some(raw) = &kv.value {
                            Some(out.word(raw, escape, &scope, budget))
                        } else if let Some(v) = globals
                            .is_declared(&kv.key)
                            .then(|| globals.get(&kv.key))
                            .flatten()
                        {
                            Some(v.to_string())
                        } else if is_predefined_arg(&kv.key) {
                            Lookup::get(predefined.as_slice(), &kv.key).map(str::to_string)
                        } else {
                            None
                        };
                        match &value {
                            Some(v) => {
                                scope.args.insert(kv.key.clone(), v.clone());
                            }
                            None => {
                                scope.args.remove(&kv.key);
                            }
                        }
                        out.pairs.push((kv.key.clone(), value));
                    }
                    out.args = inst.args.iter().map(|w| w.value.clone()).collect();
                }
                Keyword::Env | Keyword::Label => {
                    for kv in &inst.pairs {
                        let key = out.word(&kv.key, escape, &scope, budget);
                        let value = kv
                            .value
                            .as_ref()
                            .map(|raw| out.word(raw, escape, &scope, budget));
                        if inst.keyword == Keyword::Env {
                            scope
                                .env
                                .insert(key.clone(), value.clone().unwrap_or_default());
                        }
                        out.pairs.push((key, value));
                    }
                    out.args = inst.args.iter().map(|w| w.value.clone()).collect();
                }
                k if expands_args(k) => {
                    out.args = inst
                        .args
                        .iter()
                        .map(|w| out.word(&w.value, escape, &scope, budget))
                        .collect();
                }
                _ => {
                    out.args = inst.args.iter().map(|w| w.value.clone()).collect();
                }
            }
            out.heredocs = inst
                .heredocs
                .iter()
                .map(|h| {
                    if h.expand && matches!(inst.keyword, Keyword::Copy | Keyword::Add) {
                        let e = expand_heredoc(&h.body, &scope, budget);
                        out.absorb(&e);
                        e.value
                    } else {
                        h.body.clone()
                    }
                })
                .collect();
            if let Some(slot) = expanded.get_mut(i) {
                *slot = out;
            }
        }
        finals.push(scope);
    }
    finals
}
