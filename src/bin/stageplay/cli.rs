//! Command-line parsing and the `analyze` / `check` subcommands.
//!
//! Exit codes: 0 success; 1 `check` found an error, or `analyze` found that the build fails;
//! 2 the input could not be read (missing file, invalid UTF-8) or the command line was wrong.

use std::io::Write;

use clap::{Args, Parser, Subcommand, ValueEnum};
use stageplay::analysis::{self, Builder, Options, Severity, export};

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
    /// Print the problems and what `# check=` skipped; exit 1 when there are errors.
    Check {
        #[command(flatten)]
        input: Input,
        /// `json`: `{"semantics", "diagnostics", "checks"}` with the fields of `analyze`.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
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
            let Some((text, a)) = load_and_analyze(&input) else {
                return 2;
            };
            let output = match format {
                // Streamed, never held whole (the JSON of a 500 KB file is 1.5 MB), through
                // a buffer of a concrete type: serde writes hundreds of thousands of small
                // pieces, too many for one dynamic call each (docs/performance.md#cli).
                Format::Json => {
                    let report = export::JsonReport::new(&a, &text);
                    let code = out::to_stdout(|w| {
                        let mut pieces = std::io::BufWriter::with_capacity(1 << 16, w);
                        serde_json::to_writer_pretty(&mut pieces, &report)?;
                        pieces.write_all(b"\n")?;
                        pieces.flush()
                    });
                    let code = exit_code(code, &a);
                    // The process ends here: freeing a large analysis piece by piece
                    // would only delay the exit.
                    std::mem::forget(report);
                    std::mem::forget((a, text));
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
                Format::Svg => stageplay::page::export::graph_svg(&a, false),
            };
            exit_code(out::to_stdout(|w| w.write_all(output.as_bytes())), &a)
        }
        Command::Link(args) => crate::link::run(args),
        Command::Check { input, format } => {
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
            let errors = count(Severity::Error);
            // A failure to write the summary is ignored, as for every message on stderr.
            let _ = writeln!(
                std::io::stderr().lock(),
                "{errors} error(s), {} warning(s), {} note(s) ({SEMANTICS})",
                count(Severity::Warning),
                count(Severity::Info)
            );
            i32::from(errors > 0)
        }
    }
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
    match load(input) {
        Ok((text, options)) => {
            let a = analysis::analyze(&text, &options);
            Some((text, a))
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
    let mut build_args = Vec::new();
    for kv in &input.build_args {
        match kv.split_once('=') {
            Some((k, v)) if !k.is_empty() => build_args.push((k.to_string(), v.to_string())),
            _ => return Err(format!("--build-arg expects KEY=VALUE, got \"{kv}\"")),
        }
    }
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

fn read_input(file: &str) -> Result<String, String> {
    let bytes = out::read_capped(file)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{file} is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}
