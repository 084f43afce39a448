//! `stageplay targets`: what `docker buildx build --call=targets` prints, every stage that
//! can be a `--target`, the default one marked, with the description its doc comment gives.
//!
//! The list follows moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go`
//! `ListTargets` (one entry per stage, in order: the lowercased `AS` name, `default` for the
//! last, the doc comment, the base and `--platform` as written); the JSON is
//! `frontend/subrequests/targets/targets.go`'s `List` and the text its `PrintTargets`.

use serde::Serialize;
use stageplay::analysis::{Analysis, LineIndex};

use crate::subrequests::{self, Location};
use crate::tabwriter;

/// `targets.List`.
#[derive(Serialize)]
pub struct List {
    pub targets: Vec<Target>,
    pub sources: Vec<String>,
}

/// `targets.Target`; empty fields are left out, as Go's `omitempty` does.
#[derive(Serialize)]
pub struct Target {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub base: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub platform: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// The targets of the analysed Dockerfile `text`.
pub fn list(a: &Analysis, text: &str) -> List {
    let lines = LineIndex::new(text);
    let last = a.stages.len().saturating_sub(1);
    let targets = a
        .stages
        .iter()
        .map(|s| {
            let name = s.name.clone().unwrap_or_default();
            let comments = subrequests::comments_before(a, text, s.from_instruction);
            let platform = a
                .instructions
                .get(s.from_instruction)
                .and_then(|i| i.flag("platform"))
                .and_then(|f| f.value.clone())
                .unwrap_or_default();
            Target {
                description: subrequests::doc_comment(&comments, &name),
                name,
                default: s.index == last,
                base: s.base_text.clone(),
                platform,
                location: subrequests::instruction_location(a, &lines, s.from_instruction),
            }
        })
        .collect();
    List {
        targets,
        sources: subrequests::sources(text),
    }
}

/// `PrintTargets`: a `TARGET DESCRIPTION` table, the default stage named `name (default)`
/// (`(default)` alone when it has no name).
pub fn print(list: &List) -> String {
    let mut rows = vec![vec!["TARGET".to_string(), "DESCRIPTION".to_string()]];
    for t in &list.targets {
        let name = match (t.name.is_empty(), t.default) {
            (true, true) => "(default)".to_string(),
            (false, true) => format!("{} (default)", t.name),
            _ => t.name.clone(),
        };
        rows.push(vec![name, t.description.clone()]);
    }
    tabwriter::table(&rows, 1)
}
