//! The editor's gutter: line numbers as a few blocks of text, a block for each line with a
//! diagnostic, and empty blocks of their exact height for the lines out of the window.

use std::fmt::Write as _;

use crate::analysis::{Severity, sort};

use super::LINE_PX;

/// The gutter: line numbers as a few blocks of text, and a block of its own for each line
/// with a diagnostic (coloured, with a dot). A handful of nodes instead of one per line.
/// Only the lines in `shown` (sorted, disjoint ranges, as `merged` gives) are numbered; the
/// others are empty blocks of their exact height, as in the underlay.
pub(super) fn gutter(
    lines: usize,
    marks: &[(usize, Severity)],
    shown: &[(usize, usize)],
) -> String {
    let mut out = String::with_capacity(64 * (marks.len() + shown.len() + 2));
    out.push_str("<div class=\"lns\">");
    let plain = |from: usize, to: usize, out: &mut String| {
        if from < to {
            out.push_str("<div class=\"lnr\">");
            for i in from..to {
                if i > from {
                    out.push('\n');
                }
                out.push_str(&(i + 1).to_string());
            }
            out.push_str("</div>");
        }
    };
    let mut next = 0;
    for &(from, to) in shown {
        let to = to.min(lines);
        if from >= to {
            continue;
        }
        if from > next {
            let _ = write!(
                out,
                "<div style=\"height:{}px\"></div>",
                (from - next) * LINE_PX
            );
        }
        next = from;
        for &(line, sev) in marks.iter().filter(|m| m.0 >= from && m.0 < to) {
            if line < next {
                continue;
            }
            plain(next, line, &mut out);
            let class = match sev {
                Severity::Error => "ln-err",
                Severity::Warning => "ln-warn",
                Severity::Info => "ln-info",
            };
            let _ = write!(out, "<div class=\"ln {class}\">{}</div>", line + 1);
            next = line + 1;
        }
        plain(next, to, &mut out);
        next = to;
    }
    if lines > next {
        let _ = write!(
            out,
            "<div style=\"height:{}px\"></div>",
            (lines - next) * LINE_PX
        );
    }
    out.push_str("</div>");
    out
}

/// The window's ranges sorted and merged, so each line is in at most one.
pub(super) fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    sort::sort(&mut ranges);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gutter_numbers_the_lines_shown_and_keeps_the_height_of_the_others() {
        let marks = [(2, Severity::Error), (30, Severity::Warning)];
        let g = gutter(40, &marks, &merged(vec![(20, 35), (0, 5), (3, 8)]));
        assert_eq!(
            g,
            "<div class=\"lns\"><div class=\"lnr\">1\n2</div><div class=\"ln ln-err\">3</div>\
             <div class=\"lnr\">4\n5\n6\n7\n8</div><div style=\"height:240px\"></div>\
             <div class=\"lnr\">21\n22\n23\n24\n25\n26\n27\n28\n29\n30</div>\
             <div class=\"ln ln-warn\">31</div><div class=\"lnr\">32\n33\n34\n35</div>\
             <div style=\"height:100px\"></div></div>"
        );
    }

    #[test]
    fn gutter_has_every_number_and_marks_lines() {
        let gutter =
            |lines: usize, marks: &[(usize, Severity)]| gutter(lines, marks, &[(0, lines)]);
        let g = gutter(12, &[(0, Severity::Warning), (4, Severity::Error)]);
        assert!(g.contains("<div class=\"ln ln-warn\">1</div>"), "{g}");
        assert!(g.contains("<div class=\"ln ln-err\">5</div>"), "{g}");
        assert!(g.contains("<div class=\"lnr\">2\n3\n4</div>"), "{g}");
        assert!(
            g.contains("<div class=\"lnr\">6\n7\n8\n9\n10\n11\n12</div>"),
            "{g}"
        );
        // A mark past the end (a stale analysis) is ignored.
        assert_eq!(
            gutter(2, &[(5, Severity::Error)]),
            "<div class=\"lns\"><div class=\"lnr\">1\n2</div></div>"
        );
    }
}
