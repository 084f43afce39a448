//! Simulated filesystems: one per stage, built instruction by instruction, with the
//! provenance of every path, the final image, what is left behind, and size estimates.
//!
//! The simulation never runs a command. FROM brings a base (an earlier stage's simulated
//! filesystem, `scratch`, or an opaque image with a few representative paths and a size
//! from the catalogue in `images`); WORKDIR creates its directory; COPY and ADD take
//! paths from the build context (after `.dockerignore`), from an earlier stage's root, or
//! opaquely from an external image; heredocs create files; RUN is read by the recognisers
//! of `run_effects`. A path a later `COPY --from` needs but the source stage cannot show
//! is inferred there, attributed to the stage's most plausible RUN.
//!
//! Bounds: every path inserted (including the copies a `FROM stage` or `COPY --from`
//! makes) counts against [`MAX_PATHS`]; past it the simulation stops adding paths and says
//! so in `FileFlow::notes`. Maps are `BTreeMap`s, so every output is sorted and the
//! simulation is deterministic. Every size is an estimate (`SizeSummary::estimate`).
//!
//! The pieces, in the order an instruction meets them: [`view`] (the instruction's
//! expanded words), [`sim`] (per-stage state, FROM, WORKDIR, ENV/ARG), [`copy`] (COPY and
//! ADD), [`run`] (RUN, with [`run_effects`] recognising its commands), [`infer`] (the
//! inferred build context and `COPY --from` paths), [`summary`] (final image, left behind,
//! sizes) and [`render`] (text and JSON). [`context`] and [`dockerignore`] read the build
//! context; [`images`] is the base image catalogue.

use std::rc::Rc;

use serde::Serialize;

use crate::Analysis;
use crate::graph::StageNames;
use crate::span::{LineIndex, Span};

pub mod context;
mod copy;
pub mod dockerignore;
pub mod effect_note;
pub mod images;
mod infer;
mod missing;
mod onbuild;
mod render;
mod run;
pub mod run_effects;
mod sim;
mod summary;
mod view;

pub use effect_note::EffectNote;
pub(crate) use render::{ContextJson, FinalImageJson, LeftBehindJson, SizeJson};
pub use render::{render_text, unknown_note};

use context::BuildContext;
use sim::Sim;
use view::{View, view};

/// The most paths the simulation inserts over all stages; the rest is dropped and reported.
pub const MAX_PATHS: usize = 50_000;

/// The most candidate paths that wildcard COPY and ADD sources test against their pattern
/// over the whole simulation (each pattern only looks under its literal directory
/// prefix, so real files stay far below); past it wildcard sources stop matching and the
/// instruction says so.
pub const MAX_MATCHES: usize = 500_000;

/// Where a path in a simulated filesystem came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// Part of the base image.
    #[default]
    Base,
    /// Copied from the build context.
    Context,
    /// Copied from another stage (`COPY --from=stage`). Written `copy` in JSON, as in
    /// docs/cli.md.
    #[serde(rename = "copy")]
    CopyFromStage,
    /// Copied from an external image (`COPY --from=image`).
    CopyFromImage,
    /// Produced by a RUN that a recogniser understood.
    Run,
    /// Needed by a later `COPY --from`, so produced by this stage's RUNs, we infer.
    Inferred,
    /// Created from a heredoc.
    Heredoc,
    /// Downloaded by `ADD <url>` (or a git source).
    Download,
    /// The directory a WORKDIR created.
    Workdir,
}

impl FileKind {
    /// A short label for badges.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Base => "base",
            FileKind::Context => "context",
            FileKind::CopyFromStage => "copy from stage",
            FileKind::CopyFromImage => "copy from image",
            FileKind::Run => "run",
            FileKind::Inferred => "inferred",
            FileKind::Heredoc => "heredoc",
            FileKind::Download => "download",
            FileKind::Workdir => "workdir",
        }
    }
}

