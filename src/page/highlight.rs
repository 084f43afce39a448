//! Syntax highlighting for the editor's underlay, from the analysis' own spans: keywords,
//! flags, images, stage names, variables, strings, heredocs, comments, plus diagnostics
//! underlined at their exact span. Output is escaped HTML text; pure and native-tested.

use std::fmt::Write as _;

use crate::analysis::lint::CONFUSABLE_CHARACTER;
use crate::analysis::{Analysis, Instruction, Keyword, Severity, Span, sort, span};

use super::markup::{Bidi, escape_into_with};

/// Texts longer than this are shown without highlighting, to keep typing instant.
pub const HIGHLIGHT_LIMIT: usize = 512 * 1024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum Class {
    Plain = 0,
    Keyword,
    Flag,
    FlagValue,
    Image,
    Stage,
    Var,
    Str,
    Heredoc,
    Comment,
    Directive,
    /// A character that looks like an ASCII one and is not (ConfusableCharacter): outlined,
    /// since a no-break or zero-width space cannot be seen.
    Confusable,
}

impl Class {
    fn css(self) -> &'static str {
        match self {
            Class::Plain => "",
            Class::Keyword => "t-kw",
            Class::Flag => "t-flag",
            Class::FlagValue => "t-fv",
            Class::Image => "t-img",
            Class::Stage => "t-stage",
            Class::Var => "t-var",
            Class::Str => "t-str",
            Class::Heredoc => "t-here",
            Class::Comment => "t-com",
            Class::Directive => "t-dir",
            Class::Confusable => "t-conf",
        }
    }
}

const CLASSES: [Class; 12] = [
    Class::Plain,
    Class::Keyword,
    Class::Flag,
    Class::FlagValue,
    Class::Image,
    Class::Stage,
    Class::Var,
    Class::Str,
    Class::Heredoc,
    Class::Comment,
    Class::Directive,
    Class::Confusable,
];

fn paint(buf: &mut [u8], span: Span, class: Class) {
    let end = span.end.min(buf.len());
    if span.start < end {
        buf[span.start..end].fill(class as u8);
    }
}

