//! The base image catalogue (docs/files.md): approximate sizes and representative paths of
//! common images, read from the crate's `data/images.toml`, which is embedded at compile
//! time.
//!
//! The data file uses a small subset of TOML (`[[image]]` tables of strings, integers and
//! one-line string arrays) read by the parser below, so the wasm build carries no TOML
//! crate. A test checks that the whole file parses without a problem.

use std::sync::OnceLock;

use serde::Serialize;

use crate::fixed::Fixed;

use super::EffectNote;

/// The catalogue's text, embedded in the binary.
pub const CATALOGUE_TOML: &str = include_str!("../../data/images.toml");

/// One catalogue entry: a repository (or repository prefix) and a tag family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CatalogueEntry {
    /// Normalised repository (`golang`, `mcr.microsoft.com/dotnet/sdk`); a trailing `*`
    /// matches any repository with that prefix.
    pub repo: String,
    /// Tag components that must all appear in the tag (`["jre", "alpine"]`); empty for the
    /// default tag family.
    pub variant: Vec<String>,
    /// Approximate uncompressed size in bytes (an estimate).
    pub size_bytes: u64,
    /// A few representative paths the image brings.
    pub paths: Vec<String>,
    /// Where the figure came from.
    pub source: String,
}

/// A parsed image reference: `[registry/]repository[:tag][@digest]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImageRef {
    /// The repository with Docker Hub's `docker.io/` and `library/` prefixes removed.
    pub repo: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

/// What the catalogue says about one base image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImageInfo {
    /// The reference as written (expanded).
    pub reference: String,
    pub parsed: ImageRef,
    /// The matching entry, if any.
    pub entry: Option<CatalogueEntry>,
    /// Approximate uncompressed size in bytes; `None` means "size unknown".
    pub size: Option<u64>,
    /// Ready to show: "≈ 820 MB (estimate)" or "size unknown".
    pub size_label: String,
    /// Caveats (pinned by digest, sizes for linux/amd64), as the FROM step's notes.
    pub notes: Vec<EffectNote>,
}

/// A problem in the catalogue's own text (only a test should ever see one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueProblem {
    pub line: usize,
    pub message: String,
}

/// The parsed catalogue, parsed once.
pub fn catalogue() -> &'static [CatalogueEntry] {
    static CATALOGUE: OnceLock<Vec<CatalogueEntry>> = OnceLock::new();
    CATALOGUE.get_or_init(|| parse_catalogue(CATALOGUE_TOML).0)
}

/// Parses catalogue text (the `data/images.toml` subset of TOML).
pub fn parse_catalogue(text: &str) -> (Vec<CatalogueEntry>, Vec<CatalogueProblem>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut current: Option<CatalogueEntry> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t == "[[image]]" {
            entries.extend(current.take());
            current = Some(CatalogueEntry {
                repo: String::new(),
                variant: Vec::new(),
                size_bytes: 0,
                paths: Vec::new(),
                source: String::new(),
            });
            continue;
        }
        let mut problem = |message: &str| {
            problems.push(CatalogueProblem {
                line,
                message: message.to_string(),
            })
        };
        let Some(entry) = current.as_mut() else {
            problem("a key outside an [[image]] table");
            continue;
        };
        let Some((key, value)) = t.split_once('=') else {
            problem("expected `key = value`");
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "repo" => match toml_string(value) {
                Some(s) => entry.repo = s,
                None => problem("repo must be a string"),
            },
            "variant" => match toml_string(value) {
                Some(s) => entry.variant = s.split_whitespace().map(str::to_string).collect(),
                None => problem("variant must be a string"),
            },
            "size_mb" => match value.parse::<u64>() {
                Ok(mb) => entry.size_bytes = mb.saturating_mul(1_000_000),
                Err(_) => problem("size_mb must be an integer"),
            },
            "paths" => match toml_string_array(value) {
                Some(v) => entry.paths = v,
                None => problem("paths must be a one-line array of strings"),
            },
            "source" => match toml_string(value) {
                Some(s) => entry.source = s,
                None => problem("source must be a string"),
            },
            other => problem(&format!("unknown key `{other}`")),
        }
    }
    entries.extend(current);
    (entries, problems)
}

/// A basic TOML string: `"..."` with `\"` and `\\` escapes, nothing after it.
fn toml_string(value: &str) -> Option<String> {
    let (s, rest) = toml_string_prefix(value)?;
    rest.trim().is_empty().then_some(s)
}

fn toml_string_prefix(value: &str) -> Option<(String, &str)> {
    let body = value.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, body.get(i + 1..).unwrap_or(""))),
            '\\' => out.push(chars.next()?.1),
            c => out.push(c),
        }
    }
    None
}

fn toml_string_array(value: &str) -> Option<Vec<String>> {
    let mut rest = value.strip_prefix('[')?.trim_start();
    let mut out = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix(']') {
            return after.trim().is_empty().then_some(out);
        }
        let (s, after) = toml_string_prefix(rest)?;
        out.push(s);
        rest = after.trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start();
        } else if !rest.starts_with(']') {
            return None;
        }
    }
}

