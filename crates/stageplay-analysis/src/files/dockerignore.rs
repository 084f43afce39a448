//! `.dockerignore` with Docker's rules, and Go's `filepath.Match` wildcards used by both
//! COPY sources and ignore patterns.
//!
//! No well-kept crate implements Docker's ignore rules (the `ignore` and `globset` crates
//! follow git, which differs: in Docker `*` never crosses `/`, a pattern is anchored at the
//! context root, it also matches every path under a matching directory, and the last
//! matching line wins, exceptions included), so the matcher lives here. It follows moby's
//! `patternmatcher` package: lines starting with `#` are comments, each pattern is trimmed
//! and cleaned like Go's `filepath.Clean`, a leading `/` is dropped, `!` makes an exception,
//! `**` matches any number of directories, and the pattern `.` is ignored. Matching runs as
//! a small automaton over the pattern tokens, so it is linear in the path for a given
//! pattern and cannot backtrack exponentially.

use rustc_hash::FxHashMap;

use super::context::{InputProblem, clean};

/// The most patterns a `.dockerignore` may hold; further lines are dropped and reported.
pub const MAX_IGNORE_PATTERNS: usize = 2_000;
/// The most pattern tests that applying a `.dockerignore` to a context listing makes (each
/// path is tested only against the patterns whose literal prefix starts it, so this bounds
/// patterns that start with a wildcard, like `**/x`, times files); past it the remaining
/// files are kept and the problem says so.
pub const MAX_IGNORE_TESTS: usize = 2_000_000;
/// Longer patterns and paths are cut: matching is O(pattern × path), so both are bounded.
const MAX_PATTERN_LEN: usize = 1_024;

/// One token of a compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Lit(char),
    /// `*`: any run of characters other than `/`.
    Star,
    /// `?`: one character other than `/`.
    Quest,
    /// `[...]`: ranges, negated by `^`.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    /// `**/` (or `**` inside a pattern) in `.dockerignore`: `(.*/)?`.
    AnyDirs,
    /// `**` at the end of a `.dockerignore` pattern: anything, `/` included.
    AnyRest,
}

/// A compiled wildcard pattern: Go's `filepath.Match`, or Docker's ignore flavour of it
/// (adds `**`, and lets `[...]` match `/` as moby's regular expression does).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    toks: Vec<Tok>,
    ignore_flavour: bool,
}

/// Why a pattern is malformed (Go's `filepath.ErrBadPattern`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPattern(pub String);

impl Glob {
    /// Compiles a `filepath.Match` pattern (COPY and ADD sources).
    pub fn new(pattern: &str) -> Result<Glob, BadPattern> {
        compile(pattern, false)
    }

    /// Compiles a `.dockerignore` pattern (already cleaned).
    pub fn new_ignore(pattern: &str) -> Result<Glob, BadPattern> {
        compile(pattern, true)
    }

    /// True when the whole of `path` matches.
    pub fn matches(&self, path: &str) -> bool {
        crate::work::add(path.len() + 1);
        // Automaton states (the vectors have 2n+2 slots and i < n, so every index below is
        // in bounds): 2*i = "at token i"; 2*i+1 = "inside AnyDirs i, after at least
        // one character, waiting for its closing `/`".
        let n = self.toks.len();
        let mut cur = vec![false; 2 * n + 2];
        let mut next = vec![false; 2 * n + 2];
        cur[0] = true;
        self.close(&mut cur);
        for c in path.chars() {
            next.iter_mut().for_each(|b| *b = false);
            let mut any = false;
            for i in 0..n {
                let Some(tok) = self.toks.get(i) else { break };
                if cur[2 * i] {
                    match tok {
                        Tok::Lit(l) if *l == c => next[2 * i + 2] = true,
                        Tok::Lit(_) => {}
                        Tok::Quest if c != '/' => next[2 * i + 2] = true,
                        Tok::Quest => {}
                        Tok::Class { negated, ranges } => {
                            let inside = ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                            if inside != *negated && (self.ignore_flavour || c != '/') {
                                next[2 * i + 2] = true;
                            }
                        }
                        Tok::Star if c != '/' => next[2 * i] = true,
                        Tok::Star => {}
                        Tok::AnyRest => next[2 * i] = true,
                        Tok::AnyDirs => {
                            next[2 * i + 1] = true;
                            if c == '/' {
                                next[2 * i + 2] = true;
                            }
                        }
                    }
                }
                if cur[2 * i + 1] {
                    next[2 * i + 1] = true;
                    if c == '/' {
                        next[2 * i + 2] = true;
                    }
                }
            }
            self.close(&mut next);
            for b in &next {
                any |= *b;
            }
            std::mem::swap(&mut cur, &mut next);
            if !any {
                return false;
            }
        }
        cur[2 * n]
    }

