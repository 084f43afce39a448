//! The build context: the listing of its files (`src/main.go 4KB`), the context after
//! `.dockerignore` (see `dockerignore`), and the path arithmetic (Go's `path.Clean` and
//! `path.Join`) that COPY sources and destinations share.

use serde::Serialize;

use crate::sort;

use super::dockerignore::{DockerIgnore, MAX_IGNORE_TESTS};

/// The most files a context listing may hold; further lines are dropped and reported.
pub const MAX_CONTEXT_FILES: usize = 20_000;

/// A problem found in the context listing or in `.dockerignore` (not in the Dockerfile, so
/// it has a line number in that text instead of a span).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputProblem {
    /// `context` or `dockerignore`.
    pub input: &'static str,
    /// 1-based line in that input; 0 when the problem concerns the whole input.
    pub line: usize,
    pub message: String,
}

/// One entry of the build context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContextFile {
    /// Relative to the context root, `/`-separated, cleaned (`src/main.go`).
    pub path: String,
    /// Size in bytes, when the listing gave one.
    pub size: Option<u64>,
    /// True when the listing wrote the path with a trailing `/`.
    pub is_dir: bool,
    /// For a symbolic link (`link -> target` in the listing): its target, relative to the
    /// context root, cleaned and kept inside the context as BuildKit's scoped lookup
    /// (`fs.RootPath`) keeps it.
    pub link: Option<String>,
}

/// A local archive of a real build context, read by the CLI (the core does no IO): what
/// BuildKit would unpack when an ADD names it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Archive {
    /// Its path in the context, as in the listing.
    pub path: String,
    /// Its entries, in archive order, paths relative to where it is unpacked.
    pub entries: Vec<ArchiveEntry>,
    /// A caveat ("the xz stream was cut or too large", "stopped after 20000 entries").
    pub note: Option<String>,
}

/// One entry of an [`Archive`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ArchiveEntry {
    /// Cleaned, relative (`bin/tool`).
    pub path: String,
    pub size: u64,
    pub is_dir: bool,
    /// A symbolic or hard link's target, as stored.
    pub link: Option<String>,
}

/// The build context after `.dockerignore`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BuildContext {
    /// The files that reach the builder, sorted by path, without duplicates.
    pub files: Vec<ContextFile>,
    /// The files `.dockerignore` excluded, with the 1-based line of the deciding pattern.
    pub ignored: Vec<(String, usize)>,
    /// True when no listing was given and the files were inferred from COPY/ADD sources.
    pub inferred: bool,
    pub problems: Vec<InputProblem>,
    /// The first `.dockerignore` line BuildKit refuses (1-based) and its message.
    #[serde(skip)]
    pub refused: Option<(usize, &'static str)>,
    /// True when the listing had more than [`MAX_CONTEXT_FILES`] files: the rest is
    /// unknown, so no source is said to be missing.
    #[serde(skip)]
    pub truncated: bool,
}

impl BuildContext {
    /// Builds the context from a listing and an optional `.dockerignore` text.
    pub fn from_listing(listing: &str, dockerignore: Option<&str>) -> BuildContext {
        let (files, mut problems) = parse_listing(listing);
        let truncated = files.len() >= MAX_CONTEXT_FILES;
        let ignore = DockerIgnore::parse(dockerignore.unwrap_or(""));
        problems.extend(ignore.problems.iter().cloned());
        let mut ctx = BuildContext {
            problems,
            refused: ignore.refused,
            truncated,
            ..BuildContext::default()
        };
        let mut budget = MAX_IGNORE_TESTS;
        let mut stopped = false;
        for f in files {
            let decided = if stopped {
                None
            } else {
                ignore.deciding_pattern_within(&f.path, &mut budget)
            };
            match decided {
                Some(Some(line)) => ctx.ignored.push((f.path, line)),
                Some(None) => ctx.files.push(f),
                None => {
                    if !stopped {
                        stopped = true;
                        ctx.problems.push(InputProblem {
                            input: "dockerignore",
                            line: 0,
                            message: format!(
                                "stopped applying the patterns at `{}` after {MAX_IGNORE_TESTS} \
                                 tests: it and the files after it are kept unchecked",
                                f.path
                            ),
                        });
                    }
                    ctx.files.push(f);
                }
            }
        }
        ctx
    }