/// Parses an image reference, dropping Docker Hub's registry and `library/` prefixes (and
/// the public mirrors that serve Docker Hub's official images under the same names).
pub fn parse_reference(reference: &str) -> ImageRef {
    let r = reference.trim();
    let (rest, digest) = match r.split_once('@') {
        Some((a, d)) => (a, Some(d.to_string())),
        None => (r, None),
    };
    // A tag is after the last `:` that follows the last `/` (a `:` before it is a port).
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (repo, tag) = match rest.get(last_slash..).and_then(|t| t.find(':')) {
        Some(i) => (
            rest.get(..last_slash + i).unwrap_or(rest),
            rest.get(last_slash + i + 1..).map(str::to_string),
        ),
        None => (rest, None),
    };
    let mut repo = repo.to_ascii_lowercase();
    for prefix in [
        "docker.io/",
        "index.docker.io/",
        "registry-1.docker.io/",
        "registry.hub.docker.com/",
        "public.ecr.aws/docker/",
        "mirror.gcr.io/",
    ] {
        if let Some(r) = repo.strip_prefix(prefix) {
            repo = r.to_string();
            break;
        }
    }
    if let Some(r) = repo.strip_prefix("library/") {
        repo = r.to_string();
    }
    ImageRef { repo, tag, digest }
}

/// Looks an image up in the catalogue. `platform` is the FROM's `--platform`, if any.
pub fn lookup(reference: &str, platform: Option<&str>) -> ImageInfo {
    lookup_in(catalogue(), reference, platform)
}

fn lookup_in(entries: &[CatalogueEntry], reference: &str, platform: Option<&str>) -> ImageInfo {
    let parsed = parse_reference(reference);
    let mut notes = Vec::new();
    let mut best: Option<(usize, u8, &CatalogueEntry)> = None;
    if !reference.contains('$') {
        let components: Vec<&str> = parsed
            .tag
            .as_deref()
            .unwrap_or("")
            .split(['-', '_'])
            .collect();
        for e in entries {
            // Match quality: 2 for the same repository; 1 for a versioned name of a
            // non-Hub repository (`gcr.io/distroless/static-debian12` or `java17-debian12`
            // for `.../static` and `.../java`); 0 for a `*` prefix entry.
            let quality = if e.repo == parsed.repo {
                2
            } else if e.repo.contains('/')
                && parsed
                    .repo
                    .strip_prefix(e.repo.as_str())
                    .is_some_and(|rest| rest.starts_with(|c: char| c == '-' || c.is_ascii_digit()))
            {
                1
            } else if e
                .repo
                .strip_suffix('*')
                .is_some_and(|p| parsed.repo.starts_with(p))
            {
                0
            } else {
                continue;
            };
            let all = e.variant.iter().all(|v| {
                components
                    .iter()
                    .any(|c| c.to_ascii_lowercase().starts_with(v.as_str()))
            });
            if !all {
                continue;
            }
            // The most specific tag family wins; among equals, an exact repository.
            let better = match best {
                None => true,
                Some((n, q, _)) => (e.variant.len(), quality) > (n, q),
            };
            if better {
                best = Some((e.variant.len(), quality, e));
            }
        }
    } else {
        notes.push(EffectNote::ReferenceHasVariable);
    }
    if parsed.digest.is_some() {
        notes.push(EffectNote::PinnedByDigest);
    }
    let windows_entry = best.is_some_and(|(_, _, e)| e.repo.contains("/windows/"));
    if let Some(p) = platform.filter(|p| !p.contains('$')) {
        if p.to_ascii_lowercase().starts_with("windows") && !windows_entry {
            notes.push(EffectNote::PlatformNotInCatalogue { platform: p.into() });
            best = None;
        } else if !p.eq_ignore_ascii_case("linux/amd64") {
            notes.push(EffectNote::SizesForAmd64 { platform: p.into() });
        }
    }
    let entry = best.map(|(_, _, e)| e.clone());
    let size = entry.as_ref().map(|e| e.size_bytes);
    ImageInfo {
        reference: reference.to_string(),
        parsed,
        size_label: match size {
            Some(b) => format!("≈ {} (estimate)", human_size(b)),
            None => "size unknown".to_string(),
        },
        entry,
        size,
        notes,
    }
}

