//! Simulated filesystems: one per stage, built instruction by instruction, with the
//! provenance of every path, the final image, what is left behind, and size estimates.
//!
//! The simulation never runs a command. FROM brings a base (an earlier stage's simulated
//! filesystem, `scratch`, or an opaque image with a few representative paths and a size
//! from the catalogue in `images.rs`); WORKDIR creates its directory; COPY and ADD take
//! paths from the build context (after `.dockerignore`), from an earlier stage's root, or
//! opaquely from an external image; heredocs create files; RUN is read by the recognisers
//! of `run_effects.rs`. A path a later `COPY --from` needs but the source stage cannot show
//! is inferred there, attributed to the stage's most plausible RUN.
//!
//! Bounds: every path inserted (including the copies a `FROM stage` or `COPY --from`
//! makes) counts against [`MAX_PATHS`]; past it the simulation stops adding paths and says
//! so in `FileFlow::notes`. Maps are `BTreeMap`s, so every output is sorted and the
//! simulation is deterministic. Every size is an estimate (`SizeSummary::estimate`).

use std::collections::BTreeMap;
use std::ops::Bound;
use std::rc::Rc;

use serde::Serialize;

use crate::Analysis;
use crate::expand::ExpandedInstruction;
use crate::graph::StageNames;
use crate::parse::{Instruction, Keyword};
use crate::plan::TargetPlan;
use crate::sort;
use crate::span::{LineIndex, Span, find_newline, floor_char_boundary, shorten_in_place};
use crate::stages::{Base, Stage};

use context::{BuildContext, Glob, clean, has_wildcard, join};
use images::human_size;
use run_effects::{Op, RunScript};

pub mod context;
pub mod images;
pub mod run_effects;

/// The most paths the simulation inserts over all stages; the rest is dropped and reported.
pub const MAX_PATHS: usize = 50_000;

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
    /// SPEC §11.
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
    /// A short human note ("RUN changed files (unknown)", "cache mount: not persisted").
    pub note: Option<String>,
}

/// Names that build tools give to output directories: an inferred path with one of these
/// names is taken to be a directory (so `COPY --from` copies its contents).
const OUTPUT_DIR_NAMES: &[&str] = &[
    "classes",
    "META-INF",
    "BOOT-INF",
    "dependency",
    "dependencies",
    "config",
    "configuration",
    "assets",
    "templates",
    "migrations",
    "share",
    "include",
    "dist",
    "build",
    "out",
    "output",
    "public",
    "node_modules",
    "site-packages",
    "wheels",
    ".venv",
    "venv",
    "lib",
    "bin",
    "publish",
    "target",
    "html",
    "static",
    "www",
    "vendor",
    ".next",
    "release",
    "debug",
    "libs",
    "site",
    "_site",
    "artifacts",
    "install",
];

/// Directories that every Linux base image has: a COPY to one of them without a trailing
/// `/` copies into it, as Docker does when the destination exists as a directory.
const STANDARD_DIRS: &[&str] = &[
    "/bin",
    "/sbin",
    "/etc",
    "/usr",
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/local",
    "/usr/local/bin",
    "/usr/local/sbin",
    "/usr/local/lib",
    "/usr/share",
    "/opt",
    "/tmp",
    "/root",
    "/home",
    "/var",
    "/var/lib",
    "/srv",
    "/lib",
    "/etc/ssl/certs",
];

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
}

/// The inputs of the simulation besides the instructions.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileInputs<'a> {
    /// The context listing; `None` infers one.
    pub context: Option<&'a str>,
    pub dockerignore: Option<&'a str>,
}

// ---------------------------------------------------------------------------------------
// The instruction view: what the simulation needs from one instruction, expanded.

/// One RUN mount, as far as the simulation cares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct MountView<'a> {
    /// As written (compare without case).
    kind: &'a str,
    target: Option<&'a str>,
}

/// An instruction's words after expansion, flattened for the simulation. Borrows from the
/// analysis: building it copies no text.
#[derive(Clone, Debug, Default)]
struct View<'a> {
    keyword: Option<Keyword>,
    /// Expanded arguments (COPY/ADD: sources then destination; RUN: the shell text or
    /// exec words).
    args: Vec<&'a str>,
    exec_form: bool,
    /// (name, expanded value) of every flag, in order.
    flags: Vec<(&'a str, Option<&'a str>)>,
    /// (name, body) of every heredoc.
    heredocs: Vec<(&'a str, &'a str)>,
    mounts: Vec<MountView<'a>>,
    /// ENV / ARG: the (key, value) pairs.
    pairs: Vec<(&'a str, &'a str)>,
    span: Span,
}

impl<'a> View<'a> {
    fn flag(&self, name: &str) -> Option<&'a str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.unwrap_or(""))
    }

    fn flags_named<'b>(&'b self, name: &'b str) -> impl Iterator<Item = &'a str> + 'b {
        self.flags
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .filter_map(|(_, v)| *v)
    }

    fn has_flag(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }
}

/// Builds the view of one instruction from the parsed instruction and its expansion (core's
/// `ExpandedInstruction`: expanded args, flag values, heredoc bodies and ARG/ENV pairs).
fn view<'a>(inst: &'a Instruction, exp: Option<&'a ExpandedInstruction>) -> View<'a> {
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
            (f.name.as_str(), value)
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
        mounts: inst
            .mounts
            .iter()
            .map(|m| MountView {
                kind: m.kind.as_str(),
                target: m.target.as_deref(),
            })
            .collect(),
        pairs,
        span: inst.span,
    }
}

// ---------------------------------------------------------------------------------------
// The simulation.

/// One stage's state while simulating.
#[derive(Clone, Debug, Default)]
struct StageState {
    /// Entries are shared (`Rc`): a `FROM stage` copies the map, not every entry.
    files: BTreeMap<Rc<str>, Rc<FileEntry>>,
    workdir: String,
    effects: Vec<Effect>,
    layers_bytes: u64,
    base_image: Option<String>,
    base_size: Option<u64>,
    base_known: bool,
    /// Shared with the stages built FROM this one (only the target's are copied out).
    base_paths: Rc<Vec<String>>,
    base_source: Option<String>,
    wasted: Vec<FileEntry>,
    /// (dir, instruction, estimated size of one output) where a RUN writes files
    /// Stageplay cannot name.
    areas: Vec<(String, usize, Option<u64>)>,
    /// RUN instructions of this stage (and its FROM chain), with their text.
    /// (instruction, text, stage that owns it, true when a command was not recognised).
    runs: Vec<(usize, Rc<str>, usize, bool)>,
    /// ARG/ENV values visible at the end of the stage.
    /// Shared strings: a stage built FROM another copies the list, not the text.
    vars: Vec<(Rc<str>, Rc<str>)>,
    /// Paths written under cache or bind mounts by this stage's RUNs (not persisted).
    not_persisted: Vec<String>,
}

struct Sim<'a> {
    views: &'a [View<'a>],
    stages: &'a [Stage],
    /// Stage names → indexes, for `--from` (thousands of stages stay linear).
    names: StageNames<'a>,
    lines: LineIndex,
    ctx: BuildContext,
    states: Vec<StageState>,
    budget: usize,
    capped: bool,
}

/// Runs the simulation over every stage and derives the final image, what is left behind,
/// and the size summary for `plan`'s target.
pub fn simulate(text: &str, analysis: &Analysis, inputs: FileInputs<'_>) -> FileFlow {
    let views: Vec<View> = analysis
        .instructions
        .iter()
        .enumerate()
        .map(|(i, inst)| view(inst, analysis.expanded.get(i)))
        .collect();
    simulate_views(text, &views, &analysis.stages, &analysis.plan, inputs)
}

fn simulate_views(
    text: &str,
    views: &[View],
    stages: &[Stage],
    plan: &TargetPlan,
    inputs: FileInputs<'_>,
) -> FileFlow {
    let (ctx, inferred) = match inputs.context {
        Some(listing) => (
            BuildContext::from_listing(listing, inputs.dockerignore),
            false,
        ),
        None => (infer_context(views, stages, inputs.dockerignore), true),
    };
    let mut sim = Sim {
        views,
        stages,
        names: StageNames::new(stages),
        lines: LineIndex::new(text),
        ctx,
        states: Vec::with_capacity(stages.len()),
        budget: MAX_PATHS,
        capped: false,
    };
    for stage in stages {
        let state = sim.run_stage(stage);
        sim.states.push(state);
    }
    let mut flow = sim.finish(plan);
    flow.context_inferred = inferred;
    if inferred {
        flow.notes.push(
            "No build context was given: Stageplay inferred one from the COPY/ADD sources."
                .to_string(),
        );
    }
    flow
}

