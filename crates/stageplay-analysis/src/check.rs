//! Build check configuration: the `# check=` parser directive and the
//! `BUILDKIT_DOCKERFILE_CHECK` build arg (`skip=`, `error=`, `experimental=`), and what they
//! do to the findings of BuildKit's rules.
//!
//! Follows moby/buildkit (Dockerfile frontend 1.26): `frontend/dockerfile/linter/linter.go`
//! (`ParseLintOptions`, `Linter.Run`, `Linter.Error`), `dockerfile2llb/convert.go`
//! (`newRuleLinter`: the build arg, when given, replaces the directive; a value that does not
//! parse fails the build before anything else) and `dockerui/config.go` (the build arg's
//! error). Stageplay runs every check and then drops the findings BuildKit would not report,
//! so the Problems panel can say how many were skipped.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Rule};
use crate::errors;
use crate::parse::{Directive, Instruction, Keyword};
use crate::plan::Builder;
use crate::span::Span;
use crate::{Analysis, Options};

/// The build arg that configures the checks instead of the `# check=` directive.
pub const BUILD_ARG: &str = "BUILDKIT_DOCKERFILE_CHECK";

/// BuildKit's experimental rules: reported only when `experimental=` names them (or is
/// `all`), and never turned off by `skip=` (`Linter.Run` tests the one list or the other).
pub const EXPERIMENTAL: &[&str] = &[crate::lint::INVALID_DEFINITION_DESCRIPTION.name];

/// One parsed check configuration, as `ParseLintOptions` returns it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CheckConfig {
    /// `skip=all`.
    pub skip_all: bool,
    /// `skip=A,B`: the names as written (BuildKit ignores names that match no rule).
    pub skip: Vec<String>,
    /// `experimental=all`.
    pub experimental_all: bool,
    /// `experimental=A,B`.
    pub experimental: Vec<String>,
    /// `error=true`: any reported check fails the build.
    pub error: bool,
}

/// Where the check configuration came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CheckSource {
    /// Neither the directive nor the build arg: every non-experimental check runs.
    #[default]
    Default,
    /// The `# check=` parser directive; `span` is its line.
    Directive { span: Span },
    /// The `BUILDKIT_DOCKERFILE_CHECK` build arg (it wins over the directive).
    BuildArg,
}

/// What the check configuration did to this analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Checks {
    pub source: CheckSource,
    /// The configuration in effect (the default one when it did not parse).
    pub config: CheckConfig,
    /// BuildKit's non-experimental rules turned off, in the rule table's order.
    pub skipped: Vec<&'static str>,
    /// BuildKit's experimental rules turned on.
    pub experimental: Vec<&'static str>,
    /// Names in `skip=` or `experimental=` that are no BuildKit rule: BuildKit ignores them
    /// silently (a misspelt name skips nothing).
    pub unknown: Vec<String>,
    /// How many findings of skipped rules are not reported.
    pub hidden: usize,
    /// True when the configuration did not parse: the build fails before any check runs.
    pub invalid: bool,
    /// True under the legacy builder, which never runs BuildKit's linter: `error=true` does
    /// not fail its build.
    pub legacy: bool,
}

impl Checks {
    /// One line for the Problems panel and `stageplay check`, e.g. "`# check=` on line 1: 2
    /// rules skipped (A, B) · 3 findings not reported", or `None` when nothing is
    /// configured. `line` turns a byte offset into a 1-based line number.
    pub fn summary(&self, line: impl Fn(usize) -> usize) -> Option<String> {
        let hidden = match self.hidden {
            0 => None,
            1 => Some("1 finding not reported".to_string()),
            n => Some(format!("{n} findings not reported")),
        };
        let by = match &self.source {
            CheckSource::Default => {
                return hidden.map(|h| format!("`# check=` comments above instructions: {h}"));
            }
            CheckSource::Directive { span } => format!("`# check=` on line {}", line(span.start)),
            CheckSource::BuildArg => format!("The {BUILD_ARG} build arg"),
        };
        if self.invalid {
            return Some(format!("{by} does not parse: no build check runs"));
        }
        let mut parts = Vec::new();
        match self.skipped.len() {
            0 => {}
            n if self.config.skip_all => parts.push(format!("all {n} rules skipped")),
            n => {
                let s = if n == 1 { "" } else { "s" };
                parts.push(format!("{n} rule{s} skipped ({})", self.skipped.join(", ")));
            }
        }
        parts.extend(hidden);
        if !self.experimental.is_empty() {
            parts.push(format!(
                "experimental {} turned on",
                self.experimental.join(", ")
            ));
        }
        if self.config.error && self.legacy {
            parts.push("error=true: ignored by the legacy builder".to_string());
        } else if self.config.error {
            parts.push("error=true: a reported check fails the build".to_string());
        }
        if !self.unknown.is_empty() {
            parts.push(format!(
                "no such rule, ignored as BuildKit does: {}",
                self.unknown.join(", ")
            ));
        }
        if parts.is_empty() {
            parts.push("the default checks".to_string());
        }
        Some(format!("{by}: {}", parts.join(" · ")))
    }
}