    /// The entries at or under `path` (a cleaned relative path; `""` or `.` is the root).
    /// `files` is sorted, so every path that starts with `path` sits in one run that begins
    /// at the first entry not below it: found by binary search, not a scan of the context.
    pub fn under<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a ContextFile> + 'a {
        let root = path.is_empty() || path == ".";
        let start = if root {
            0
        } else {
            self.files.partition_point(|f| f.path.as_str() < path)
        };
        self.files
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |f| root || f.path.starts_with(path))
            .inspect(|_| crate::work::add(1))
            .filter(move |f| {
                root || f.path == path || f.path.as_bytes().get(path.len()) == Some(&b'/')
            })
    }

    /// `path` (cleaned, relative) with every symbolic link among its leading components
    /// replaced by its target, as BuildKit resolves a COPY source (`FollowSymlinks`): at
    /// most 40 links, as Linux follows (a loop stops there).
    pub fn resolve(&self, path: &str) -> String {
        let mut path = path.to_string();
        for _ in 0..40 {
            let mut replaced = None;
            for (end, _) in path
                .match_indices('/')
                .chain(std::iter::once((path.len(), "")))
            {
                let prefix = path.get(..end).unwrap_or("");
                if let Ok(k) = self.files.binary_search_by(|f| f.path.as_str().cmp(prefix))
                    && let Some(target) = self.files.get(k).and_then(|f| f.link.as_deref())
                {
                    let rest = path.get(end..).unwrap_or("").trim_start_matches('/');
                    replaced = Some(if rest.is_empty() {
                        target.to_string()
                    } else if target.is_empty() {
                        rest.to_string()
                    } else {
                        [target, "/", rest].concat()
                    });
                    break;
                }
            }
            match replaced {
                Some(p) if p != path => path = p,
                _ => break,
            }
        }
        path
    }

    /// True when `path` is a directory of the context: listed with `/` or a parent of a file.
    pub fn is_dir(&self, path: &str) -> bool {
        if path.is_empty() || path == "." {
            return true;
        }
        self.under(path).any(|f| f.is_dir || f.path != path)
    }
}