/// Infers a context: every local COPY/ADD source, with wildcards replaced by a plausible
/// name (`*.go` → `main.go`), and `.dockerignore` applied.
fn infer_context(views: &[View], stages: &[Stage], dockerignore: Option<&str>) -> BuildContext {
    let mut listing = String::new();
    for stage in stages {
        for &i in &stage.instructions {
            let Some(v) = views.get(i) else { continue };
            if !matches!(v.keyword, Some(Keyword::Copy | Keyword::Add)) || v.has_flag("from") {
                continue;
            }
            let n = v.args.len().saturating_sub(1);
            for src in v.args.iter().take(n) {
                if is_remote(src) || src.contains('$') {
                    continue;
                }
                let rel = clean(src.trim_start_matches('/'));
                if rel == "." || rel.starts_with("..") {
                    continue;
                }
                let name = if has_wildcard(&rel) {
                    plausible_name(&rel)
                } else {
                    rel
                };
                listing.push_str(&name);
                // Without a listing, a source without an extension is most likely a
                // directory (`src`, `cmd/app`), unless it is a well-known file.
                let last = name.rsplit('/').next().unwrap_or("");
                let known_file = [
                    "Makefile",
                    "Dockerfile",
                    "LICENSE",
                    "Gemfile",
                    "Procfile",
                    "Rakefile",
                    "Jenkinsfile",
                    "Pipfile",
                    "VERSION",
                    "README",
                    "Caddyfile",
                    "Brewfile",
                ]
                .contains(&last);
                if src.ends_with('/') || (!last.contains('.') && !known_file) {
                    listing.push('/');
                }
                listing.push('\n');
            }
        }
    }
    let mut ctx = BuildContext::from_listing(&listing, dockerignore);
    ctx.inferred = true;
    ctx
}

/// A name that a wildcard pattern matches: `*` matches nothing where that leaves a name
/// (`package*.json` → `package.json`), else `main` (`*.go` → `main.go`); `?` → `x`,
/// `[a-z]` → `a`.
fn plausible_name(pattern: &str) -> String {
    let short = plausible_name_with(pattern, "");
    let ok = short
        .split('/')
        .zip(pattern.split('/'))
        .all(|(n, p)| !n.is_empty() && (p.starts_with('.') || !n.starts_with('.')));
    if ok {
        short
    } else {
        plausible_name_with(pattern, "main")
    }
}

fn plausible_name_with(pattern: &str, star: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => {
                if chars.peek() != Some(&'*') {
                    out.push_str(star);
                }
            }
            '?' => out.push('x'),
            '[' => {
                let mut first = None;
                for n in chars.by_ref() {
                    if n == ']' && first.is_some() {
                        break;
                    }
                    if first.is_none() && n != '^' {
                        first = Some(n);
                    }
                }
                out.push(first.unwrap_or('x'));
            }
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

fn is_remote(src: &str) -> bool {
    starts_with_ci(src, "http://") || starts_with_ci(src, "https://") || is_git(src)
}

fn is_git(src: &str) -> bool {
    starts_with_ci(src, "git@")
        || starts_with_ci(src, "git://")
        || starts_with_ci(src, "ssh://")
        || ((starts_with_ci(src, "https://") || starts_with_ci(src, "http://"))
            && ends_with_ci(src.split(['#', '?']).next().unwrap_or(""), ".git"))
}

fn is_archive(path: &str) -> bool {
    [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst",
    ]
    .iter()
    .any(|ext| ends_with_ci(path, ext))
}

/// `s.to_ascii_lowercase().starts_with(prefix)` for a lowercase ASCII `prefix`, without
/// the copy.
fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `s.to_ascii_lowercase().ends_with(suffix)` for a lowercase ASCII `suffix`, without the
/// copy.
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= suffix.len()
        && b.get(b.len() - suffix.len()..)
            .is_some_and(|p| p.eq_ignore_ascii_case(suffix.as_bytes()))
}