/// The origin of a path: stage, instruction and kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The stage whose instruction put the path in this filesystem.
    pub stage: usize,
    /// Index into `Analysis::instructions`; `None` for base-image paths.
    pub instruction: Option<usize>,
    pub span: Span,
    pub kind: FileKind,
    /// 1-based line of the instruction; 0 for base-image paths.
    pub line: usize,
    /// Where the path was first produced. Equal to the fields above, except for paths
    /// copied from another stage, where it names the source stage's instruction.
    pub origin_stage: usize,
    pub origin_instruction: Option<usize>,
    pub origin_kind: FileKind,
    pub origin_line: usize,
    /// The path in the stage that first produced it.
    pub origin_path: String,
    /// Ready to show: "COPY --from=builder, line 6 ← builder: RUN, line 3 (run)".
    pub label: String,
}

/// One path in a simulated filesystem.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FileEntry {
    /// Absolute path in the image.
    pub path: String,
    pub is_dir: bool,
    /// Estimated size in bytes, when known (an estimate; context sizes are as listed).
    pub size: Option<u64>,
    pub provenance: Provenance,
    /// A caveat to show with the path ("contents unknown: archive extracted").
    pub note: Option<String>,
}

/// How one instruction changed its stage's filesystem (for the step-through view).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Effect {
    pub instruction: usize,
    pub stage: usize,
    /// 1-based line of the instruction.
    pub line: usize,
    /// Ready to show: "COPY --from=builder /wheels /wheels".
    pub label: String,
    /// Paths added, sorted (at most [`MAX_LISTED`]; `added_count` has the total).
    pub added: Vec<String>,
    pub added_count: usize,
    /// Paths removed from the view, sorted (at most [`MAX_LISTED`]).
    pub removed: Vec<String>,
    pub removed_count: usize,
    /// Estimated size of the layer the instruction adds (an estimate).
    pub layer_bytes: u64,
    /// Bytes that an earlier layer holds for paths this instruction removed: still in the
    /// image, invisible (an estimate).
    pub wasted_bytes: u64,
    /// Caveats and facts about the step, in the order found, as data
    /// ([`EffectNote::RunUnknown`], [`EffectNote::CacheMount`]); [`Effect::note`] words them
    /// in English.
    pub notes: Vec<EffectNote>,
}

impl Effect {
    /// The notes as one English line ("RUN changed files (unknown); cache mount /c: …").
    pub fn note(&self) -> Option<String> {
        effect_note::join(&self.notes)
    }
}

/// The most paths an [`Effect`] lists by name.
pub const MAX_LISTED: usize = 200;

/// The simulated filesystem of one stage, after its last instruction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StageFs {
    pub stage: usize,
    /// Shared with the simulation's maps: a stage built FROM another holds the same
    /// entries, not copies.
    pub entries: Vec<Rc<FileEntry>>,
    /// Working directory at the end of the stage.
    pub workdir: String,
    pub effects: Vec<Effect>,
    /// Estimated total size (base + layers); `None` when the base's size is unknown.
    pub size: Option<u64>,
    /// The bytes of the layers alone (known part, an estimate).
    pub layers_bytes: u64,
    /// The external image at the root of the stage's FROM chain (`None` for scratch).
    pub base_image: Option<String>,
    pub base_size: Option<u64>,
    /// Paths removed by a later layer whose bytes stay in the image.
    pub wasted: Vec<FileEntry>,
    /// True when the stage is built for the chosen target and builder.
    pub built: bool,
}

/// The target's image.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FinalImage {
    /// The target stage, if any.
    pub stage: Option<usize>,
    /// The external base at the root of the target's FROM chain (`None` for scratch).
    pub base: Option<String>,
    pub base_size: Option<u64>,
    /// "≈ 8 MB (estimate)" or "size unknown".
    pub base_size_label: String,
    /// Where the base's size came from (the catalogue's `source`).
    pub base_source: Option<String>,
    /// A few representative paths of the base image.
    pub base_paths: Vec<String>,
    /// Paths added on top of the base, with provenance, sorted by path.
    pub files: Vec<FileEntry>,
    /// Paths removed by a later layer whose bytes stay in the image.
    pub wasted: Vec<FileEntry>,
}

