//! The BuildKit conformance report: runs every fixture that follows BuildKit (the
//! `buildkit-*` folders, and any other whose README cites moby/buildkit) and prints, per
//! category and per BuildKit build check, how many match and which do not.
//!
//! `cargo run -p stageplay-analysis --example conformance` (docs/conformance.md). A
//! fixture matches when:
//! - its README lists what BuildKit reports (`BuildKit reports:` then one `  <line> <Rule>
//!   <message>` a line, or `nothing`; `BuildKit fails the build: <message>`): Stageplay
//!   reports exactly those BuildKit warnings (line, rule, message, count) and, when BuildKit
//!   fails, an error with that message (and no error when it does not);
//! - otherwise: what Stageplay reports now (the problems of an analysis fixture, the whole
//!   file simulation of a file-flow fixture) equals its reviewed `expected.txt`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "../tests/it/fixtures.rs"]
pub mod fixtures;

use stageplay_analysis::{Severity, analyze, export, lint};

/// One fixture's verdict.
pub struct Verdict {
    pub name: String,
    pub category: &'static str,
    /// The BuildKit build checks it exercises.
    pub rules: Vec<&'static str>,
    /// `None` when it matches, else why not.
    pub mismatch: Option<String>,
}

/// The categories, in the order the report prints them.
pub const CATEGORIES: &[&str] = &["checks", "build errors", "legacy builder", "file flow"];

fn main() {
    let verdicts = run(&fixtures_root());
    print!("{}", report(&verdicts));
}

/// `tests/fixtures` of this crate.
pub fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs every BuildKit-citing fixture under `root` (`analysis/` and `files/`).
pub fn run(root: &Path) -> Vec<Verdict> {
    let mut out = Vec::new();
    for set in ["analysis", "files"] {
        let Ok(entries) = std::fs::read_dir(root.join(set)) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for dir in dirs {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let readme = read(&dir, "README").unwrap_or_default();
            if !name.starts_with("buildkit") && !readme.to_lowercase().contains("moby/buildkit") {
                continue;
            }
            out.push(if set == "files" {
                files_verdict(&dir, name)
            } else {
                analysis_verdict(&dir, name, &readme)
            });
        }
    }
    out
}

fn read(dir: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(dir.join(file)).ok()
}

fn category(name: &str, set_is_files: bool) -> &'static str {
    if set_is_files || name.starts_with("buildkit-files-") {
        "file flow"
    } else if name.starts_with("buildkit-error-") {
        "build errors"
    } else if name.starts_with("buildkit-legacy-") && !name.starts_with("buildkit-legacy-key-value")
    {
        "legacy builder"
    } else {
        "checks"
    }
}

/// The problems section of a text report: after `problems:` up to the next section.
fn problems_section(text: &str) -> String {
    let Some((_, rest)) = text.split_once("problems:\n") else {
        return String::new();
    };
    rest.lines()
        .take_while(|l| l.starts_with("  |") || l.starts_with("checks:") || starts_with_position(l))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// True for a diagnostic line, `12:5: warning [Rule] ...`.
fn starts_with_position(line: &str) -> bool {
    let mut parts = line.splitn(3, ':');
    let number =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    number(parts.next()) && number(parts.next())
}

/// A warning as (line, rule, message).
type Finding = (usize, String, String);

/// What a README says BuildKit reports: the warnings and the build error, or `None` without
/// a `BuildKit reports:` block.
fn buildkit_expectation(readme: &str) -> Option<(Vec<Finding>, Option<String>)> {
    let (_, rest) = readme
        .split_once("\nBuildKit reports:")
        .or_else(|| readme.strip_prefix("BuildKit reports:").map(|r| ("", r)))?;
    let mut lines = rest.lines();
    let mut warnings = Vec::new();
    let first = lines.next().unwrap_or("").trim();
    if !first.is_empty() && first != "nothing" {
        return None;
    }
    for l in lines.by_ref() {
        let Some(l) = l.strip_prefix("  ") else { break };
        let mut parts = l.splitn(3, ' ');
        let line = parts.next().and_then(|n| n.parse().ok())?;
        let rule = parts.next()?.to_string();
        warnings.push((line, rule, parts.next().unwrap_or("").to_string()));
    }
    let error = readme
        .lines()
        .find_map(|l| l.strip_prefix("BuildKit fails the build: "))
        .map(str::to_string);
    Some((warnings, error))
}

fn analysis_verdict(dir: &Path, name: String, readme: &str) -> Verdict {
    let text = read(dir, "Dockerfile").unwrap_or_default();
    let a = analyze(&text, &fixtures::analysis_options(dir).0);
    let lines = stageplay_analysis::LineIndex::new(&text);
    let is_check = |rule: &str| lint::rule(rule).is_some_and(|r| r.buildkit);
    let got: Vec<Finding> = a
        .diagnostics
        .iter()
        .filter(|d| is_check(d.rule))
        .map(|d| {
            (
                lines.line(d.span.start),
                d.rule.to_string(),
                d.message.clone(),
            )
        })
        .collect();
    let expected_text = read(dir, "expected.txt").unwrap_or_default();
    let mut rules: Vec<&'static str> = Vec::new();
    let mut note = |r: &str| {
        if let Some(rule) = lint::rule(r).filter(|r| r.buildkit)
            && !rules.contains(&rule.name)
        {
            rules.push(rule.name);
        }
    };
    for r in lint::RULES.iter().filter(|r| r.buildkit) {
        if name.contains(&kebab(r.name)) {
            note(r.name);
        }
    }
    let mismatch = match buildkit_expectation(readme) {
        Some((want, error)) => {
            for (_, r, _) in &want {
                note(r);
            }
            let mut want_sorted = want.clone();
            want_sorted.sort();
            let mut got_sorted = got.clone();
            got_sorted.sort();
            let errors: Vec<&str> = a
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.as_str())
                .collect();
            if want_sorted != got_sorted {
                Some(format!(
                    "BuildKit reports {} but Stageplay {}",
                    list(&want_sorted),
                    list(&got_sorted)
                ))
            } else {
                match (&error, errors.as_slice()) {
                    (None, []) => None,
                    (Some(e), errs) if errs.contains(&e.as_str()) => None,
                    (Some(e), errs) => Some(format!(
                        "BuildKit fails with \"{e}\" but Stageplay's errors are {errs:?}"
                    )),
                    (None, errs) => Some(format!(
                        "BuildKit does not fail but Stageplay reports errors {errs:?}"
                    )),
                }
            }
        }
        None => {
            for (_, r, _) in &got {
                note(r);
            }
            let now = problems_section(&export::to_text(&a, &text));
            let reviewed = problems_section(&expected_text);
            (now != reviewed)
                .then(|| "the problems differ from the reviewed expected.txt".to_string())
        }
    };
    Verdict {
        category: category(&name, false),
        name,
        rules,
        mismatch,
    }
}