    /// Follows the empty transitions: `*`, `**` and `**/` may match nothing.
    fn close(&self, states: &mut [bool]) {
        for (i, tok) in self.toks.iter().enumerate() {
            if states[2 * i] && matches!(tok, Tok::Star | Tok::AnyDirs | Tok::AnyRest) {
                states[2 * i + 2] = true;
            }
        }
    }

    /// True when the pattern has no wildcard (it names one path).
    pub fn is_literal(&self) -> bool {
        self.toks.iter().all(|t| matches!(t, Tok::Lit(_)))
    }
}

/// True when `pattern` contains a character that `filepath.Match` treats as a wildcard.
pub fn has_wildcard(pattern: &str) -> bool {
    pattern.contains(['*', '?', '['])
}

fn compile(pattern: &str, ignore_flavour: bool) -> Result<Glob, BadPattern> {
    let mut chars: Vec<char> = pattern.chars().collect();
    chars.truncate(MAX_PATTERN_LEN);
    let mut toks = Vec::new();
    let mut i = 0;
    let get = |i: usize| chars.get(i).copied();
    while let Some(c) = get(i) {
        i += 1;
        match c {
            '*' if ignore_flavour && get(i) == Some('*') => {
                i += 1;
                if get(i) == Some('/') {
                    i += 1;
                }
                if get(i).is_none() {
                    toks.push(Tok::AnyRest);
                } else {
                    toks.push(Tok::AnyDirs);
                }
            }
            '*' => {
                if toks.last() != Some(&Tok::Star) {
                    toks.push(Tok::Star);
                }
            }
            '?' => toks.push(Tok::Quest),
            '\\' => match get(i) {
                Some(e) => {
                    i += 1;
                    toks.push(Tok::Lit(e));
                }
                // A trailing backslash: Go reports a bad pattern, moby's regexp keeps it.
                None if ignore_flavour => toks.push(Tok::Lit('\\')),
                None => return Err(BadPattern("trailing backslash".into())),
            },
            '[' => {
                let mut negated = false;
                if get(i) == Some('^') {
                    negated = true;
                    i += 1;
                }
                let mut ranges = Vec::new();
                loop {
                    match get(i) {
                        None => return Err(BadPattern("unterminated [".into())),
                        Some(']') if !ranges.is_empty() => {
                            i += 1;
                            break;
                        }
                        _ => {}
                    }
                    let lo = class_char(&chars, &mut i)?;
                    let mut hi = lo;
                    if get(i) == Some('-') {
                        i += 1;
                        hi = class_char(&chars, &mut i)?;
                        if hi < lo {
                            return Err(BadPattern(format!("range {lo}-{hi} runs backwards")));
                        }
                    }
                    ranges.push((lo, hi));
                }
                toks.push(Tok::Class { negated, ranges });
            }
            c => toks.push(Tok::Lit(c)),
        }
    }
    Ok(Glob {
        toks,
        ignore_flavour,
    })
}

/// Reads one (possibly escaped) character of a class; `-` and `]` must be escaped.
fn class_char(chars: &[char], i: &mut usize) -> Result<char, BadPattern> {
    match chars.get(*i).copied() {
        None => Err(BadPattern("unterminated [".into())),
        Some('-') | Some(']') => Err(BadPattern("`-` or `]` must be escaped in [...]".into())),
        Some('\\') => {
            *i += 2;
            chars
                .get(*i - 1)
                .copied()
                .ok_or_else(|| BadPattern("unterminated [".into()))
        }
        Some(c) => {
            *i += 1;
            Ok(c)
        }
    }
}

// ---------------------------------------------------------------------------------------
// .dockerignore.

/// One pattern of a `.dockerignore`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnorePattern {
    /// The cleaned pattern, without `!`.
    pub pattern: String,
    /// True for `!pattern`: an exception that re-includes.
    pub exception: bool,
    /// 1-based line in the `.dockerignore`.
    pub line: usize,
    glob: Glob,
}

/// A parsed `.dockerignore`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DockerIgnore {
    pub patterns: Vec<IgnorePattern>,
    pub problems: Vec<InputProblem>,
    /// The first line moby/patternmatcher refuses, with BuildKit's message (the build
    /// fails before any stage runs).
    pub refused: Option<(usize, &'static str)>,
    /// The patterns by their literal prefix (the text before their first wildcard or
    /// escape): a pattern can only match a path that starts with its prefix, so a path is
    /// tested against those few, not against every line (thousands of lines against
    /// thousands of files stay linear).
    by_prefix: FxHashMap<String, Vec<usize>>,
    /// The distinct prefix lengths, ascending (a path looks each of its prefixes up once).
    prefix_lens: Vec<usize>,
}

