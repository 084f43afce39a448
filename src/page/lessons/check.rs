//! A lesson step's check: a small language of facts about the analysis (the final image
//! holds a path, a stage is skipped, a rule is reported...), read from the lesson file and
//! decided from the core's `Analysis` and the page's share state, never by matching text.

use serde::Deserialize;

use crate::analysis::{Analysis, Builder, EdgeKind, Keyword, Node, stages::Base};
use crate::page::share::{ShareState, View};

/// A fact a step asks for. Stages are named by name, or by index written as a number
/// (`"0"`), as `COPY --from` names them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// Every one of these holds.
    All(Vec<Check>),
    /// This view is open.
    View(String),
    /// The chosen builder (`"buildkit"` or `"legacy"`).
    Builder(String),
    /// The plan's target is this stage (a `--target`, or the last stage by default).
    Target(String),
    /// The chosen builder's plan builds this stage.
    Builds(String),
    /// The chosen builder's plan does not build this stage.
    Skips(String),
    /// The file has at least this many stages.
    StagesAtLeast(usize),
    /// The stage at this index has this name.
    StageNamed { index: usize, name: String },
    /// The stage's base image, after ARG expansion: `alpine` matches any tag of it,
    /// `alpine:3.20` only that one.
    StageBase { stage: String, image: String },
    /// The same, for the final image's base.
    FinalBase(String),
    /// The final image (its own files or its base image's) holds this path or something
    /// under it.
    FinalHas(String),
    /// The final image holds nothing at or under this path.
    FinalLacks(String),
    /// The final image holds a file copied from this stage.
    FinalCopiesFrom(String),
    /// A `COPY --from` of the target's stages is written with exactly this word and
    /// names a stage (not an image).
    CopyFromWord(String),
    /// The stage declares an ARG of this name.
    StageDeclaresArg { stage: String, name: String },
    /// A problem of this rule is reported.
    Reports(String),
    /// No problem of this rule is reported.
    NoReport(String),
    /// The chosen builder's build does not fail.
    BuildSucceeds,
}

/// Whether `check` holds for the page showing `share` analysed as `a`.
pub fn passes(check: &Check, a: &Analysis, share: &ShareState) -> bool {
    // `All` is the only nesting and lesson files are small: an explicit stack keeps the
    // evaluation free of recursion all the same.
    let mut todo = vec![check];
    while let Some(c) = todo.pop() {
        let holds = match c {
            Check::All(list) => {
                todo.extend(list.iter());
                true
            }
            Check::View(v) => View::parse(v) == Some(share.view),
            Check::Builder(b) => a.plan.builder.as_str() == b,
            Check::Target(s) => a.plan.target.is_some() && a.plan.target == stage(a, s),
            Check::Builds(s) => stage(a, s).is_some_and(|i| a.plan.built.contains(&i)),
            Check::Skips(s) => stage(a, s).is_some_and(|i| !a.plan.built.contains(&i)),
            Check::StagesAtLeast(n) => a.stages.len() >= *n,
            Check::StageNamed { index, name } => a
                .stages
                .get(*index)
                .is_some_and(|st| st.name.as_deref() == Some(name.as_str())),
            Check::StageBase { stage: s, image } => {
                stage(a, s).and_then(|i| a.stages.get(i)).is_some_and(
                    |st| matches!(&st.base, Base::Image { name } if same_image(name, image)),
                )
            }
            Check::FinalBase(image) => a
                .files
                .final_image
                .base
                .as_deref()
                .is_some_and(|b| same_image(b, image)),
            Check::FinalHas(p) => {
                a.files.final_image.files.iter().any(|f| under(&f.path, p))
                    || a.files.final_image.base_paths.iter().any(|f| under(f, p))
            }
            Check::FinalLacks(p) => {
                a.files.final_image.stage.is_some()
                    && !a.files.final_image.files.iter().any(|f| under(&f.path, p))
                    && !a.files.final_image.base_paths.iter().any(|f| under(f, p))
            }
            Check::FinalCopiesFrom(s) => stage(a, s).is_some_and(|i| {
                a.files
                    .final_image
                    .files
                    .iter()
                    .any(|f| f.provenance.origin_stage == i && f.provenance.stage != i)
            }),
            Check::CopyFromWord(word) => a.edges.iter().any(|e| {
                e.kind == EdgeKind::Copy
                    && matches!(e.from, Node::Stage { .. })
                    && a.plan.built.contains(&e.to)
                    && a.instructions.get(e.instruction).is_some_and(|inst| {
                        inst.flags
                            .iter()
                            .any(|f| f.name == "from" && f.value.as_deref() == Some(word.as_str()))
                    })
            }),
            Check::StageDeclaresArg { stage: s, name } => {
                stage(a, s).and_then(|i| a.stages.get(i)).is_some_and(|st| {
                    st.instructions.iter().any(|&i| {
                        a.instructions.get(i).is_some_and(|inst| {
                            inst.keyword == Keyword::Arg
                                && inst.pairs.iter().any(|p| p.key == *name)
                        })
                    })
                })
            }
            Check::Reports(rule) => a.diagnostics.iter().any(|d| d.rule == rule),
            Check::NoReport(rule) => !a.diagnostics.iter().any(|d| d.rule == rule),
            Check::BuildSucceeds => a.plan.failure.is_none(),
        };
        if !holds {
            return false;
        }
    }
    true
}

/// The stage a check names: by name, else by index.
fn stage(a: &Analysis, s: &str) -> Option<usize> {
    a.stages
        .iter()
        .find(|st| st.name.as_deref() == Some(s))
        .map(|st| st.index)
        .or_else(|| s.parse::<usize>().ok().filter(|&i| i < a.stages.len()))
}

/// `alpine` matches `alpine:latest` and `alpine:3.20`; `alpine:3.20` matches only itself.
fn same_image(actual: &str, wanted: &str) -> bool {
    if wanted.contains(':') {
        return actual == wanted;
    }
    let repo = actual.split(['@', ':']).next().unwrap_or(actual);
    repo == wanted
}

/// Whether `path` is `dir` or lies under it.
fn under(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The builder a check's word names, for the tests of lesson files.
pub fn builder_named(word: &str) -> Option<Builder> {
    match word {
        "buildkit" => Some(Builder::BuildKit),
        "legacy" => Some(Builder::Legacy),
        _ => None,
    }
}
