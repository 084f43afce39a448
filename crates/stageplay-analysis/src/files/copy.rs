//! COPY and ADD: sources from the build context (after `.dockerignore`), from an earlier
//! stage's filesystem, from an external image, from a URL or git, and heredocs.

use std::rc::Rc;

use crate::graph::StageNames;
use crate::parse::Keyword;
use crate::stages::Stage;

use super::context::{clean, join};
use super::dockerignore::{Glob, has_wildcard};
use super::infer::OUTPUT_DIR_NAMES;
use super::sim::{Sim, Step, is_within, push_num, under};
use super::{EffectNote, FileEntry, FileKind};

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

pub(super) fn is_remote(src: &str) -> bool {
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

/// What a COPY or ADD says besides its sources: where they go, and how.
#[derive(Clone, Copy)]
struct CopyTarget<'a> {
    /// The destination, absolute.
    dest: &'a str,
    /// True when the sources go into `dest` rather than become it.
    dest_is_dir: bool,
    /// ADD unpacks a local archive unless `--unpack=false` (convert_copy.go, dispatchCopy:
    /// AttemptUnpack).
    unpack: bool,
    /// `--parents`: the sources keep their directories.
    parents: bool,
    /// The `--exclude` patterns.
    excludes: &'a [Glob],
}

/// One file of the build context that a COPY or ADD takes, and where it goes.
struct ContextCopy {
    /// The path in the context.
    from: String,
    /// The path in the image.
    to: String,
    size: Option<u64>,
    /// The path relative to the root BuildKit copies from (the directory source, the
    /// wildcard's match, or the `--parents` pivot), which `--exclude` patterns are matched
    /// against; empty for the source itself, which they never exclude.
    rel: String,
}

