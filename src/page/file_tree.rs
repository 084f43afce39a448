//! The Final image panel's view model: a filesystem listing flattened into tree rows, and
//! the label and class of each file's origin.

use crate::analysis::export::{bidi_marker, is_bidi_control};
use crate::analysis::files::{FileEntry, FileKind};
use crate::analysis::sort;

/// One row of the tree: a path component at a depth, with its entry when it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeRow<'a> {
    pub depth: usize,
    pub name: String,
    pub is_dir: bool,
    pub entry: Option<&'a FileEntry>,
}

/// Flattens entries into tree rows (parents first, implicit directories added), without
/// recursion.
pub fn tree_rows(entries: &[FileEntry]) -> Vec<TreeRow<'_>> {
    let mut sorted: Vec<&FileEntry> = entries.iter().collect();
    sort::sort_by(&mut sorted, |a, b| a.path.cmp(&b.path));
    let mut rows = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    for e in sorted {
        let parts: Vec<&str> = e.path.split('/').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() {
            continue;
        }
        let common = open
            .iter()
            .zip(parts.iter())
            .take_while(|(a, b)| a == b)
            .count();
        open.truncate(common);
        let last = parts.len() - 1;
        for (depth, part) in parts.iter().enumerate().skip(common) {
            if depth < last {
                rows.push(TreeRow {
                    depth,
                    name: format!("{}/", shown_name(part)),
                    is_dir: true,
                    entry: None,
                });
                open.push(part);
            }
        }
        if common > last {
            // The entry is a directory that was already opened implicitly: attach it.
            if let Some(row) = rows
                .iter_mut()
                .rev()
                .find(|r| r.depth == last && r.entry.is_none())
            {
                row.entry = Some(e);
            }
            continue;
        }
        rows.push(TreeRow {
            depth: last,
            name: if e.is_dir {
                format!("{}/", shown_name(parts[last]))
            } else {
                shown_name(parts[last])
            },
            is_dir: e.is_dir,
            entry: Some(e),
        });
        if e.is_dir {
            open.push(parts[last]);
        }
    }
    rows
}

/// A path component as the tree shows it: each bidirectional control replaced by its
/// visible name (`<U+202E>`), as editors show them, so `\u{202E}gpj.exe` cannot pass for
/// `exe.jpg`.
pub fn shown_name(part: &str) -> String {
    if !part.chars().any(is_bidi_control) {
        return part.to_string();
    }
    let mut out = String::with_capacity(part.len() + 8);
    for c in part.chars() {
        if is_bidi_control(c) {
            out.push_str(&bidi_marker(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The origin badge of a file kind.
pub fn kind_label(k: FileKind) -> &'static str {
    match k {
        FileKind::Base => "base",
        FileKind::Context => "context",
        FileKind::CopyFromStage => "from stage",
        FileKind::CopyFromImage => "from image",
        FileKind::Run => "run",
        FileKind::Inferred => "inferred",
        FileKind::Heredoc => "heredoc",
        FileKind::Download => "download",
        FileKind::Workdir => "workdir",
    }
}

/// The CSS class of a file kind's badge.
pub fn kind_class(k: FileKind) -> &'static str {
    match k {
        FileKind::Base => "k-base",
        FileKind::Context => "k-context",
        FileKind::CopyFromStage => "k-stage",
        FileKind::CopyFromImage => "k-image",
        FileKind::Run => "k-run",
        FileKind::Inferred => "k-inferred",
        FileKind::Heredoc => "k-heredoc",
        FileKind::Download => "k-download",
        FileKind::Workdir => "k-base",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Span;
    use crate::analysis::files::Provenance;

    fn entry(path: &str, is_dir: bool) -> FileEntry {
        FileEntry {
            path: path.into(),
            is_dir,
            size: None,
            provenance: Provenance {
                stage: 0,
                instruction: None,
                span: Span::default(),
                kind: FileKind::Context,
                ..Provenance::default()
            },
            ..FileEntry::default()
        }
    }

    #[test]
    fn tree_adds_parents_once_and_keeps_depth() {
        let e = [
            entry("/root/app", false),
            entry("/etc/ssl/certs/ca.pem", false),
            entry("/root/", true),
        ];
        let rows = tree_rows(&e);
        let names: Vec<(usize, &str)> = rows.iter().map(|r| (r.depth, r.name.as_str())).collect();
        assert_eq!(
            names,
            vec![
                (0, "etc/"),
                (1, "ssl/"),
                (2, "certs/"),
                (3, "ca.pem"),
                (0, "root/"),
                (1, "app")
            ]
        );
        assert!(
            rows[4].entry.is_some(),
            "the explicit /root/ entry is attached"
        );
    }

    #[test]
    fn bidi_controls_show_by_name_in_the_tree() {
        let e = [
            entry("/app/\u{202E}gpj.exe", false),
            entry("/d\u{2066}x/", true),
        ];
        let names: Vec<String> = tree_rows(&e).into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["app/", "<U+202E>gpj.exe", "d<U+2066>x/"]);
    }

    #[test]
    fn sizes_read_like_docker() {
        use crate::analysis::files::images::human_size;
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(7_300_000), "7.3 MB");
        assert_eq!(human_size(850_000_000), "850 MB");
        assert_eq!(human_size(1_100_000_000), "1.1 GB");
    }
}