/// A built stage that does not reach the final image, summarised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeftBehindStage {
    pub stage: usize,
    pub name: String,
    /// Its external base, when the base itself stays behind.
    pub base: Option<String>,
    pub base_size: Option<u64>,
    /// Estimated bytes of what the stage produced that stays behind (an estimate).
    pub bytes: u64,
    /// Number of paths in `FileFlow::left_behind` from this stage.
    pub paths: usize,
}

/// Estimated sizes. Every figure here is an estimate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SizeSummary {
    /// Always true: a reminder for renderers that these figures are estimates.
    pub estimate: bool,
    /// The final image; `None` when part of it (usually the base) has an unknown size.
    pub final_bytes: Option<u64>,
    /// The known part of the final image.
    pub final_known_bytes: u64,
    /// The stage one would ship without a multi-stage build (the heaviest built stage
    /// other than the target).
    pub build_stage: Option<usize>,
    pub build_stage_bytes: Option<u64>,
    /// `1 - final / build stage`, in percent, when both are known.
    pub saving_percent: Option<u32>,
    /// Bytes per origin label ("base alpine:latest", "COPY --from=0, line 10", ...), in
    /// image order.
    pub by_origin: Vec<(String, u64)>,
    /// Ready to show: "≈ 130 MB instead of ≈ 1.1 GB: 88 % smaller (estimates)".
    pub summary: String,
}

/// Everything the file simulation found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FileFlow {
    pub stages: Vec<StageFs>,
    pub final_image: FinalImage,
    /// What the built stages produced that does not reach the final image.
    pub left_behind: Vec<FileEntry>,
    pub left_behind_stages: Vec<LeftBehindStage>,
    pub size: SizeSummary,
    /// True when no build context was given and one was inferred from COPY/ADD sources.
    pub context_inferred: bool,
    /// The build context after `.dockerignore`, with problems in the listing.
    pub context: BuildContext,
    /// Caveats about the whole simulation ("capped at 50000 paths", ...).
    pub notes: Vec<String>,
    /// True when [`MAX_PATHS`] was reached.
    pub capped: bool,
    /// Errors that fail the build, found by the simulation (a missing COPY source, a RUN
    /// without a shell, a `.dockerignore` BuildKit refuses); `analyze` moves them into
    /// `Analysis::diagnostics`.
    #[serde(skip)]
    pub diagnostics: Vec<crate::Diagnostic>,
}

/// The inputs of the simulation besides the instructions.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileInputs<'a> {
    /// The context listing; `None` infers one.
    pub context: Option<&'a str>,
    pub dockerignore: Option<&'a str>,
    /// The local archives a real context holds (see `Options::archives`).
    pub archives: Option<&'a [context::Archive]>,
    /// Which stages are simulated.
    pub simulated: Simulated,
}

/// Which stages the simulation simulates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Simulated {
    /// Every stage: the page shows the filesystem of any stage, built or not.
    #[default]
    AllStages,
    /// The stages the plan builds, and the few others that can change them (a stage that
    /// copies from an earlier built one); the others keep an empty [`StageFs`]. The final image, what is
    /// left behind, the sizes and the errors are the same as with
    /// [`Simulated::AllStages`], which only the caps ([`MAX_PATHS`], ...) can tell apart:
    /// they count the simulated stages' paths alone. The CLI's JSON, which shows no
    /// unbuilt stage's files, uses it: BuildKit builds 40 of the 1,180 stages of moby's
    /// file repeated 20 times (docs/performance.md#cli).
    ForTarget,
}