impl Sim<'_> {
    /// Simulates a COPY or ADD: heredocs, then each source from the build context, an
    /// earlier stage, an external image, a URL or a git repository.
    pub(super) fn copy(&mut self, step: &mut Step) {
        let v = step.view;
        let n = v.args.len().saturating_sub(1);
        let sources: &[&str] = v.args.get(..n).unwrap_or(&[]);
        let Some(dest_raw) = v.args.last().copied() else {
            return;
        };
        let is_add = v.keyword == Some(Keyword::Add);
        // `--unpack` is a boolean flag: `--unpack` or `--unpack=true` (instructions/parse.go,
        // parseAdd); without it, ADD unpacks local archives and leaves remote ones packed.
        let unpack_flag = v.has_flag("unpack").then(|| {
            v.flag("unpack")
                .is_none_or(|x| x.is_empty() || x.eq_ignore_ascii_case("true"))
        });
        let unpack = is_add && unpack_flag.unwrap_or(true);
        let dest = join(&step.st.workdir, dest_raw);
        // Several sources need a directory destination; a wildcard does too unless it
        // matches a single file (decided where the matches are known).
        let several = sources.len() + v.heredocs.len() > 1;
        // An empty destination is the working directory, as "." is (convert.go,
        // pathRelativeToWorkingDir turns both into "./").
        let dest_is_dir = dest_raw.ends_with('/')
            || dest_raw == "."
            || dest_raw.is_empty()
            || several
            || step.st.files.get(dest.as_str()).is_some_and(|e| e.is_dir)
            || (step.st.base_image.is_some() && STANDARD_DIRS.contains(&dest.as_str()));
        for flag in ["chown", "chmod", "link"] {
            if v.has_flag(flag) {
                step.notes
                    .push(EffectNote::FlagHonoured { flag: flag.into() });
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
                step,
                FileKind::Heredoc,
                &path,
                false,
                Some(body.len() as u64),
                None,
            );
        }
        // `--exclude` and `--parents` apply to every local source, from the context or from
        // a stage (dockerfile2llb/convert_copy.go, dispatchCopy).
        let excludes: Vec<Glob> = v
            .flags_named("exclude")
            .filter_map(|p| Glob::new_ignore(&clean(p)).ok())
            .collect();
        let parents = v.has_flag("parents")
            && v.flag("parents")
                .is_none_or(|x| x.is_empty() || x.eq_ignore_ascii_case("true"));
        match v.flag("from") {
            Some(from) => {
                let target = CopyTarget {
                    dest: &dest,
                    dest_is_dir,
                    unpack,
                    parents,
                    excludes: &excludes,
                };
                self.copy_from(step, from, sources, &target);
            }
            None => {
                let target = CopyTarget {
                    dest: &dest,
                    dest_is_dir,
                    unpack,
                    parents,
                    excludes: &excludes,
                };
                for &src in sources {
                    if is_remote(src) {
                        if !is_add {
                            step.notes
                                .push(EffectNote::CopyTakesNoUrl { src: src.into() });
                            continue;
                        }
                        let git = is_git(src);
                        if !git && unpack_flag == Some(true) {
                            // `ADD --unpack=true <url>` unpacks the download.
                            step.st.complete = false;
                            self.insert(
                                step,
                                FileKind::Download,
                                &dest,
                                true,
                                None,
                                Some(
                                    "downloaded and unpacked at build time (contents unknown)"
                                        .into(),
                                ),
                            );
                            continue;
                        }
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
                        step.st.complete = false;
                        let note = if git {
                            "git repository, checked out (contents unknown)".to_string()
                        } else {
                            "downloaded at build time (size unknown)".to_string()
                        };
                        self.insert(step, FileKind::Download, &path, git, None, Some(note));
                        continue;
                    }
                    self.copy_context(step, src, &target);
                }
            }
        }
    }

    /// Copies one source from the build context.
    fn copy_context(&mut self, step: &mut Step, src: &str, target: &CopyTarget) {
        let CopyTarget {
            dest,
            dest_is_dir,
            unpack,
            parents,
            excludes,
        } = *target;
        if self.ctx.inferred {
            // An inferred context is a guess: what it brings is not all known.
            step.st.complete = false;
        }
        // With --parents, a `/./` in the source marks where the kept part starts.
        let (pivot, src_rel) = match src.split_once("/./") {
            Some((a, b)) if parents => (
                clean(a.trim_start_matches('/')),
                clean(format!("{a}/{b}").trim_start_matches('/')),
            ),
            _ => (".".to_string(), clean(src.trim_start_matches('/'))),
        };
        if src_rel == ".." || src_rel.starts_with("../") {
            step.notes
                .push(EffectNote::OutsideContext { src: src.into() });
            return;
        }
        // BuildKit follows symbolic links in the source path (CopyInfo.FollowSymlinks):
        // `linked/app.py` is read from the link's target, but a file keeps the name it was
        // asked by (fsutil's prepareTargetDir uses the source's base name).
        let named = src_rel.clone();
        let src_rel = if parents {
            src_rel
        } else {
            self.ctx.resolve(&src_rel)
        };
        let rel_to_pivot = |p: &str| -> String {
            if pivot == "." {
                p.to_string()
            } else {
                p.strip_prefix(pivot.as_str())
                    .map_or(p, |r| r.trim_start_matches('/'))
                    .to_string()
            }
        };
        let mut pairs: Vec<ContextCopy> = Vec::new();
        let mut matched_any = false;
        // True when a wildcard matched a directory (its contents go into `dest`).
        let mut wildcard_dir = false;
        if parents && has_wildcard(&src_rel) {
            // With --parents the source is an include pattern of moby/patternmatcher (`**`
            // crosses directories; a match takes everything under it), tested against
            // every path under the pivot (convert_copy.go, IncludePatterns).
            let Ok(glob) = Glob::new_ignore(&src_rel) else {
                step.notes
                    .push(EffectNote::InvalidPattern { src: src.into() });
                return;
            };
            let under = self.ctx.under(literal_dir(&src_rel));
            within_budget(&mut self.match_budget, under, &mut step.notes, src, |f| {
                if matches_or_parent(&glob, &f.path) {
                    matched_any = true;
                    pairs.push(ContextCopy {
                        from: f.path.clone(),
                        to: join(dest, &rel_to_pivot(&f.path)),
                        size: f.size,
                        rel: rel_to_pivot(&f.path),
                    });
                }
            });
        } else if has_wildcard(&src_rel) {
            let Ok(glob) = Glob::new(&src_rel) else {
                step.notes
                    .push(EffectNote::InvalidPattern { src: src.into() });
                return;
            };
            let depth = src_rel.split('/').count();
            // Every path of the context (files and their parent directories) at that depth,
            // under the pattern's literal directories only: `src/a/*` looks in `src/a`, not
            // at the whole context, so that thousands of such COPYs stay linear.
            let mut candidates: Vec<&str> = Vec::new();
            let under = self.ctx.under(literal_dir(&src_rel));
            within_budget(&mut self.match_budget, under, &mut step.notes, src, |f| {
                if let Some(c) = first_segments(&f.path, depth)
                    && candidates.last() != Some(&c)
                {
                    candidates.push(c);
                }
            });
            let candidates: Vec<String> = candidates
                .into_iter()
                .filter(|c| glob.matches(c))
                .map(str::to_string)
                .collect();
            for m in candidates {
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
                    // A matched directory's contents go into the destination (fsutil's
                    // CopyDirContents), which BuildKit creates even when `--exclude` leaves
                    // nothing to put there; the directory itself is not copied.
                    if !parents && (!inside.is_empty() || f.is_dir) {
                        wildcard_dir = true;
                        if inside.is_empty() {
                            continue;
                        }
                    }
                    pairs.push(ContextCopy {
                        from: f.path.clone(),
                        to: target,
                        size: f.size,
                        rel: if parents {
                            rel_to_pivot(&f.path)
                        } else {
                            inside.to_string()
                        },
                    });
                }
            }
        } else if src_rel == "." {
            matched_any = true;
            for f in &self.ctx.files {
                pairs.push(ContextCopy {
                    from: f.path.clone(),
                    to: join(dest, &f.path),
                    size: f.size,
                    rel: f.path.clone(),
                });
            }
            if self.ctx.files.is_empty() || self.ctx.inferred {
                step.st.complete = false;
                step.notes.push(EffectNote::WholeContext);
                if self.ctx.files.is_empty() {
                    self.insert(
                        step,
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
                        join(dest, named.rsplit('/').next().unwrap_or(&named))
                    } else {
                        dest.to_string()
                    }
                } else {
                    // A directory source copies its contents.
                    contents_target(dest, &f.path, &src_rel)
                };
                let rel = if parents {
                    rel_to_pivot(&f.path)
                } else {
                    f.path
                        .strip_prefix(src_rel.as_str())
                        .unwrap_or("")
                        .trim_start_matches('/')
                        .to_string()
                };
                pairs.push(ContextCopy {
                    from: f.path.clone(),
                    to: target,
                    size: f.size,
                    rel,
                });
            }
            if is_dir && matched_any && !parents {
                // The destination directory itself.
                if !step.st.files.contains_key(dest) {
                    self.insert(step, FileKind::Context, dest, true, Some(0), None);
                }
            }
        }
        if !matched_any {
            // A listed context is the whole context: a missing path fails the build. A
            // wildcard that matches nothing does not, nor an include pattern of --parents
            // with a wildcard; without one, --parents requires its path to exist
            // (convert_copy.go, RequiredPaths; cache/contenthash/checksum.go).
            if !self.ctx.inferred && !self.ctx.truncated && (!parents || !has_wildcard(&src_rel)) {
                if has_wildcard(&src_rel) {
                    self.no_source_files(step);
                } else {
                    self.source_not_in_context(step, src, &src_rel);
                }
            }
            let ignored = self
                .ctx
                .ignored
                .iter()
                .find(|(p, _)| is_within(p, &src_rel));
            step.notes.push(match ignored {
                Some((_, line)) => EffectNote::ExcludedByDockerignore {
                    src: src.into(),
                    line: *line,
                },
                None => EffectNote::NotInContext { src: src.into() },
            });
            return;
        }
        // A wildcard that matches one file copies it to a file destination.
        if has_wildcard(&src_rel)
            && !dest_is_dir
            && let [ContextCopy { from, to, .. }] = pairs.as_mut_slice()
            && !self.ctx.is_dir(from)
        {
            *to = dest.to_string();
        }
        if wildcard_dir && !step.st.files.contains_key(dest) {
            self.insert(step, FileKind::Context, dest, true, Some(0), None);
        }
        // Directories whose every file `--exclude` left out: BuildKit still creates them.
        let mut emptied: Vec<String> = Vec::new();
        for ContextCopy {
            from,
            to,
            size,
            rel,
        } in pairs
        {
            if is_excluded(excludes, &rel) {
                if let (Some((parent, _)), Some((to_parent, _))) =
                    (rel.rsplit_once('/'), to.rsplit_once('/'))
                    && !is_excluded(excludes, parent)
                    && emptied.last().map(String::as_str) != Some(to_parent)
                {
                    emptied.push(to_parent.to_string());
                }
                continue;
            }
            let (is_dir, note) = match self
                .ctx
                .files
                .binary_search_by(|f| f.path.as_str().cmp(&from))
            {
                Ok(k) => match self.ctx.files.get(k) {
                    // A link inside a copied directory is copied as a link.
                    // The simulation does not follow links inside an image, so a stage
                    // holding one is no longer all known.
                    Some(f) if f.link.is_some() => {
                        step.st.complete = false;
                        let target = f.link.as_deref().filter(|l| !l.is_empty()).unwrap_or(".");
                        (
                            false,
                            Some(format!("symbolic link to {target} in the build context")),
                        )
                    }
                    Some(f) => (f.is_dir, None),
                    None => (false, None),
                },
                Err(_) => (false, None),
            };
            // Only a source itself (not a file inside a directory source) is unpacked:
            // solver/llbsolver/file/backend.go, docopy, tries each wildcard match.
            if unpack && rel.is_empty() {
                match self.archives {
                    // A real context: BuildKit detects an archive by its content
                    // (file/unpack.go, isArchivePath); the CLI read the ones there are.
                    Some(list) => {
                        if let Some(archive) = list.iter().find(|a| a.path == from) {
                            self.unpack(step, archive, dest);
                            continue;
                        }
                    }
                    // A listing: only the name hints at an archive, and its entries are
                    // unknown.
                    None if is_archive(&from) => {
                        step.st.complete = false;
                        const UNKNOWN: &str =
                            " (contents unknown: a listing cannot show an archive's entries)";
                        // A wildcard's second archive joins the first one's directory.
                        if let Some(e) = step.st.files.get_mut(dest)
                            && e.provenance.instruction == Some(step.instruction)
                            && e.is_dir
                        {
                            let e = Rc::make_mut(e);
                            e.size = Some(e.size.unwrap_or(0).saturating_add(size.unwrap_or(0)));
                            let before = e.note.as_deref().unwrap_or("");
                            e.note = Some(
                                [
                                    before.strip_suffix(UNKNOWN).unwrap_or(before),
                                    ", ",
                                    &from,
                                    UNKNOWN,
                                ]
                                .concat(),
                            );
                            step.effect.layer_bytes =
                                step.effect.layer_bytes.saturating_add(size.unwrap_or(0));
                            continue;
                        }
                        self.insert(
                            step,
                            FileKind::Context,
                            dest,
                            true,
                            size,
                            Some(["unpacked here: ", &from, UNKNOWN].concat()),
                        );
                        continue;
                    }
                    None => {}
                }
            }
            self.insert(step, FileKind::Context, &to, is_dir, size, note);
        }
        for dir in emptied {
            if under(&step.st.files, &dir).next().is_none() {
                self.insert(step, FileKind::Context, &dir, true, Some(0), None);
            }
        }
    }

    /// Copies sources from an earlier stage's filesystem (`--from=stage`) or, opaquely, from
    /// an external image (`--from=image`).
    fn copy_from(&mut self, step: &mut Step, from: &str, sources: &[&str], target: &CopyTarget) {
        let (dest, dest_is_dir, parents) = (target.dest, target.dest_is_dir, target.parents);
        let source_stage = resolve_from(from, self.stages, &self.names);
        let Some(s) = source_stage else {
            // An external image: its paths are opaque.
            step.st.complete = false;
            for src in sources {
                let path = if dest_is_dir {
                    join(dest, clean(src).rsplit('/').next().unwrap_or(src))
                } else {
                    dest.to_string()
                };
                let last = src.trim_end_matches('/').rsplit('/').next().unwrap_or("");
                let is_dir = src.ends_with('/') || OUTPUT_DIR_NAMES.contains(&last);
                self.insert(
                    step,
                    FileKind::CopyFromImage,
                    &path,
                    is_dir,
                    None,
                    Some(format!("{src} from image {from} (contents unknown)")),
                );
            }
            return;
        };
        if s >= step.stage {
            step.notes.push(EffectNote::FromLaterStage {
                from: from.to_string(),
            });
            return;
        }
        for src in sources {
            let src_abs = join("/", src);
            // With --parents BuildKit copies from the `/./` pivot (else the root) and keeps
            // every path relative to it.
            let pivot = parents.then(|| match src.split_once("/./") {
                Some((a, _)) => join("/", a),
                None => "/".to_string(),
            });
            // Shared, not deep copies: only a few fields of each are read.
            let mut found: Vec<Rc<FileEntry>> = Vec::new();
            let wildcard = has_wildcard(&src_abs);
            if let Some(source) = self.states.get(s) {
                // Only the entries under the pattern's literal directories (`/out/a/*`
                // looks in `/out/a`), as for context sources, within the match budget.
                let literal = match literal_dir(&src_abs) {
                    "" => "/",
                    dir => dir,
                };
                let mut scan = |matches: &dyn Fn(&str) -> bool| {
                    let entries = under(&source.files, literal);
                    within_budget(
                        &mut self.match_budget,
                        entries,
                        &mut step.notes,
                        src,
                        |(k, e)| {
                            if matches(k) {
                                found.push(Rc::clone(e));
                            }
                        },
                    );
                };
                if wildcard && parents {
                    // An include pattern, as for context sources with --parents.
                    if let Ok(g) = Glob::new_ignore(src_abs.trim_start_matches('/')) {
                        scan(&|k| matches_or_parent(&g, k.trim_start_matches('/')));
                    }
                } else if wildcard {
                    if let Ok(g) = Glob::new(&src_abs) {
                        let depth = src_abs.matches('/').count();
                        scan(&|k| g.matches(first_segments(k, depth + 1).unwrap_or(k)));
                    }
                } else {
                    found.extend(under(&source.files, &src_abs).map(|(_, e)| Rc::clone(e)));
                }
            }
            let source_complete = self.states.get(s).is_some_and(|st| self.is_complete(st));
            if !source_complete {
                step.st.complete = false;
            }
            if found.is_empty() && source_complete {
                // The source stage's whole filesystem is known: the path is not there.
                // A wildcard that matches nothing copies nothing (AllowEmptyWildcard); a
                // --parents path without one is required all the same (RequiredPaths).
                // The root always exists, even in an empty stage.
                if !wildcard && src_abs != "/" {
                    self.source_not_in_stage(step, src, &src_abs);
                }
                continue;
            }
            if found.is_empty() {
                // For a wildcard the inferred entry keeps the pattern as its name: Stageplay
                // cannot know which files will match.
                match self.infer(s, &src_abs, src.ends_with('/')) {
                    Some(e) => found.push(e),
                    None => continue,
                }
            }
            let root_is_file = pivot.is_none()
                && found.len() == 1
                && found
                    .first()
                    .is_some_and(|e| (e.path == src_abs || wildcard) && !e.is_dir);
            let depth = src_abs.matches('/').count();
            let mut dest_dir = false;
            for e in found {
                // The path below the root BuildKit copies from, for `--exclude`.
                let rel = match &pivot {
                    Some(p) => strip_dir(&e.path, p),
                    None if wildcard => e
                        .path
                        .split('/')
                        .skip(depth + 1)
                        .collect::<Vec<_>>()
                        .join("/"),
                    None => strip_dir(&e.path, &src_abs),
                };
                if is_excluded(target.excludes, &rel) {
                    continue;
                }
                let target = if let Some(p) = &pivot {
                    join(dest, &strip_dir(&e.path, p))
                } else if root_is_file {
                    if dest_is_dir {
                        join(dest, e.path.rsplit('/').next().unwrap_or(&e.path))
                    } else {
                        dest.to_string()
                    }
                } else if wildcard {
                    // A matched file keeps its name under the destination; a matched
                    // directory's contents go into it (fsutil's CopyDirContents).
                    if rel.is_empty() {
                        if e.is_dir {
                            dest_dir = true;
                            continue;
                        }
                        join(dest, e.path.rsplit('/').next().unwrap_or(&e.path))
                    } else {
                        join(dest, &rel)
                    }
                } else {
                    contents_target(dest, &e.path, &src_abs)
                };
                if target == "/" {
                    continue;
                }
                let mut prov = self.prov_unlabelled(
                    step.stage,
                    Some(step.instruction),
                    FileKind::CopyFromStage,
                    e.provenance.origin_path.clone(),
                );
                prov.origin_stage = e.provenance.origin_stage;
                prov.origin_instruction = e.provenance.origin_instruction;
                prov.origin_kind = e.provenance.origin_kind;
                prov.origin_line = e.provenance.origin_line;
                let label = &mut prov.label;
                if self.replaying.is_some() {
                    label.push_str("ONBUILD ");
                }
                label.push_str("COPY --from=");
                self.push_stage_name(label, s);
                self.push_line(label, prov.line);
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
                    step,
                    FileEntry {
                        path: target,
                        is_dir: e.is_dir,
                        size: e.size,
                        provenance: prov,
                        note: e.note.clone(),
                    },
                );
            }
            if dest_dir && !step.st.files.contains_key(dest) {
                self.insert(step, FileKind::CopyFromStage, dest, true, Some(0), None);
            }
        }
    }
}

