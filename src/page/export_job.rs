//! The exports the page makes in its worker (`src/worker.rs`, which also runs the analysis): the
//! analysis as JSON and the graph as Graphviz DOT. Their code (the JSON tree and its writer
//! above all, about 19 KB of gzip) stays out of the page's own wasm, with the analysis core
//! (docs/performance.md, "Page size").
//!
//! The page sends the worker a request, the export's name and the share state as the link's
//! JSON; the worker analyses that state as the page does (`analysis_job::analyse`) and
//! returns the text. Pure, so the CLI's tests and the page's agree on what it returns.

use crate::analysis::export as text_export;

use super::analysis_job;
use super::export::ExportFormat;
use super::share::{self, ShareState};

/// Whether the worker makes this export (the others are made in the page itself: the SVG and
/// PNG draw the page's own graph renderer, and Markdown must reach the clipboard while the
/// click still counts as the user's).
pub fn in_worker(format: ExportFormat) -> bool {
    matches!(format, ExportFormat::Json | ExportFormat::Dot)
}

/// The message for the worker: the export's name, a line break, then the state as JSON.
pub fn request(format: ExportFormat, state: &ShareState) -> String {
    format!("{}\n{}", format.as_str(), share::to_json(state))
}

/// What the worker answers to a request: the export's text, or why there is none.
pub fn run(request: &str) -> Result<String, String> {
    let (name, json) = request
        .split_once('\n')
        .ok_or_else(|| "the request has no export name".to_string())?;
    let state = share::from_json(json.as_bytes()).map_err(|e| e.to_string())?;
    let analysis = analysis_job::analyse(&state);
    match name {
        "json" => Ok(text_export::to_json(&analysis, &state.dockerfile)),
        "dot" => Ok(text_export::to_dot(&analysis)),
        other => Err(format!("the worker makes no {other:?} export")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Builder, analyze};
    use crate::page::command_line::options;
    use crate::page::share::View;

    fn state() -> ShareState {
        ShareState {
            dockerfile: "ARG V=1\nFROM alpine:${V} AS base\nFROM base AS test\nRUN echo é\nFROM scratch\nCOPY --from=base /x /\n".into(),
            context: "app.go 2KB\n".into(),
            dockerignore: "*.md\n".into(),
            build_args: "V=3.19\n".into(),
            target: Some("test".into()),
            builder: Builder::Legacy,
            view: View::default(),
            lesson: None,
            lang: None,
        }
    }

    #[test]
    fn the_worker_makes_the_exports_the_page_made_from_the_same_state() {
        let s = state();
        let a = analyze(&s.dockerfile, &options(&s));
        assert_eq!(
            run(&request(ExportFormat::Json, &s)),
            Ok(text_export::to_json(&a, &s.dockerfile))
        );
        assert_eq!(
            run(&request(ExportFormat::Dot, &s)),
            Ok(text_export::to_dot(&a))
        );
        // The options reached the analysis: the target, the build arg and the builder.
        let json = run(&request(ExportFormat::Json, &s)).unwrap();
        assert!(json.contains("\"name\": \"test\""), "{json}");
        assert!(json.contains("alpine:3.19"), "{json}");
        assert!(json.contains("\"builder\": \"legacy\""), "{json}");
    }

    #[test]
    fn a_bad_request_is_an_error_not_a_panic() {
        assert!(run("").is_err());
        assert!(run("json").is_err());
        assert!(run("json\n{not json").is_err());
        assert!(run(&request(ExportFormat::Svg, &state())).is_err());
        assert!(run("json\n{\"target\":\"\"}").is_err());
    }

    #[test]
    fn only_json_and_dot_go_to_the_worker() {
        let sent: Vec<_> = ExportFormat::ALL
            .into_iter()
            .filter(|f| in_worker(*f))
            .collect();
        assert_eq!(sent, [ExportFormat::Dot, ExportFormat::Json]);
    }
}