/// Marks `$NAME` and `${...}` inside `span` (outside single quotes).
fn paint_vars(text: &str, buf: &mut [u8], span: Span) {
    let Some(s) = text.get(span.start..span.end.min(text.len())) else {
        return;
    };
    let b = s.as_bytes();
    let mut i = 0;
    let mut single = false;
    while i < b.len() {
        match b[i] {
            b'\'' => single = !single,
            b'\\' => i += 1,
            b'$' if !single => {
                let start = i;
                let mut j = i + 1;
                if j < b.len() && b[j] == b'{' {
                    while j < b.len() && b[j] != b'}' && b[j] != b'\n' {
                        j += 1;
                    }
                    j = (j + 1).min(b.len());
                } else {
                    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                        j += 1;
                    }
                }
                if j > start + 1 {
                    paint(
                        buf,
                        Span::new(span.start + start, span.start + j),
                        Class::Var,
                    );
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

fn paint_instruction(text: &str, buf: &mut [u8], inst: &Instruction) {
    paint(buf, inst.keyword_span, Class::Keyword);
    for f in &inst.flags {
        paint(buf, f.span, Class::FlagValue);
        paint(buf, f.name_span, Class::Flag);
    }
    let expands = !matches!(
        inst.keyword,
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck | Keyword::Shell
    );
    for (k, w) in inst.args.iter().enumerate() {
        if inst.keyword == Keyword::From && k == 0 {
            paint(buf, w.span, Class::Image);
        } else if inst.exec_form {
            paint(buf, w.span, Class::Str);
        }
        if expands || !inst.exec_form {
            paint_vars(text, buf, w.span);
        }
    }
    if let Some(a) = inst.as_span {
        paint(buf, a, Class::Keyword);
    }
    if let Some(n) = &inst.stage_name {
        paint(buf, n.span, Class::Stage);
    }
    for h in &inst.heredocs {
        paint(buf, h.span, Class::Heredoc);
    }
    if let Some(t) = &inst.trigger {
        // ONBUILD's trigger is one level deep (the parser rejects ONBUILD ONBUILD).
        paint(buf, t.keyword_span, Class::Keyword);
        for f in &t.flags {
            paint(buf, f.span, Class::FlagValue);
            paint(buf, f.name_span, Class::Flag);
        }
    }
}

/// The highlighted HTML of `text`, one escaped string per line (the text split at `\n`).
/// Every line is complete on its own: a highlighted run that spans lines (a heredoc, a
/// multi-line string) is closed at each line's end and reopened on the next, so the editor
/// can replace the lines of one edited region without touching the others.
pub fn highlight_lines(text: &str, a: &Analysis) -> Vec<String> {
    Highlight::new(text, a).lines(text, 0..text.len())
}

/// The class and diagnostic level of every byte of a text: what `highlight_lines` turns
/// into HTML. Painting them is cheap; writing the HTML is what costs, so the editor keeps
/// this and writes only the lines it shows (`lines`).
#[derive(Debug, Default)]
pub struct Highlight {
    class: Vec<u8>,
    diag: Vec<u8>,
}

impl Highlight {
    pub fn new(text: &str, a: &Analysis) -> Highlight {
        if text.len() > HIGHLIGHT_LIMIT {
            return Highlight::default();
        }
        let mut class = vec![0u8; text.len()];
        // Comments and directives: lines whose first non-blank is '#', outside heredoc bodies.
        let heredocs: Vec<Span> = a
            .instructions
            .iter()
            .flat_map(|i| i.heredocs.iter().map(|h| h.span))
            .collect();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') {
                let start = line_start + (line.len() - trimmed.len());
                let end = line_start + line.trim_end_matches(['\n', '\r']).len();
                if !heredocs.iter().any(|h| h.contains(start)) {
                    let is_directive = a.directives.iter().any(|d| d.span.contains(start));
                    paint(
                        &mut class,
                        Span::new(start, end),
                        if is_directive {
                            Class::Directive
                        } else {
                            Class::Comment
                        },
                    );
                }
            }
            line_start += line.len();
        }
        for inst in &a.instructions {
            paint_instruction(text, &mut class, inst);
        }
        // Diagnostics: the highest severity wins where they overlap (1 info, 2 warning, 3 error).
        let mut diag = vec![0u8; text.len()];
        for d in &a.diagnostics {
            if d.rule == CONFUSABLE_CHARACTER.name {
                paint(&mut class, d.span, Class::Confusable);
            }
            let level = match d.severity {
                Severity::Error => 3,
                Severity::Warning => 2,
                Severity::Info => 1,
            };
            let mut span = d.span;
            if span.is_empty() {
                // A point: underline the character there, if any on the line.
                let next = text
                    .get(span.start..)
                    .and_then(|t| t.chars().next())
                    .filter(|c| *c != '\n' && *c != '\r');
                match next {
                    Some(c) => span = Span::new(span.start, span.start + c.len_utf8()),
                    None => continue,
                }
            }
            let end = span.end.min(text.len());
            for x in diag.iter_mut().take(end).skip(span.start) {
                *x = (*x).max(level);
            }
        }
        Highlight { class, diag }
    }

    /// The HTML of the lines of `text` in `range` (a byte range from a line's start to a
    /// line's end, or to the end of the text), one string per line.
    pub fn lines(&self, text: &str, range: std::ops::Range<usize>) -> Vec<String> {
        let mut out = Lines::default();
        let Some(part) = text.get(range.clone()) else {
            return out.finish();
        };
        if self.class.len() != text.len() {
            out.emit(part, (0, 0));
            return out.finish();
        }
        let key = |i: usize| {
            (
                self.class.get(i).copied().unwrap_or(0),
                self.diag.get(i).copied().unwrap_or(0),
            )
        };
        let mut run_start = 0;
        let mut run_key = (255u8, 255u8);
        for (i, _) in part.char_indices() {
            let k = key(range.start + i);
            if k != run_key {
                if i > run_start {
                    out.emit(&part[run_start..i], run_key);
                }
                run_start = i;
                run_key = k;
            }
        }
        if part.len() > run_start {
            out.emit(&part[run_start..], run_key);
        }
        out.finish()
    }
}

/// Where `new` differs from `old`, an edit of it: the bytes both start with, and where the
/// bytes both end with begin in each (`prefix <= old_end`, `prefix <= new_end`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    pub prefix: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Edit {
    /// The edit that turns `old` into `new`: their common start and, after it, their common
    /// end. Linear, a comparison a byte.
    pub fn between(old: &str, new: &str) -> Edit {
        let (o, n) = (old.as_bytes(), new.as_bytes());
        let prefix = o.iter().zip(n).take_while(|(a, b)| a == b).count();
        let room = o.len().min(n.len()) - prefix;
        let suffix = o
            .iter()
            .rev()
            .zip(n.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        let (mut old_end, mut new_end) = (o.len() - suffix, n.len() - suffix);
        // Whole characters on both sides (`é` to `è` differ in their second byte only).
        let prefix = span::floor_char_boundary(old, prefix);
        while !old.is_char_boundary(old_end) || !new.is_char_boundary(new_end) {
            old_end += 1;
            new_end += 1;
        }
        Edit {
            prefix,
            old_end,
            new_end,
        }
    }
}

impl Highlight {
    /// This highlighting of `old` carried over to `new`, an edit of it (`edit`): the bytes
    /// before and after the edit keep their classes and underlines, and the bytes it typed
    /// take those of the byte before them (a word typed into keeps its colour), unless they
    /// are more than a few characters or a line break, which stay plain. The editor
    /// draws a keystroke's text so until the text's own analysis arrives: highlighted
    /// with the analysis of the text before the key, every class after the caret would be
    /// drawn a character off for that frame (and every line after it drawn again twice).
    pub fn rebased(self, edit: Edit, old: &str, new: &str) -> Highlight {
        if self.class.len() != old.len() || edit.old_end > old.len() || edit.new_end > new.len() {
            return Highlight::default();
        }
        let typed = new.get(edit.prefix..edit.new_end).unwrap_or_default();
        // A few characters on one line continue what they were typed into; a paste, a line
        // break or a new text altogether is plain until its analysis.
        let continues = typed.len() <= 64 && !typed.contains('\n');
        let splice = |v: &[u8]| {
            let before = edit.prefix.checked_sub(1).and_then(|i| v.get(i)).copied();
            let fill = before.filter(|_| continues).unwrap_or(0);
            let mut out = Vec::with_capacity(new.len());
            out.extend_from_slice(&v[..edit.prefix]);
            out.extend(std::iter::repeat_n(fill, typed.len()));
            out.extend_from_slice(&v[edit.old_end..]);
            out
        };
        Highlight {
            class: splice(&self.class),
            diag: splice(&self.diag),
        }
    }
}

/// The gutter's marks of `old` (`diagnostic_lines`) carried over to `new`, an edit of it:
/// the lines after the edit move by the lines it added or removed, and a mark on a removed
/// line goes to the edit's first line.
pub fn rebase_marks(
    marks: Vec<(usize, Severity)>,
    edit: Edit,
    old: &str,
    new: &str,
) -> Vec<(usize, Severity)> {
    // 0-based lines: where the edit starts, and how many line breaks it took and typed.
    let first = span::line_of(old, edit.prefix) - 1;
    let removed = span::line_of(old, edit.old_end) - 1 - first;
    let added = span::line_of(new, edit.new_end) - 1 - first;
    let mut out: Vec<(usize, Severity)> = Vec::with_capacity(marks.len());
    for (line, severity) in marks {
        let line = if line <= first {
            line
        } else if line > first + removed {
            line - removed + added
        } else {
            first
        };
        match out.last_mut() {
            // Severity orders Error < Warning < Info: keep the smallest.
            Some(last) if last.0 == line => last.1 = last.1.min(severity),
            _ => out.push((line, severity)),
        }
    }
    out
}

/// The lines being written by `highlight_lines`.
#[derive(Default)]
struct Lines {
    done: Vec<String>,
    current: String,
}

impl Lines {
    /// Appends a run of one class, split at its newlines.
    fn emit(&mut self, run: &str, key: (u8, u8)) {
        let mut pieces = run.split('\n');
        if let Some(first) = pieces.next() {
            emit(&mut self.current, first, key);
        }
        for piece in pieces {
            self.done.push(std::mem::take(&mut self.current));
            emit(&mut self.current, piece, key);
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.done.push(self.current);
        self.done
    }
}

fn emit(out: &mut String, s: &str, (class, diag): (u8, u8)) {
    if s.is_empty() {
        return;
    }
    let css = CLASSES
        .get(class as usize)
        .copied()
        .unwrap_or(Class::Plain)
        .css();
    let d = match diag {
        3 => "d-err",
        2 => "d-warn",
        1 => "d-info",
        _ => "",
    };
    // A bidirectional control keeps its place, outlined: the textarea above has it too.
    if css.is_empty() && d.is_empty() {
        escape_into_with(out, s, Bidi::Outline);
        return;
    }
    let _ = write!(
        out,
        "<span class=\"{css}{}{d}\">",
        if css.is_empty() || d.is_empty() {
            ""
        } else {
            " "
        }
    );
    escape_into_with(out, s, Bidi::Outline);
    out.push_str("</span>");
}

/// What the editor can explain at an offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    Keyword(Keyword),
    /// A flag of an instruction: keyword and flag name.
    Flag(Keyword, String),
}

/// The keyword or flag at byte `offset`, with its span.
pub fn hint_at(a: &Analysis, offset: usize) -> Option<(Hint, Span)> {
    let idx = a
        .instructions
        .partition_point(|i| i.span.start <= offset)
        .checked_sub(1)?;
    let inst = a.instructions.get(idx)?;
    let within = |s: Span| s.start <= offset && offset < s.end.max(s.start + 1);
    let mut candidates: Vec<&Instruction> = vec![inst];
    if let Some(t) = &inst.trigger {
        candidates.push(t);
    }
    for i in candidates {
        if within(i.keyword_span) {
            return Some((Hint::Keyword(i.keyword), i.keyword_span));
        }
        for f in &i.flags {
            if within(f.span) {
                return Some((Hint::Flag(i.keyword, f.name.to_ascii_lowercase()), f.span));
            }
        }
    }
    None
}

/// The 0-based lines that carry a diagnostic, with the highest severity on each.
pub fn diagnostic_lines(text: &str, a: &Analysis) -> Vec<(usize, Severity)> {
    let index = crate::analysis::LineIndex::new(text);
    let mut out: Vec<(usize, Severity)> = Vec::new();
    for d in &a.diagnostics {
        let line = index.line(d.span.start).saturating_sub(1);
        match out.iter_mut().find(|(l, _)| *l == line) {
            // Severity orders Error < Warning < Info: keep the smallest.
            Some(e) => e.1 = e.1.min(d.severity),
            None => out.push((line, d.severity)),
        }
    }
    sort::sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_no_break_space_is_outlined_where_it_is() {
        let text = "FROM alpine\nRUN\u{a0}pip install x\n";
        let a = crate::analysis::analyze(text, &Default::default());
        let lines = highlight_lines(text, &a);
        assert!(
            lines[1].contains("RUN</span><span class=\"t-conf d-err\">\u{a0}</span>"),
            "{}",
            lines[1]
        );
        assert!(!lines[0].contains("t-conf"));
    }

    /// The text of highlighted HTML: tags dropped, entities decoded.
    fn plain(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    #[test]
    fn lines_are_the_text_split_at_newlines() {
        let text = "# syntax=docker/dockerfile:1\nFROM alpine AS a\nRUN <<EOF\necho \"<b>&\"\nEOF\nCOPY --from=a / /x\n\nBOGUS\n";
        let a = crate::analysis::analyze(text, &Default::default());
        let lines = highlight_lines(text, &a);
        let raw: Vec<&str> = text.split('\n').collect();
        assert_eq!(lines.len(), raw.len());
        for (h, r) in lines.iter().zip(&raw) {
            assert_eq!(plain(h), *r, "{h}");
            // Every line closes what it opens.
            assert_eq!(
                h.matches("<span").count(),
                h.matches("</span>").count(),
                "{h}"
            );
        }
        // The heredoc body is highlighted on each of its lines.
        assert!(lines[3].starts_with("<span class=\"t-here"), "{}", lines[3]);
        assert!(
            lines[1].contains("<span class=\"t-kw\">FROM</span>"),
            "{}",
            lines[1]
        );
    }

    /// `text` with `typed` put in place of the bytes `at..at + removed`.
    fn edited(text: &str, at: usize, removed: usize, typed: &str) -> String {
        format!("{}{typed}{}", &text[..at], &text[at + removed..])
    }

    const TEXT: &str = "FROM golang:1.22 AS build\nRUN go build -o /app .\n\n# the image\nFROM alpine AS final\nCOPY --from=build /app /app\nENV A=$UNDEFINED\n";

    #[test]
    fn an_edit_is_the_common_start_and_end_apart() {
        let new = edited(TEXT, 30, 0, "x");
        let e = Edit::between(TEXT, &new);
        assert_eq!((e.prefix, e.old_end, e.new_end), (30, 30, 31));
        let e = Edit::between(&new, TEXT);
        assert_eq!((e.prefix, e.old_end, e.new_end), (30, 31, 30));
        // A repeated byte at the edit: the common start is taken first.
        let e = Edit::between("aaa", "aaaa");
        assert_eq!((e.prefix, e.old_end, e.new_end), (3, 3, 4));
        let e = Edit::between("", "");
        assert_eq!((e.prefix, e.old_end, e.new_end), (0, 0, 0));
        for (old, new) in [("FROM a\n", "x"), ("é\n", "è\n"), ("RUN a", "RUN ab b")] {
            let e = Edit::between(old, new);
            let rebuilt = format!(
                "{}{}{}",
                &old[..e.prefix],
                &new[e.prefix..e.new_end],
                &old[e.old_end..]
            );
            assert_eq!(rebuilt, new, "{old:?} -> {new:?}");
        }
    }

    /// A letter typed into a word: carried over, the old analysis draws the new text as its
    /// own analysis does, every line and class in place.
    #[test]
    fn a_typed_letter_is_drawn_with_the_old_analysis_as_with_its_own() {
        let old_a = crate::analysis::analyze(TEXT, &Default::default());
        // Into `build` of the RUN line, and into the image name of the second FROM.
        for at in [
            TEXT.find("build -o").unwrap() + 2,
            TEXT.find("alpine").unwrap() + 3,
        ] {
            let new = edited(TEXT, at, 0, "x");
            let carried =
                Highlight::new(TEXT, &old_a).rebased(Edit::between(TEXT, &new), TEXT, &new);
            let own = highlight_lines(&new, &crate::analysis::analyze(&new, &Default::default()));
            assert_eq!(carried.lines(&new, 0..new.len()), own, "typed at {at}");
        }
    }

    /// Highlighted with the analysis of the text before the key instead, every class after
    /// the edit would be drawn a character off: what `rebased` is for.
    #[test]
    fn without_carrying_over_the_classes_after_the_edit_would_be_off() {
        let old_a = crate::analysis::analyze(TEXT, &Default::default());
        let new = edited(TEXT, TEXT.find("golang").unwrap() + 2, 0, "x");
        let own = highlight_lines(&new, &crate::analysis::analyze(&new, &Default::default()));
        let stale = highlight_lines(&new, &old_a);
        assert_ne!(stale[1], own[1], "the RUN line after the edit");
        let carried = Highlight::new(TEXT, &old_a).rebased(Edit::between(TEXT, &new), TEXT, &new);
        assert_eq!(carried.lines(&new, 0..new.len()), own);
    }

    #[test]
    fn lines_typed_or_deleted_move_the_marks_below_them() {
        let a = crate::analysis::analyze(TEXT, &Default::default());
        let marks = diagnostic_lines(TEXT, &a);
        let undefined = marks.iter().find(|m| m.0 == 6).copied();
        assert!(undefined.is_some(), "{marks:?}");
        // Two lines typed at the end of the first line: the mark goes two lines down.
        let new = edited(TEXT, TEXT.find('\n').unwrap(), 0, "\nRUN a\nRUN b");
        let moved = rebase_marks(marks.clone(), Edit::between(TEXT, &new), TEXT, &new);
        assert!(moved.iter().any(|m| m.0 == 8), "{moved:?}");
        assert_eq!(moved.len(), marks.len());
        // The lines 1 to 3 deleted: marks on them go to line 1, the rest three lines up.
        let start = TEXT.find('\n').unwrap() + 1;
        let end = TEXT.find("FROM alpine").unwrap();
        let new = edited(TEXT, start, end - start, "");
        let moved = rebase_marks(marks, Edit::between(TEXT, &new), TEXT, &new);
        assert!(moved.iter().any(|m| m.0 == 3), "{moved:?}");
        assert!(moved.windows(2).all(|w| w[0].0 < w[1].0), "{moved:?}");
    }

    /// A paste or a new text is drawn plain where it differs, not in the colour of the
    /// character before it.
    #[test]
    fn a_paste_stays_plain_until_its_analysis() {
        let old = "FROM alpine\n";
        let a = crate::analysis::analyze(old, &Default::default());
        let new = "FROM alpineRUN x\nRUN y\n";
        let h = Highlight::new(old, &a).rebased(Edit::between(old, new), old, new);
        assert_eq!(
            h.lines(new, 0..new.len())[0],
            "<span class=\"t-kw\">FROM</span> <span class=\"t-img\">alpine</span>RUN x"
        );
        let typed = "FROM alpinex\n";
        let h = Highlight::new(old, &a).rebased(Edit::between(old, typed), old, typed);
        assert_eq!(
            h.lines(typed, 0..typed.len())[0],
            "<span class=\"t-kw\">FROM</span> <span class=\"t-img\">alpinex</span>"
        );
    }

    /// Any edit of any text: the carried-over highlighting covers the new text byte for byte,
    /// and drawing it never panics (multi-byte characters cut by the edit included).
    #[test]
    fn any_edit_carries_over_without_panicking() {
        let texts = ["", "FROM é AS ü\nRUN ñ\n", TEXT, "RUN <<EOF\nbody\nEOF\n"];
        for old in texts {
            let a = crate::analysis::analyze(old, &Default::default());
            for new in texts
                .iter()
                .copied()
                .chain([&*edited(TEXT, 5, 3, "日本"), "FROM è"])
            {
                let h = Highlight::new(old, &a).rebased(Edit::between(old, new), old, new);
                assert_eq!(h.class.len(), new.len(), "{old:?} -> {new:?}");
                assert_eq!(h.lines(new, 0..new.len()).len(), new.split('\n').count());
            }
        }
    }
}