/// Parses a context listing: one path a line, optionally followed by a size (`4KB`,
/// `1.5 MB`, `300`, `2MiB`). `#` starts a comment line; a trailing `/` marks a directory;
/// a leading `./` or `/` is dropped. Bad lines are reported and skipped or kept without a
/// size, never fatal. The result is sorted and free of duplicates (the last line wins).
pub fn parse_listing(text: &str) -> (Vec<ContextFile>, Vec<InputProblem>) {
    let mut files: Vec<ContextFile> = Vec::new();
    let mut problems = Vec::new();
    let problem = |line: usize, message: String| InputProblem {
        input: "context",
        line,
        message,
    };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if files.len() >= MAX_CONTEXT_FILES {
            problems.push(problem(
                line_no,
                format!("the listing has more than {MAX_CONTEXT_FILES} files; the rest is ignored"),
            ));
            break;
        }
        // A symbolic link: `path -> target` (what `ls -l` and the CLI's `--context` write).
        let (line, link_target) = match line.split_once(" -> ") {
            Some((path, target)) => (path.trim_end(), Some(target.trim())),
            None => (line, None),
        };
        // The size, if any, is the last whitespace-separated word, possibly split from its
        // unit (`1.5 MB`). A last word that starts with a digit but is no size is reported.
        let (mut path_part, mut size) = (line, None);
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() >= 2 && link_target.is_none() {
            let last = words.last().copied().unwrap_or("");
            let before = words.get(words.len() - 2).copied().unwrap_or("");
            let joined = format!("{before}{last}");
            if words.len() >= 3
                && last.chars().all(|c| c.is_ascii_alphabetic())
                && let Some(s) = parse_size(&joined)
            {
                size = Some(s);
                path_part = strip_last_words(line, 2);
            } else if let Some(s) = parse_size(last) {
                size = Some(s);
                path_part = strip_last_words(line, 1);
            } else if last.starts_with(|c: char| c.is_ascii_digit()) {
                problems.push(problem(
                    line_no,
                    format!(
                        "`{last}` is not a size (write e.g. 4KB, 1.5MB, 300B); kept the path without a size"
                    ),
                ));
                path_part = strip_last_words(line, 1);
            }
        }
        let is_dir = path_part.ends_with('/');
        let cleaned = clean(path_part);
        let rel = cleaned.trim_start_matches('/');
        if rel.is_empty() || rel == "." {
            problems.push(problem(
                line_no,
                format!("`{path_part}` names the context root, not a file; skipped"),
            ));
            continue;
        }
        if rel == ".." || rel.starts_with("../") {
            problems.push(problem(
                line_no,
                format!("`{path_part}` is outside the build context; skipped"),
            ));
            continue;
        }
        // A relative target is read from the link's directory, an absolute one from the
        // context root; `..` past the root stays at the root.
        let link = link_target.map(|t| {
            let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
            let joined = if t.starts_with('/') {
                clean(t)
            } else {
                clean(&["/", parent, "/", t].concat())
            };
            joined.trim_start_matches('/').to_string()
        });
        files.push(ContextFile {
            path: rel.to_string(),
            size,
            is_dir: is_dir && link.is_none(),
            link,
        });
    }
    // Sort stably by path and keep the last line of each path.
    files.reverse();
    sort::sort_by(&mut files, |a, b| a.path.cmp(&b.path));
    files.dedup_by(|later, earlier| later.path == earlier.path);
    (files, problems)
}

fn strip_last_words(line: &str, n: usize) -> &str {
    let mut s = line.trim_end();
    for _ in 0..n {
        s = s
            .rfind(char::is_whitespace)
            .map_or("", |i| s.get(..i).unwrap_or(""))
            .trim_end();
    }
    s
}

/// Parses a human size: a decimal number and an optional unit. `KB`, `MB`, `GB` are powers
/// of 1000 and `KiB`, `MiB`, `GiB` powers of 1024, as `du --si` and `du -h` print them; `K`,
/// `M`, `G` alone (as `ls -h` prints) are read as powers of 1024.
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    if num.is_empty() || num.len() > 20 {
        return None;
    }
    // Exact decimal arithmetic, not `f64`: parsing floats would link the standard
    // library's float parser and its tables (about 14 KB of the page's wasm) for this alone.
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if (int.is_empty() && frac.is_empty()) || frac.contains('.') {
        return None;
    }
    let digits = |s: &str| s.bytes().fold(0u128, |n, b| n * 10 + u128::from(b - b'0'));
    let scale = 10u128.pow(frac.len() as u32);
    let mult: u128 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        _ => return None,
    };
    // `num` has at most 20 digits, so this stays far below `u128::MAX`; rounds half up.
    let bytes = ((digits(int) * scale + digits(frac)) * mult + scale / 2) / scale;
    // Sizes past a petabyte are typos, not build contexts.
    (bytes < 1_000_000_000_000_000).then_some(bytes as u64)
}

/// Cleans a `/`-separated path like Go's `path.Clean`: no empty or `.` elements, `..`
/// resolved lexically (dropped at the root of an absolute path), no trailing `/`; the
/// empty path becomes `.`.
pub fn clean(path: &str) -> String {
    if is_clean(path) {
        return path.to_string();
    }
    // One pass into one buffer: `..` truncates back to the previous separator.
    let rooted = path.starts_with('/');
    let mut out = String::with_capacity(path.len() + 1);
    if rooted {
        out.push('/');
    }
    let base = out.len();
    // Leading `..` segments of a relative path stay: nothing before them can be popped.
    let mut floor = base;
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.len() > floor {
                    let cut = out
                        .get(base..)
                        .and_then(|rest| rest.rfind('/'))
                        .map_or(base, |i| base + i);
                    out.truncate(cut);
                } else if !rooted {
                    if out.len() > base {
                        out.push('/');
                    }
                    out.push_str("..");
                    floor = out.len();
                }
            }
            p => {
                if out.len() > base {
                    out.push('/');
                }
                out.push_str(p);
            }
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// True when [`clean`] would return `path` unchanged: not empty, no empty, `.` or `..`
/// segment, no trailing `/` (except the root itself).
fn is_clean(path: &str) -> bool {
    if path == "/" {
        return true;
    }
    // One pass over the bytes: every segment must be non-empty and neither `.` nor `..`.
    let bytes = path.as_bytes();
    let rest = bytes.strip_prefix(b"/").unwrap_or(bytes);
    !rest.is_empty()
        && rest
            .split(|&c| c == b'/')
            .all(|seg| !matches!(seg, b"" | b"." | b".."))
}