/// Parses a check option string as BuildKit's `ParseLintOptions` does: at most three
/// `;`-separated `key=value` parts (a third part keeps any further `;`), keys `skip`,
/// `experimental` (each `all` or a `,`-separated list) and `error` (Go's `ParseBool`).
/// The error texts are BuildKit's.
pub fn parse_options(text: &str) -> Result<CheckConfig, String> {
    let text = text.trim();
    let mut config = CheckConfig::default();
    if text.is_empty() {
        return Ok(config);
    }
    for part in text.splitn(3, ';') {
        let Some((key, value)) = part.split_once('=') else {
            return Err(format!("invalid check option {}", go_quote(part)));
        };
        let value = value.trim();
        let list = || value.split(',').map(|r| r.trim().to_string()).collect();
        match key.trim() {
            "skip" if value == "all" => config.skip_all = true,
            "skip" => config.skip = list(),
            "experimental" if value == "all" => config.experimental_all = true,
            "experimental" => config.experimental = list(),
            "error" => {
                config.error = parse_bool(value).ok_or_else(|| {
                    format!(
                        "failed to parse check option {}: strconv.ParseBool: parsing {}: invalid syntax",
                        go_quote(part),
                        go_quote(value)
                    )
                })?;
            }
            other => return Err(format!("invalid check option {}", go_quote(other))),
        }
    }
    Ok(config)
}

/// Go's `strconv.ParseBool`.
fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// A string quoted as Go's `%q` quotes plain text.
fn go_quote(s: &str) -> String {
    format!("{s:?}")
}

/// Reads the check configuration of a Dockerfile: the `BUILDKIT_DOCKERFILE_CHECK` build arg
/// if given (the last one wins, as `docker build` keeps the last `--build-arg` of a name),
/// else the `# check=` directive. BuildKit reads the directive with its own directive
/// parser, which needs the `#` in the first column and keeps only the value's first
/// space-separated word. A value that does not parse is an error diagnostic, returned too.
pub fn resolve(
    text: &str,
    directives: &[Directive],
    build_args: &[(String, String)],
) -> (Checks, Option<Diagnostic>) {
    let mut checks = Checks::default();
    let (parsed, span, what) =
        if let Some((_, v)) = build_args.iter().rev().find(|(k, _)| k == BUILD_ARG) {
            checks.source = CheckSource::BuildArg;
            (
                parse_options(v),
                Span::point(0),
                format!("failed to parse build-arg:{BUILD_ARG}"),
            )
        } else if let Some(d) = directives
            .iter()
            .find(|d| d.name == "check" && text.as_bytes().get(d.span.start) == Some(&b'#'))
        {
            checks.source = CheckSource::Directive { span: d.span };
            let first_word = d.value.split(' ').next().unwrap_or("");
            (
                parse_options(first_word),
                d.value_span,
                "failed to parse check options".to_string(),
            )
        } else {
            return (checks, None);
        };
    match parsed {
        Ok(config) => {
            checks.config = config;
            (checks, None)
        }
        Err(e) => {
            checks.invalid = true;
            let d = Diagnostic::new(&errors::INVALID_CHECK_OPTIONS, span, format!("{what}: {e}"));
            (checks, Some(d))
        }
    }
}

/// True for a rule that BuildKit's linter reports (and `skip=`/`error=` apply to).
fn is_buildkit_check(rule: &Rule) -> bool {
    rule.buildkit
}

/// True when BuildKit reports the findings of `rule` under `config` (`Linter.Run`).
pub fn reports(config: &CheckConfig, rule: &str) -> bool {
    if EXPERIMENTAL.contains(&rule) {
        config.experimental_all || config.experimental.iter().any(|r| r == rule)
    } else {
        !(config.skip_all || config.skip.iter().any(|r| r == rule))
    }
}

/// BuildKit's rules that its linter runs while dispatching a stage's instructions
/// (`convert.go` `dispatch` and the functions it calls), so only for the stages it builds.
const DISPATCHED: &[&str] = &[
    "LegacyKeyValueFormat",
    "SecretsUsedInArgOrEnv",
    "JSONArgsRecommended",
    "WorkdirRelativePath",
    "UndefinedVar",
    "ExposeProtoCasing",
    "ExposeInvalidFormat",
    "CopyIgnoredFile",
    "MultipleInstructionsDisallowed",
];