/// Runs the simulation over every stage and derives the final image, what is left behind,
/// and the size summary for `plan`'s target.
pub fn simulate(text: &str, analysis: &Analysis, inputs: FileInputs<'_>) -> FileFlow {
    simulate_indexed(text, &LineIndex::new(text), analysis, inputs)
}

/// [`simulate`] with the line index of `text` its caller already has.
pub fn simulate_indexed(
    text: &str,
    lines: &LineIndex,
    analysis: &Analysis,
    inputs: FileInputs<'_>,
) -> FileFlow {
    let view_of = |i: usize, inst| view(inst, analysis.expanded.get(i));
    let instructions = analysis.instructions.iter().enumerate();
    match inputs.simulated {
        Simulated::AllStages => {
            let views: Vec<View> = instructions.map(|(i, inst)| view_of(i, inst)).collect();
            let needed = vec![true; analysis.stages.len()];
            simulate_views(text, lines, &views, analysis, inputs, &needed)
        }
        Simulated::ForTarget => {
            // Views of every COPY and ADD (the inferred context and `needed_stages` read
            // them), of the other instructions only in the stages simulated.
            let copies = |inst: &crate::Instruction| {
                matches!(inst.keyword, crate::Keyword::Copy | crate::Keyword::Add)
            };
            let mut views: Vec<View> = instructions
                .map(|(i, inst)| {
                    if copies(inst) {
                        view_of(i, inst)
                    } else {
                        View::default()
                    }
                })
                .collect();
            let built = analysis.plan.built_flags(analysis.stages.len());
            let needed =
                needed_stages(&views, analysis, &StageNames::new(&analysis.stages), &built);
            for stage in analysis
                .stages
                .iter()
                .filter(|s| needed.get(s.index) == Some(&true))
            {
                for &i in stage.instructions.iter().chain([&stage.from_instruction]) {
                    if let (Some(slot), Some(inst)) =
                        (views.get_mut(i), analysis.instructions.get(i))
                        && !copies(inst)
                    {
                        *slot = view_of(i, inst);
                    }
                }
            }
            simulate_views(text, lines, &views, analysis, inputs, &needed)
        }
    }
}

/// Simulates the stages marked in `needed` (the others get an empty state), whose views
/// `views` holds.
fn simulate_views(
    text: &str,
    lines: &LineIndex,
    views: &[View],
    analysis: &Analysis,
    inputs: FileInputs<'_>,
    needed: &[bool],
) -> FileFlow {
    let (stages, plan) = (&analysis.stages, &analysis.plan);
    let (ctx, inferred) = match inputs.context {
        Some(listing) => (
            BuildContext::from_listing(listing, inputs.dockerignore),
            false,
        ),
        None => {
            // The local sources of ONBUILD COPY/ADD triggers, as written (they are expanded
            // only where they run).
            let triggers: Vec<&str> = analysis
                .instructions
                .iter()
                .filter_map(|inst| inst.trigger.as_deref())
                .filter(|t| {
                    matches!(t.keyword, crate::Keyword::Copy | crate::Keyword::Add)
                        && t.flag("from").is_none()
                })
                .flat_map(|t| t.sources().iter().map(|w| w.value.as_str()))
                .collect();
            (
                infer::infer_context(views, stages, &triggers, inputs.dockerignore),
                true,
            )
        }
    };
    let mut owners = vec![None; views.len()];
    for stage in stages {
        for &i in &stage.instructions {
            if let Some(o) = owners.get_mut(i) {
                *o = Some(stage.index);
            }
        }
    }
    let mut sim = Sim {
        views,
        stages,
        names: StageNames::new(stages),
        lines,
        ctx,
        states: Vec::with_capacity(stages.len()),
        budget: MAX_PATHS,
        capped: false,
        owners,
        records_budget: MAX_PATHS,
        records_capped: false,
        match_budget: MAX_MATCHES,
        instructions: &analysis.instructions,
        escape: analysis.escape,
        onbuild_budget: onbuild::MAX_REPLAYED,
        onbuild_words: crate::expand::Budget::for_text(text.len()),
        replaying: None,
        built: analysis.plan.built_flags(analysis.stages.len()),
        failed: vec![false; stages.len()],
        diagnostics: Vec::new(),
        archives: inputs.archives,
        legacy: plan.builder == crate::Builder::Legacy,
    };
    let refused = sim.ctx.refused;
    for (stage, &needed) in stages.iter().zip(needed) {
        let state = if needed {
            sim.run_stage(stage)
        } else {
            sim::StageState::default()
        };
        sim.states.push(state);
    }
    let mut diagnostics = std::mem::take(&mut sim.diagnostics);
    let mut flow = sim.finish(plan);
    // BuildKit compiles the `.dockerignore` patterns before it dispatches any stage
    // (dockerfile2llb/convert.go, dispatchStages), so a bad one fails every build.
    if let Some((line, message)) = refused {
        diagnostics.insert(
            0,
            crate::Diagnostic::new(
                &crate::errors::INVALID_DOCKERIGNORE_PATTERN,
                crate::Span::point(0),
                format!("{message} (.dockerignore, line {line})"),
            ),
        );
    }
    flow.diagnostics = diagnostics;
    flow.context_inferred = inferred;
    if inferred {
        flow.notes.push(
            "No build context was given: Stageplay inferred one from the COPY/ADD sources."
                .to_string(),
        );
    }
    flow
}

