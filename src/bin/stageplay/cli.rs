//! Command-line parsing and the `analyze` / `check` subcommands.
//!
//! Exit codes: 0 success; 1 `check` found what `docker build --check` fails on (an error, or
//! one of BuildKit's warnings: `report.rs`), or `analyze` found that the build fails; 2 the
//! input could not be read (missing file, invalid UTF-8) or the command line was wrong.

use std::io::Write;

use clap::{Args, Parser, Subcommand, ValueEnum};
use stageplay::analysis::{self, Builder, Options, Phase, Severity, export};

use stageplay::page::reference::SEMANTICS;

use crate::{archives, context_dir, out};

#[derive(Parser)]
#[command(
    name = "stageplay",
    version,
    long_version = concat!(env!("CARGO_PKG_VERSION"), " (Dockerfile frontend 1.26 semantics)"),
    about = "Dockerfile multi-stage build analysis (Dockerfile frontend 1.26 semantics)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse a Dockerfile: stages, graph, target plan, final image, problems.
    Analyze {
        #[command(flatten)]
        input: Input,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the problems and what `# check=` skipped; exit 1 as `docker build --check`
    /// does: on an error, or on a warning of one of BuildKit's build checks.
    Check {
        #[command(flatten)]
        input: Input,
        /// `json`: `{"semantics", "diagnostics", "checks"}` with the fields of `analyze`;
        /// `sarif`: SARIF 2.1.0 (GitHub code scanning); `github`: GitHub Actions annotations.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit 0 on warnings, as `docker build --call=check,ignorestatus=true`; errors still
        /// exit 1.
        #[arg(long)]
        ignore_status: bool,
    },
    /// List the stages that can be built with `--target`, as `docker buildx build
    /// --call=targets` prints them (descriptions from `# name description` comments).
    Targets {
        #[command(flatten)]
        input: Input,
        /// `json`: the fields of BuildKit's `targets.List`.
        #[arg(long, value_enum, default_value_t = CallFormat::Text)]
        format: CallFormat,
    },
    /// Show the target's build args (values, descriptions), secrets and SSH sockets, as
    /// `docker buildx build --call=outline` prints them.
    Outline {
        #[command(flatten)]
        input: Input,
        /// `json`: the fields of BuildKit's `outline.Outline`.
        #[arg(long, value_enum, default_value_t = CallFormat::Text)]
        format: CallFormat,
    },
    /// An mdBook preprocessor: pre-renders the graph of each `# stageplay:` Dockerfile block
    /// (`[preprocessor.stageplay]` with `command = "stageplay mdbook"` in book.toml).
    Mdbook {
        /// `supports RENDERER`, as mdBook asks (exit 0 for `html`).
        args: Vec<String>,
    },
    /// Print a share link that opens the page on this Dockerfile.
    Link(crate::link::LinkArgs),
}

#[derive(Args)]
struct Input {
    /// The Dockerfile, or `-` for standard input.
    #[arg(default_value = "Dockerfile")]
    file: String,
    /// The stage to build (`docker build --target`); default: the last stage.
    #[arg(long)]
    target: Option<String>,
    #[arg(long, value_enum, default_value_t = BuilderArg::Buildkit)]
    builder: BuilderArg,
    /// `KEY=VALUE`, like `docker build --build-arg`; may be repeated.
    #[arg(long = "build-arg", value_name = "KEY=VALUE")]
    build_args: Vec<String>,
    /// The build context: a directory to walk (its `.dockerignore` applies).
    #[arg(long, value_name = "DIR")]
    context: Option<String>,
    /// The build context as a listing: one path a line, optionally with a size (`4KB`).
    #[arg(long = "context-list", value_name = "FILE")]
    context_list: Option<String>,
    /// A `.dockerignore` file (instead of the context directory's own).
    #[arg(long, value_name = "FILE")]
    dockerignore: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum BuilderArg {
    Buildkit,
    Legacy,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Sarif,
    Github,
}

/// The formats of `targets` and `outline`, as buildx's `--call=NAME,format=json`.
#[derive(Clone, Copy, ValueEnum)]
enum CallFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Dot,
    Mermaid,
    /// The stage graph as a standalone SVG, the same as the page's Export → SVG.
    Svg,
}