/// BuildKit's rules that its linter runs with the file-wide configuration only: they are
/// reported outside any one instruction's dispatch (`convert.go` runs them with
/// `dctx.lint`), so a `# check=` comment above an instruction does not reach them.
const FILE_WIDE: &[&str] = &[
    "NoEmptyContinuation",
    "DuplicateStageName",
    "ReservedStageName",
    "ConsistentInstructionCasing",
    "InvalidDefaultArgInFrom",
];

/// The configuration each instruction's checks run with: the file-wide one merged with the
/// first `# check=` comment right above the instruction (`linter.go`
/// `WithMergedConfigFromComments`: it can skip more rules or turn more experimental ones
/// on, never turn `error=` on or off; a comment that does not parse changes nothing). `None`
/// where no comment changes it.
fn instruction_configs(
    text: &str,
    instructions: &[Instruction],
    directives: &[Directive],
    base: &CheckConfig,
) -> Vec<Option<CheckConfig>> {
    let mut prev_end = 0;
    instructions
        .iter()
        .map(|inst| {
            let start = prev_end.min(inst.span.start);
            prev_end = inst.span.end;
            let comments = crate::parse::comments_before(text, directives, start, inst.span.start);
            let value = comments
                .iter()
                .find_map(|c| match crate::parse::comment_directive(c) {
                    Some((name, value)) if name == "check" => Some(value),
                    _ => None,
                })?;
            let extra = parse_options(value.split(' ').next().unwrap_or("")).ok()?;
            let mut merged = base.clone();
            merged.skip_all |= extra.skip_all;
            merged.skip.extend(extra.skip);
            merged.experimental_all |= extra.experimental_all;
            merged.experimental.extend(extra.experimental);
            Some(merged)
        })
        .collect()
}

/// What [`apply`] needs to know of a rule, once per rule.
#[derive(Clone, Copy)]
struct RuleFacts {
    /// A BuildKit check (the configuration applies to it).
    check: bool,
    /// Found while dispatching (only in the stages a build dispatches).
    dispatched: bool,
    /// Decided by the file's configuration, never by a comment above an instruction.
    file_wide: bool,
    /// Reported under the file's configuration.
    reported: bool,
}

/// The index of the instruction whose span holds `at`, if any (`instructions` are in file
/// order).
fn instruction_at(instructions: &[Instruction], at: usize) -> Option<usize> {
    let k = instructions
        .partition_point(|i| i.span.start <= at)
        .checked_sub(1)?;
    instructions
        .get(k)
        .is_some_and(|i| at < i.span.end.max(i.span.start + 1))
        .then_some(k)
}

/// The instruction whose configuration decides a finding of `rule` made at instruction
/// `k`. MultipleInstructionsDisallowed is reported at the earlier instruction while the
/// later one is dispatched (`validations.go` `validateUsedOnce`), so the later one's
/// comments decide.
fn deciding_instruction(instructions: &[Instruction], rule: &str, k: usize) -> usize {
    if rule != "MultipleInstructionsDisallowed" {
        return k;
    }
    let Some(keyword) = instructions.get(k).map(|i| i.keyword) else {
        return k;
    };
    instructions
        .iter()
        .enumerate()
        .skip(k + 1)
        .take_while(|(_, i)| i.keyword != Keyword::From)
        .find(|(_, i)| i.keyword == keyword)
        .map_or(k, |(j, _)| j)
}

