//! `stageplay mdbook`: an mdBook preprocessor that pre-renders the stage graph of each
//! Dockerfile example that opts into a playground, for readers without JavaScript.
//!
//! The protocol (mdBook 0.5's preprocessors, `[preprocessor.stageplay]` in `book.toml`):
//! mdBook first runs `stageplay mdbook supports <renderer>`, exit 0 meaning yes (only `html`:
//! the figure is HTML); then `stageplay mdbook` with `[context, book]` as JSON on standard
//! input, and reads the book back as JSON on standard output. The book is
//! `{"items": [{"Chapter": {"content": "...", "sub_items": [...], ...}}, "Separator",
//! {"PartTitle": "..."}]}` (`sections` before mdBook 0.5, accepted too); only each chapter's
//! `content` changes, every other field goes back as it came.
//!
//! In a chapter, a fenced ```` ```dockerfile ```` block whose first line is
//! `# stageplay: target=... builder=...` (the opt-in line `static/embed.js` reads, with the
//! same checks on `target` and `builder`; the other keys are embed.js's) stays as it is, and
//! a `<figure class="stageplay-fallback">` follows it: the stage graph as the page's Export →
//! SVG draws it (`page::export::graph_svg`), once light and once dark (mdBook's `coal`,
//! `navy` and `ayu` themes show the dark one), and a caption. embed.js removes the figure
//! when it turns the block into a playground. Blocks without the line are left alone.

use std::fmt::Write as _;
use std::io::Read as _;

use serde_json::Value;
use stageplay::analysis::{self, Builder, Options};
use stageplay::page::graph_svg::{GraphOptions, render_analysis_svg};
use stageplay::page::markup::escape;

use crate::out;

/// Runs the preprocessor: `args` are the words after `mdbook`. Returns the exit code.
pub fn run(args: &[String]) -> i32 {
    match args {
        [supports, renderer] if supports == "supports" => i32::from(renderer != "html"),
        [] => {
            let mut input = String::new();
            if let Err(e) = std::io::stdin()
                .take(out::MAX_INPUT_BYTES * 10)
                .read_to_string(&mut input)
            {
                out::say(&format!(
                    "mdbook: cannot read the book from standard input: {e}"
                ));
                return 2;
            }
            match preprocess(&input) {
                Ok(book) => out::to_stdout(|w| w.write_all(book.as_bytes())),
                Err(msg) => {
                    out::say(&format!("mdbook: {msg}"));
                    2
                }
            }
        }
        _ => {
            out::say("mdbook: expected no argument, or `supports RENDERER`");
            2
        }
    }
}

/// `[context, book]` in, the book out, as JSON.
pub fn preprocess(input: &str) -> Result<String, String> {
    let value: Value =
        serde_json::from_str(input).map_err(|e| format!("the input is not JSON: {e}"))?;
    let Value::Array(mut pair) = value else {
        return Err("expected [context, book] on standard input".into());
    };
    if pair.len() != 2 {
        return Err("expected [context, book] on standard input".into());
    }
    let mut book = pair.pop().unwrap_or(Value::Null);
    let key = if book.get("items").is_some() {
        "items"
    } else {
        "sections"
    };
    let Some(items) = book.get_mut(key).and_then(Value::as_array_mut) else {
        return Err("the book has no `items` list".into());
    };
    let mut figures = 0;
    // Depth first without recursion: nested chapters can be as deep as the summary is.
    let mut stack: Vec<&mut Value> = items.iter_mut().collect();
    while let Some(item) = stack.pop() {
        let Some(chapter) = item.get_mut("Chapter").and_then(Value::as_object_mut) else {
            continue;
        };
        let mut content = None;
        if let Some(Value::String(text)) = chapter.get("content") {
            let (changed, n) = add_fallbacks(text, figures);
            figures += n;
            content = changed;
        }
        if let Some(text) = content {
            chapter.insert("content".into(), Value::String(text));
        }
        if let Some(Value::Array(sub)) = chapter.get_mut("sub_items") {
            stack.extend(sub.iter_mut());
        }
    }
    serde_json::to_string(&book).map_err(|e| format!("cannot write the book: {e}"))
}

/// A fenced code block of a chapter: where it opens and closes, and what it holds.
struct Fence<'t> {
    /// Byte offset just after the closing fence's line.
    end: usize,
    /// What comes before the fence on its line (indentation, `>` of a block quote), repeated
    /// on every line of the figure so it stays in the same container.
    prefix: &'t str,
    info: &'t str,
    /// The content lines, the prefix removed.
    lines: Vec<&'t str>,
}

