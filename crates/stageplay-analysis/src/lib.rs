//! The analysis core: Dockerfile text in, one plain [`Analysis`] value out.
//!
//! Pure: no browser APIs, no IO. Never panics and runs in linear time on any input; bad
//! input becomes a [`Diagnostic`]. The pipeline is
//! parse → stages → graph → plan → file simulation → checks.

pub mod check;
pub mod diagnostic;
pub mod dispatch;
pub mod errors;
pub mod expand;
pub mod export;
pub mod failure;
pub mod files;
pub mod fixed;
pub mod graph;
pub mod legacy;
pub mod lexer;
pub mod lint;
pub mod parse;
pub mod plan;
pub mod scope;
pub mod sort;
pub mod span;
pub mod stages;
pub mod suggest;
pub mod wire;

/// A deterministic count of the analysis's inner-loop steps (paths matched against a
/// pattern, entries scanned), so that tests can check that doubling an input about doubles
/// the work without timing anything (tests/it/scaling.rs). It is per thread and never part
/// of an [`Analysis`].
pub mod work {
    use std::cell::Cell;

    thread_local! {
        static STEPS: Cell<u64> = const { Cell::new(0) };
    }

    /// Counts `n` steps of work.
    #[inline]
    pub fn add(n: usize) {
        STEPS.with(|s| s.set(s.get().wrapping_add(n as u64)));
    }

    /// The steps counted on this thread since the last call, and a fresh start.
    pub fn take() -> u64 {
        STEPS.with(|s| s.replace(0))
    }
}

use serde::Serialize;

pub use check::{CheckConfig, CheckSource, Checks};
pub use diagnostic::{Diagnostic, Edit, Fix, Rule, Severity};
pub use expand::ExpandedInstruction;
pub use failure::{Failure, Phase};
pub use files::FileFlow;
pub use graph::{Edge, EdgeKind, Node};
pub use parse::{Directive, Flag, Heredoc, Instruction, KeyValue, Keyword, Mount, Word};
pub use plan::{Builder, TargetPlan};
pub use scope::GlobalArgs;
pub use span::{LineIndex, Span};
pub use stages::{Base, Stage};
pub use suggest::{closest_name, edit_distance};

/// What to analyse besides the Dockerfile: the `docker build` options and the build context.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `--target`; `None` builds the last stage.
    pub target: Option<String>,
    pub builder: Builder,
    /// `--build-arg KEY=VALUE`, in order.
    pub build_args: Vec<(String, String)>,
    /// The build context listing, one path a line with an optional size; `None` infers it.
    pub context: Option<String>,
    /// The text of `.dockerignore`.
    pub dockerignore: Option<String>,
    /// The local archives of a real build context (the CLI's `--context DIR` reads them):
    /// `Some` says the listing is a real directory whose other files are not archives;
    /// `None` (a listing typed in the page) leaves an archive's contents unknown.
    pub archives: Option<Vec<files::context::Archive>>,
}

/// Everything Stageplay knows about one Dockerfile under one set of options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Analysis {
    pub directives: Vec<Directive>,
    /// The escape character in effect (`\` or `` ` ``).
    pub escape: char,
    /// Every instruction in file order, global ARGs included.
    pub instructions: Vec<Instruction>,
    /// Parallel to `instructions`: each one expanded in its scope (see `expand`).
    pub expanded: Vec<ExpandedInstruction>,
    /// The global ARG scope that FROM lines see.
    pub globals: GlobalArgs,
    pub stages: Vec<Stage>,
    pub edges: Vec<Edge>,
    /// Per stage: true when it sits on a dependency cycle.
    pub on_cycle: Vec<bool>,
    /// The plan for the chosen builder.
    pub plan: TargetPlan,
    /// The plan the other builder would make, for comparison.
    pub other_plan: TargetPlan,
    pub files: FileFlow,
    /// The build check configuration (`# check=`, `BUILDKIT_DOCKERFILE_CHECK`) and what it
    /// skipped.
    pub checks: Checks,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses `text` under `options`.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    analyze_simulating(text, options, files::Simulated::AllStages)
}

/// [`analyze`], with the file simulation limited to `simulated` (the CLI's JSON, which
/// shows no unbuilt stage's files, needs only the target's: [`files::Simulated`]).
pub fn analyze_simulating(text: &str, options: &Options, simulated: files::Simulated) -> Analysis {
    analyze_indexed(text, &LineIndex::new(text), options, simulated)
}

/// [`analyze_simulating`] with the line index of `text` its caller already has (the CLI's
/// JSON, which needs one too: docs/performance.md#cli).
pub fn analyze_indexed(
    text: &str,
    lines: &LineIndex,
    options: &Options,
    simulated: files::Simulated,
) -> Analysis {
    analyze_parsed(text, lines, options, simulated, parse::parse(text))
}

