//! `stageplay outline`: what `docker buildx build --call=outline` prints for a target, its
//! description, the build args it uses with their values and descriptions, and the secrets
//! and SSH sockets its RUN mounts ask for.
//!
//! It follows moby/buildkit `frontend/dockerfile/dockerfile2llb/outline.go`
//! (`dispatchState.Outline`, `args`, `secrets`, `ssh`) and what `convert.go` records for it:
//! - the target and, through its base stage (`FROM <stage>`) and the stages it copies or
//!   mounts from, every stage it needs, the target first, then its base, then those deps
//!   (Go walks the deps map in no fixed order; Stageplay takes them by stage index);
//! - a build arg is listed when a stage uses it: declared by `ARG` in the stage
//!   (`dispatchArg`), or a global ARG that a FROM line references (`buildDispatchStates`), or
//!   a global ARG that the default of a used global ARG references (`markAllUsed`, from
//!   `buildMetaArgs`' matches); each name once, the first stage that lists it winning;
//! - its value is the build arg given, else its default, expanded; a stage `ARG NAME`
//!   without a default that inherits a global ARG is listed as the global one (its
//!   `skipArgInfo`); its description is the ARG's doc comment (`# NAME description` right
//!   above it: `instructions/parse.go` `getDocComment`);
//! - secrets: `RUN --mount=type=secret`, named by `source` (or `id`, or the target's last
//!   path element: `convert_secrets.go` `dispatchSecret`); SSH: `RUN --mount=type=ssh`,
//!   named by `id` or `default` (`convert_ssh.go` `dispatchSSH`); the mount value expanded in
//!   the stage's scope first (`id=second${BAR}`), the first mount of a name in a stage kept;
//! - every list sorted by line (`compLocation`).
//!
//! The JSON is `frontend/subrequests/outline/
//! outline.go`'s `Outline`, the text its `PrintOutline`.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use stageplay::analysis::scope::is_predefined_arg;
use stageplay::analysis::stages::Base;
use stageplay::analysis::{Analysis, EdgeKind, Keyword, LineIndex, Node};

use crate::subrequests::{self, Location};
use crate::tabwriter;

/// `outline.Outline` (its `cache` list is never filled by the Dockerfile frontend).
#[derive(Serialize)]
pub struct Outline {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<Secret>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ssh: Vec<Secret>,
    pub sources: Vec<String>,
}

/// `outline.Arg`.
#[derive(Serialize)]
pub struct Arg {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip)]
    line: usize,
}

/// `outline.Secret` and `outline.SSH`, which have the same fields.
#[derive(Serialize)]
pub struct Secret {
    pub name: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip)]
    line: usize,
}

/// What dockerfile2llb's `argInfo` keeps of one ARG definition.
#[derive(Clone)]
struct ArgInfo {
    key: String,
    value: String,
    description: String,
    instruction: usize,
    deps: Vec<String>,
}

