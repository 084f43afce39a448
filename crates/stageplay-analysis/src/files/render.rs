//! The file flow rendered: readable text (the CLI's `--format text` and the fixture
//! snapshots) and the JSON objects of the export.

use crate::stages::Stage;

use super::images::human_size;
use super::{FileEntry, FileFlow};

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
// JSON (the `final_image`, `left_behind`, `size` and `context` fields of docs/cli.md).

fn entry_json(e: &FileEntry) -> serde_json::Value {
    serde_json::json!({
        "path": e.path,
        "is_dir": e.is_dir,
        // The stage the path comes from (for a copy, the source stage), the line of the
        // instruction that put it here, and its kind, as in docs/cli.md.
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
