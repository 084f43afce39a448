//! The file flow rendered: readable text (the CLI's `--format text` and the fixture
//! snapshots) and the JSON objects of the export.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::export::Each;
use crate::stages::Stage;

use super::images::human_size;
use super::{FileEntry, FileFlow, FileKind, LeftBehindStage};

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
                if let Some(n) = e.note() {
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
/// An entry's note when it says that something is unknown ("contents unknown: ...").
pub fn unknown_note(e: &FileEntry) -> Option<&str> {
    e.note.as_deref().filter(|n| n.contains("unknown"))
}

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
        let _ = write!(
            out,
            "  {}{leaf}{}  [{}] {}  {}",
            "  ".repeat(depth),
            if e.is_dir { "/" } else { "" },
            e.provenance.kind.label(),
            e.size.map_or_else(|| "?".to_string(), human_size),
            e.provenance.label
        );
        // What the simulation cannot know is said next to the path.
        if let Some(note) = unknown_note(e) {
            let _ = write!(out, "  ({note})");
        }
        out.push('\n');
        if e.is_dir {
            open.push(leaf.to_string());
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// JSON (the `final_image`, `left_behind`, `size` and `context` fields of docs/cli.md),
// serialized field by field like the rest of `export::JsonReport`.

/// One path with its provenance, in `final_image.files`, `final_image.wasted` and
/// `left_behind`. Fields in alphabetical order, as in `export/json.rs`.
#[derive(Serialize)]
struct EntryJson<'a> {
    is_dir: bool,
    kind: FileKind,
    label: &'a str,
    /// The line of the instruction that put the path here.
    line: Option<usize>,
    note: &'a Option<String>,
    origin_kind: FileKind,
    origin_line: Option<usize>,
    origin_path: &'a str,
    path: &'a str,
    size: Option<u64>,
    /// The stage the path comes from (for a copy, the source stage), as in docs/cli.md.
    stage: usize,
    via_stage: usize,
}

fn entry_json(e: &FileEntry) -> EntryJson<'_> {
    let p = &e.provenance;
    EntryJson {
        is_dir: e.is_dir,
        kind: p.kind,
        label: &p.label,
        line: (p.line > 0).then_some(p.line),
        note: &e.note,
        origin_kind: p.origin_kind,
        origin_line: (p.origin_line > 0).then_some(p.origin_line),
        origin_path: &p.origin_path,
        path: &e.path,
        size: e.size,
        stage: p.origin_stage,
        via_stage: p.stage,
    }
}

/// The `final_image` object: base, its estimated size, and every path with provenance.
pub(crate) struct FinalImageJson<'a>(pub &'a FileFlow);

impl Serialize for FinalImageJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = &self.0.final_image;
        let mut m = s.serialize_struct("FinalImage", 8)?;
        m.serialize_field("base", &f.base)?;
        m.serialize_field("base_paths", &f.base_paths)?;
        m.serialize_field("base_size", &f.base_size)?;
        m.serialize_field("base_size_label", &f.base_size_label)?;
        m.serialize_field("base_source", &f.base_source)?;
        m.serialize_field("files", &Each(&f.files, entry_json))?;
        m.serialize_field("stage", &f.stage)?;
        m.serialize_field("wasted", &Each(&f.wasted, entry_json))?;
        m.end()
    }
}

/// The `left_behind` array: what the built stages produced that does not reach the image.
pub(crate) struct LeftBehindJson<'a>(pub &'a FileFlow);

impl Serialize for LeftBehindJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Each(&self.0.left_behind, entry_json).serialize(s)
    }
}

/// The `size` object: every figure is an estimate (`"estimate": true`).
pub(crate) struct SizeJson<'a>(pub &'a FileFlow);

#[derive(Serialize)]
struct OriginBytesJson<'a> {
    bytes: u64,
    label: &'a str,
}

#[derive(Serialize)]
struct LeftBehindStageJson<'a> {
    base: &'a Option<String>,
    base_size: Option<u64>,
    bytes: u64,
    name: &'a str,
    paths: usize,
    stage: usize,
}

fn origin_bytes_json((label, bytes): &(String, u64)) -> OriginBytesJson<'_> {
    OriginBytesJson {
        bytes: *bytes,
        label,
    }
}

fn left_behind_stage_json(l: &LeftBehindStage) -> LeftBehindStageJson<'_> {
    LeftBehindStageJson {
        base: &l.base,
        base_size: l.base_size,
        bytes: l.bytes,
        name: &l.name,
        paths: l.paths,
        stage: l.stage,
    }
}

impl Serialize for SizeJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let flow = self.0;
        let z = &flow.size;
        let by_origin = Each(&z.by_origin, origin_bytes_json);
        let stages = Each(&flow.left_behind_stages, left_behind_stage_json);
        let mut m = s.serialize_struct("SizeSummary", 9)?;
        m.serialize_field("build_stage", &z.build_stage)?;
        m.serialize_field("build_stage_bytes", &z.build_stage_bytes)?;
        m.serialize_field("by_origin", &by_origin)?;
        m.serialize_field("estimate", &true)?;
        m.serialize_field("final_bytes", &z.final_bytes)?;
        m.serialize_field("final_known_bytes", &z.final_known_bytes)?;
        m.serialize_field("left_behind_stages", &stages)?;
        m.serialize_field("saving_percent", &z.saving_percent)?;
        m.serialize_field("summary", &z.summary)?;
        m.end()
    }
}

/// The `context` object: the build context after `.dockerignore`, and what was inferred.
pub(crate) struct ContextJson<'a>(pub &'a FileFlow);

#[derive(Serialize)]
struct IgnoredJson<'a> {
    dockerignore_line: usize,
    path: &'a str,
}

fn ignored_json((path, line): &(String, usize)) -> IgnoredJson<'_> {
    IgnoredJson {
        dockerignore_line: *line,
        path,
    }
}

impl Serialize for ContextJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let flow = self.0;
        let ignored = Each(&flow.context.ignored, ignored_json);
        // `InputProblem`'s own fields (input, line, message) are already alphabetical.
        let mut m = s.serialize_struct("Context", 6)?;
        m.serialize_field("capped", &flow.capped)?;
        m.serialize_field("files", &flow.context.files.len())?;
        m.serialize_field("ignored", &ignored)?;
        m.serialize_field("inferred", &flow.context_inferred)?;
        m.serialize_field("notes", &flow.notes)?;
        m.serialize_field("problems", &flow.context.problems)?;
        m.end()
    }
}
