//! A lesson step's checks: facts about the analysis (the final image holds a path, a stage is
//! skipped, a rule is reported...), written in the lesson file as short sentences
//! (`"skips test"`, `"final-base alpine"`) and decided from the core's `Analysis` and the
//! page's share state, never by matching the Dockerfile's text. Read by hand rather than by a
//! derived JSON reader: one small parser instead of a visitor per variant in the page's wasm.

use serde::Deserialize;

use crate::analysis::{Analysis, EdgeKind, Keyword, Node, stages::Base};
use crate::page::share::{ShareState, View};

/// A fact a step asks for. Stages are named by name, or by index written as a number
/// (`0`), as `COPY --from` names them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Check {
    /// `view files`: this view is open.
    View(String),
    /// `builder legacy`: the chosen builder (`buildkit` or `legacy`).
    Builder(String),
    /// `target builder`: the plan's target is this stage (a `--target`, or the last stage).
    Target(String),
    /// `builds frontend`: the chosen builder's plan builds this stage.
    Builds(String),
    /// `skips test`: the chosen builder's plan does not build this stage.
    Skips(String),
    /// `stages-at-least 3`: the file has at least this many stages.
    StagesAtLeast(usize),
    /// `stage-named 0 builder`: the stage at this index has this name.
    StageNamed { index: usize, name: String },
    /// `stage-base builder golang:1.22`: the stage's base image, after ARG expansion
    /// (`alpine` matches any tag of it, `alpine:3.20` only that one).
    StageBase { stage: String, image: String },
    /// `final-base alpine`: the same, for the final image's base.
    FinalBase(String),
    /// `final-has /usr/local/go`: the final image (its own files or its base image's) holds
    /// this path or something under it.
    FinalHas(String),
    /// `final-lacks /usr/local/go`: the final image holds nothing at or under this path.
    FinalLacks(String),
    /// `final-copies-from 0`: the final image holds a file copied from this stage.
    FinalCopiesFrom(String),
    /// `copy-from-word builder`: a built stage's `COPY --from` is written with exactly this
    /// word and names a stage (not an image).
    CopyFromWord(String),
    /// `stage-declares-arg builder GO_VERSION`: the stage declares an ARG of this name.
    StageDeclaresArg { stage: String, name: String },
    /// `reports HeavyFinalBase`: a problem of this rule is reported.
    Reports(String),
    /// `no-report HeavyFinalBase`: no problem of this rule is reported.
    NoReport(String),
    /// `build-succeeds`: the chosen builder's build does not fail.
    BuildSucceeds,
}

impl TryFrom<String> for Check {
    type Error = String;

    fn try_from(text: String) -> Result<Check, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let one = |w: &[&str]| match w {
            [x] => Ok(x.to_string()),
            _ => Err(format!("`{text}` takes one word")),
        };
        let two = |w: &[&str]| match w {
            [x, y] => Ok((x.to_string(), y.to_string())),
            _ => Err(format!("`{text}` takes two words")),
        };
        let number = |w: &str| {
            w.parse::<usize>()
                .map_err(|_| format!("`{text}`: {w} is not a number"))
        };
        let (kind, rest) = words.split_first().ok_or("an empty check")?;
        Ok(match *kind {
            "view" => Check::View(one(rest)?),
            "builder" => Check::Builder(one(rest)?),
            "target" => Check::Target(one(rest)?),
            "builds" => Check::Builds(one(rest)?),
            "skips" => Check::Skips(one(rest)?),
            "stages-at-least" => Check::StagesAtLeast(number(&one(rest)?)?),
            "stage-named" => {
                let (i, name) = two(rest)?;
                Check::StageNamed {
                    index: number(&i)?,
                    name,
                }
            }
            "stage-base" => {
                let (stage, image) = two(rest)?;
                Check::StageBase { stage, image }
            }
            "final-base" => Check::FinalBase(one(rest)?),
            "final-has" => Check::FinalHas(one(rest)?),
            "final-lacks" => Check::FinalLacks(one(rest)?),
            "final-copies-from" => Check::FinalCopiesFrom(one(rest)?),
            "copy-from-word" => Check::CopyFromWord(one(rest)?),
            "stage-declares-arg" => {
                let (stage, name) = two(rest)?;
                Check::StageDeclaresArg { stage, name }
            }
            "reports" => Check::Reports(one(rest)?),
            "no-report" => Check::NoReport(one(rest)?),
            "build-succeeds" if rest.is_empty() => Check::BuildSucceeds,
            _ => return Err(format!("`{text}` is not a check")),
        })
    }
}

/// Whether every one of `checks` holds for the page showing `share` analysed as `a`.
pub fn all_pass(checks: &[Check], a: &Analysis, share: &ShareState) -> bool {
    checks.iter().all(|c| passes(c, a, share))
}

/// Whether `c` holds for the page showing `share` analysed as `a`.
pub fn passes(c: &Check, a: &Analysis, share: &ShareState) -> bool {
    match c {
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
        Check::StageBase { stage: s, image } => stage(a, s)
            .and_then(|i| a.stages.get(i))
            .is_some_and(|st| matches!(&st.base, Base::Image { name } if same_image(name, image))),
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
                        inst.keyword == Keyword::Arg && inst.pairs.iter().any(|p| p.key == *name)
                    })
                })
            })
        }
        Check::Reports(rule) => a.diagnostics.iter().any(|d| d.rule == rule),
        Check::NoReport(rule) => !a.diagnostics.iter().any(|d| d.rule == rule),
        Check::BuildSucceeds => a.plan.failure.is_none(),
    }
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