impl Sim<'_> {
    fn line(&self, span: Span) -> usize {
        self.lines.line(span.start)
    }

    /// Appends the stage's display name (its `AS` name, else `stage-N`) without a copy.
    fn push_stage_name(&self, out: &mut String, s: usize) {
        match self.stages.get(s).and_then(|st| st.name.as_deref()) {
            Some(n) => out.push_str(n),
            None => {
                out.push_str("stage-");
                push_num(out, s as u64);
            }
        }
    }

    fn stage_name(&self, s: usize) -> String {
        let mut name = String::new();
        self.push_stage_name(&mut name, s);
        name
    }

    fn instruction_label(&self, i: usize) -> String {
        let Some(v) = self.views.get(i) else {
            return String::new();
        };
        let kw = v.keyword.map_or("", Keyword::as_str);
        let mut s = String::with_capacity(96);
        s.push_str(kw);
        for (name, value) in &v.flags {
            if name.eq_ignore_ascii_case("mount") {
                continue;
            }
            s.push_str(" --");
            s.push_str(name);
            if let Some(val) = value {
                s.push('=');
                s.push_str(val);
            }
        }
        // Heredoc markers not already written in the arguments (scanning a long RUN script
        // for `<<` only when the instruction has heredocs at all).
        let marked = !v.heredocs.is_empty() && v.args.iter().any(|a| a.contains("<<"));
        for (name, _) in v.heredocs.iter().filter(|_| !marked) {
            s.push_str(" <<");
            s.push_str(name);
        }
        for a in &v.args {
            if s.len() > 80 {
                break;
            }
            s.push(' ');
            let first = a.get(..find_newline(a).unwrap_or(a.len())).unwrap_or("");
            s.push_str(first.strip_suffix('\r').unwrap_or(first));
        }
        shorten_in_place(&mut s, 80);
        s
    }

    /// A new provenance for a path produced here.
    fn prov(&self, stage: usize, i: Option<usize>, kind: FileKind, path: &str) -> Provenance {
        let mut prov = self.prov_unlabelled(stage, i, kind, path.to_string());
        self.push_own_label(&mut prov);
        prov
    }

    /// Writes the label of a path produced by `prov`'s own instruction: "RUN, line 3 (run)"
    /// (or "base of NAME"), without the formatting machinery (a hot path).
    fn push_own_label(&self, prov: &mut Provenance) {
        let label = &mut prov.label;
        match prov.instruction {
            Some(i) => {
                label.push_str(self.keyword_of(i));
                label.push_str(", line ");
                push_num(label, prov.line as u64);
                label.push_str(" (");
                label.push_str(prov.kind.label());
                label.push(')');
            }
            None => {
                label.push_str("base of ");
                self.push_stage_name(label, prov.stage);
            }
        }
    }

    /// [`Sim::prov`] with an empty label (room reserved) and the given origin path, for
    /// callers that write their own label.
    fn prov_unlabelled(
        &self,
        stage: usize,
        i: Option<usize>,
        kind: FileKind,
        origin_path: String,
    ) -> Provenance {
        let span = i
            .and_then(|i| self.views.get(i))
            .map_or(Span::default(), |v| v.span);
        let line = if i.is_some() { self.line(span) } else { 0 };
        Provenance {
            stage,
            instruction: i,
            span,
            kind,
            line,
            origin_stage: stage,
            origin_instruction: i,
            origin_kind: kind,
            origin_line: line,
            origin_path,
            label: String::with_capacity(40),
        }
    }

    fn keyword_of(&self, i: usize) -> &'static str {
        self.views
            .get(i)
            .and_then(|v| v.keyword)
            .map_or("", Keyword::as_str)
    }

    fn take_budget(&mut self) -> bool {
        if self.budget == 0 {
            self.capped = true;
            return false;
        }
        self.budget -= 1;
        true
    }

    fn run_stage(&mut self, stage: &Stage) -> StageState {
        let mut st = StageState {
            workdir: "/".into(),
            ..StageState::default()
        };
        let from = stage.from_instruction;
        let mut from_effect = Effect {
            instruction: from,
            stage: stage.index,
            line: self.views.get(from).map_or(0, |v| self.line(v.span)),
            label: self.instruction_label(from),
            ..Effect::default()
        };
        match &stage.base {
            Base::Stage { stage: parent } => {
                if let Some(p) = self.states.get(*parent) {
                    // Clone what the child inherits (not the parent's effects). The whole
                    // map counts against the path budget; past it the child starts empty.
                    let files = if self.budget >= p.files.len() {
                        self.budget -= p.files.len();
                        p.files.clone()
                    } else {
                        self.capped = true;
                        BTreeMap::new()
                    };
                    st = StageState {
                        files,
                        workdir: p.workdir.clone(),
                        effects: Vec::new(),
                        layers_bytes: p.layers_bytes,
                        base_image: p.base_image.clone(),
                        base_size: p.base_size,
                        base_known: p.base_known,
                        base_paths: p.base_paths.clone(),
                        base_source: p.base_source.clone(),
                        wasted: p.wasted.clone(),
                        areas: p.areas.clone(),
                        runs: p.runs.clone(),
                        vars: p.vars.clone(),
                        not_persisted: Vec::new(),
                    };
                    let mut note = String::with_capacity(64);
                    note.push_str("starts from stage ");
                    self.push_stage_name(&mut note, *parent);
                    note.push_str(" (its whole filesystem)");
                    from_effect.note = Some(note);
                } else {
                    from_effect.note = Some("the base stage is not simulated".into());
                }
            }
            Base::Scratch => {
                st.base_known = true;
                st.base_size = Some(0);
                from_effect.note = Some("scratch: the empty filesystem".into());
            }
            Base::Image { name } => {
                let info = images::lookup(name, stage.platform.as_deref());
                st.base_image = Some(name.clone());
                st.base_size = info.size;
                st.base_known = info.size.is_some();
                st.base_source = info.entry.as_ref().map(|e| e.source.clone());
                from_effect.layer_bytes = info.size.unwrap_or(0);
                let mut note = format!("base image {name}: {}", info.size_label);
                for n in &info.notes {
                    note.push_str("; ");
                    note.push_str(n);
                }
                from_effect.note = Some(note);
                if let Some(e) = &info.entry {
                    st.base_paths = Rc::new(e.paths.iter().map(|p| clean(p)).collect());
                    for raw in &e.paths {
                        if !self.take_budget() {
                            break;
                        }
                        // The catalogue marks directories with a trailing `/`.
                        let is_dir = raw.ends_with('/');
                        let p = clean(raw);
                        let prov = self.prov(stage.index, None, FileKind::Base, &p);
                        st.files.insert(
                            Rc::from(p.as_str()),
                            Rc::new(FileEntry {
                                path: p.clone(),
                                is_dir,
                                size: None,
                                provenance: prov,
                                note: Some(["part of ", name.as_str()].concat()),
                            }),
                        );
                    }
                }
            }
        }
        st.effects.reserve_exact(stage.instructions.len() + 1);
        st.effects.push(from_effect);
        for &i in &stage.instructions {
            let views = self.views;
            let Some(v) = views.get(i) else {
                continue;
            };
            let mut effect = Effect {
                instruction: i,
                stage: stage.index,
                line: self.line(v.span),
                label: self.instruction_label(i),
                ..Effect::default()
            };
            match v.keyword {
                Some(Keyword::Workdir) => {
                    let dir = v.args.first().copied().unwrap_or("/");
                    st.workdir = join(&st.workdir, dir);
                    let path = st.workdir.clone();
                    if !st.files.contains_key(path.as_str()) && path != "/" {
                        self.insert(
                            &mut st,
                            &mut effect,
                            stage.index,
                            i,
                            FileKind::Workdir,
                            &path,
                            true,
                            Some(0),
                            None,
                        );
                    }
                }
                Some(Keyword::Env) | Some(Keyword::Arg) => {
                    for (k, val) in &v.pairs {
                        st.vars.retain(|(n, _)| &**n != *k);
                        st.vars.push((Rc::from(*k), Rc::from(*val)));
                    }
                }
                Some(Keyword::Copy) | Some(Keyword::Add) => {
                    self.copy(&mut st, &mut effect, stage, i, v);
                }
                Some(Keyword::Run) => {
                    self.run(&mut st, &mut effect, stage.index, i, v);
                }
                Some(Keyword::Onbuild) => {
                    effect.note = Some("ONBUILD: runs only in stages built FROM this image".into());
                }
                _ => {}
            }
            st.layers_bytes = st.layers_bytes.saturating_add(effect.layer_bytes);
            sort::sort(&mut effect.added);
            sort::sort(&mut effect.removed);
            st.effects.push(effect);
        }
        st
    }

    /// Inserts a path (and records it in the effect). Existing directories stay; files are
    /// replaced.
    #[allow(clippy::too_many_arguments)]
    fn insert(
        &mut self,
        st: &mut StageState,
        effect: &mut Effect,
        stage: usize,
        i: usize,
        kind: FileKind,
        path: &str,
        is_dir: bool,
        size: Option<u64>,
        note: Option<String>,
    ) {
        let prov = self.prov(stage, Some(i), kind, path);
        self.insert_entry(
            st,
            effect,
            FileEntry {
                path: path.to_string(),
                is_dir,
                size,
                provenance: prov,
                note,
            },
        );
    }

    fn insert_entry(&mut self, st: &mut StageState, effect: &mut Effect, entry: FileEntry) {
        if !self.take_budget() {
            return;
        }
        effect.added_count += 1;
        if effect.added.len() < MAX_LISTED {
            effect.added.push(entry.path.clone());
        }
        effect.layer_bytes = effect.layer_bytes.saturating_add(entry.size.unwrap_or(0));
        // Overwriting a file of an earlier layer hides its bytes: they stay in the image.
        if let Some(old) = st.files.get(entry.path.as_str())
            && old.provenance.instruction != entry.provenance.instruction
            && !old.is_dir
            && old.size.unwrap_or(0) > 0
        {
            effect.wasted_bytes = effect.wasted_bytes.saturating_add(old.size.unwrap_or(0));
            st.wasted.push((**old).clone());
        }
        st.files
            .insert(Rc::from(entry.path.as_str()), Rc::new(entry));
    }

    /// Removes `path` and everything under it; bytes of earlier layers become waste.
    fn remove(&mut self, st: &mut StageState, effect: &mut Effect, i: usize, path: &str) {
        let keys: Vec<Rc<str>> = under(&st.files, path).map(|(k, _)| k.clone()).collect();
        for k in keys {
            if let Some(old) = st.files.remove(&k) {
                effect.removed_count += 1;
                if effect.removed.len() < MAX_LISTED {
                    effect.removed.push(k.to_string());
                }
                let bytes = old.size.unwrap_or(0);
                if old.provenance.instruction == Some(i) {
                    // Created and removed in the same layer: never stored.
                    effect.layer_bytes = effect.layer_bytes.saturating_sub(bytes);
                } else if bytes > 0 || old.provenance.kind == FileKind::Base {
                    effect.wasted_bytes = effect.wasted_bytes.saturating_add(bytes);
                    st.wasted.push(Rc::unwrap_or_clone(old));
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // COPY and ADD.

    fn copy(
        &mut self,
        st: &mut StageState,
        effect: &mut Effect,
        stage: &Stage,
        i: usize,
        v: &View,
    ) {
        let n = v.args.len().saturating_sub(1);
        let sources: &[&str] = v.args.get(..n).unwrap_or(&[]);
        let Some(dest_raw) = v.args.last().copied() else {
            return;
        };
        let is_add = v.keyword == Some(Keyword::Add);
        let dest = join(&st.workdir, dest_raw);
        // Several sources need a directory destination; a wildcard does too unless it
        // matches a single file (decided where the matches are known).
        let several = sources.len() + v.heredocs.len() > 1;
        let dest_is_dir = dest_raw.ends_with('/')
            || dest_raw == "."
            || several
            || st.files.get(dest.as_str()).is_some_and(|e| e.is_dir)
            || (st.base_image.is_some() && STANDARD_DIRS.contains(&dest.as_str()));
        let mut notes: Vec<String> = Vec::new();
        for flag in ["chown", "chmod", "link"] {
            if v.has_flag(flag) {
                notes.push(format!("--{flag} honoured (no change to paths)"));
            }
        }
        // Heredoc sources create files named after their delimiter.
        for (name, body) in &v.heredocs {
            let path = if dest_is_dir || name.is_empty() {
                join(&dest, if name.is_empty() { "heredoc" } else { name })
            } else {
                dest.clone()
            };
            self.insert(
                st,
                effect,
                stage.index,
                i,
                FileKind::Heredoc,
                &path,
                false,
                Some(body.len() as u64),
                None,
            );
        }
        match v.flag("from") {
            Some(from) => self.copy_from(
                st,
                effect,
                stage,
                i,
                from,
                sources,
                &dest,
                dest_is_dir,
                &mut notes,
            ),
            None => {
                let excludes: Vec<Glob> = v
                    .flags_named("exclude")
                    .filter_map(|p| Glob::new_ignore(&clean(p)).ok())
                    .collect();
                let parents = v.has_flag("parents")
                    && v.flag("parents")
                        .is_none_or(|x| x.is_empty() || x == "true");
                for &src in sources {
                    if is_remote(src) {
                        if !is_add {
                            notes.push(format!("COPY cannot take a URL ({src}); use ADD"));
                            continue;
                        }
                        let git = is_git(src);
                        let path = if git || !dest_is_dir {
                            dest.clone()
                        } else {
                            let url = src.split(['?', '#']).next().unwrap_or(src);
                            let name = url
                                .trim_end_matches('/')
                                .rsplit('/')
                                .next()
                                .unwrap_or("download");
                            join(&dest, name)
                        };
                        let note = if git {
                            "git repository, checked out (contents unknown)".to_string()
                        } else {
                            "downloaded at build time (size unknown)".to_string()
                        };
                        self.insert(
                            st,
                            effect,
                            stage.index,
                            i,
                            FileKind::Download,
                            &path,
                            git,
                            None,
                            Some(note),
                        );
                        continue;
                    }
                    self.copy_context(
                        st,
                        effect,
                        stage.index,
                        i,
                        src,
                        &dest,
                        dest_is_dir,
                        is_add,
                        parents,
                        &excludes,
                        &mut notes,
                    );
                }
            }
        }
        if !notes.is_empty() {
            notes.dedup();
            effect.note = Some(notes.join("; "));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn copy_context(
        &mut self,
        st: &mut StageState,
        effect: &mut Effect,
        stage: usize,
        i: usize,
        src: &str,
        dest: &str,
        dest_is_dir: bool,
        is_add: bool,
        parents: bool,
        excludes: &[Glob],
        notes: &mut Vec<String>,
    ) {
        // With --parents, a `/./` in the source marks where the kept part starts.
        let (pivot, src_rel) = match src.split_once("/./") {
            Some((a, b)) if parents => (
                clean(a.trim_start_matches('/')),
                clean(format!("{a}/{b}").trim_start_matches('/')),
            ),
            _ => (".".to_string(), clean(src.trim_start_matches('/'))),
        };
        if src_rel == ".." || src_rel.starts_with("../") {
            notes.push(format!("{src} is outside the build context"));
            return;
        }
        let rel_to_pivot = |p: &str| -> String {
            if pivot == "." {
                p.to_string()
            } else {
                p.strip_prefix(pivot.as_str())
                    .map_or(p, |r| r.trim_start_matches('/'))
                    .to_string()
            }
        };
        // (context path, destination path) pairs.
        let mut pairs: Vec<(String, String, Option<u64>)> = Vec::new();
        let mut matched_any = false;
        if has_wildcard(&src_rel) {
            let Ok(glob) = Glob::new(&src_rel) else {
                notes.push(format!("{src} is not a valid pattern"));
                return;
            };
            let depth = src_rel.split('/').count();
            // Every path of the context (files and their parent directories) at that depth.
            let mut candidates: Vec<String> = Vec::new();
            for f in &self.ctx.files {
                let parts: Vec<&str> = f.path.split('/').collect();
                if parts.len() >= depth {
                    candidates.push(parts.get(..depth).unwrap_or(&[]).join("/"));
                }
            }
            candidates.dedup();
            for m in candidates.into_iter().filter(|c| glob.matches(c)) {
                matched_any = true;
                for f in self.ctx.under(&m) {
                    let inside = f
                        .path
                        .strip_prefix(m.as_str())
                        .unwrap_or("")
                        .trim_start_matches('/');
                    let target = if parents {
                        join(dest, &rel_to_pivot(&f.path))
                    } else if inside.is_empty() {
                        join(dest, m.rsplit('/').next().unwrap_or(&m))
                    } else {
                        join(dest, inside)
                    };
                    pairs.push((f.path.clone(), target, f.size));
                }
            }
        } else if src_rel == "." {
            matched_any = true;
            for f in &self.ctx.files {
                pairs.push((f.path.clone(), join(dest, &f.path), f.size));
            }
            if self.ctx.files.is_empty() || self.ctx.inferred {
                notes.push(
                    "copies the whole build context (its files are unknown without a listing)"
                        .into(),
                );
                if self.ctx.files.is_empty() {
                    self.insert(
                        st,
                        effect,
                        stage,
                        i,
                        FileKind::Context,
                        dest,
                        true,
                        None,
                        Some("the whole build context".into()),
                    );
                }
            }
        } else {
            let is_dir = self.ctx.is_dir(&src_rel);
            for f in self.ctx.under(&src_rel) {
                matched_any = true;
                // The directory itself is the destination directory, inserted below.
                if f.path == src_rel && f.is_dir && !parents {
                    continue;
                }
                let target = if parents {
                    join(dest, &rel_to_pivot(&f.path))
                } else if f.path == src_rel && !f.is_dir {
                    if dest_is_dir {
                        join(dest, f.path.rsplit('/').next().unwrap_or(&f.path))
                    } else {
                        dest.to_string()
                    }
                } else {
                    // A directory source copies its contents.
                    let inside = f
                        .path
                        .strip_prefix(src_rel.as_str())
                        .unwrap_or("")
                        .trim_start_matches('/');
                    join(dest, inside)
                };
                pairs.push((f.path.clone(), target, f.size));
            }
            if is_dir && matched_any && !parents {
                // The destination directory itself.
                if !st.files.contains_key(dest) {
                    self.insert(
                        st,
                        effect,
                        stage,
                        i,
                        FileKind::Context,
                        dest,
                        true,
                        Some(0),
                        None,
                    );
                }
            }
        }
        if !matched_any {
            let ignored = self
                .ctx
                .ignored
                .iter()
                .find(|(p, _)| is_within(p, &src_rel));
            notes.push(match ignored {
                Some((_, line)) => format!("{src} is excluded by .dockerignore (line {line})"),
                None => format!("{src} is not in the build context"),
            });
            return;
        }
        // A wildcard that matches one file copies it to a file destination.
        if has_wildcard(&src_rel)
            && !dest_is_dir
            && let [(from, to, _)] = pairs.as_mut_slice()
            && !self.ctx.is_dir(from)
        {
            *to = dest.to_string();
        }
        for (from, to, size) in pairs {
            if excludes.iter().any(|g| {
                g.matches(&from)
                    || from
                        .match_indices('/')
                        .any(|(k, _)| g.matches(from.get(..k).unwrap_or("")))
            }) {
                continue;
            }
            let (is_dir, note) = match self
                .ctx
                .files
                .binary_search_by(|f| f.path.as_str().cmp(&from))
            {
                Ok(k) => (self.ctx.files.get(k).is_some_and(|f| f.is_dir), None),
                Err(_) => (false, None),
            };
            if is_add && is_archive(&from) {
                // ADD extracts a local archive into the destination.
                let dir = if dest_is_dir {
                    dest.to_string()
                } else {
                    to.clone()
                };
                self.insert(
                    st,
                    effect,
                    stage,
                    i,
                    FileKind::Context,
                    &dir,
                    true,
                    size,
                    Some(format!("{from} extracted here (contents unknown)")),
                );
                continue;
            }
            self.insert(
                st,
                effect,
                stage,
                i,
                FileKind::Context,
                &to,
                is_dir,
                size,
                note,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn copy_from(
        &mut self,
        st: &mut StageState,
        effect: &mut Effect,
        stage: &Stage,
        i: usize,
        from: &str,
        sources: &[&str],
        dest: &str,
        dest_is_dir: bool,
        notes: &mut Vec<String>,
    ) {
        let source_stage = resolve_from(from, self.stages, &self.names);
        let Some(s) = source_stage else {
            // An external image: its paths are opaque.
            for src in sources {
                let path = if dest_is_dir {
                    join(dest, clean(src).rsplit('/').next().unwrap_or(src))
                } else {
                    dest.to_string()
                };
                let last = src.trim_end_matches('/').rsplit('/').next().unwrap_or("");
                let is_dir = src.ends_with('/') || OUTPUT_DIR_NAMES.contains(&last);
                self.insert(
                    st,
                    effect,
                    stage.index,
                    i,
                    FileKind::CopyFromImage,
                    &path,
                    is_dir,
                    None,
                    Some(format!("{src} from image {from} (contents unknown)")),
                );
            }
            return;
        };
        if s >= stage.index {
            notes.push(format!(
                "--from={from} names a stage that is not defined before this one"
            ));
            return;
        }
        for src in sources {
            let src_abs = join("/", src);
            // Shared, not deep copies: only a few fields of each are read.
            let mut found: Vec<Rc<FileEntry>> = Vec::new();
            let wildcard = has_wildcard(&src_abs);
            if let Some(source) = self.states.get(s) {
                if wildcard {
                    if let Ok(g) = Glob::new(&src_abs) {
                        let depth = src_abs.matches('/').count();
                        for (k, e) in &source.files {
                            let prefix: String =
                                k.split('/').take(depth + 1).collect::<Vec<_>>().join("/");
                            if g.matches(&prefix) {
                                found.push(Rc::clone(e));
                            }
                        }
                    }
                } else {
                    found.extend(under(&source.files, &src_abs).map(|(_, e)| Rc::clone(e)));
                }
            }
            if found.is_empty() {
                // For a wildcard the inferred entry keeps the pattern as its name: Stageplay
                // cannot know which files will match.
                match self.infer(s, &src_abs, src.ends_with('/')) {
                    Some(e) => found.push(e),
                    None => continue,
                }
            }
            let root_is_file = found.len() == 1
                && found
                    .first()
                    .is_some_and(|e| (e.path == src_abs || wildcard) && !e.is_dir);
            for e in found {
                let target = if root_is_file {
                    if dest_is_dir {
                        join(dest, e.path.rsplit('/').next().unwrap_or(&e.path))
                    } else {
                        dest.to_string()
                    }
                } else if wildcard {
                    // The matched entry keeps its name (and its subtree) under the destination.
                    let depth = src_abs.matches('/').count();
                    let rest: Vec<&str> = e.path.split('/').skip(depth).collect();
                    join(dest, &rest.join("/"))
                } else {
                    let inside = e
                        .path
                        .strip_prefix(src_abs.as_str())
                        .unwrap_or("")
                        .trim_start_matches('/');
                    join(dest, inside)
                };
                if target == "/" {
                    continue;
                }
                let mut prov = self.prov_unlabelled(
                    stage.index,
                    Some(i),
                    FileKind::CopyFromStage,
                    e.provenance.origin_path.clone(),
                );
                prov.origin_stage = e.provenance.origin_stage;
                prov.origin_instruction = e.provenance.origin_instruction;
                prov.origin_kind = e.provenance.origin_kind;
                prov.origin_line = e.provenance.origin_line;
                let label = &mut prov.label;
                label.push_str("COPY --from=");
                self.push_stage_name(label, s);
                label.push_str(", line ");
                push_num(label, prov.line as u64);
                label.push_str(" ← ");
                self.push_stage_name(label, e.provenance.origin_stage);
                match e.provenance.origin_instruction {
                    Some(_) => {
                        label.push_str(", line ");
                        push_num(label, e.provenance.origin_line as u64);
                        label.push_str(" (");
                        label.push_str(e.provenance.origin_kind.label());
                        label.push(')');
                    }
                    None => label.push_str(" (base image)"),
                }
                self.insert_entry(
                    st,
                    effect,
                    FileEntry {
                        path: target,
                        is_dir: e.is_dir,
                        size: e.size,
                        provenance: prov,
                        note: e.note.clone(),
                    },
                );
            }
        }
    }

    /// Records `path` in stage `s` as produced by its most plausible RUN (inferred), and
    /// returns the entry. `None` when the stage has no RUN at all (then the path would come
    /// from its base image, which is opaque: it is recorded as such).
    fn infer(&mut self, s: usize, path: &str, is_dir: bool) -> Option<Rc<FileEntry>> {
        let source = self.states.get(s)?;
        // The most plausible RUN, in this order: in the stage itself, the last one whose
        // recogniser declared an output area containing the path, whose text mentions the
        // path (or its file name), or that ran a command no recogniser knows; then the same
        // two first tests in the stages it is built FROM; then the last RUN at all.
        let file_name = path.rsplit('/').next().unwrap_or(path);
        let own_run = |i: usize| {
            source
                .runs
                .iter()
                .any(|(r, _, owner, _)| *r == i && *owner == s)
        };
        let in_area = |dir: &String| is_within(path, dir);
        let mentions =
            |text: &str| text.contains(path) || (!file_name.is_empty() && text.contains(file_name));
        let area_of = |own: bool| {
            source
                .areas
                .iter()
                .rev()
                .find(|(dir, i, _)| own_run(*i) == own && in_area(dir))
        };
        let text_of = |own: bool| {
            source
                .runs
                .iter()
                .rev()
                .find(|(_, text, owner, _)| (*owner == s) == own && mentions(text))
                .map(|(i, ..)| *i)
        };
        let own_area = area_of(true);
        let chain_area = area_of(false);
        let unknown_own = source
            .runs
            .iter()
            .rev()
            .find(|(_, _, owner, unknown)| *owner == s && *unknown)
            .map(|(i, ..)| *i);
        let area_size = own_area.or(chain_area).and_then(|(_, _, size)| *size);
        let by_area = own_area.map(|(_, i, _)| *i);
        let run = by_area
            .or_else(|| text_of(true))
            .or(unknown_own)
            .or_else(|| chain_area.map(|(_, i, _)| *i))
            .or_else(|| text_of(false))
            .or_else(|| source.runs.last().map(|(i, ..)| *i));
        let by_area = own_area
            .or(chain_area)
            .map(|(_, i, _)| *i)
            .filter(|i| Some(*i) == run);
        let (kind, instruction, note) = match run {
            Some(i) => (
                FileKind::Inferred,
                Some(i),
                format!(
                    "not visible in the simulation: inferred as produced by this RUN (line {})",
                    self.views.get(i).map_or(0, |v| self.line(v.span))
                ),
            ),
            None => (
                FileKind::Base,
                None,
                "not visible in the simulation: taken to come from the base image".to_string(),
            ),
        };
        let mut prov = self.prov(s, instruction, kind, path);
        if let Some(i) = instruction {
            // The RUN may belong to the stage's FROM chain rather than to `s` itself.
            if let Some(owner) = self.stages.iter().find(|st| st.instructions.contains(&i)) {
                prov.stage = owner.index;
                prov.origin_stage = owner.index;
            }
        }
        // Whether an inferred path is a directory is a guess: a trailing `/`, or a name
        // that build tools use for output directories.
        let is_dir = is_dir || OUTPUT_DIR_NAMES.contains(&file_name);
        let entry = Rc::new(FileEntry {
            path: path.to_string(),
            is_dir,
            size: if by_area.is_some() { area_size } else { None },
            provenance: prov,
            note: Some(note),
        });
        if !self.take_budget() {
            return Some(entry);
        }
        if let Some(state) = self.states.get_mut(s) {
            state.files.insert(Rc::from(path), Rc::clone(&entry));
            if let Some(i) = instruction
                && let Some(eff) = state.effects.iter_mut().find(|e| e.instruction == i)
            {
                eff.added_count += 1;
                if eff.added.len() < MAX_LISTED {
                    eff.added.push(format!("{path} (inferred)"));
                }
            }
        }
        Some(entry)
    }

    // -----------------------------------------------------------------------------------
    // RUN.

    fn run(&mut self, st: &mut StageState, effect: &mut Effect, stage: usize, i: usize, v: &View) {
        let vars = &st.vars;
        let lookup = |name: &str| {
            vars.iter()
                .rev()
                .find(|(k, _)| &**k == name)
                .map(|(_, v)| v.to_string())
        };
        let heredocs = &v.heredocs;
        // `RUN <<EOF` alone: the heredoc is the script.
        let mut text = v.args.join(" ");
        if !v.exec_form
            && text.trim().is_empty()
            && let Some((name, _)) = v.heredocs.first()
        {
            text = format!("<<{name}");
        }
        let script = if v.exec_form {
            RunScript::Exec(&v.args)
        } else {
            RunScript::Shell(&text)
        };
        let fx = run_effects::analyze_run_with(&script, heredocs, &st.workdir, &lookup, false);
        // The text later `COPY --from` inference searches: the command and heredoc bodies.
        let mut mention = text;
        for (_, b) in &v.heredocs {
            if mention.len() > 4096 {
                break;
            }
            mention.push('\n');
            mention.push_str(b);
        }
        shorten_in_place(&mut mention, 4096);
        st.runs.push((i, Rc::from(mention), stage, fx.unknown));
        // Writes under a cache, tmpfs, secret or bind mount do not persist in the image.
        // (target, type as written); only needed when the RUN changes paths.
        let mounts: Vec<(String, &str)> = if fx.ops.is_empty() {
            Vec::new()
        } else {
            v.mounts
                .iter()
                .filter_map(|m| m.target.map(|t| (join(&st.workdir, t), m.kind)))
                .collect()
        };
        let mounted = |p: &str| {
            mounts
                .iter()
                .find(|(t, _)| is_within(p, t))
                .map(|(t, k)| (t.as_str(), *k))
        };
        let mut notes: Vec<String> = Vec::new();
        for op in fx.ops {
            match op {
                Op::Add {
                    path,
                    is_dir,
                    size,
                    by,
                } => {
                    if let Some((t, kind)) = mounted(&path) {
                        let kind = kind.to_ascii_lowercase();
                        notes.push(format!(
                            "{path} is written to the {kind} mount {t}: not persisted in the image"
                        ));
                        st.not_persisted.push(path);
                        continue;
                    }
                    // A directory that already exists grows: a second `apt-get install`
                    // adds its packages to `/usr` (the entry keeps its first origin).
                    if is_dir
                        && let Some(e) = st.files.get_mut(path.as_str())
                        && e.is_dir
                    {
                        let add = size.unwrap_or(0);
                        if e.provenance.kind != FileKind::Base {
                            let e = Rc::make_mut(e);
                            e.size = Some(e.size.unwrap_or(0).saturating_add(add));
                        }
                        effect.layer_bytes = effect.layer_bytes.saturating_add(add);
                        continue;
                    }
                    self.insert(
                        st,
                        effect,
                        stage,
                        i,
                        FileKind::Run,
                        &path,
                        is_dir,
                        size,
                        Some(["by `", by, "`"].concat()),
                    );
                }
                Op::Remove { path, .. } => {
                    if mounted(&path).is_none() {
                        self.remove(st, effect, i, &path);
                    }
                }
                Op::Copy { from, to, by } | Op::Move { from, to, by } => {
                    let moving = by == "mv";
                    let found: Vec<Rc<FileEntry>> =
                        under(&st.files, &from).map(|(_, e)| Rc::clone(e)).collect();
                    let to_dir = st.files.get(to.as_str()).is_some_and(|e| e.is_dir);
                    for e in &found {
                        let inside = e
                            .path
                            .strip_prefix(from.as_str())
                            .unwrap_or("")
                            .trim_start_matches('/');
                        let base = if to_dir {
                            join(&to, from.rsplit('/').next().unwrap_or(""))
                        } else {
                            to.clone()
                        };
                        let target = join(&base, inside);
                        let mut prov = self.prov_unlabelled(
                            stage,
                            Some(i),
                            FileKind::Run,
                            e.provenance.origin_path.clone(),
                        );
                        self.push_own_label(&mut prov);
                        prov.origin_stage = e.provenance.origin_stage;
                        prov.origin_instruction = e.provenance.origin_instruction;
                        prov.origin_kind = e.provenance.origin_kind;
                        prov.origin_line = e.provenance.origin_line;
                        let entry = FileEntry {
                            path: target,
                            is_dir: e.is_dir,
                            size: e.size,
                            provenance: prov,
                            note: Some(["by `", by, "` from ", e.path.as_str()].concat()),
                        };
                        self.insert_entry(st, effect, entry);
                    }
                    if moving && !found.is_empty() {
                        self.remove(st, effect, i, &from);
                    }
                    if found.is_empty() {
                        // The source is unknown (produced by an unknown command): record
                        // the destination so later COPY --from can find it.
                        if mounted(&to).is_none() && !st.files.contains_key(to.as_str()) {
                            self.insert(
                                st,
                                effect,
                                stage,
                                i,
                                FileKind::Run,
                                &to,
                                false,
                                None,
                                Some(format!("by `{by}` from {from}")),
                            );
                        }
                    }
                }
                Op::Area { dir, size, .. } => {
                    if mounted(&dir).is_none() {
                        st.areas.push((dir, i, size));
                    }
                }
            }
        }
        for m in &v.mounts {
            if m.kind.eq_ignore_ascii_case("cache")
                && let Some(t) = m.target
            {
                notes.push(format!(
                    "cache mount {t}: reused between builds, not in the image"
                ));
            }
        }
        if fx.unknown {
            notes.push("RUN changed files (unknown)".into());
        }
        if fx.truncated {
            notes.push("the script is long: only its start was analysed".into());
        }
        if !notes.is_empty() {
            notes.dedup();
            effect.note = Some(notes.join("; "));
        }
    }

    // -----------------------------------------------------------------------------------
    // Final image, left behind, sizes.

    /// Summarises, then moves the per-stage states into the result (no second copy).
    fn finish(self, plan: &TargetPlan) -> FileFlow {
        let built = built_flags(plan, self.stages.len());
        let mut flow = self.summarise(plan, &built);
        flow.context = self.ctx;
        flow.stages = self
            .states
            .into_iter()
            .enumerate()
            .map(|(s, st)| StageFs {
                stage: s,
                size: stage_size(&st),
                entries: st.files.into_values().collect(),
                workdir: st.workdir,
                effects: st.effects,
                layers_bytes: st.layers_bytes,
                base_image: st.base_image,
                base_size: st.base_size,
                wasted: st.wasted,
                built: built.get(s).copied().unwrap_or(false),
            })
            .collect();
        flow
    }

    /// The final image, what is left behind and the sizes, from the simulated stages.
    fn summarise(&self, plan: &TargetPlan, built: &[bool]) -> FileFlow {
        let mut flow = FileFlow::default();
        // A target that cannot be built (an unknown name, a dependency cycle) has no image.
        let Some(target) = plan
            .target
            .filter(|&t| t < self.states.len() && built.get(t).copied().unwrap_or(false))
        else {
            flow.size.estimate = true;
            flow.size.summary = "no buildable target stage: nothing to size".into();
            return flow;
        };
        let Some(fin) = self.states.get(target) else {
            return flow;
        };
        // The target's FROM chain: its stages' own paths reach the image too.
        let mut chain = vec![target];
        let mut cur = target;
        while let Some(Base::Stage { stage: p }) = self.stages.get(cur).map(|s| &s.base) {
            if *p >= cur || chain.len() > self.stages.len() {
                break;
            }
            chain.push(*p);
            cur = *p;
        }
        let mut in_chain = vec![false; self.stages.len()];
        for &s in &chain {
            if let Some(x) = in_chain.get_mut(s) {
                *x = true;
            }
        }
        flow.final_image = FinalImage {
            stage: Some(target),
            base: fin.base_image.clone(),
            base_size: fin.base_size,
            base_size_label: match (fin.base_image.as_ref(), fin.base_size) {
                (None, Some(_)) => "scratch: 0 B".into(),
                (_, Some(b)) => format!("≈ {} (estimate)", human_size(b)),
                _ => "size unknown".into(),
            },
            base_source: fin.base_source.clone(),
            base_paths: fin.base_paths.to_vec(),
            files: fin
                .files
                .values()
                .filter(|e| {
                    e.provenance.kind != FileKind::Base || e.provenance.instruction.is_some()
                })
                .map(|e| (**e).clone())
                .collect(),
            wasted: fin.wasted.clone(),
        };
        // What reaches the final image, by origin.
        let reached: std::collections::BTreeSet<(usize, Option<usize>, &str)> = fin
            .files
            .values()
            .map(|e| &**e)
            .chain(fin.wasted.iter())
            .map(|e| {
                (
                    e.provenance.origin_stage,
                    e.provenance.origin_instruction,
                    e.provenance.origin_path.as_str(),
                )
            })
            .collect();
        // The final image's paths by origin stage and path: what a directory's contents reach.
        let reached_paths: std::collections::BTreeSet<(usize, &str)> = fin
            .files
            .values()
            .map(|e| (e.provenance.origin_stage, e.provenance.origin_path.as_str()))
            .collect();
        for (s, st) in self.states.iter().enumerate() {
            if !built.get(s).copied().unwrap_or(false) || in_chain.get(s).copied().unwrap_or(true) {
                continue;
            }
            let parent = match self.stages.get(s).map(|x| &x.base) {
                Some(Base::Stage { stage }) => Some(*stage),
                _ => None,
            };
            let mut bytes = 0u64;
            let mut count = 0usize;
            for e in st.files.values() {
                // Only what this stage produced itself (its parents report theirs).
                let own = e.provenance.stage == s
                    && (e.provenance.instruction.is_some() || parent.is_none());
                if !own {
                    continue;
                }
                let key = (
                    e.provenance.origin_stage,
                    e.provenance.origin_instruction,
                    e.provenance.origin_path.as_str(),
                );
                if reached.contains(&key) {
                    continue;
                }
                // A directory whose contents partly reach the image is not left behind.
                if e.is_dir && e.size.unwrap_or(0) == 0 {
                    let prefix = format!("{}/", e.path.trim_end_matches('/'));
                    // The first reached path of this stage at or after the prefix is the
                    // only one that can start with it.
                    let inside = reached_paths
                        .range((s, prefix.as_str())..)
                        .next()
                        .is_some_and(|&(rs, p)| rs == s && p.starts_with(prefix.as_str()));
                    if inside {
                        continue;
                    }
                }
                bytes = bytes.saturating_add(e.size.unwrap_or(0));
                count += 1;
                flow.left_behind.push((**e).clone());
            }
            let base_left =
                parent.is_none() && st.base_image.is_some() && st.base_image != fin.base_image;
            flow.left_behind_stages.push(LeftBehindStage {
                stage: s,
                name: self.stage_name(s),
                base: if base_left {
                    st.base_image.clone()
                } else {
                    None
                },
                base_size: if base_left { st.base_size } else { None },
                bytes: bytes.saturating_add(st.wasted.iter().filter_map(|w| w.size).sum::<u64>()),
                paths: count,
            });
        }
        // Sizes.
        let mut by_origin: Vec<(String, u64)> = Vec::new();
        let root = chain.last().copied().unwrap_or(target);
        let root_state = self.states.get(root);
        match root_state.and_then(|r| r.base_image.clone()) {
            Some(img) => by_origin.push((format!("base {img}"), fin.base_size.unwrap_or(0))),
            None => by_origin.push(("scratch".into(), 0)),
        }
        for &s in chain.iter().rev() {
            if let Some(st) = self.states.get(s) {
                for eff in st.effects.iter().filter(|e| e.stage == s) {
                    let kw = self.keyword_of(eff.instruction);
                    if eff.layer_bytes == 0 || kw == "FROM" {
                        continue;
                    }
                    by_origin.push((
                        shorten(&format!("line {}: {}", eff.line, eff.label), 60),
                        eff.layer_bytes,
                    ));
                }
            }
        }
        let final_known = fin.base_size.unwrap_or(0).saturating_add(fin.layers_bytes);
        let wasted: u64 = fin.wasted.iter().filter_map(|w| w.size).sum();
        let final_bytes = fin.base_size.map(|_| final_known);
        // The build stage: the heaviest built stage outside the target's chain.
        let build = self
            .states
            .iter()
            .enumerate()
            .filter(|(s, _)| {
                built.get(*s).copied().unwrap_or(false)
                    && !in_chain.get(*s).copied().unwrap_or(true)
            })
            .filter_map(|(s, st)| stage_size(st).map(|b| (s, b)))
            .max_by_key(|&(s, b)| (b, std::cmp::Reverse(s)));
        let saving = match (final_bytes, build) {
            (Some(f), Some((_, b))) if b > 0 && f <= b => {
                Some((100.0 - (f as f64) * 100.0 / (b as f64)).round() as u32)
            }
            _ => None,
        };
        let summary = match (final_bytes, build) {
            (Some(f), Some((s, b))) => match saving {
                Some(p) => format!(
                    "≈ {} instead of ≈ {} for shipping stage {}: {p} % smaller (estimates)",
                    human_size(f),
                    human_size(b),
                    self.stage_name(s)
                ),
                None => format!(
                    "≈ {} (estimate); shipping stage {} would be ≈ {}",
                    human_size(f),
                    self.stage_name(s),
                    human_size(b)
                ),
            },
            (Some(f), None) => format!("≈ {} (estimate)", human_size(f)),
            (None, _) => format!(
                "size unknown: the base image is not in the catalogue (layers ≈ {}, estimate)",
                human_size(fin.layers_bytes)
            ),
        };
        let summary = if wasted > 0 {
            format!(
                "{summary}; ≈ {} of it is removed by a later layer but still stored",
                human_size(wasted)
            )
        } else {
            summary
        };
        flow.size = SizeSummary {
            estimate: true,
            final_bytes,
            final_known_bytes: final_known,
            build_stage: build.map(|(s, _)| s),
            build_stage_bytes: build.map(|(_, b)| b),
            saving_percent: saving,
            by_origin,
            summary,
        };
        if self.capped {
            flow.capped = true;
            flow.notes.push(format!(
                "The simulation stopped adding paths after {MAX_PATHS}: the lists are incomplete."
            ));
        }
        flow
    }
}

/// Per stage: whether the plan builds it (one pass, not a search per stage).
fn built_flags(plan: &TargetPlan, stages: usize) -> Vec<bool> {
    let mut built = vec![false; stages];
    for &s in &plan.built {
        if let Some(b) = built.get_mut(s) {
            *b = true;
        }
    }
    built
}

/// Estimated total size of a stage: its base plus every layer; `None` when the base's
/// size is unknown.
fn stage_size(st: &StageState) -> Option<u64> {
    st.base_size.map(|b| b.saturating_add(st.layers_bytes))
}

/// Appends `n` in decimal (labels are built on a hot path; `write!` cost more).
fn push_num(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        if let Some(d) = digits.get_mut(k) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || k == 0 {
            break;
        }
    }
    for &d in digits.get(k..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

/// True when `path` is `dir` or lies under it (no allocation).
fn is_within(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/') || dir.is_empty())
}

/// The entries at `path` or under it.
fn under<'a>(
    files: &'a BTreeMap<Rc<str>, Rc<FileEntry>>,
    path: &'a str,
) -> impl Iterator<Item = (&'a Rc<str>, &'a Rc<FileEntry>)> + 'a {
    let dir_prefix = if path == "/" {
        "/".to_string()
    } else {
        [path.trim_end_matches('/'), "/"].concat()
    };
    let exact = files.get_key_value(path);
    let root = path == "/";
    exact.into_iter().chain(
        files
            .range::<str, _>((Bound::Included(dir_prefix.as_str()), Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(dir_prefix.as_str()))
            .filter(move |(k, _)| !root || &***k != "/"),
    )
}

/// Resolves a `--from` value: a stage index, a stage name (the later duplicate wins), else
/// `None` for an external image.
fn resolve_from(value: &str, stages: &[Stage], names: &StageNames<'_>) -> Option<usize> {
    if let Ok(n) = value.parse::<usize>() {
        return (n < stages.len()).then_some(n);
    }
    names.find(value)
}

/// [`shorten_in_place`] for a borrowed string: copies only the part that is kept.
fn shorten(s: &str, max: usize) -> String {
    let mut out = s
        .get(..floor_char_boundary(s, max))
        .unwrap_or("")
        .to_string();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------------------------------
// A readable text rendering (the CLI's `--format text` and the fixture snapshots).

/// Renders the file flow as text: the context, each stage's filesystem and steps, the
/// final image as a tree, what is left behind, and the size summary.
pub fn render_text(flow: &FileFlow, stages: &[Stage], with_stages: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let name = |s: usize| {
        stages
            .get(s)
            .map_or_else(|| format!("stage-{s}"), Stage::display_name)
    };
    let size = |b: Option<u64>| b.map_or_else(|| "?".to_string(), human_size);
    let _ = writeln!(
        out,
        "build context: {} files{}{}",
        flow.context.files.len(),
        if flow.context_inferred {
            " (inferred from COPY/ADD sources)"
        } else {
            ""
        },
        if flow.context.ignored.is_empty() {
            String::new()
        } else {
            format!(", {} excluded by .dockerignore", flow.context.ignored.len())
        }
    );
    for (p, line) in &flow.context.ignored {
        let _ = writeln!(out, "  excluded: {p} (.dockerignore line {line})");
    }
    for p in &flow.context.problems {
        let _ = writeln!(out, "  {} line {}: {}", p.input, p.line, p.message);
    }
    if with_stages {
        for st in &flow.stages {
            let _ = writeln!(
                out,
                "\nstage {} {}{}: {} paths, size {}",
                st.stage,
                name(st.stage),
                if st.built { "" } else { " (not built)" },
                st.entries.len(),
                st.size
                    .map_or_else(|| "unknown".to_string(), |b| format!("≈ {}", human_size(b)))
            );
            for e in &st.effects {
                let _ = write!(out, "  step line {}: {}", e.line, e.label);
                if e.added_count > 0 {
                    let _ = write!(out, " | +{}", e.added_count);
                }
                if e.removed_count > 0 {
                    let _ = write!(out, " | -{}", e.removed_count);
                }
                if e.layer_bytes > 0 {
                    let _ = write!(out, " | layer ≈ {}", human_size(e.layer_bytes));
                }
                if e.wasted_bytes > 0 {
                    let _ = write!(out, " | wasted ≈ {}", human_size(e.wasted_bytes));
                }
                if let Some(n) = &e.note {
                    let _ = write!(out, " | {n}");
                }
                out.push('\n');
            }
            for e in &st.entries {
                let _ = writeln!(
                    out,
                    "  {}{}  [{}] {}  {}",
                    e.path,
                    if e.is_dir && e.path != "/" { "/" } else { "" },
                    e.provenance.kind.label(),
                    size(e.size),
                    e.provenance.label
                );
            }
        }
    }
    let f = &flow.final_image;
    let _ = writeln!(
        out,
        "\nfinal image ({}): base {} {}",
        f.stage.map_or_else(|| "none".to_string(), name),
        f.base.as_deref().unwrap_or("scratch"),
        f.base_size_label
    );
    out.push_str(&tree(&f.files));
    for w in &f.wasted {
        let _ = writeln!(
            out,
            "  wasted: {} ≈ {} still in an earlier layer ({})",
            w.path,
            size(w.size),
            w.provenance.label
        );
    }
    let _ = writeln!(out, "\nleft behind:");
    for l in &flow.left_behind_stages {
        let _ = writeln!(
            out,
            "  stage {} {}: {}{} paths, ≈ {} of its own output",
            l.stage,
            l.name,
            match (&l.base, l.base_size) {
                (Some(b), s) => format!(
                    "base {b} ({}), ",
                    s.map_or_else(
                        || "size unknown".to_string(),
                        |s| format!("≈ {}", human_size(s))
                    )
                ),
                _ => String::new(),
            },
            l.paths,
            human_size(l.bytes)
        );
        for e in flow
            .left_behind
            .iter()
            .filter(|e| e.provenance.stage == l.stage)
        {
            let _ = writeln!(
                out,
                "    {}  [{}] {}  {}",
                e.path,
                e.provenance.kind.label(),
                size(e.size),
                e.provenance.label
            );
        }
    }
    let _ = writeln!(out, "\nsize: {}", flow.size.summary);
    for (label, bytes) in &flow.size.by_origin {
        let _ = writeln!(out, "  {:>8}  {label}", human_size(*bytes));
    }
    for n in &flow.notes {
        let _ = writeln!(out, "note: {n}");
    }
    out
}

/// An indented tree of absolute paths (sorted), each leaf with its badge.
fn tree(files: &[FileEntry]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut open: Vec<String> = Vec::new();
    for e in files {
        let parts: Vec<&str> = e.path.split('/').filter(|p| !p.is_empty()).collect();
        let common = open
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a.as_str() == **b)
            .count();
        open.truncate(common);
        // Print the directories between the last printed one and this path.
        for (depth, dir) in parts.iter().enumerate().skip(common) {
            if depth + 1 == parts.len() {
                break;
            }
            let _ = writeln!(out, "  {}{dir}/", "  ".repeat(depth));
            open.push((*dir).to_string());
        }
        let depth = parts.len().saturating_sub(1);
        let leaf = parts.last().copied().unwrap_or("/");
        let _ = writeln!(
            out,
            "  {}{leaf}{}  [{}] {}  {}",
            "  ".repeat(depth),
            if e.is_dir { "/" } else { "" },
            e.provenance.kind.label(),
            e.size.map_or_else(|| "?".to_string(), human_size),
            e.provenance.label
        );
        if e.is_dir {
            open.push(leaf.to_string());
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// JSON (the `final_image`, `left_behind`, `size` and `context` fields of SPEC §11).

fn entry_json(e: &FileEntry) -> serde_json::Value {
    serde_json::json!({
        "path": e.path,
        "is_dir": e.is_dir,
        // The stage the path comes from (for a copy, the source stage), the line of the
        // instruction that put it here, and its kind, as in SPEC §11.
        "stage": e.provenance.origin_stage,
        "line": (e.provenance.line > 0).then_some(e.provenance.line),
        "kind": serde_json::to_value(e.provenance.kind).unwrap_or_default(),
        "via_stage": e.provenance.stage,
        "origin_line": (e.provenance.origin_line > 0).then_some(e.provenance.origin_line),
        "origin_kind": serde_json::to_value(e.provenance.origin_kind).unwrap_or_default(),
        "origin_path": e.provenance.origin_path,
        "size": e.size,
        "label": e.provenance.label,
        "note": e.note,
    })
}

/// The `final_image` object: base, its estimated size, and every path with provenance.
pub fn final_image_json(flow: &FileFlow) -> serde_json::Value {
    let f = &flow.final_image;
    serde_json::json!({
        "stage": f.stage,
        "base": f.base,
        "base_size": f.base_size,
        "base_size_label": f.base_size_label,
        "base_source": f.base_source,
        "base_paths": f.base_paths,
        "files": f.files.iter().map(entry_json).collect::<Vec<_>>(),
        "wasted": f.wasted.iter().map(entry_json).collect::<Vec<_>>(),
    })
}

/// The `left_behind` array: what the built stages produced that does not reach the image.
pub fn left_behind_json(flow: &FileFlow) -> serde_json::Value {
    serde_json::Value::Array(flow.left_behind.iter().map(entry_json).collect())
}

/// The `size` object: every figure is an estimate (`"estimate": true`).
pub fn size_json(flow: &FileFlow) -> serde_json::Value {
    let s = &flow.size;
    serde_json::json!({
        "estimate": true,
        "final_bytes": s.final_bytes,
        "final_known_bytes": s.final_known_bytes,
        "build_stage": s.build_stage,
        "build_stage_bytes": s.build_stage_bytes,
        "saving_percent": s.saving_percent,
        "by_origin": s.by_origin.iter().map(|(label, bytes)| serde_json::json!({"label": label, "bytes": bytes})).collect::<Vec<_>>(),
        "left_behind_stages": flow.left_behind_stages,
        "summary": s.summary,
    })
}

/// The `context` object: the build context after `.dockerignore`, and what was inferred.
pub fn context_json(flow: &FileFlow) -> serde_json::Value {
    serde_json::json!({
        "inferred": flow.context_inferred,
        "files": flow.context.files.len(),
        "ignored": flow.context.ignored.iter().map(|(p, l)| serde_json::json!({"path": p, "dockerignore_line": l})).collect::<Vec<_>>(),
        "problems": flow.context.problems,
        "notes": flow.notes,
        "capped": flow.capped,
    })
}
