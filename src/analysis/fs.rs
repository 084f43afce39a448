//! Simulated filesystems: one per stage, built instruction by instruction, with the
//! provenance of every path, the final image, what is left behind, and size estimates.

use serde::Serialize;

use super::span::Span;

/// Where a path in a simulated filesystem came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// Part of the base image.
    Base,
    /// Copied from the build context.
    Context,
    /// Copied from another stage (`COPY --from=stage`).
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
}

/// The origin of a path: stage, instruction and kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub stage: usize,
    /// Index into `Analysis::instructions`; `None` for base-image paths.
    pub instruction: Option<usize>,
    pub span: Span,
    pub kind: FileKind,
}

/// One path in a simulated filesystem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileEntry {
    /// Absolute path in the image.
    pub path: String,
    pub is_dir: bool,
    /// Estimated size in bytes, when known.
    pub size: Option<u64>,
    pub provenance: Provenance,
}

/// How one instruction changed its stage's filesystem (for the step-through view).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Effect {
    pub instruction: usize,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Estimated size of the layer the instruction adds.
    pub layer_bytes: u64,
    /// A short human note ("RUN changed files (unknown)", "cache mount: not persisted").
    pub note: Option<String>,
}

/// The simulated filesystem of one stage, after its last instruction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StageFs {
    pub stage: usize,
    pub entries: Vec<FileEntry>,
    /// Working directory at the end of the stage.
    pub workdir: String,
    pub effects: Vec<Effect>,
    /// Estimated total size (base + layers).
    pub size: Option<u64>,
}

/// The target's image.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FinalImage {
    /// The external base at the root of the target's FROM chain (`None` for scratch).
    pub base: Option<String>,
    pub base_size: Option<u64>,
    /// Paths added on top of the base, with provenance.
    pub files: Vec<FileEntry>,
}

/// Estimated sizes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SizeSummary {
    pub final_bytes: Option<u64>,
    /// The stage one would ship without a multi-stage build (the heaviest built stage).
    pub build_stage: Option<usize>,
    pub build_stage_bytes: Option<u64>,
    /// Bytes per origin label ("base golang:1.16", "COPY --from=builder", ...).
    pub by_origin: Vec<(String, u64)>,
}

/// Everything the file simulation found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FileFlow {
    pub stages: Vec<StageFs>,
    pub final_image: FinalImage,
    pub left_behind: Vec<FileEntry>,
    pub size: SizeSummary,
    /// True when no build context was given and one was inferred from COPY/ADD sources.
    pub context_inferred: bool,
}