impl DockerIgnore {
    /// Parses the text of a `.dockerignore` the way Docker's CLI and BuildKit read it.
    pub fn parse(text: &str) -> DockerIgnore {
        let mut out = DockerIgnore::default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            // Only a `#` in the very first column starts a comment.
            if raw.starts_with('#') {
                continue;
            }
            let mut p = raw.trim();
            if p.is_empty() {
                continue;
            }
            let exception = p.starts_with('!');
            if exception {
                p = p.get(1..).unwrap_or("").trim();
                if p.is_empty() {
                    out.problem(line, "a lone `!` is not a pattern (Docker refuses it)");
                    out.refuse(line, "illegal exclusion pattern: \"!\"");
                    continue;
                }
            }
            let mut cleaned = clean(p);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            // "For historical reasons, the pattern `.` is ignored."
            if cleaned == "." {
                continue;
            }
            if out.patterns.len() >= MAX_IGNORE_PATTERNS {
                out.problem(
                    line,
                    &format!("more than {MAX_IGNORE_PATTERNS} patterns; the rest is ignored"),
                );
                break;
            }
            match Glob::new_ignore(&cleaned) {
                Ok(glob) => out.patterns.push(IgnorePattern {
                    pattern: cleaned,
                    exception,
                    line,
                    glob,
                }),
                Err(BadPattern(why)) => {
                    out.problem(
                        line,
                        &format!(
                            "`{p}` is not a valid pattern ({why}); Docker would refuse this file"
                        ),
                    );
                    // Go's filepath.ErrBadPattern, which patternmatcher.New returns.
                    out.refuse(line, "syntax error in pattern");
                }
            }
        }
        for (k, p) in out.patterns.iter().enumerate() {
            let end = p
                .pattern
                .find(['*', '?', '[', '\\'])
                .unwrap_or(p.pattern.len());
            let prefix = p.pattern.get(..end).unwrap_or("");
            out.prefix_lens.push(prefix.len());
            out.by_prefix.entry(prefix.to_string()).or_default().push(k);
        }
        crate::sort::sort(&mut out.prefix_lens);
        out.prefix_lens.dedup();
        out
    }

    /// Records the first line BuildKit refuses, with its message.
    fn refuse(&mut self, line: usize, message: &'static str) {
        if self.refused.is_none() {
            self.refused = Some((line, message));
        }
    }

    fn problem(&mut self, line: usize, message: &str) {
        self.problems.push(InputProblem {
            input: "dockerignore",
            line,
            message: message.to_string(),
        });
    }

    /// True when `path` (relative to the context root) is excluded from the context.
    pub fn is_excluded(&self, path: &str) -> bool {
        self.deciding_pattern(path).is_some()
    }

    /// The line of the pattern that excludes `path`, or `None` when it is kept. As in moby's
    /// `MatchesOrParentMatches`, a pattern matches a path when it matches the path or one of
    /// its parent directories, and the last matching pattern decides.
    pub fn deciding_pattern(&self, path: &str) -> Option<usize> {
        let mut unlimited = usize::MAX;
        self.deciding_pattern_within(path, &mut unlimited)
            .unwrap_or(None)
    }

    /// [`DockerIgnore::deciding_pattern`] spending one unit of `budget` per pattern tested;
    /// `None` (nothing spent) when the patterns that could match `path` need more than is
    /// left.
    pub fn deciding_pattern_within(&self, path: &str, budget: &mut usize) -> Option<Option<usize>> {
        let path = clean(path);
        let path = path.trim_start_matches('/');
        let mut excluded: Option<usize> = None;
        // The patterns whose literal prefix starts `path`, in file order (the last
        // matching line decides).
        let mut candidates: Vec<usize> = Vec::new();
        for &len in &self.prefix_lens {
            match path.get(..len) {
                Some(prefix) => {
                    if let Some(found) = self.by_prefix.get(prefix) {
                        candidates.extend_from_slice(found);
                    }
                }
                None if len > path.len() => break,
                None => {}
            }
        }
        if candidates.len() > *budget {
            return None;
        }
        *budget -= candidates.len();
        crate::sort::sort(&mut candidates);
        for p in candidates.iter().filter_map(|&k| self.patterns.get(k)) {
            // An exclusion only matters while the path is kept; an exception only when it
            // is excluded.
            if p.exception != excluded.is_some() {
                continue;
            }
            let hit = p.glob.matches(path)
                || path
                    .match_indices('/')
                    .any(|(i, _)| p.glob.matches(path.get(..i).unwrap_or("")));
            if hit {
                excluded = if p.exception { None } else { Some(p.line) };
            }
        }
        Some(excluded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).map(|g| g.matches(path)).unwrap_or(false)
    }

    #[test]
    fn filepath_match_follows_go() {
        // Cases from Go's own `filepath.Match` table.
        assert!(m("abc", "abc"));
        assert!(m("*", "abc"));
        assert!(m("*c", "abc"));
        assert!(!m("a*", "ab/c"));
        assert!(m("a*/b", "abc/b"));
        assert!(!m("a*/b", "a/c/b"));
        assert!(m("a*b*c*d*e*/f", "axbxcxdxe/f"));
        assert!(m("a*b*c*d*e*/f", "axbxcxdxexxx/f"));
        assert!(!m("a*b*c*d*e*/f", "axbxcxdxe/xxx/f"));
        assert!(!m("a*b?c*x", "abxbbxdbxebxczzy"));
        assert!(m("ab[c]", "abc"));
        assert!(m("ab[b-d]", "abc"));
        assert!(!m("ab[e-g]", "abc"));
        assert!(!m("ab[^c]", "abc"));
        assert!(m("ab[^e-g]", "abc"));
        assert!(m("a\\*b", "a*b"));
        assert!(!m("a\\*b", "ab"));
        assert!(m("a?b", "a☺b"));
        assert!(m("a[^a]b", "a☺b"));
        assert!(!m("a???b", "a☺b"));
        assert!(m("[\\-]", "-"));
        assert!(m("[x\\-]", "x"));
        assert!(!m("[x\\-]", "z"));
        assert!(!m("a?b", "a/b"));
        assert!(!m("a*b", "a/b"));
        assert!(m("*x", "xxx"));
        assert!(Glob::new("[]a]").is_err());
        assert!(Glob::new("[-]").is_err());
        assert!(Glob::new("[x-]").is_err());
        assert!(Glob::new("[a-b-c]").is_err());
        assert!(Glob::new("[").is_err());
        assert!(Glob::new("[^").is_err());
        assert!(Glob::new("[^bc").is_err());
        assert!(Glob::new("a[").is_err());
        assert!(Glob::new("a\\").is_err());
    }

    #[test]
    fn glob_matching_is_linear_on_hostile_patterns() {
        let pattern = "*a".repeat(200);
        let path = "a".repeat(1000) + "b";
        // A backtracking matcher would take forever here; the automaton answers at once.
        assert!(!m(&pattern, &path));
    }

    fn ignored(dockerignore: &str, path: &str) -> bool {
        DockerIgnore::parse(dockerignore).is_excluded(path)
    }

    /// Every example of the `.dockerignore` section of Docker's "Build context" page.
    #[test]
    fn docker_documentation_examples() {
        let file = "# comment\n*/temp*\n*/*/temp*\ntemp?\n";
        // `# comment`: ignored (it would otherwise exclude a file called `# comment`).
        assert!(!ignored(file, "# comment"));
        // `*/temp*`: names starting with temp in any immediate subdirectory of the root.
        assert!(ignored(file, "somedir/temporary.txt"));
        assert!(ignored(file, "somedir/temp"));
        assert!(ignored(file, "somedir/temp/inside.txt"));
        assert!(!ignored(file, "temporary.txt"));
        // `*/*/temp*`: two levels below the root.
        assert!(ignored(file, "somedir/subdir/temporary.txt"));
        assert!(!ignored(file, "a/b/c/temporary.txt"));
        // `temp?`: a one-character extension of temp in the root.
        assert!(ignored(file, "tempa"));
        assert!(ignored(file, "tempb"));
        assert!(!ignored(file, "temp"));
        assert!(!ignored(file, "tempab"));
        assert!(!ignored(file, "a/b/c/tempa"));

        // "A preprocessing step uses Go's filepath.Clean to trim whitespace and remove . and
        // ..": these all mean `foo/bar`; "/foo/bar and foo/bar both exclude a file or
        // directory named bar in the foo subdirectory ... Neither excludes anything else."
        for p in [
            "/foo/bar",
            "foo/bar",
            "  foo/bar  ",
            "./foo/bar",
            "foo/./bar",
            "foo/x/../bar",
        ] {
            assert!(ignored(p, "foo/bar"), "{p}");
            assert!(ignored(p, "foo/bar/baz.txt"), "{p}");
            assert!(!ignored(p, "bar"), "{p}");
            assert!(!ignored(p, "x/foo/bar"), "{p}");
            assert!(!ignored(p, "foo/barn"), "{p}");
        }
        // "Lines that are blank after preprocessing are ignored", and "for historical
        // reasons, the pattern `.` is ignored".
        assert!(DockerIgnore::parse("   \n\n.\n./\n").patterns.is_empty());
        assert!(!ignored(".", "anything"));

        // "`**/*.go` excludes all files that end with .go found anywhere in the build context."
        assert!(ignored("**/*.go", "main.go"));
        assert!(ignored("**/*.go", "a/b/c/main.go"));
        assert!(!ignored("**/*.go", "main.gox"));

        // "*.md / !README.md: all markdown files right under the context directory except
        // README.md are excluded". Markdown files in subdirectories stay.
        let f = "*.md\n!README.md\n";
        assert!(ignored(f, "CHANGES.md"));
        assert!(!ignored(f, "README.md"));
        assert!(!ignored(f, "docs/guide.md"));

        // "No markdown files are included in the context except README files other than
        // README-secret.md."
        let f = "*.md\n!README*.md\nREADME-secret.md\n";
        assert!(ignored(f, "CHANGES.md"));
        assert!(!ignored(f, "README.md"));
        assert!(!ignored(f, "README-dev.md"));
        assert!(ignored(f, "README-secret.md"));

        // "All of the README files are included. The middle line has no effect because
        // !README*.md matches README-secret.md and comes last."
        let f = "*.md\nREADME-secret.md\n!README*.md\n";
        assert!(ignored(f, "CHANGES.md"));
        assert!(!ignored(f, "README-secret.md"));
        assert!(!ignored(f, "README.md"));
    }

    #[test]
    fn docker_rules_that_differ_from_git() {
        // A pattern without `/` is still anchored at the root (git would match at any depth).
        assert!(ignored("node_modules", "node_modules/x/index.js"));
        assert!(!ignored("node_modules", "web/node_modules/x/index.js"));
        assert!(ignored("**/node_modules", "web/node_modules/x/index.js"));
        // A trailing `/` is cleaned away: it matches files too.
        assert!(ignored("build/", "build"));
        // A comment must start in the first column; an indented `#` is a pattern.
        assert!(ignored("  #notes", "#notes"));
        // `**` alone and a trailing `/**` match everything under.
        assert!(ignored("**", "a/b"));
        assert!(ignored("dist/**", "dist/a/b.js"));
        assert!(!ignored("dist/**", "distx"));
        // `**` in the middle matches zero or more directories.
        assert!(ignored("a/**/b", "a/b"));
        assert!(ignored("a/**/b", "a/x/y/b"));
        assert!(!ignored("a/**/b", "a/xb"));
        // Re-including a file inside an excluded directory works (BuildKit walks into it).
        let f = "docs\n!docs/keep.md\n";
        assert!(ignored(f, "docs/other.md"));
        assert!(!ignored(f, "docs/keep.md"));
        // Exclude everything, then re-include what the build needs: a common idiom.
        let f = "*\n!src\n!go.mod\n";
        assert!(ignored(f, "README.md"));
        assert!(!ignored(f, "src/main.go"));
        assert!(!ignored(f, "go.mod"));
    }

    /// The literal-prefix index keeps the last-match-wins order across prefixes, and
    /// ignores patterns longer than the path.
    #[test]
    fn prefix_index_keeps_file_order() {
        let f = "src/gen*\n**/*.tmp\n!src/gen/keep.tmp\nsrc/gen/keep.tmp/deeper/x\n";
        assert!(ignored(f, "src/gen/a.go"));
        assert!(ignored(f, "a.tmp"));
        assert!(!ignored(f, "src/gen/keep.tmp"));
        assert!(!ignored(f, "src"));
        assert!(ignored(f, "src/gen/keep.tmp/deeper/x/y"));
        assert!(ignored("\\#x", "#x"));
        assert!(ignored("é*\n", "éa"));
        assert!(!ignored("é*\n", "e"));
    }

    #[test]
    fn bad_ignore_lines_are_reported() {
        let d = DockerIgnore::parse("!\n[abc\nok\n");
        assert_eq!(d.patterns.len(), 1);
        assert_eq!(d.problems.len(), 2);
        assert_eq!(d.problems[0].line, 1);
        assert_eq!(d.problems[1].line, 2);
    }
}