/// The chapter with a figure after each opted-in Dockerfile block (`None` when nothing
/// changed), and how many figures it added; `first_id` numbers their SVG ids.
pub fn add_fallbacks(text: &str, first_id: usize) -> (Option<String>, usize) {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut count = 0;
    let mut at = 0;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let Some(fence) = fence_at(text, at, line_end) else {
            at = line_end;
            continue;
        };
        at = fence.end;
        let language = fence
            .info
            .split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        if language != "dockerfile" {
            continue;
        }
        let Some(options) = fence.lines.first().and_then(|l| opt_in(l)) else {
            continue;
        };
        let dockerfile: String = fence.lines[1..].iter().copied().collect();
        out.push_str(&text[copied..fence.end]);
        copied = fence.end;
        if !out.ends_with('\n') {
            out.push('\n');
        }
        figure(
            &mut out,
            &dockerfile,
            &options,
            fence.prefix,
            first_id + count,
        );
        count += 1;
    }
    if count == 0 {
        return (None, 0);
    }
    out.push_str(&text[copied..]);
    (Some(out), count)
}

/// A fenced block opening on the line `text[at..line_end]`, up to its closing fence (or the
/// end of the chapter, where CommonMark closes an unclosed block).
fn fence_at(text: &str, at: usize, line_end: usize) -> Option<Fence<'_>> {
    let line = &text[at..line_end];
    let body = line.trim_start_matches([' ', '\t', '>']);
    let prefix = &line[..line.len() - body.len()];
    let ch = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let width = body.chars().take_while(|c| *c == ch).count();
    if width < 3 {
        return None;
    }
    let info = body[width..].trim();
    if ch == '`' && info.contains('`') {
        return None;
    }
    let mut lines = Vec::new();
    let mut next = line_end;
    while next < text.len() {
        let end = text[next..].find('\n').map_or(text.len(), |i| next + i + 1);
        let l = &text[next..end];
        let content = l
            .strip_prefix(prefix)
            .unwrap_or_else(|| l.trim_start_matches([' ', '>']));
        let trimmed = content.trim_start_matches(' ');
        let closing = trimmed.chars().take_while(|c| *c == ch).count();
        if closing >= width && trimmed[closing..].trim().is_empty() {
            return Some(Fence {
                end,
                prefix,
                info,
                lines,
            });
        }
        lines.push(content);
        next = end;
    }
    Some(Fence {
        end: text.len(),
        prefix,
        info,
        lines,
    })
}

/// The options of an opt-in first line (`# stageplay: target=build view=graph`), or `None`
/// when the line does not opt in. As embed.js reads it: `#`, spaces or tabs, `stageplay:`,
/// then `key=value` words; a `target` or `builder` that embed.js would refuse is ignored.
fn opt_in(line: &str) -> Option<(Option<String>, Builder)> {
    let line = line.trim_end_matches(['\n', '\r']);
    let rest = line.strip_prefix('#')?.trim_start_matches([' ', '\t']);
    let words = rest.strip_prefix("stageplay:")?;
    let mut target = None;
    let mut builder = None;
    for word in words.split([' ', '\t']).filter(|w| !w.is_empty()).take(32) {
        match word.split_once('=') {
            Some(("target", v)) if target.is_none() && valid_target(v) => {
                target = Some(v.to_string());
            }
            Some(("builder", "buildkit")) if builder.is_none() => builder = Some(Builder::BuildKit),
            Some(("builder", "legacy")) if builder.is_none() => builder = Some(Builder::Legacy),
            _ => {}
        }
    }
    Some((target, builder.unwrap_or(Builder::BuildKit)))
}