/// Joins `path` to the directory `base` (absolute), unless `path` is absolute, and cleans.
pub fn join(base: &str, path: &str) -> String {
    if path.starts_with('/') {
        return clean(path);
    }
    let mut joined = String::with_capacity(base.len() + 1 + path.len());
    joined.push_str(base);
    if !base.ends_with('/') {
        joined.push('/');
    }
    joined.push_str(path);
    // Two clean parts make a clean whole: no second pass, no second allocation.
    if is_clean(base) && is_clean(path) {
        joined
    } else {
        clean(&joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `under` finds its run by binary search: neighbours that share a prefix but not a
    /// directory (`a-b`, `a.txt`, `ab/`) sort inside or next to the run and stay out.
    #[test]
    fn under_takes_exactly_the_subtree() {
        let ctx = BuildContext::from_listing("b\nab/c\na/y/z\na.txt\na-b\na/x\na\n", None);
        let under = |p: &str| ctx.under(p).map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(under("a"), ["a", "a/x", "a/y/z"]);
        assert_eq!(under("a/y"), ["a/y/z"]);
        assert_eq!(under("ab"), ["ab/c"]);
        assert_eq!(under("a-b"), ["a-b"]);
        assert!(under("c").is_empty());
        assert!(under("a/y/z/w").is_empty());
        assert_eq!(under(".").len(), 7);
        assert!(ctx.is_dir("a") && ctx.is_dir("a/y") && !ctx.is_dir("a.txt"));
    }

    #[test]
    fn clean_follows_go() {
        for (input, want) in [
            ("", "."),
            ("abc", "abc"),
            ("abc/def", "abc/def"),
            ("./abc", "abc"),
            ("abc/", "abc"),
            ("/abc/", "/abc"),
            ("abc//def", "abc/def"),
            ("abc/./def", "abc/def"),
            ("abc/../def", "def"),
            ("../abc", "../abc"),
            ("/../abc", "/abc"),
            ("abc/..", "."),
            ("/", "/"),
            ("./", "."),
        ] {
            assert_eq!(clean(input), want, "clean({input:?})");
        }
    }

    /// The straightforward segment-stack algorithm (Go's `path.Clean`), to check the
    /// one-buffer version against.
    fn reference_clean(path: &str) -> String {
        let rooted = path.starts_with('/');
        let mut parts: Vec<&str> = Vec::new();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.last().is_some_and(|p| *p != "..") {
                        parts.pop();
                    } else if !rooted {
                        parts.push("..");
                    }
                }
                p => parts.push(p),
            }
        }
        let joined = parts.join("/");
        match (rooted, joined.is_empty()) {
            (true, _) => format!("/{joined}"),
            (false, true) => ".".to_string(),
            (false, false) => joined,
        }
    }

    /// Every path of up to five segments drawn from awkward pieces, rooted or not.
    #[test]
    fn clean_matches_reference_on_all_short_paths() {
        let pieces = ["", ".", "..", "a", "bc"];
        let mut paths = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for p in &paths {
                for q in pieces {
                    next.push(format!("{p}/{q}"));
                    next.push(format!("{p}{q}/"));
                }
            }
            paths.extend(next);
            sort::sort(&mut paths);
            paths.dedup();
        }
        for p in &paths {
            for candidate in [p.as_str(), p.trim_start_matches('/')] {
                assert_eq!(
                    clean(candidate),
                    reference_clean(candidate),
                    "clean({candidate:?})"
                );
            }
        }
    }

    /// The allocation-saving shortcuts of `clean` and `join` give what the general path
    /// gives, on every combination of awkward segments.
    #[test]
    fn join_shortcut_matches_general_clean() {
        let parts = [
            "", ".", "..", "a", "bc", "a/b", "a//b", "a/./b", "a/../b", "/", "/a", "/a/", "./a",
            "a/", "...",
        ];
        let bases = ["/", "/usr", "/usr/local/", "/a/../b", "/x/./y", "rel", "."];
        for p in parts {
            // A cleaned path takes the shortcut and must come back unchanged.
            assert_eq!(clean(&clean(p)), clean(p), "clean({p:?}) is idempotent");
            for b in bases {
                let general = if p.starts_with('/') {
                    clean(p)
                } else {
                    clean(&format!("{b}/{p}"))
                };
                assert_eq!(join(b, p), general, "join({b:?}, {p:?})");
            }
        }
    }

    #[test]
    fn listing_parses_sizes_and_reports_bad_lines() {
        let (files, problems) = parse_listing(
            "# a comment\nsrc/main.go 4KB\n./go.mod 120\n/docs/ \nbig.bin 1.5 MB\nodd.txt 12XB\n\
             with space.txt 2KiB\n../escape\nsrc/main.go 5KB\n",
        );
        let got: Vec<(&str, Option<u64>, bool)> = files
            .iter()
            .map(|f| (f.path.as_str(), f.size, f.is_dir))
            .collect();
        assert_eq!(
            got,
            vec![
                ("big.bin", Some(1_500_000), false),
                ("docs", None, true),
                ("go.mod", Some(120), false),
                ("odd.txt", None, false),
                ("src/main.go", Some(5_000), false),
                ("with space.txt", Some(2048), false),
            ]
        );
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![6, 8]);
    }

    #[test]
    fn context_applies_dockerignore() {
        let ctx = BuildContext::from_listing(
            "src/main.go\nsrc/main_test.go\nREADME.md\n.git/HEAD\n",
            Some(".git\n**/*_test.go\n"),
        );
        let kept: Vec<&str> = ctx.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(kept, vec!["README.md", "src/main.go"]);
        assert_eq!(
            ctx.ignored,
            vec![
                (".git/HEAD".to_string(), 1),
                ("src/main_test.go".to_string(), 2)
            ]
        );
        assert!(ctx.is_dir("src"));
        assert!(!ctx.is_dir("src/main.go"));
        assert_eq!(ctx.under("src").count(), 1);
    }

    #[test]
    fn parse_size_units() {
        assert_eq!(parse_size("4KB"), Some(4000));
        assert_eq!(parse_size("4K"), Some(4096));
        assert_eq!(parse_size("1.5MB"), Some(1_500_000));
        assert_eq!(parse_size("2GiB"), Some(2 * 1024 * 1024 * 1024));
        assert_eq!(parse_size("12"), Some(12));
        assert_eq!(parse_size("12XB"), None);
        assert_eq!(parse_size("abc"), None);
        assert_eq!(parse_size("99999999999999999999"), None);
        // Decimals are exact and round half up, as the float version did.
        assert_eq!(parse_size("0.5K"), Some(512));
        assert_eq!(parse_size(".5"), Some(1));
        assert_eq!(parse_size("5."), Some(5));
        assert_eq!(parse_size("2.25 kB"), Some(2250));
        assert_eq!(parse_size("1.0000001MB"), Some(1_000_000));
        assert_eq!(parse_size("0.000000000000000001GiB"), Some(0));
        assert_eq!(parse_size("999999999999999KB"), None);
        assert_eq!(parse_size("999.999999999999"), Some(1000));
        for bad in [".", "1.2.3", "", "KB", "1..2"] {
            assert_eq!(parse_size(bad), None, "{bad:?}");
        }
    }
}
