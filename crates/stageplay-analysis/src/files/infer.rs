//! What the simulation infers: a build context when none is given (from the COPY and ADD
//! sources), and a path a later `COPY --from` needs but the source stage cannot show
//! (attributed to the stage's most plausible RUN).

use std::rc::Rc;

use crate::parse::Keyword;
use crate::stages::Stage;

use super::context::{BuildContext, clean};
use super::copy::is_remote;
use super::dockerignore::has_wildcard;
use super::sim::{Sim, is_within};
use super::view::View;
use super::{FileEntry, FileKind, MAX_LISTED};

/// The most RUN records and output areas (the latest) that one inference searches.
const MAX_INFER_SCAN: usize = 256;

/// Names that build tools give to output directories: an inferred path with one of these
/// names is taken to be a directory (so `COPY --from` copies its contents).
pub(super) const OUTPUT_DIR_NAMES: &[&str] = &[
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

/// Infers a context: every local COPY/ADD source, with wildcards replaced by a plausible
/// name (`*.go` → `main.go`), and `.dockerignore` applied.
pub(super) fn infer_context(
    views: &[View],
    stages: &[Stage],
    triggers: &[&str],
    dockerignore: Option<&str>,
) -> BuildContext {
    let mut listing = String::new();
    // The sources of every local COPY/ADD, then those of the ONBUILD triggers.
    let sources = stages
        .iter()
        .flat_map(|stage| stage.instructions.iter())
        .filter_map(|&i| views.get(i))
        .filter(|v| matches!(v.keyword, Some(Keyword::Copy | Keyword::Add)) && !v.has_flag("from"))
        .flat_map(|v| v.args.iter().take(v.args.len().saturating_sub(1)).copied())
        .chain(triggers.iter().copied());
    for src in sources {
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

impl Sim<'_> {
    /// Records `path` in stage `s` as produced by its most plausible RUN (inferred), and
    /// returns the entry. `None` when the stage has no RUN at all (then the path would come
    /// from its base image, which is opaque: it is recorded as such).
    pub(super) fn infer(&mut self, s: usize, path: &str, is_dir: bool) -> Option<Rc<FileEntry>> {
        let source = self.states.get(s)?;
        // The most plausible RUN, in this order: in the stage itself, the last one whose
        // recogniser declared an output area containing the path, whose text mentions the
        // path (or its file name), or that ran a command no recogniser knows; then the same
        // two first tests in the stages it is built FROM; then the last RUN at all.
        let file_name = path.rsplit('/').next().unwrap_or(path);
        // Only the latest RUNs and output areas are searched, so that thousands of inferred
        // paths from a stage with thousands of RUNs stay linear.
        let runs = source
            .runs
            .get(source.runs.len().saturating_sub(MAX_INFER_SCAN)..)
            .unwrap_or(&[]);
        let areas = source
            .areas
            .get(source.areas.len().saturating_sub(MAX_INFER_SCAN)..)
            .unwrap_or(&[]);
        let partial = runs.len() < source.runs.len() || areas.len() < source.areas.len();
        crate::work::add(runs.len() + areas.len());
        let owners = &self.owners;
        let own_run = |i: usize| owners.get(i).copied().flatten() == Some(s);
        let in_area = |dir: &str| is_within(path, dir);
        let mentions =
            |text: &str| text.contains(path) || (!file_name.is_empty() && text.contains(file_name));
        let area_of = |own: bool| {
            areas
                .iter()
                .rev()
                .find(|area| own_run(area.instruction) == own && in_area(&area.dir))
        };
        let text_of = |own: bool| {
            runs.iter()
                .rev()
                .find(|run| (run.stage == s) == own && mentions(&run.text))
                .map(|run| run.instruction)
        };
        let own_area = area_of(true);
        let chain_area = area_of(false);
        let unknown_own = runs
            .iter()
            .rev()
            .find(|run| run.stage == s && run.unknown)
            .map(|run| run.instruction);
        let area_size = own_area.or(chain_area).and_then(|area| area.size);
        let by_area = own_area.map(|area| area.instruction);
        let run = by_area
            .or_else(|| text_of(true))
            .or(unknown_own)
            .or_else(|| chain_area.map(|area| area.instruction))
            .or_else(|| text_of(false))
            .or_else(|| source.runs.last().map(|run| run.instruction));
        let by_area = own_area
            .or(chain_area)
            .map(|area| area.instruction)
            .filter(|i| Some(*i) == run);
        let (kind, instruction, mut note) = match run {
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
            if let Some(&Some(owner)) = self.owners.get(i) {
                prov.stage = owner;
                prov.origin_stage = owner;
            }
        }
        if partial {
            note.push_str(&format!(
                " (only the stage's last {MAX_INFER_SCAN} RUNs were searched)"
            ));
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
            // Effects are in instruction order (the FROM, then the body): a binary search.
            if let Some(i) = instruction
                && let Ok(k) = state.effects.binary_search_by_key(&i, |e| e.instruction)
                && let Some(eff) = state.effects.get_mut(k)
            {
                eff.added_count += 1;
                if eff.added.len() < MAX_LISTED {
                    eff.added.push(format!("{path} (inferred)"));
                }
            }
        }
        Some(entry)
    }
}