/// Per stage: true when the simulation of a built stage can depend on it, so that
/// [`Simulated::ForTarget`] simulates it. A built stage's FROM chain and the stages it
/// copies from are built too; an unbuilt stage changes a built one only where it copies a
/// path from it that the simulation cannot show, which is then inferred into the built
/// stage (`Sim::infer`). So an unbuilt stage is simulated when one of its COPY/ADD
/// `--from` names an earlier built stage, or when its base has ONBUILD triggers (which may copy
/// too, with values that only the simulation expands), with its FROM chain. Linear: a
/// chain is walked only up to its first stage already marked.
fn needed_stages(
    views: &[View],
    analysis: &Analysis,
    names: &StageNames,
    built: &[bool],
) -> Vec<bool> {
    let stages = &analysis.stages;
    let instructions = &analysis.instructions;
    let mut needed = built.to_vec();
    needed.resize(stages.len(), false);
    let is_built = |s: usize| built.get(s).copied().unwrap_or(false);
    for stage in stages {
        if needed.get(stage.index).copied().unwrap_or(true) {
            continue;
        }
        let parent = match stage.base {
            crate::Base::Stage { stage: p } => stages.get(p),
            _ => None,
        };
        let triggers = parent.is_some_and(|p| {
            p.instructions.iter().any(|&i| {
                instructions
                    .get(i)
                    .is_some_and(|inst| inst.keyword == crate::Keyword::Onbuild)
            })
        });
        let copies_from_built = || {
            stage.instructions.iter().any(|&i| {
                views.get(i).is_some_and(|v| {
                    matches!(v.keyword, Some(crate::Keyword::Copy | crate::Keyword::Add))
                        && v.flag("from")
                            .and_then(|f| copy::resolve_from(f, stages, names))
                            // A later stage is not copied from (`FromLaterStage`).
                            .is_some_and(|s| s < stage.index && is_built(s))
                })
            })
        };
        if !(triggers || copies_from_built()) {
            continue;
        }
        // The stage and its FROM chain, whose parents always come first.
        let mut cur = stage.index;
        loop {
            match needed.get_mut(cur) {
                Some(n) if !*n => *n = true,
                _ => break,
            }
            match stages.get(cur).map(|s| &s.base) {
                Some(crate::Base::Stage { stage: p }) if *p < cur => cur = *p,
                _ => break,
            }
        }
    }
    needed
}
