//! The analysis core: Dockerfile text in, one plain [`Analysis`] value out.
//!
//! Pure: no browser APIs, no IO. Never panics and runs in linear time on any input; bad
//! input becomes a [`Diagnostic`]. The pipeline is
//! parse → stages → graph → plan → file simulation → checks.

pub mod context;
pub mod diagnostic;
pub mod expand;
pub mod fs;
pub mod graph;
pub mod images;
pub mod parse;
pub mod plan;
pub mod run_effects;
pub mod span;
pub mod stages;

use serde::Serialize;

pub use diagnostic::{Diagnostic, Severity};
pub use fs::FileFlow;
pub use graph::{Edge, EdgeKind, Node};
pub use parse::{Directive, Instruction, Keyword};
pub use plan::{Builder, TargetPlan};
pub use span::{LineIndex, Span};
pub use stages::{Base, Stage};

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
}

/// Everything Stageplay knows about one Dockerfile under one set of options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Analysis {
    pub directives: Vec<Directive>,
    /// Every instruction in file order, global ARGs included.
    pub instructions: Vec<Instruction>,
    pub stages: Vec<Stage>,
    pub edges: Vec<Edge>,
    /// The plan for the chosen builder.
    pub plan: TargetPlan,
    /// The plan the other builder would make, for comparison.
    pub other_plan: TargetPlan,
    pub files: FileFlow,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses `text` under `options`.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let parsed = parse::parse(text);
    let mut diagnostics = parsed.diagnostics;
    let instructions = parsed.instructions;

    // Global ARGs with their defaults, overridden by build args, expand FROM lines.
    let mut globals: Vec<(String, String)> = Vec::new();
    for inst in instructions
        .iter()
        .take_while(|i| i.keyword != Keyword::From)
    {
        if inst.keyword == Keyword::Arg {
            for w in &inst.args {
                let (k, v) = w.value.split_once('=').unwrap_or((&w.value, ""));
                globals.push((k.trim().to_string(), v.trim_matches('"').to_string()));
            }
        }
    }
    for (k, v) in &options.build_args {
        if let Some(g) = globals.iter_mut().find(|(gk, _)| gk == k) {
            g.1 = v.clone();
        }
    }
    let lookup = |name: &str| {
        globals
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let expand_base = |s: &str| expand::expand(s, &lookup);
    let stages = stages::build_stages(&instructions, &expand_base, &mut diagnostics);
    let edges = graph::build_edges(&instructions, &stages);

    let target = resolve_target(&stages, options.target.as_deref(), &mut diagnostics);
    let other = match options.builder {
        Builder::BuildKit => Builder::Legacy,
        Builder::Legacy => Builder::BuildKit,
    };
    let plan = plan::plan_target(&stages, &edges, target, options.builder);
    let other_plan = plan::plan_target(&stages, &edges, target, other);

    // The file simulation (issue 4): per-stage filesystems, final image, left behind.
    let files = fs::simulate(
        text,
        &instructions,
        &stages,
        &plan,
        fs::FileInputs {
            context: options.context.as_deref(),
            dockerignore: options.dockerignore.as_deref(),
        },
    );
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    Analysis {
        directives: parsed.directives,
        instructions,
        stages,
        edges,
        plan,
        other_plan,
        files,
        diagnostics,
    }
}

fn resolve_target(
    stages: &[Stage],
    target: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    match target {
        None => stages.len().checked_sub(1),
        Some(name) => match stages::find_stage_by_name(stages, name) {
            Some(i) => Some(i),
            None => {
                diagnostics.push(Diagnostic::error(
                    "UnknownTarget",
                    Span::point(0),
                    format!("target stage \"{name}\" could not be found"),
                ));
                None
            }
        },
    }
}