/// embed.js's check of a `target`: a letter or digit, then up to 127 letters, digits, `_`,
/// `.` or `-`.
fn valid_target(v: &str) -> bool {
    let mut chars = v.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && v.len() <= 128
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Writes the figure for `dockerfile`: the light and the dark graph, each with its styles
/// scoped to its own id, and a caption. Every line starts with `prefix` and none is blank,
/// so Markdown reads it as one HTML block in the block's container.
fn figure(
    out: &mut String,
    dockerfile: &str,
    (target, builder): &(Option<String>, Builder),
    prefix: &str,
    id: usize,
) {
    let a = analysis::analyze(
        dockerfile,
        &Options {
            target: target.clone(),
            builder: *builder,
            ..Options::default()
        },
    );
    let svg = |dark: bool| {
        let svg = render_analysis_svg(
            &a,
            &GraphOptions {
                standalone: true,
                dark,
                legend: true,
                ..GraphOptions::default()
            },
        );
        let scope = format!(
            "stageplay-graph-{id}-{}",
            if dark { "dark" } else { "light" }
        );
        scope_svg(&svg, &scope).replace('\n', " ")
    };
    let built = a
        .plan
        .target
        .and_then(|t| a.stages.get(t))
        .map(|s| s.display_name());
    let mut caption = String::from("Stage graph of the Dockerfile above");
    if let Some(name) = built {
        let _ = write!(caption, ", target <code>{}</code>", escape(&name));
    }
    if *builder == Builder::Legacy {
        caption.push_str(", legacy builder");
    }
    caption.push_str(". With JavaScript on, the example opens as a playground.");
    let _ = writeln!(out, "{prefix}");
    let _ = writeln!(out, "{prefix}<figure class=\"stageplay-fallback\">");
    let _ = writeln!(out, "{prefix}<style>{FIGURE_CSS}</style>");
    let _ = writeln!(
        out,
        "{prefix}<div class=\"stageplay-light\">{}</div>",
        svg(false)
    );
    let _ = writeln!(
        out,
        "{prefix}<div class=\"stageplay-dark\">{}</div>",
        svg(true)
    );
    let _ = writeln!(out, "{prefix}<figcaption>{caption}</figcaption>");
    let _ = writeln!(out, "{prefix}</figure>");
    let _ = writeln!(out, "{prefix}");
}

/// Which of a figure's two graphs shows: the dark one under mdBook's dark themes (the class
/// mdBook puts on `<html>`), the light one otherwise; and a graph never wider than the page.
const FIGURE_CSS: &str = ".stageplay-fallback{margin:1em 0}.stageplay-fallback svg{max-width:100%;height:auto}.stageplay-fallback .stageplay-dark{display:none}html.coal .stageplay-fallback .stageplay-dark,html.navy .stageplay-fallback .stageplay-dark,html.ayu .stageplay-fallback .stageplay-dark{display:block}html.coal .stageplay-fallback .stageplay-light,html.navy .stageplay-fallback .stageplay-light,html.ayu .stageplay-fallback .stageplay-light{display:none}";

/// The standalone SVG with its `<style>` rules and its marker id made its own: the SVG gets
/// `id="scope"`, every selector is prefixed with `#scope` (`svg` becomes `#scope` itself),
/// and `sp-arrow` becomes `scope-arrow`. Inline in a page, an SVG's `<style>` applies to the
/// whole document, so two graphs (light and dark, or two examples) would restyle each other.
pub fn scope_svg(svg: &str, scope: &str) -> String {
    let svg = svg
        .replacen("<svg ", &format!("<svg id=\"{scope}\" "), 1)
        .replace("id=\"sp-arrow\"", &format!("id=\"{scope}-arrow\""))
        .replace("url(#sp-arrow)", &format!("url(#{scope}-arrow)"));
    let (Some(open), Some(close)) = (svg.find("<style>"), svg.find("</style>")) else {
        return svg;
    };
    let css_start = open + "<style>".len();
    if close < css_start {
        return svg;
    }
    let mut css = String::new();
    for rule in svg[css_start..close].split_inclusive('}') {
        let Some((selectors, body)) = rule.split_once('{') else {
            css.push_str(rule);
            continue;
        };
        let scoped: Vec<String> = selectors
            .split(',')
            .map(|s| {
                let s = s.trim();
                match s.strip_prefix("svg") {
                    Some(rest) if rest.is_empty() || !rest.starts_with(char::is_alphanumeric) => {
                        format!("#{scope}{rest}")
                    }
                    _ => format!("#{scope} {s}"),
                }
            })
            .collect();
        let _ = write!(css, "{}{{{body}", scoped.join(","));
    }
    format!("{}{css}{}", &svg[..css_start], &svg[close..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_and_ids_are_scoped() {
        let svg = "<svg xmlns=\"x\"><style>svg{a:b}.sp-node rect,.sp-x{c:d}</style><marker id=\"sp-arrow\"/><path marker-end=\"url(#sp-arrow)\"/></svg>";
        assert_eq!(
            scope_svg(svg, "g1"),
            "<svg id=\"g1\" xmlns=\"x\"><style>#g1{a:b}#g1 .sp-node rect,#g1 .sp-x{c:d}</style><marker id=\"g1-arrow\"/><path marker-end=\"url(#g1-arrow)\"/></svg>"
        );
    }

    #[test]
    fn the_opt_in_line_is_read_as_embed_js_reads_it() {
        assert_eq!(
            opt_in("# stageplay: target=build view=graph builder=legacy\n"),
            Some((Some("build".into()), Builder::Legacy))
        );
        assert_eq!(opt_in("#\tstageplay:"), Some((None, Builder::BuildKit)));
        assert_eq!(
            opt_in("# stageplay: target=<b> builder=x"),
            Some((None, Builder::BuildKit))
        );
        assert_eq!(opt_in("# stageplay target=x"), None);
        assert_eq!(opt_in("FROM alpine"), None);
    }

    #[test]
    fn only_opted_in_dockerfile_blocks_get_a_figure_in_their_container() {
        let text = "# T\n\n```dockerfile\nFROM alpine\n```\n\n> ```dockerfile\n> # stageplay: target=b\n> FROM alpine AS b\n> ```\n\n````md\n```dockerfile\n# stageplay:\nFROM x\n```\n````\n";
        let (out, n) = add_fallbacks(text, 0);
        let out = out.expect("changed");
        assert_eq!(n, 1);
        let fig = out
            .find("> <figure class=\"stageplay-fallback\">")
            .expect("figure");
        assert!(fig > out.find("> ```\n").expect("the closing fence"));
        assert!(out.contains("target <code>b</code>"));
        assert!(out.ends_with("````md\n```dockerfile\n# stageplay:\nFROM x\n```\n````\n"));
        for line in out[fig..].lines().take_while(|l| !l.contains("</figure>")) {
            assert!(line.starts_with('>') && line.trim() != ">", "{line:?}");
        }
    }
}