/// Formats bytes for people: "0 B", "12 KB", "7.8 MB", "1.1 GB" (powers of 1000).
pub fn human_size(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 1_000 {
        format!("{bytes} B")
    } else if b < 1e6 {
        format!("{} KB", Fixed(b / 1e3, 0))
    } else if b < 1e7 {
        format!("{} MB", Fixed(b / 1e6, 1))
    } else if b < 1e9 {
        format!("{} MB", Fixed(b / 1e6, 0))
    } else {
        format!("{} GB", Fixed(b / 1e9, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_parses_cleanly_and_every_entry_has_a_source() {
        let (entries, problems) = parse_catalogue(CATALOGUE_TOML);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(entries.len() >= 40, "{}", entries.len());
        for e in &entries {
            assert!(!e.repo.is_empty(), "{e:?}");
            assert!(e.source.len() > 20, "{e:?}");
        }
    }

    #[test]
    fn the_catalogue_covers_spec_6_1() {
        let known = |r: &str| lookup(r, None).size.is_some();
        for r in [
            "alpine",
            "busybox",
            "debian",
            "debian:bookworm-slim",
            "ubuntu",
            "python:3.9",
            "python:3.9-slim",
            "python:3.12-alpine",
            "node:20",
            "node:20-slim",
            "node:20-alpine",
            "golang:1.16",
            "golang:1.21-alpine",
            "rust:1.78",
            "rust:1.78-slim",
            "rust:alpine",
            "eclipse-temurin:17-jdk",
            "eclipse-temurin:17-jre",
            "maven:3.9-eclipse-temurin-17",
            "gradle:8-jdk17",
            "openjdk:17",
            "mcr.microsoft.com/dotnet/sdk:8.0",
            "mcr.microsoft.com/dotnet/aspnet:8.0",
            "mcr.microsoft.com/dotnet/runtime:8.0",
            "nginx",
            "nginx:alpine",
            "httpd:2.4",
            "gcr.io/distroless/static-debian12",
            "gcr.io/distroless/base",
            "cgr.dev/chainguard/static",
            "cgr.dev/chainguard/python:latest",
            "scratch",
        ] {
            assert!(known(r), "{r} should be in the catalogue");
        }
        assert_eq!(
            lookup("example.com/team/app:1", None).size_label,
            "size unknown"
        );
    }

    #[test]
    fn matching_picks_the_tag_family() {
        let size = |r: &str| lookup(r, None).size.map(|b| b / 1_000_000);
        assert_eq!(size("python:3.9"), Some(1000));
        assert_eq!(size("python:3.9-slim"), Some(130));
        assert_eq!(size("python:3.9-slim-bullseye"), Some(130));
        assert_eq!(size("golang:1.16-alpine3.15"), Some(250));
        assert_eq!(size("eclipse-temurin:17-jre-alpine"), Some(170));
        assert_eq!(size("eclipse-temurin:17-jre"), Some(270));
        assert_eq!(size("eclipse-temurin:17-jdk-alpine"), Some(330));
        assert_eq!(size("gcr.io/distroless/static-debian12:nonroot"), Some(2));
        assert_eq!(size("gcr.io/distroless/java17-debian12"), Some(225));
        assert_eq!(size("gcr.io/distroless/unknownthing"), Some(20));
    }

    #[test]
    fn matching_handles_registries_digests_and_platforms() {
        let size = |r: &str| lookup(r, None).size.map(|b| b / 1_000_000);
        assert_eq!(size("docker.io/library/golang:1.22"), Some(820));
        assert_eq!(size("docker.io/golang:1.22"), Some(820));
        assert_eq!(size("library/alpine:3.19"), Some(8));
        assert_eq!(
            size("public.ecr.aws/docker/library/node:20-slim"),
            Some(200)
        );
        assert_eq!(size("ALPINE:3.19"), Some(8));
        let pinned = lookup("alpine:3.19@sha256:abcdef", None);
        assert_eq!(pinned.parsed.tag.as_deref(), Some("3.19"));
        assert!(pinned.parsed.digest.is_some());
        assert_eq!(pinned.size, Some(8_000_000));
        assert!(pinned.notes.contains(&EffectNote::PinnedByDigest));
        assert_eq!(size("alpine@sha256:abcdef"), Some(8));
        // A registry with a port is not a tag.
        let r = parse_reference("localhost:5000/alpine");
        assert_eq!((r.repo.as_str(), r.tag), ("localhost:5000/alpine", None));
        assert_eq!(size("localhost:5000/alpine"), None);
        // Platforms.
        let arm = lookup("alpine", Some("linux/arm64"));
        assert_eq!(arm.size, Some(8_000_000));
        assert_eq!(
            arm.notes,
            [EffectNote::SizesForAmd64 {
                platform: "linux/arm64".into()
            }]
        );
        assert_eq!(lookup("alpine", Some("windows/amd64")).size, None);
        assert_eq!(
            lookup("alpine", Some("$BUILDPLATFORM")).size,
            Some(8_000_000)
        );
        assert!(
            lookup(
                "mcr.microsoft.com/windows/servercore:ltsc2022",
                Some("windows/amd64")
            )
            .size
            .is_some()
        );
        // Unexpanded variables are never guessed.
        assert_eq!(lookup("${BASE}", None).size_label, "size unknown");
    }

    #[test]
    fn the_subset_parser_reports_bad_lines() {
        let (entries, problems) = parse_catalogue(
            "repo = \"x\"\n[[image]]\nrepo = \"a\\\"b\"\nsize_mb = big\npaths = [\"/a\", \"/b\",]\nwhat = 1\n",
        );
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].repo, "a\"b");
        assert_eq!(entries[0].paths, vec!["/a", "/b"]);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![1, 4, 6]);
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(4_000), "4 KB");
        assert_eq!(human_size(7_800_000), "7.8 MB");
        assert_eq!(human_size(130_000_000), "130 MB");
        assert_eq!(human_size(1_100_000_000), "1.1 GB");
    }
}