impl Sim<'_> {
    /// Unpacks an archive the CLI read into `dest`, as go-archive's Untar does: the union
    /// of what was there and the entries (an entry's path is cleaned inside `dest`).
    fn unpack(&mut self, step: &mut Step, archive: &super::context::Archive, dest: &str) {
        if !step.st.files.contains_key(dest) {
            self.insert(step, FileKind::Context, dest, true, Some(0), None);
        }
        if let Some(note) = &archive.note {
            step.st.complete = false;
            step.notes.push(EffectNote::Archive {
                path: archive.path.clone(),
                note: note.clone(),
            });
        }
        let from = ["from ", archive.path.as_str()].concat();
        for e in &archive.entries {
            let rel = clean(&["/", e.path.as_str()].concat());
            if rel == "/" {
                continue;
            }
            let path = join(dest, rel.trim_start_matches('/'));
            let note = match &e.link {
                Some(target) => {
                    // Links inside the image are not followed: no longer all known.
                    step.st.complete = false;
                    format!("{from}: link to {target}")
                }
                None => from.clone(),
            };
            self.insert(
                step,
                FileKind::Context,
                &path,
                e.is_dir,
                Some(if e.is_dir { 0 } else { e.size }),
                Some(note),
            );
        }
    }
}

/// Where `path`, found under the directory source `src`, lands when a COPY copies that
/// directory's contents to `dest` (the directory itself is not copied, only what is in it).
fn contents_target(dest: &str, path: &str, src: &str) -> String {
    let inside = path.strip_prefix(src).unwrap_or("").trim_start_matches('/');
    join(dest, inside)
}

