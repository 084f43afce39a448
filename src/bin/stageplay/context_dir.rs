//! Build-context inputs of the CLI: `--context DIR` (walk a real directory, honouring its
//! `.dockerignore`), `--context-list FILE` and `--dockerignore FILE`, turned into the
//! listing and `.dockerignore` text that `analysis::Options` takes.

use std::path::{Path, PathBuf};

use stageplay::analysis::files::{context::MAX_CONTEXT_FILES, dockerignore::DockerIgnore};

/// The context listing and `.dockerignore` text for the analysis.
pub struct ContextInput {
    pub listing: Option<String>,
    pub dockerignore: Option<String>,
}

/// Reads the context options. `--dockerignore` wins; else, with `--context`, the
/// Dockerfile's own `<name>.dockerignore` next to it, else the directory's `.dockerignore`
/// (BuildKit's frontend/dockerui/config.go reads `<filename>.dockerignore` from the
/// Dockerfile's directory first). `dockerfile` is `None` for standard input.
pub fn load(
    dir: Option<&str>,
    list: Option<&str>,
    dockerignore: Option<&str>,
    dockerfile: Option<&Path>,
) -> Result<ContextInput, String> {
    let mut ignore_text = match dockerignore {
        Some(f) => Some(read(Path::new(f))?),
        None => None,
    };
    let listing = match (dir, list) {
        (Some(_), Some(_)) => return Err("give --context or --context-list, not both".into()),
        (Some(d), None) => {
            let root = Path::new(d);
            if !root.is_dir() {
                return Err(format!("--context {d}: not a directory"));
            }
            if ignore_text.is_none()
                && let Some(own) = dockerfile.and_then(per_dockerfile_ignore)
                && own.is_file()
            {
                ignore_text = Some(read(&own)?);
            }
            if ignore_text.is_none() {
                let own = root.join(".dockerignore");
                if own.is_file() {
                    ignore_text = Some(read(&own)?);
                }
            }
            Some(walk(
                root,
                &DockerIgnore::parse(ignore_text.as_deref().unwrap_or("")),
            )?)
        }
        (None, Some(f)) => Some(read(Path::new(f))?),
        (None, None) => None,
    };
    Ok(ContextInput {
        listing,
        dockerignore: ignore_text,
    })
}

/// `Dockerfile` → `Dockerfile.dockerignore`, `web.Dockerfile` → `web.Dockerfile.dockerignore`,
/// next to the Dockerfile.
fn per_dockerfile_ignore(dockerfile: &Path) -> Option<PathBuf> {
    let mut name = dockerfile.file_name()?.to_os_string();
    name.push(".dockerignore");
    Some(dockerfile.with_file_name(name))
}

fn read(path: &Path) -> Result<String, String> {
    let bytes = crate::out::read_path(path)?;
    String::from_utf8(bytes).map_err(|_| format!("{} is not valid UTF-8", path.display()))
}

/// Lists the files under `root` as `relative/path SIZE` lines, sorted. Symbolic links are
/// listed as `relative/path -> target`, never followed (the analysis follows them where
/// BuildKit does: in COPY sources); a directory that `.dockerignore` excludes is not entered unless
/// an exception pattern could re-include something inside it. The walk uses an explicit
/// stack (no recursion) and stops one entry past [`MAX_CONTEXT_FILES`] (the analysis then
/// says the listing is cut).
fn walk(root: &Path, ignore: &DockerIgnore) -> Result<String, String> {
    let has_exceptions = ignore.patterns.iter().any(|p| p.exception);
    let mut out: Vec<String> = Vec::new();
    let mut stack: Vec<PathBuf> = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let mut names: Vec<(String, std::fs::Metadata)> = Vec::new();
        for entry in entries.flatten() {
            let Ok(meta) = entry.path().symlink_metadata() else {
                continue;
            };
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            names.push((name, meta));
        }
        names.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, meta) in names {
            let path = if rel.as_os_str().is_empty() {
                name.clone()
            } else {
                format!("{}/{name}", rel.to_string_lossy())
            };
            if meta.file_type().is_symlink() {
                // One line past the cap, so that the analysis says the listing is cut.
                if out.len() > MAX_CONTEXT_FILES {
                    return Ok(out.join("\n"));
                }
                let target = std::fs::read_link(root.join(&path))
                    .map(|t| t.to_string_lossy().into_owned())
                    .unwrap_or_default();
                out.push(format!("{path} -> {target}"));
            } else if meta.is_dir() {
                if ignore.is_excluded(&path) && !has_exceptions {
                    continue;
                }
                stack.push(PathBuf::from(&path));
            } else {
                // One line past the cap, so that the analysis says the listing is cut.
                if out.len() > MAX_CONTEXT_FILES {
                    return Ok(out.join("\n"));
                }
                // Excluded files are listed too: the analysis applies `.dockerignore`
                // itself and reports what it excluded.
                out.push(format!("{path} {}", meta.len()));
            }
        }
    }
    out.sort();
    Ok(out.join("\n"))
}