fn files_verdict(dir: &Path, name: String) -> Verdict {
    let now = fixtures::render(dir);
    let reviewed = read(dir, "expected.txt").unwrap_or_default();
    Verdict {
        category: category(&name, true),
        name,
        rules: Vec::new(),
        mismatch: (now != reviewed)
            .then(|| "the simulated files differ from the reviewed expected.txt".to_string()),
    }
}

fn list(items: &[Finding]) -> String {
    if items.is_empty() {
        return "nothing".to_string();
    }
    let shown: Vec<String> = items
        .iter()
        .map(|(l, r, m)| format!("line {l} {r} \"{m}\""))
        .collect();
    shown.join("; ")
}

/// `UndefinedVar` → `undefined-var`, as BuildKit's docs/rules file names are written.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev_lower = i > 0 && chars[i - 1].is_ascii_lowercase();
        let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
        let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
        if c.is_ascii_uppercase() && i > 0 && (prev_lower || (prev_upper && next_lower)) {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The report: per category, then per BuildKit build check.
pub fn report(verdicts: &[Verdict]) -> String {
    let mut out = String::from(
        "Stageplay against BuildKit (Dockerfile frontend 1.26): fixtures that match\n\n",
    );
    for cat in CATEGORIES {
        let of: Vec<&Verdict> = verdicts.iter().filter(|v| v.category == *cat).collect();
        let ok = of.iter().filter(|v| v.mismatch.is_none()).count();
        let _ = writeln!(out, "{cat}: {ok} of {} fixtures match", of.len());
        for v in of.iter().filter(|v| v.mismatch.is_some()) {
            let _ = writeln!(
                out,
                "  MISMATCH {}: {}",
                v.name,
                v.mismatch.as_deref().unwrap_or("")
            );
        }
    }
    out.push_str("\nper BuildKit build check:\n");
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for v in verdicts {
        for r in &v.rules {
            let e = by_rule.entry(r).or_default();
            e.0 += 1;
            e.1 += usize::from(v.mismatch.is_none());
        }
    }
    let checks: Vec<_> = lint::RULES.iter().filter(|r| r.buildkit).collect();
    for r in &checks {
        let (n, ok) = by_rule.get(r.name).copied().unwrap_or((0, 0));
        let why = lint::NOT_SIMULATED
            .iter()
            .find(|(name, _)| *name == r.name)
            .map(|(_, why)| format!(" (not simulated: {why})"))
            .unwrap_or_default();
        let experimental = if stageplay_analysis::check::EXPERIMENTAL.contains(&r.name) {
            " (experimental)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<32} {ok} of {n} fixtures match{experimental}{why}",
            r.name
        );
    }
    let total = verdicts.len();
    let ok = verdicts.iter().filter(|v| v.mismatch.is_none()).count();
    let _ = writeln!(
        out,
        "\n{ok} of {total} fixtures match; {} BuildKit build checks in the rule table",
        checks.len()
    );
    out
}