/// Walks `items` within the wildcard budget, calling `visit` on each until the budget is
/// spent, then notes on the step where matching of `src` stopped. Every wildcard source,
/// from the context or from a stage, matches through here, so thousands of them stay
/// linear together.
fn within_budget<T>(
    budget: &mut usize,
    items: impl Iterator<Item = T>,
    notes: &mut Vec<EffectNote>,
    src: &str,
    mut visit: impl FnMut(T),
) {
    for item in items {
        if *budget == 0 {
            notes.push(stopped_note(src));
            return;
        }
        *budget -= 1;
        visit(item);
    }
}

fn stopped_note(src: &str) -> EffectNote {
    EffectNote::MatchBudgetSpent {
        src: src.into(),
        max: super::MAX_MATCHES,
    }
}

/// The leading directories of a cleaned pattern that hold no wildcard (nor escape): every
/// path the pattern matches lies under them. `src/a/*.go` → `src/a`, `/out/*` → `/out`,
/// `*.go` → `` (the whole tree).
fn literal_dir(pattern: &str) -> &str {
    let mut end = 0;
    for (k, _) in pattern.match_indices('/') {
        let segment = pattern.get(..k).unwrap_or("");
        if segment.contains(['*', '?', '[', '\\']) {
            break;
        }
        end = k;
    }
    pattern.get(..end).unwrap_or("")
}