/// Runs the CLI and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // `print` reports a closed pipe as an error, which is ignored: help piped into
            // `head` is not a failure.
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Analyze { input, format } => {
            // The JSON shows the files of the target's image and of the built stages only,
            // so the other stages are not simulated (`files::Simulated`); the text report
            // lists every stage's files.
            let simulated = match format {
                Format::Json => analysis::files::Simulated::ForTarget,
                _ => analysis::files::Simulated::AllStages,
            };
            let Some((text, lines, a)) = load_and_analyze_simulating(&input, simulated) else {
                return 2;
            };
            let output = match format {
                // Streamed, never held whole (the JSON of a 500 KB file is 1.5 MB, of a
                // 10 MB file about 30 MB), in blocks of 512 KB gathered by the CLI's own
                // writer of serde_json's pretty layout, its long lists written directly
                // (docs/performance.md#cli).
                Format::Json => {
                    let code = out::to_stdout(|w| {
                        crate::report_json::write(&mut *w, &a, &lines)?;
                        w.write_all(b"\n")
                    });
                    let code = exit_code(code, &a);
                    // The process ends here: freeing a large analysis piece by piece
                    // would only delay the exit.
                    std::mem::forget((a, text, lines));
                    return code;
                }
                // The text report quotes the Dockerfile, which may hold terminal controls.
                Format::Text => out::visible(&format!(
                    "{}\nfiles:\n{}",
                    export::to_text(&a, &text),
                    analysis::files::render_text(&a.files, &a.stages, false)
                ))
                .into_owned(),
                Format::Dot => export::to_dot(&a),
                Format::Mermaid => export::to_mermaid(&a),
                Format::Svg => stageplay::page::export::graph_svg(
                    &a,
                    false,
                    &stageplay::page::i18n::Messages::english(),
                ),
            };
            exit_code(out::to_stdout(|w| w.write_all(output.as_bytes())), &a)
        }
        Command::Link(args) => crate::link::run(args),
        Command::Mdbook { args } => crate::mdbook::run(&args),
        Command::Targets { input, format } => {
            let Some((text, a)) = load_and_analyze(&input) else {
                return 2;
            };
            // `ListTargets` only parses: later errors do not stop it.
            if let Some(code) = fails_before(&a, &input.file, Phase::Instructions) {
                return code;
            }
            let list = crate::targets::list(&a, &text);
            let output = match format {
                CallFormat::Json => json_line(&list),
                CallFormat::Text => out::visible(&crate::targets::print(&list)).into_owned(),
            };
            out::to_stdout(|w| w.write_all(output.as_bytes()))
        }
        Command::Outline { input, format } => {
            let Some((text, a)) = load_and_analyze(&input) else {
                return 2;
            };
            // `Dockerfile2Outline` dispatches the target's stages: their errors stop it.
            if let Some(code) = fails_before(&a, &input.file, Phase::Dispatch) {
                return code;
            }
            let build_args = parse_build_args(&input.build_args).unwrap_or_default();
            let Some(outline) = crate::outline::outline(&a, &text, &build_args) else {
                out::say(&format!("{}: no stage to outline", input.file));
                return 1;
            };
            let output = match format {
                CallFormat::Json => json_line(&outline),
                CallFormat::Text => out::visible(&crate::outline::print(&outline)).into_owned(),
            };
            out::to_stdout(|w| w.write_all(output.as_bytes()))
        }
        Command::Check {
            input,
            format,
            ignore_status,
        } => {
            let Some((text, a)) = load_and_analyze(&input) else {
                return 2;
            };
            let lines = analysis::LineIndex::new(&text);
            let file = out::visible(&input.file);
            let summary = a.checks.summary(|at| lines.line(at));
            let written = out::to_stdout(|w| match format {
                CheckFormat::Json => {
                    let mut full = export::to_json_value(&a, &text);
                    let mut pick = |k: &str| full.get_mut(k).map(serde_json::Value::take);
                    let value = serde_json::json!({
                        "semantics": SEMANTICS,
                        "diagnostics": pick("diagnostics"),
                        "checks": pick("checks"),
                    });
                    let shown = serde_json::to_string_pretty(&value).unwrap_or_default();
                    writeln!(w, "{shown}")
                }
                CheckFormat::Sarif => {
                    let log = crate::sarif::log(&a.diagnostics, &text, &input.file);
                    let shown = serde_json::to_string_pretty(&log).unwrap_or_default();
                    writeln!(w, "{shown}")
                }
                CheckFormat::Github => {
                    let lines = crate::github::annotations(
                        &a.diagnostics,
                        &text,
                        &input.file,
                        summary.as_deref(),
                    );
                    w.write_all(out::visible(&lines).as_bytes())
                }
                CheckFormat::Text => {
                    for d in &a.diagnostics {
                        let shown = export::diagnostic_text(d, &text, &lines);
                        write!(w, "{file}:{}", out::visible(&shown))?;
                    }
                    // What `# check=` skipped, so a hidden warning is never silently missing.
                    if let Some(summary) = &summary {
                        writeln!(w, "{file}: {}", out::visible(summary))?;
                    }
                    Ok(())
                }
            });
            if written != 0 {
                return written;
            }
            let count = |s: Severity| a.diagnostics.iter().filter(|d| d.severity == s).count();
            // A failure to write the summary is ignored, as for every message on stderr.
            let _ = writeln!(
                std::io::stderr().lock(),
                "{} error(s), {} warning(s), {} note(s) ({SEMANTICS})",
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            );
            crate::report::check_status(&a.diagnostics, ignore_status)
        }
    }
}

