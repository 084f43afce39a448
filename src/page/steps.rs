//! The step-through view model: one step per instruction, in the order the chosen builder
//! runs them (BuildKit wave by wave, legacy stage by stage), with each step's file changes.

use crate::analysis::{Analysis, LineIndex, Span, files::Effect};

/// One step of the build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<'a> {
    pub stage: usize,
    /// Index into `Analysis::instructions`.
    pub instruction: usize,
    /// The wave (BuildKit) or position (legacy) of the stage, from 0.
    pub wave: usize,
    /// Other stages of the same wave, built in parallel (BuildKit only).
    pub parallel: Vec<usize>,
    /// The instruction's effect on the stage's filesystem, when the simulation recorded one.
    pub effect: Option<&'a Effect>,
}

/// The steps of the plan, in build order.
pub fn steps(a: &Analysis) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for (w, wave) in a.plan.waves.iter().enumerate() {
        for &s in wave {
            let Some(stage) = a.stages.get(s) else {
                continue;
            };
            let fs = a.files.stages.iter().find(|f| f.stage == s);
            let parallel: Vec<usize> = wave.iter().copied().filter(|&o| o != s).collect();
            for i in
                std::iter::once(stage.from_instruction).chain(stage.instructions.iter().copied())
            {
                out.push(Step {
                    stage: s,
                    instruction: i,
                    wave: w,
                    parallel: parallel.clone(),
                    effect: fs.and_then(|f| f.effects.iter().find(|e| e.instruction == i)),
                });
            }
        }
    }
    out
}

/// The number of steps, without building them.
pub fn step_count(a: &Analysis) -> usize {
    a.plan
        .waves
        .iter()
        .flatten()
        .filter_map(|&s| a.stages.get(s))
        .map(|s| 1 + s.instructions.len())
        .sum()
}

/// The source of a step's instruction as the Step through view shows it: every line of it
/// (continuations and heredoc bodies too), with the real 1-based line numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepSource {
    pub first_line: usize,
    pub last_line: usize,
    /// The lines, joined by `\n`; past [`MAX_SOURCE_LINES`] cut.
    pub text: String,
    /// How many lines past [`MAX_SOURCE_LINES`] are not in `text` (the page says so in its
    /// language).
    pub hidden_lines: usize,
}

/// The most lines a step shows (a heredoc can be a whole script); the rest is counted.
pub const MAX_SOURCE_LINES: usize = 200;

/// The whole lines `span` touches, from the start of its first line to the end of its last
/// (a span may stop before a closing `"]` or a trailing comment).
pub fn step_source(text: &str, lines: &LineIndex, span: Span) -> StepSource {
    let first_line = lines.line(span.start);
    // A span that ends right after a newline ends on the line before.
    let last_byte = span.end.max(span.start + 1) - 1;
    let last_line = lines.line(last_byte.min(text.len())).max(first_line);
    let start = lines.line_start(first_line);
    let last_start = lines.line_start(last_line);
    let end = text
        .get(last_start..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |n| last_start + n);
    let source = text.get(start..end).unwrap_or("");
    let count = last_line - first_line + 1;
    let hidden_lines = count.saturating_sub(MAX_SOURCE_LINES);
    let text = if hidden_lines > 0 {
        let shown: Vec<&str> = source.lines().take(MAX_SOURCE_LINES).collect();
        shown.join("\n")
    } else {
        source.trim_end_matches(['\r', '\n']).replace("\r\n", "\n")
    };
    StepSource {
        first_line,
        last_line,
        text,
        hidden_lines,
    }
}

impl StepSource {
    /// "line 4" or "lines 4–7".
    pub fn lines_label(&self) -> String {
        if self.first_line == self.last_line {
            format!("line {}", self.first_line)
        } else {
            format!("lines {}–{}", self.first_line, self.last_line)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};

    fn sources(text: &str) -> Vec<StepSource> {
        let a = analyze(text, &Options::default());
        let lines = LineIndex::new(text);
        steps(&a)
            .iter()
            .map(|s| step_source(text, &lines, a.instructions[s.instruction].span))
            .collect()
    }

    #[test]
    fn a_continued_instruction_is_shown_whole_with_its_real_lines() {
        let text = "# syntax=docker/dockerfile:1\n\nFROM debian:bookworm\n\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl \\\n       git\nCMD [\"bash\"]\n";
        let s = sources(text);
        assert_eq!(s[0].lines_label(), "line 3");
        assert_eq!(s[1].lines_label(), "lines 5–8");
        assert_eq!(
            s[1].text,
            "RUN apt-get update \\\n    && apt-get install -y \\\n       curl \\\n       git"
        );
        assert_eq!((s[2].first_line, s[2].text.as_str()), (9, "CMD [\"bash\"]"));
    }

    #[test]
    fn a_heredoc_is_shown_with_its_body_and_crlf_lines_lose_their_cr() {
        let text = "FROM alpine\r\nRUN <<EOF\r\nset -e\r\necho hi\r\nEOF\r\nFROM scratch\r\n";
        let a = analyze(text, &Options::default());
        let lines = LineIndex::new(text);
        let src = step_source(text, &lines, a.instructions[1].span);
        assert_eq!(src.lines_label(), "lines 2–5");
        assert_eq!(src.text, "RUN <<EOF\nset -e\necho hi\nEOF");
    }

    #[test]
    fn a_long_heredoc_is_cut_and_says_how_much() {
        let mut text = String::from("FROM alpine\nRUN <<EOF\n");
        for i in 0..500 {
            text.push_str(&format!("echo {i}\n"));
        }
        text.push_str("EOF\n");
        let a = analyze(&text, &Options::default());
        let src = step_source(&text, &LineIndex::new(&text), a.instructions[1].span);
        assert_eq!(src.lines_label(), "lines 2–503");
        assert_eq!(src.hidden_lines, 302);
        assert!(
            src.text.ends_with("echo 198"),
            "{}",
            &src.text[src.text.len() - 40..]
        );
        assert_eq!(src.text.lines().count(), MAX_SOURCE_LINES);
    }
}