/// The first `depth` `/`-separated segments of `path`, or `None` when it has fewer.
fn first_segments(path: &str, depth: usize) -> Option<&str> {
    if depth == 0 {
        return Some("");
    }
    match path.match_indices('/').nth(depth - 1) {
        Some((k, _)) => path.get(..k),
        None => (path.split('/').count() >= depth).then_some(path),
    }
}

/// Resolves a `--from` value: a stage index, a stage name (the later duplicate wins), else
/// `None` for an external image.
pub(super) fn resolve_from(value: &str, stages: &[Stage], names: &StageNames<'_>) -> Option<usize> {
    if let Ok(n) = value.parse::<usize>() {
        return (n < stages.len()).then_some(n);
    }
    names.find(value)
}

/// True when an `--exclude` pattern matches `rel` (a path relative to the copied root) or
/// one of its parent directories, as moby/patternmatcher does for fsutil's copy. The root
/// itself (`rel` empty) is never excluded: fsutil tests only the paths below it.
fn is_excluded(excludes: &[Glob], rel: &str) -> bool {
    !rel.is_empty() && excludes.iter().any(|g| matches_or_parent(g, rel))
}

/// True when `g` matches the relative path `rel` or one of its parent directories.
fn matches_or_parent(g: &Glob, rel: &str) -> bool {
    g.matches(rel)
        || rel
            .match_indices('/')
            .any(|(k, _)| g.matches(rel.get(..k).unwrap_or("")))
}

