//! The page's exports that are not analysis text: the standalone graph SVG (shared with the
//! CLI), "Copy as Markdown" (the Dockerfile, the command, the build plan and the graph as a
//! Mermaid block, for an issue or a doc), and the Export menu's file names and MIME types.
//!
//! Pure: the page's browser code only copies or downloads what these functions return.

use std::fmt::Write as _;

use crate::analysis::{Analysis, Builder};

use super::graph_svg::{self, GraphOptions};
use super::i18n::Messages;
use super::plan::stage_name;
use super::share::ShareState;

/// The graph as a standalone SVG (embedded style, background, legend): what Export → SVG
/// downloads, what the PNG export draws, and what `stageplay analyze --format svg` prints.
/// Its words (legend, titles, label) are in `messages`' language: the page's, so a graph
/// exported from the Korean page reads as it did on the page; the CLI's is English. The
/// page's own graph uses the same renderer with `standalone: false`.
pub fn graph_svg(analysis: &Analysis, dark: bool, messages: &Messages) -> String {
    graph_svg::render_analysis_svg(
        analysis,
        &GraphOptions {
            standalone: true,
            dark,
            legend: true,
            messages: messages.clone(),
            ..GraphOptions::default()
        },
    )
}

/// The formats of the Export menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Svg,
    Png,
    Mermaid,
    Dot,
    Json,
    Markdown,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Mermaid,
        ExportFormat::Dot,
        ExportFormat::Json,
        ExportFormat::Markdown,
    ];

    /// The download's file name; Markdown is copied to the clipboard, not downloaded.
    pub fn file_name(self) -> &'static str {
        match self {
            ExportFormat::Svg => "stageplay-graph.svg",
            ExportFormat::Png => "stageplay-graph.png",
            ExportFormat::Mermaid => "stageplay-graph.mmd",
            ExportFormat::Dot => "stageplay-graph.dot",
            ExportFormat::Json => "stageplay-analysis.json",
            ExportFormat::Markdown => "stageplay.md",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Svg => "image/svg+xml",
            ExportFormat::Png => "image/png",
            ExportFormat::Mermaid | ExportFormat::Dot => "text/plain;charset=utf-8",
            ExportFormat::Json => "application/json",
            ExportFormat::Markdown => "text/markdown;charset=utf-8",
        }
    }

    /// A stable name for tests and `data-format` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Mermaid => "mermaid",
            ExportFormat::Dot => "dot",
            ExportFormat::Json => "json",
            ExportFormat::Markdown => "markdown",
        }
    }
}

/// "Copy as Markdown": the Dockerfile, the command, the build plan and the graph (the given
/// Mermaid text), and the share link when there is one, ready to paste into an issue or a
/// doc. Its headings and the plan's words are in `m`'s language (the page's): a Korean doc
/// gets Korean headings; code, stage names and the Mermaid text are the same in every
/// language.
pub fn markdown(
    m: &Messages,
    state: &ShareState,
    analysis: &Analysis,
    mermaid: &str,
    share_link: Option<&str>,
) -> String {
    let mut md = String::new();
    let _ = write!(md, "**{}**\n\n", m.t("md-dockerfile"));
    push_fenced(&mut md, "dockerfile", &state.dockerfile);
    let _ = write!(md, "\n**{}**\n\n", m.t("md-command"));
    push_fenced(
        &mut md,
        "sh",
        &super::command_line::command_line(state, analysis),
    );
    md.push('\n');
    push_plan(&mut md, m, analysis);
    let _ = write!(md, "\n**{}**\n\n", m.t("md-stage-graph"));
    push_fenced(&mut md, "mermaid", mermaid);
    if let Some(link) = share_link {
        let _ = write!(md, "\n[{}]({})\n", m.t("md-open"), link.replace(')', "%29"));
    }
    md
}

fn push_plan(md: &mut String, m: &Messages, a: &Analysis) {
    let plan = &a.plan;
    let name = |i: usize| stage_name(a, i);
    let builder = match plan.builder {
        Builder::BuildKit => "buildkit",
        Builder::Legacy => "legacy",
    };
    match plan.target {
        Some(t) => {
            let target = code(&name(t));
            let _ = writeln!(
                md,
                "{}\n",
                m.f(
                    "md-plan",
                    &[
                        ("builder", builder.into()),
                        ("target", target.as_str().into())
                    ]
                )
            );
        }
        None => {
            let _ = writeln!(
                md,
                "{}",
                m.f("md-plan-nothing", &[("builder", builder.into())])
            );
            return;
        }
    }
    let parallel = m.t("md-parallel");
    for (i, wave) in plan.waves.iter().enumerate() {
        let names: Vec<String> = wave.iter().map(|&s| code(&name(s))).collect();
        let _ = write!(md, "{}. {}", i + 1, names.join(", "));
        if wave.len() > 1 {
            let _ = write!(md, " {parallel}");
        }
        md.push('\n');
    }
    if !plan.skipped.is_empty() {
        let _ = write!(md, "\n{}\n\n", m.t("md-skipped"));
        for s in &plan.skipped {
            let _ = writeln!(
                md,
                "- {}: {}",
                code(&name(s.stage)),
                escape_markdown(&super::core_text::skip_reason(m, &s.reason))
            );
        }
    }
}

/// Appends `text` in a fenced code block whose fence is longer than any run of backticks in
/// the text, so no Dockerfile can close the block early.
fn push_fenced(md: &mut String, lang: &str, text: &str) {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    let _ = write!(md, "{fence}{lang}\n{text}");
    if !text.ends_with('\n') {
        md.push('\n');
    }
    let _ = writeln!(md, "{fence}");
}

/// An inline code span that survives backticks in `s`.
fn code(s: &str) -> String {
    let ticks = "`".repeat(longest_run(s, '`') + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

/// Escapes, with backslashes, the characters that would turn plain text into Markdown, an
/// HTML tag or an entity (`&lt;` would show as `<`); backticks are kept, since a skip
/// reason writes stage names as code spans. Markdown, not markup:
/// `page::markup` escapes text for HTML and XML.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        cur = if c == ch { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_plain_in_markdown() {
        assert_eq!(
            escape_markdown("a &lt; `b` <i>*c*</i>"),
            r"a \&lt; `b` \<i\>\*c\*\</i\>"
        );
    }

    #[test]
    fn fences_outgrow_backticks_in_the_text() {
        let mut md = String::new();
        push_fenced(&mut md, "dockerfile", "RUN echo ````\n");
        assert_eq!(md, "`````dockerfile\nRUN echo ````\n`````\n");
        assert_eq!(code("a`b"), "``a`b``");
    }
}