/// When the build fails in `phase` or before it, says why as BuildKit would stop there and
/// returns the exit code (1, as buildx exits on a frontend error).
fn fails_before(a: &analysis::Analysis, file: &str, phase: Phase) -> Option<i32> {
    let f = a.plan.failure.as_ref().filter(|f| f.phase <= phase)?;
    out::say(&format!("{file}:{}: {} [{}]", f.line, f.message, f.rule));
    Some(1)
}

/// `value` as Go's `json.MarshalIndent(v, "", "  ")` lays it out, with a final newline.
fn json_line(value: &impl serde::Serialize) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(value).unwrap_or_default()
    )
}

/// The exit code of `analyze` once its report is written (`written`, from
/// [`out::to_stdout`]): as `docker build` would, 1 when the build fails.
fn exit_code(written: i32, a: &analysis::Analysis) -> i32 {
    match written {
        0 if a.plan.failure.is_some() => 1,
        code => code,
    }
}

/// Reads the Dockerfile and its options and analyses it; `None` after saying why on stderr
/// (the caller exits with 2).
fn load_and_analyze(input: &Input) -> Option<(String, analysis::Analysis)> {
    load_and_analyze_simulating(input, analysis::files::Simulated::AllStages)
        .map(|(text, _, a)| (text, a))
}

/// [`load_and_analyze`], the file simulation limited to `simulated`, with the text's line
/// index, which the analysis built for itself and the JSON report reuses.
fn load_and_analyze_simulating(
    input: &Input,
    simulated: analysis::files::Simulated,
) -> Option<(String, analysis::LineIndex, analysis::Analysis)> {
    match load(input) {
        Ok((text, options)) => {
            let lines = analysis::LineIndex::new(&text);
            let a = analysis::analyze_indexed(&text, &lines, &options, simulated);
            Some((text, lines, a))
        }
        Err(msg) => {
            out::say(&msg);
            None
        }
    }
}

fn load(input: &Input) -> Result<(String, Options), String> {
    let text = read_input(&input.file)?;
    let ctx = context_dir::load(
        input.context.as_deref(),
        input.context_list.as_deref(),
        input.dockerignore.as_deref(),
        (input.file != "-").then(|| std::path::Path::new(&input.file)),
    )?;
    let build_args = parse_build_args(&input.build_args)?;
    let options = Options {
        target: input.target.clone(),
        builder: match input.builder {
            BuilderArg::Buildkit => Builder::BuildKit,
            BuilderArg::Legacy => Builder::Legacy,
        },
        build_args,
        context: ctx.listing,
        dockerignore: ctx.dockerignore,
        archives: None,
    };
    // A real directory: read the archives its ADDs would unpack (a first analysis finds
    // their sources, build args applied).
    let options = match (input.context.as_deref(), options.context.as_deref()) {
        (Some(dir), Some(listing)) => {
            let listed: Vec<String> = analysis::files::context::parse_listing(listing)
                .0
                .into_iter()
                .filter(|f| f.link.is_none() && !f.is_dir)
                .map(|f| f.path)
                .collect();
            let first = analysis::analyze(&text, &options);
            let sources = archives::add_sources(&first, &listed);
            Options {
                archives: Some(archives::read(std::path::Path::new(dir), &sources)),
                ..options
            }
        }
        _ => options,
    };
    Ok((text, options))
}

/// `KEY=VALUE` pairs, as `docker build --build-arg` takes them.
fn parse_build_args(given: &[String]) -> Result<Vec<(String, String)>, String> {
    let mut build_args = Vec::new();
    for kv in given {
        match kv.split_once('=') {
            Some((k, v)) if !k.is_empty() => build_args.push((k.to_string(), v.to_string())),
            _ => return Err(format!("--build-arg expects KEY=VALUE, got \"{kv}\"")),
        }
    }
    Ok(build_args)
}

fn read_input(file: &str) -> Result<String, String> {
    let bytes = out::read_capped(file)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{file} is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}