/// `path` relative to the directory `dir` (both absolute): `""` for `dir` itself.
fn strip_dir(path: &str, dir: &str) -> String {
    let dir = dir.trim_end_matches('/');
    path.strip_prefix(dir)
        .unwrap_or(path)
        .trim_start_matches('/')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path a pattern matches lies under its literal directories, escapes included.
    #[test]
    fn literal_dir_stops_at_the_first_wildcard_segment() {
        assert_eq!(literal_dir("src/a/*.go"), "src/a");
        assert_eq!(literal_dir("src/*/x"), "src");
        assert_eq!(literal_dir("/out/*"), "/out");
        assert_eq!(literal_dir("/out/a/b[0-9]/c"), "/out/a");
        assert_eq!(literal_dir("a\\*b/c*"), "");
        assert_eq!(literal_dir("*.go"), "");
        assert_eq!(literal_dir("/*"), "");
    }

    #[test]
    fn first_segments_counts_segments() {
        assert_eq!(first_segments("a/b/c", 2), Some("a/b"));
        assert_eq!(first_segments("a/b/c", 3), Some("a/b/c"));
        assert_eq!(first_segments("a/b/c", 4), None);
        assert_eq!(first_segments("/out/x", 2), Some("/out"));
        assert_eq!(first_segments("a", 0), Some(""));
    }
}
