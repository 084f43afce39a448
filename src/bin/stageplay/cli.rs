//! Command-line parsing and the `analyze` / `check` subcommands.

use std::io::Read;

use clap::{Parser, Subcommand, ValueEnum};
use stageplay::analysis::{self, Analysis, Base, Builder, Options, Severity};

#[derive(Parser)]
#[command(
    name = "stageplay",
    version,
    about = "Dockerfile multi-stage build analysis"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse a Dockerfile: stages, graph, target plan, final image, problems.
    Analyze {
        /// The Dockerfile, or `-` for standard input.
        #[arg(default_value = "Dockerfile")]
        file: String,
        #[arg(long)]
        target: Option<String>,
        #[arg(long, value_enum, default_value_t = BuilderArg::Buildkit)]
        builder: BuilderArg,
        /// `KEY=VALUE`, like `docker build --build-arg`.
        #[arg(long = "build-arg", value_name = "KEY=VALUE")]
        build_args: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the problems; exit 1 when there are errors.
    Check { file: String },
    /// Print a share link that opens the page on this Dockerfile.
    Link(crate::link::LinkArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum BuilderArg {
    Buildkit,
    Legacy,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Runs the CLI and returns the process exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze {
            file,
            target,
            builder,
            build_args,
            format,
        } => {
            let text = match read_input(&file) {
                Ok(t) => t,
                Err(msg) => {
                    eprintln!("stageplay: {msg}");
                    return 2;
                }
            };
            let options = Options {
                target,
                builder: match builder {
                    BuilderArg::Buildkit => Builder::BuildKit,
                    BuilderArg::Legacy => Builder::Legacy,
                },
                build_args: build_args
                    .iter()
                    .map(|kv| match kv.split_once('=') {
                        Some((k, v)) => (k.to_string(), v.to_string()),
                        None => (kv.clone(), String::new()),
                    })
                    .collect(),
                ..Options::default()
            };
            let a = analysis::analyze(&text, &options);
            match format {
                Format::Json => println!("{}", to_json(&a)),
                Format::Text => print!("{}", to_text(&a)),
            }
            0
        }
        Command::Link(args) => crate::link::run(args),
        Command::Check { file } => {
            let text = match read_input(&file) {
                Ok(t) => t,
                Err(msg) => {
                    eprintln!("stageplay: {msg}");
                    return 2;
                }
            };
            let a = analysis::analyze(&text, &Options::default());
            let lines = analysis::LineIndex::new(&text);
            for d in &a.diagnostics {
                println!(
                    "{}:{}: {} [{}] {}",
                    file,
                    lines.line(d.span.start),
                    d.severity.as_str(),
                    d.rule,
                    d.message
                );
            }
            i32::from(a.diagnostics.iter().any(|d| d.severity == Severity::Error))
        }
    }
}

fn read_input(file: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let res = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    res.map_err(|e| format!("cannot read {file}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{file} is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn to_json(a: &Analysis) -> String {
    let stages: Vec<serde_json::Value> = a
        .stages
        .iter()
        .map(|s| {
            let base = match &s.base {
                Base::Image { name } => serde_json::json!({"kind": "image", "name": name}),
                Base::Stage { stage } => serde_json::json!({"kind": "stage", "stage": stage}),
                Base::Scratch => serde_json::json!({"kind": "scratch"}),
            };
            serde_json::json!({"index": s.index, "name": s.display_name(), "base": base})
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "stages": stages })).unwrap_or_default()
}

fn to_text(a: &Analysis) -> String {
    let mut out = String::new();
    for s in &a.stages {
        let base = match &s.base {
            Base::Image { name } => name.clone(),
            Base::Stage { stage } => format!("stage {stage}"),
            Base::Scratch => "scratch".into(),
        };
        out.push_str(&format!(
            "{:>3}  {:<20} FROM {}\n",
            s.index,
            s.display_name(),
            base
        ));
    }
    out
}
