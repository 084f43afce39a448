//! CopyIgnoredFile (BuildKit): a COPY or ADD source that `.dockerignore` excludes.
//!
//! What it does: flags a COPY (from the build context) or ADD source matched by a
//! `.dockerignore` pattern.
//! Why is this bad? The file is never sent to the builder, so the instruction copies
//! nothing or fails.
//! Example: `*.md` in `.dockerignore` with `COPY README.md /docs/`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};
use crate::files::context::clean;
use crate::files::dockerignore::DockerIgnore;

pub const RULE: Rule = Rule {
    name: "CopyIgnoredFile",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "A COPY or ADD source matches a pattern in .dockerignore, so the file is not \
        sent to the builder and the instruction copies nothing (or fails). Either remove the \
        pattern from .dockerignore or stop copying the file. BuildKit only checks when \
        .dockerignore has no `!` exception (those are too hard to judge statically), and \
        checks `COPY .` only against a `*`, `**` or `**/*` pattern.",
    bad: "# .dockerignore: *.md\nFROM alpine\nCOPY README.md /docs/\n",
    good: "# .dockerignore: *.md\n#   !README.md\nFROM alpine\nCOPY README.md /docs/\n",
};

/// Follows moby/buildkit `frontend/dockerfile/dockerfile2llb/validations.go`
/// (`validateCopySourcePath`, `copySourceRootIgnored`), called by `convert_copy.go`
/// `dispatchCopy` for each local source (not a Git or HTTP(S) one) of ADD, and of COPY
/// without `--from` (`convert.go` passes no matcher to a COPY from a stage). No check
/// without patterns, or when any pattern is a `!` exception. The source is the expanded
/// word, cleaned as `filepath.Clean` does, wildcards and all; the context roots `.` and `/`
/// only count when a pattern is `*`, `**` or `**/*`. One finding per source, on the
/// instruction.
pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(text) = ctx.dockerignore else {
        return;
    };
    let ignore = DockerIgnore::parse(text);
    if ignore.patterns.is_empty() || ignore.patterns.iter().any(|p| p.exception) {
        return;
    }
    let root_ignored = ignore
        .patterns
        .iter()
        .any(|p| matches!(p.pattern.as_str(), "*" | "**" | "**/*"));
    for (i, _, inst) in ctx.stage_instructions() {
        let cmd = match inst.keyword {
            Keyword::Add => "Add",
            Keyword::Copy if inst.flag("from").is_none() => "Copy",
            _ => continue,
        };
        let expanded = ctx.a.expanded.get(i).map(|e| &e.args);
        for (k, word) in inst.sources().iter().enumerate() {
            let src = match expanded {
                Some(args) if args.len() == inst.args.len() => args.get(k),
                _ => None,
            }
            .map_or(word.value.as_str(), String::as_str);
            if is_remote(src) {
                continue;
            }
            let src = clean(src);
            let excluded = match src.as_str() {
                "." | "/" => root_ignored,
                s if s.starts_with('/') => absolute_matches(&ignore, s),
                s => ignore.is_excluded(s),
            };
            if excluded {
                out.push(Diagnostic::new(
                    &RULE,
                    inst.span,
                    format!("Attempting to {cmd} file {src:?} that is excluded by .dockerignore"),
                ));
            }
        }
    }
}

/// An absolute source as moby's `patternmatcher` `MatchesOrParentMatches` sees it: BuildKit
/// passes the cleaned path with its leading `/`, so a pattern matches it when it matches
/// `/app/x` itself or one of the parents `MatchesOrParentMatches` builds from it (`""`,
/// `/app`; `""` and `/` for `/app`): `*`, `**`, `**/*` or `**/x` can, `app` cannot.
fn absolute_matches(ignore: &DockerIgnore, src: &str) -> bool {
    // Go's `filepath.Dir`: the parent of `/app` is `/`, which splits into "" and "".
    let parent = match src.rsplit_once('/') {
        Some(("", _)) | None => "/",
        Some((p, _)) => p,
    };
    let mut candidates = vec![src];
    let mut end = 0;
    loop {
        // `parent` split at `/` and joined back one part at a time: "", "/app", ...
        candidates.push(parent.get(..end).unwrap_or(""));
        match parent.get(end + 1..).and_then(|rest| rest.find('/')) {
            Some(i) => end = end + 1 + i,
            None if end < parent.len() => end = parent.len(),
            None => break,
        }
    }
    ignore.patterns.iter().any(|p| {
        crate::files::dockerignore::Glob::new_ignore(&p.pattern)
            .is_ok_and(|g| candidates.iter().any(|c| g.matches(c)))
    })
}

/// A Git or HTTP(S) source, which `dispatchCopy` fetches instead of reading the context.
fn is_remote(src: &str) -> bool {
    ["http://", "https://", "git@", "git://", "ssh://"]
        .iter()
        .any(|p| src.starts_with(p))
}
