//! `stageplay link FILE`: prints a share link that opens the page on that Dockerfile, with
//! the same target, builder, view, build context, .dockerignore and build args.

use clap::{Args, ValueEnum};
use stageplay::analysis::{Builder, Options, analyze, errors};
use stageplay::page::embed;
use stageplay::page::share::{self, ShareState, View};

/// Where links point when neither `--base-url` nor `STAGEPLAY_BASE_URL` says otherwise: the
/// address `make serve` (trunk serve) uses.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080/";

#[derive(Args)]
pub struct LinkArgs {
    /// The Dockerfile, or `-` for standard input.
    file: String,
    /// The stage to build (`--target`); the last stage when absent.
    #[arg(long)]
    target: Option<String>,
    /// The address of the Stageplay page the link opens [default: $STAGEPLAY_BASE_URL, else
    /// http://127.0.0.1:8080/].
    #[arg(long = "base-url", value_name = "URL")]
    base_url: Option<String>,
    #[arg(long, value_enum, default_value_t = BuilderArg::Buildkit)]
    builder: BuilderArg,
    /// The output view the page opens on.
    #[arg(long, value_enum, default_value_t = ViewArg::Graph)]
    view: ViewArg,
    /// `KEY=VALUE`, like `docker build --build-arg`.
    #[arg(long = "build-arg", value_name = "KEY=VALUE")]
    build_args: Vec<String>,
    /// A file listing the build context, one path a line with an optional size.
    #[arg(long = "context-list", value_name = "FILE")]
    context_list: Option<String>,
    /// A .dockerignore file to include.
    #[arg(long, value_name = "FILE")]
    dockerignore: Option<String>,
    /// Print an embed URL showing these panes (comma-separated: editor, graph, plan, files,
    /// problems, steps) instead of a link to the full page.
    #[arg(long, value_name = "VIEWS")]
    embed: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum BuilderArg {
    Buildkit,
    Legacy,
}

#[derive(Clone, Copy, ValueEnum)]
enum ViewArg {
    Graph,
    Plan,
    Files,
    Problems,
    Steps,
}

/// Runs `stageplay link` and returns the exit code: 0, or 2 when an input cannot be read or
/// the state cannot be shared.
pub fn run(args: LinkArgs) -> i32 {
    match make_link(&args) {
        Ok((url, target_problem)) => {
            // The link still opens the page on the broken target (a docs author may mean
            // to show it), but not without a word.
            if let Some(problem) = target_problem {
                crate::out::say(&format!("warning: {problem}"));
            }
            if share::is_long(&url) {
                crate::out::say(&format!(
                    "warning: the link is {} characters long; some tools cut links over {}",
                    url.chars().count(),
                    share::LONG_LINK_CHARS
                ));
            }
            crate::out::to_stdout(|w| writeln!(w, "{url}"))
        }
        Err(msg) => {
            crate::out::say(&msg);
            2
        }
    }
}

/// The link, and the `UnknownTarget` message when `--target` names no stage.
fn make_link(args: &LinkArgs) -> Result<(String, Option<String>), String> {
    let state = ShareState {
        dockerfile: read_text(&args.file)?.into(),
        context: args
            .context_list
            .as_deref()
            .map(read_text)
            .transpose()?
            .unwrap_or_default(),
        dockerignore: args
            .dockerignore
            .as_deref()
            .map(read_text)
            .transpose()?
            .unwrap_or_default(),
        build_args: args.build_args.iter().map(|a| format!("{a}\n")).collect(),
        target: args.target.clone(),
        builder: match args.builder {
            BuilderArg::Buildkit => Builder::BuildKit,
            BuilderArg::Legacy => Builder::Legacy,
        },
        view: match args.view {
            ViewArg::Graph => View::Graph,
            ViewArg::Plan => View::Plan,
            ViewArg::Files => View::Files,
            ViewArg::Problems => View::Problems,
            ViewArg::Steps => View::Steps,
        },
        lesson: None,
        // The link opens in the reader's own language.
        lang: None,
    };
    let base = args
        .base_url
        .clone()
        .or_else(|| std::env::var("STAGEPLAY_BASE_URL").ok())
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
    let result = match &args.embed {
        None => share::link(&base, &state),
        Some(views) => {
            let opts = embed::parse_query(&format!("embed&view={views}")).unwrap_or_default();
            if let Some(bad) = opts.unknown_views.first() {
                return Err(format!(
                    "--embed: unknown view \"{bad}\" (use {})",
                    embed::Pane::ALL.map(embed::Pane::as_str).join(", ")
                ));
            }
            embed::embed_url(&base, &opts, &state)
        }
    };
    let url = result.map_err(|e| e.to_string())?;
    Ok((url, target_problem(&state)))
}

/// The message of the error the target makes, if it names no stage.
fn target_problem(state: &ShareState) -> Option<String> {
    state.target.as_ref()?;
    let a = analyze(
        &state.dockerfile,
        &Options {
            target: state.target.clone(),
            ..Options::default()
        },
    );
    a.diagnostics
        .into_iter()
        .find(|d| d.rule == errors::UNKNOWN_TARGET.name)
        .map(|d| d.message)
}

/// Reads a whole file (or standard input for `-`) as UTF-8 text, byte for byte: the link
/// must reproduce the file exactly, CRLF and BOM included.
fn read_text(file: &str) -> Result<String, String> {
    let bytes = crate::out::read_capped(file)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{file} is not valid UTF-8 (at byte {}); a share link carries text",
            e.utf8_error().valid_up_to()
        )
    })
}