/// Applies the configuration to the finished diagnostics: drops the findings of skipped
/// rules (and of experimental rules not turned on), file-wide or by a `# check=` comment
/// above their instruction, fills in what was skipped, and with `error=true` adds the
/// error BuildKit fails the build with when any check was reported. When the configuration
/// did not parse, BuildKit stops before its linter runs, so no check is reported at all.
/// The legacy builder never runs BuildKit's linter (moby's `builder/dockerfile` parses the
/// instructions without one), so `error=true` does not fail its build: when it is the chosen
/// builder, the error is returned instead of reported, for the BuildKit plan shown beside it.
pub fn apply(
    checks: &mut Checks,
    text: &str,
    a: &Analysis,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Diagnostic> {
    let rules = crate::lint::RULES;
    let (instructions, directives, builder) = (&a.instructions, &a.directives, options.builder);
    // BuildKit's build dispatches only the stages the target needs, so the checks made while
    // dispatching run only for those (`dispatchStages`). The lint subrequest
    // (`DockerfileLint`, `docker build --check`) checks every stage when no target is given:
    // the warnings shown follow it, but a build, which is what `error=true` fails, never
    // sees the findings in the stages it skips.
    let buildkit_plan = match builder {
        Builder::BuildKit => &a.plan,
        Builder::Legacy => &a.other_plan,
    };
    let not_built: Vec<bool> = {
        let built = buildkit_plan.built_flags(a.stages.len());
        let mut by_instruction = vec![false; instructions.len()];
        for s in a
            .stages
            .iter()
            .filter(|s| built.get(s.index) == Some(&false))
        {
            for &i in s
                .instructions
                .iter()
                .chain(std::iter::once(&s.from_instruction))
            {
                if let Some(b) = by_instruction.get_mut(i) {
                    *b = true;
                }
            }
        }
        by_instruction
    };
    let undispatched: &[bool] = if options.target.is_some() && builder == Builder::BuildKit {
        &not_built
    } else {
        &[]
    };
    let is_check = |name: &str| rules.iter().any(|r| r.name == name && is_buildkit_check(r));
    checks.legacy = builder == Builder::Legacy;
    let config = &checks.config;
    for r in rules.iter().filter(|r| is_buildkit_check(r)) {
        let experimental = EXPERIMENTAL.contains(&r.name);
        if experimental && reports(config, r.name) {
            checks.experimental.push(r.name);
        } else if !experimental && !reports(config, r.name) {
            checks.skipped.push(r.name);
        }
    }
    for name in config.skip.iter().chain(&config.experimental) {
        if !name.is_empty() && !is_check(name) && !checks.unknown.contains(name) {
            checks.unknown.push(name.clone());
        }
    }
    // Only a text with a `check=` comment can change an instruction's configuration; most
    // texts skip the scan.
    let per_instruction = if text.contains("check") {
        instruction_configs(text, instructions, directives, config)
    } else {
        Vec::new()
    };
    let invalid = checks.invalid;
    let mut hidden = 0;
    // What each rule is, worked out once per rule rather than once per finding (a large
    // file has thousands of findings of a few rules): the rule's name is a constant, so its
    // address finds it again.
    let mut facts: Vec<(*const u8, RuleFacts)> = Vec::new();
    let mut facts_of = |rule: &'static str| -> RuleFacts {
        if let Some((_, f)) = facts.iter().find(|(p, _)| *p == rule.as_ptr()) {
            return *f;
        }
        let f = RuleFacts {
            check: is_check(rule),
            dispatched: DISPATCHED.contains(&rule),
            file_wide: FILE_WIDE.contains(&rule),
            reported: reports(config, rule),
        };
        // Rules are a few dozen; the list never grows past them.
        if facts.len() < 256 {
            facts.push((rule.as_ptr(), f));
        }
        f
    };
    diagnostics.retain(|d| {
        let facts = facts_of(d.rule);
        if !facts.check {
            return true;
        }
        let at = instruction_at(instructions, d.span.start);
        if facts.dispatched && at.is_some_and(|k| undispatched.get(k) == Some(&true)) {
            return false;
        }
        let scoped = if facts.file_wide || per_instruction.is_empty() {
            None
        } else {
            at.map(|k| deciding_instruction(instructions, d.rule, k))
                .and_then(|k| per_instruction.get(k))
                .and_then(Option::as_ref)
        };
        let kept = !invalid
            && match scoped {
                Some(scoped) => reports(scoped, d.rule),
                None => facts.reported,
            };
        // Experimental findings that were never turned on are not "hidden by skip=".
        if !kept && !EXPERIMENTAL.contains(&d.rule) {
            hidden += 1;
        }
        kept
    });
    checks.hidden = if invalid { 0 } else { hidden };
    if !config.error || invalid {
        return None;
    }
    // `Linter.Error` lists each reported rule once; Go's map order is random, so Stageplay
    // lists them in the order of their first finding in the file.
    let mut reported: Vec<(usize, &'static str)> = Vec::new();
    let seen_by_build = |d: &Diagnostic| {
        !DISPATCHED.contains(&d.rule)
            || instruction_at(instructions, d.span.start)
                .is_none_or(|k| not_built.get(k) != Some(&true))
    };
    for d in diagnostics
        .iter()
        .filter(|d| is_check(d.rule) && seen_by_build(d))
    {
        match reported.iter_mut().find(|(_, r)| *r == d.rule) {
            Some(first) => first.0 = first.0.min(d.span.start),
            None => reported.push((d.span.start, d.rule)),
        }
    }
    if reported.is_empty() {
        return None;
    }
    crate::sort::sort_by(&mut reported, |a, b| a.cmp(b));
    let names: Vec<&str> = reported.iter().map(|(_, r)| *r).collect();
    // BuildKit's error has no line; Stageplay shows it where error=true was asked for.
    let span = match checks.source {
        CheckSource::Directive { span } => span,
        _ => Span::point(0),
    };
    let violation = Diagnostic::new(
        &errors::LINT_VIOLATION,
        span,
        format!("lint violation found for rules: {}", names.join(", ")),
    );
    if builder == Builder::Legacy {
        return Some(violation);
    }
    diagnostics.push(violation);
    None
}