/// The outline of the target the analysis planned (`None` when there is no target stage);
/// `build_args` are the `--build-arg` values given.
pub fn outline(a: &Analysis, text: &str, build_args: &[(String, String)]) -> Option<Outline> {
    let target = a.plan.target?;
    let lines = LineIndex::new(text);
    let globals = global_args(a, text, build_args);

    let mut args = Vec::new();
    let mut secrets = Vec::new();
    let mut ssh = Vec::new();
    let (mut seen_args, mut seen_secrets, mut seen_ssh) =
        (HashSet::new(), HashSet::new(), HashSet::new());
    for s in needed_stages(a, target) {
        let Some(stage) = a.stages.get(s) else {
            continue;
        };
        // The stage's own view: the global ARGs, then its ARG instructions in order.
        let mut all = globals.clone();
        let mut used: Vec<String> = from_references(a, s)
            .into_iter()
            .filter(|k| a.globals.get(k).is_some())
            .collect();
        for &i in &stage.instructions {
            let Some(inst) = a.instructions.get(i) else {
                continue;
            };
            match inst.keyword {
                Keyword::Arg => {
                    let comments = subrequests::comments_before(a, text, i);
                    let expanded = a.expanded.get(i).map(|e| e.pairs.as_slice()).unwrap_or(&[]);
                    for kv in &inst.pairs {
                        let given =
                            stageplay::analysis::scope::build_arg(build_args, &kv.key).is_some();
                        let value = expanded_value(expanded, &kv.key);
                        // `skipArgInfo`: no default, no build arg, and a value in the global
                        // scope (a global ARG with a value, or a predefined platform ARG).
                        let inherits =
                            kv.value.is_none() && !given && a.globals.get(&kv.key).is_some();
                        if !inherits {
                            all.insert(
                                kv.key.clone(),
                                ArgInfo {
                                    key: kv.key.clone(),
                                    value: value.unwrap_or_default(),
                                    description: subrequests::doc_comment(&comments, &kv.key),
                                    instruction: i,
                                    deps: Vec::new(),
                                },
                            );
                        }
                        used.push(kv.key.clone());
                    }
                }
                Keyword::Run => {
                    let expanded = a.expanded.get(i).map(|e| e.flags.as_slice()).unwrap_or(&[]);
                    for (j, flag) in inst.flags.iter().enumerate() {
                        if !flag.name.eq_ignore_ascii_case("mount") {
                            continue;
                        }
                        // The mount as dispatch reads it: expanded in the stage's scope.
                        let value = expanded
                            .get(j)
                            .cloned()
                            .flatten()
                            .or_else(|| flag.value.clone())
                            .unwrap_or_default();
                        let m = MountFields::parse(&value);
                        let (id, seen, list) = match m.kind.as_str() {
                            "secret" => (m.secret_id(), &mut seen_secrets, &mut secrets),
                            "ssh" => (Some(m.ssh_id()), &mut seen_ssh, &mut ssh),
                            _ => continue,
                        };
                        let Some(id) = id else { continue };
                        if seen.insert(id.clone()) {
                            list.push(Secret {
                                name: id,
                                required: m.required,
                                location: subrequests::instruction_location(a, &lines, i),
                                line: lines.line(inst.span.start),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        // `markAllUsed`: a used global ARG uses what its default referenced.
        let mut k = 0;
        while let Some(name) = used.get(k).cloned() {
            k += 1;
            if let Some(info) = all.get(&name) {
                for d in &info.deps {
                    if !used.contains(d) {
                        used.push(d.clone());
                    }
                }
            }
        }
        for name in used {
            let Some(info) = all.get(&name) else { continue };
            if seen_args.insert(name.clone()) {
                args.push(Arg {
                    name: info.key.clone(),
                    description: info.description.clone(),
                    value: info.value.clone(),
                    location: subrequests::instruction_location(a, &lines, info.instruction),
                    line: a
                        .instructions
                        .get(info.instruction)
                        .map_or(0, |inst| lines.line(inst.span.start)),
                });
            }
        }
    }
    args.sort_by_key(|x| x.line);
    secrets.sort_by_key(|x| x.line);
    ssh.sort_by_key(|x| x.line);

    let stage = a.stages.get(target)?;
    let name = stage.name.clone().unwrap_or_default();
    let comments = subrequests::comments_before(a, text, stage.from_instruction);
    Some(Outline {
        description: subrequests::doc_comment(&comments, &name),
        name,
        args,
        secrets,
        ssh,
        sources: subrequests::sources(text),
    })
}

/// `PrintOutline`: the target and its description, then a table of build args, of
/// secrets and of SSH sockets, each followed by an empty line.
pub fn print(o: &Outline) -> String {
    let mut out = String::new();
    if !o.name.is_empty() || !o.description.is_empty() {
        let name = if o.name.is_empty() {
            "(default)"
        } else {
            &o.name
        };
        let mut rows = vec![vec!["TARGET:".to_string(), name.to_string()]];
        if !o.description.is_empty() {
            rows.push(vec!["DESCRIPTION:".to_string(), o.description.clone()]);
        }
        out.push_str(&tabwriter::table(&rows, 1));
        out.push('\n');
    }
    if !o.args.is_empty() {
        let mut rows = vec![vec![
            "BUILD ARG".to_string(),
            "VALUE".to_string(),
            "DESCRIPTION".to_string(),
        ]];
        rows.extend(
            o.args
                .iter()
                .map(|a| vec![a.name.clone(), a.value.clone(), a.description.clone()]),
        );
        out.push_str(&tabwriter::table(&rows, 3));
        out.push('\n');
    }
    for (title, list) in [("SECRET", &o.secrets), ("SSH", &o.ssh)] {
        if list.is_empty() {
            continue;
        }
        let mut rows = vec![vec![title.to_string(), "REQUIRED".to_string()]];
        rows.extend(list.iter().map(|s| {
            let required = if s.required { "true" } else { "" };
            vec![s.name.clone(), required.to_string()]
        }));
        out.push_str(&tabwriter::table(&rows, 3));
        out.push('\n');
    }
    out
}

/// The global ARGs as `buildMetaArgs` records them: value, description, and the other
/// ARGs their default referenced (those that had a value by then, the predefined platform
/// ARGs included; a self-reference keeps the earlier definition's; none when a build arg
/// replaces the default).
fn global_args(
    a: &Analysis,
    text: &str,
    build_args: &[(String, String)],
) -> HashMap<String, ArgInfo> {
    let mut all: HashMap<String, ArgInfo> = HashMap::new();
    // The names `ProcessWordWithMatches` can match: those with a value so far.
    let mut valued: HashSet<String> = HashSet::new();
    for (i, inst) in a.instructions.iter().enumerate() {
        let global = a.expanded.get(i).is_some_and(|e| e.stage.is_none());
        if inst.keyword != Keyword::Arg || !global {
            continue;
        }
        let comments = subrequests::comments_before(a, text, i);
        let expanded = a.expanded.get(i).map(|e| e.pairs.as_slice()).unwrap_or(&[]);
        for kv in &inst.pairs {
            let given = stageplay::analysis::scope::build_arg(build_args, &kv.key).is_some();
            let mut deps: Vec<String> = kv
                .value
                .as_deref()
                .filter(|_| !given)
                .map(references)
                .unwrap_or_default()
                .into_iter()
                .filter(|r| valued.contains(r) || is_predefined_arg(r))
                .collect();
            if deps.contains(&kv.key) {
                deps.retain(|d| *d != kv.key);
                if let Some(old) = all.get(&kv.key) {
                    deps.extend(old.deps.iter().cloned());
                }
            }
            let value = expanded_value(expanded, &kv.key);
            if value.is_some() {
                valued.insert(kv.key.clone());
            }
            all.insert(
                kv.key.clone(),
                ArgInfo {
                    key: kv.key.clone(),
                    value: value.unwrap_or_default(),
                    description: subrequests::doc_comment(&comments, &kv.key),
                    instruction: i,
                    deps,
                },
            );
        }
    }
    all
}

/// The stages `target` needs, in the order dockerfile2llb's outline visits them: the
/// stage, then (depth first) its base stage, then the stages it copies or mounts from.
fn needed_stages(a: &Analysis, target: usize) -> Vec<usize> {
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![target];
    while let Some(s) = stack.pop() {
        if !seen.insert(s) {
            continue;
        }
        order.push(s);
        let mut deps: Vec<usize> = a
            .edges
            .iter()
            .filter(|e| e.to == s && e.kind != EdgeKind::From)
            .filter_map(|e| match e.from {
                Node::Stage { stage } => Some(stage),
                Node::Image { .. } => None,
            })
            .collect();
        deps.sort_unstable();
        deps.dedup();
        // Popped last to first: the base comes out before the deps, the deps by index.
        stack.extend(deps.into_iter().rev());
        if let Some(Base::Stage { stage }) = a.stages.get(s).map(|st| &st.base) {
            stack.push(*stage);
        }
    }
    order
}

/// The names a stage's FROM line references in its base and `--platform`.
fn from_references(a: &Analysis, stage: usize) -> Vec<String> {
    let Some(s) = a.stages.get(stage) else {
        return Vec::new();
    };
    let mut names = references(&s.base_text);
    if let Some(p) = a
        .instructions
        .get(s.from_instruction)
        .and_then(|i| i.flag("platform"))
        .and_then(|f| f.value.as_deref())
    {
        names.extend(references(p));
    }
    names
}

/// The variable names a word references (`$NAME`, `${NAME}`, `${NAME:-x}`, ...), in order.
fn references(word: &str) -> Vec<String> {
    let bytes = word.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        i += 1;
        if bytes.get(i) == Some(&b'{') {
            i += 1;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_')
            && !(i == start && bytes[i].is_ascii_digit())
        {
            i += 1;
        }
        if i > start {
            out.push(word[start..i].to_string());
        }
    }
    out
}

/// The fields of a `--mount` value that name a secret or an SSH socket, read as moby/buildkit
/// `instructions/commands_runmount.go` `parseMount` reads them (keys without case,
/// `required` alone meaning true, Go's `strconv.ParseBool` spellings of true).
#[derive(Default)]
struct MountFields {
    kind: String,
    id: String,
    source: String,
    target: String,
    required: bool,
}

impl MountFields {
    fn parse(value: &str) -> MountFields {
        let mut m = MountFields {
            kind: "bind".to_string(),
            ..MountFields::default()
        };
        for field in value.split(',') {
            let (key, v) = match field.split_once('=') {
                Some((k, v)) => (k.trim().to_ascii_lowercase(), Some(v.trim().to_string())),
                None => (field.trim().to_ascii_lowercase(), None),
            };
            let v = v.map(|v| v.trim_matches('"').to_string());
            match key.as_str() {
                "type" => m.kind = v.unwrap_or_default().to_ascii_lowercase(),
                "id" => m.id = v.unwrap_or_default(),
                "source" | "src" => m.source = v.unwrap_or_default(),
                "target" | "dst" | "destination" => m.target = v.unwrap_or_default(),
                "required" => {
                    m.required = v.is_none_or(|v| {
                        matches!(v.as_str(), "1" | "t" | "T" | "true" | "TRUE" | "True")
                    });
                }
                _ => {}
            }
        }
        m
    }

    /// `dispatchSecret`: `source`, else `id`, else the last element of `target` (Go's
    /// `path.Base`); none without any of them (BuildKit's error).
    fn secret_id(&self) -> Option<String> {
        if !self.source.is_empty() {
            return Some(self.source.clone());
        }
        if !self.id.is_empty() {
            return Some(self.id.clone());
        }
        if self.target.is_empty() {
            return None;
        }
        let trimmed = self.target.trim_end_matches('/');
        if trimmed.is_empty() {
            return Some("/".to_string());
        }
        Some(trimmed.rsplit('/').next().unwrap_or(trimmed).to_string())
    }

    /// `dispatchSSH`: `id`, else `default`.
    fn ssh_id(&self) -> String {
        if self.id.is_empty() {
            "default".to_string()
        } else {
            self.id.clone()
        }
    }
}

/// The value `key` got in an ARG's expanded pairs (`None` for a bare `ARG NAME` with none).
fn expanded_value(pairs: &[(String, Option<String>)], key: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.clone())
}