/// [`analyze`], unless `text` holds more than `max_instructions` instructions: then `None`,
/// after its parse alone. The page analyses a keystroke on its main thread only when the
/// text's last analysis was quick (`src/page/analysis_job.rs`, `in_key_task`); a key that
/// turns many lines into instructions (a heredoc's opening `<<` deleted) would make this
/// one many times slower, so it goes to the page's worker instead.
pub fn analyze_at_most(text: &str, options: &Options, max_instructions: usize) -> Option<Analysis> {
    let parsed = parse::parse(text);
    if parsed.instructions.len() > max_instructions {
        return None;
    }
    let lines = LineIndex::new(text);
    Some(analyze_parsed(
        text,
        &lines,
        options,
        files::Simulated::AllStages,
        parsed,
    ))
}

fn analyze_parsed(
    text: &str,
    lines: &LineIndex,
    options: &Options,
    simulated: files::Simulated,
    parsed: parse::Parsed,
) -> Analysis {
    let mut diagnostics = parsed.diagnostics;
    let instructions = parsed.instructions;
    let escape = parsed.escape;
    let mut budget = expand::Budget::for_text(text.len());
    let mut expanded = vec![ExpandedInstruction::default(); instructions.len()];

    let globals = scope::global_args(
        &instructions,
        &options.build_args,
        escape,
        &mut budget,
        &mut expanded,
    );
    let stages = stages::build_stages(
        &instructions,
        &globals,
        escape,
        &mut budget,
        &mut expanded,
        &mut diagnostics,
    );
    scope::expand_stages(
        &instructions,
        &stages,
        &globals,
        &options.build_args,
        escape,
        &mut budget,
        &mut expanded,
    );
    expand::required_errors(&instructions, &expanded, text, &mut diagnostics);
    dispatch::dispatch_errors(&instructions, &expanded, &mut diagnostics);
    stages::onbuild_trigger_errors(text, &instructions, &stages, &mut diagnostics);
    let edges = graph::build_edges(&instructions, &stages, &mut diagnostics);
    let on_cycle = graph::find_cycles(&stages, &edges, &mut diagnostics);

    let target = plan::resolve_target(&stages, options.target.as_deref(), &mut diagnostics);
    let other = match options.builder {
        Builder::BuildKit => Builder::Legacy,
        Builder::Legacy => Builder::BuildKit,
    };
    let plan = plan::plan_target(&stages, &edges, &on_cycle, target, options.builder);
    let other_plan = plan::plan_target(&stages, &edges, &on_cycle, target, other);

    let mut analysis = Analysis {
        directives: parsed.directives,
        escape,
        instructions,
        expanded,
        globals,
        stages,
        edges,
        on_cycle,
        plan,
        other_plan,
        // The file simulation (issue 4) fills this from the analysis above.
        files: FileFlow::default(),
        checks: Checks::default(),
        diagnostics,
    };
    analysis.files = files::simulate_indexed(
        text,
        lines,
        &analysis,
        files::FileInputs {
            context: options.context.as_deref(),
            dockerignore: options.dockerignore.as_deref(),
            archives: options.archives.as_deref(),
            simulated,
        },
    );
    // The build errors the file simulation found (a missing COPY source, ...).
    let failures = std::mem::take(&mut analysis.files.diagnostics);
    analysis.diagnostics.extend(failures);
    let found = lint::check_with(text, &analysis, options.dockerignore.as_deref());
    analysis.diagnostics.extend(found);
    // The legacy builder's refusals are problems only when it is the chosen builder; its
    // plan fails on them either way.
    let legacy_extra = match options.builder {
        Builder::Legacy => {
            let legacy = legacy::legacy_problems(&analysis, &options.build_args);
            analysis.diagnostics.extend(legacy);
            Vec::new()
        }
        // Only the other plan's failure reads them: the ones that can decide it.
        Builder::BuildKit => {
            legacy::legacy_failures(&analysis, &analysis.other_plan, &options.build_args)
        }
    };
    let (mut checks, invalid) = check::resolve(text, &analysis.directives, &options.build_args);
    analysis.diagnostics.extend(invalid);
    let mut diagnostics = std::mem::take(&mut analysis.diagnostics);
    let buildkit_extra = check::apply(&mut checks, text, &analysis, options, &mut diagnostics);
    analysis.diagnostics = diagnostics;
    analysis.checks = checks;
    sort::sort_by(&mut analysis.diagnostics, |a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    // Last, so that an error any pass reported counts: which one each builder hits first.
    analysis.plan.failure =
        failure::first_failure(&analysis, text, &analysis.plan, &analysis.diagnostics);
    analysis.other_plan.failure = failure::first_failure(
        &analysis,
        text,
        &analysis.other_plan,
        analysis
            .diagnostics
            .iter()
            .chain(&legacy_extra)
            .chain(&buildkit_extra),
    );
    analysis
}
