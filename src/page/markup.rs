//! The one escaper for user text written into HTML or XML markup: the graph's SVG, the
//! editor's highlighted underlay and the embed snippet all go through it, so they agree on
//! what is escaped and no Dockerfile can break out of a text node or an attribute value.
//! It also shows the bidirectional controls, which would otherwise silently show a path
//! reversed, in the way each place can afford ([`Bidi`]).

use std::fmt::Write as _;

use crate::analysis::export::{bidi_marker, is_bidi_control};

/// What stands in for a character XML 1.0 does not allow.
pub const REPLACEMENT: char = '\u{FFFD}';

/// `text` escaped for HTML and XML, in text content and in attribute values quoted either
/// way. See [`escape_into`].
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped: `& < > " '` become entities, and the characters XML 1.0
/// does not allow (the C0 controls except tab, line feed and carriage return, and the
/// non-characters U+FFFE and U+FFFF) become U+FFFD, so an exported SVG always parses. Lone
/// surrogates, the other characters XML forbids, cannot occur in a Rust string.
/// Bidirectional controls are kept ([`Bidi::Keep`]).
pub fn escape_into(out: &mut String, text: &str) {
    escape_into_with(out, text, Bidi::Keep);
}

/// How the escaper shows a bidirectional control (U+202E and the others of
/// [`is_bidi_control`]): invisible, it reorders the text around it, so `/app/\u{202E}gpj.exe`
/// shows as `/app/exe.jpg`. Editors show such characters; so does the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bidi<'a> {
    /// As it is: for text that is not shown (a URL), or shown elsewhere.
    Keep,
    /// The character itself, wrapped in a `<span class="bidi-mark">` that CSS outlines: for
    /// the editor's underlay, which must keep every character where the textarea above it
    /// has it (an outline takes no room, and the character keeps reordering both alike).
    Outline,
    /// Replaced by its visible name `<U+202E>` in a `<TAG class="bidi-mark">`: for text
    /// that is only shown, such as the graph's labels (`tspan`) or the file tree (`span`).
    Element(&'a str),
    /// Replaced by its visible name `<U+202E>` as plain text: for attribute values and
    /// tooltips, which cannot hold elements.
    Text,
}

/// `text` escaped as [`escape`] does, with bidirectional controls shown as `bidi` says.
pub fn escape_with(text: &str, bidi: Bidi<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into_with(&mut out, text, bidi);
    out
}

/// [`escape_into`], with bidirectional controls shown as `bidi` says.
pub fn escape_into_with(out: &mut String, text: &str, bidi: Bidi<'_>) {
    // Runs of characters that need nothing are copied as one slice: most text is plain.
    let mut plain = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if !allowed_in_xml(c) => "\u{FFFD}",
            c if bidi != Bidi::Keep && is_bidi_control(c) => "",
            _ => continue,
        };
        out.push_str(text.get(plain..i).unwrap_or(""));
        plain = i + c.len_utf8();
        if !replacement.is_empty() {
            out.push_str(replacement);
            continue;
        }
        // A bidirectional control; its name holds only `<`, `>`, `U`, `+` and hex digits.
        let name = bidi_marker(c);
        let name = name.replace('<', "&lt;").replace('>', "&gt;");
        let _ = match bidi {
            Bidi::Keep => Ok(()),
            Bidi::Outline => write!(
                out,
                "<span class=\"bidi-mark\" title=\"U+{:04X}\">{c}</span>",
                c as u32
            ),
            Bidi::Element(tag) => write!(out, "<{tag} class=\"bidi-mark\">{name}</{tag}>"),
            Bidi::Text => write!(out, "{name}"),
        };
    }
    out.push_str(text.get(plain..).unwrap_or(""));
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production, less the surrogates a
/// `char` cannot hold).
pub fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_markup_characters_become_entities() {
        assert_eq!(
            escape(r#"a & b < c > d " e ' f"#),
            "a &amp; b &lt; c &gt; d &quot; e &#39; f"
        );
        assert_eq!(
            escape("&amp;"),
            "&amp;amp;",
            "an entity in the text stays text"
        );
        assert_eq!(escape("<script>"), "&lt;script&gt;");
    }

    #[test]
    fn plain_text_is_unchanged() {
        for text in [
            "",
            "FROM alpine AS build",
            "日本語 🐳 ünïcødé",
            "a\u{7f}\u{80}\u{9f}b",
        ] {
            assert_eq!(escape(text), text);
        }
    }

    #[test]
    fn tab_line_feed_and_carriage_return_are_kept() {
        assert_eq!(escape("RUN a \\\r\n\tb\n"), "RUN a \\\r\n\tb\n");
    }

    #[test]
    fn every_other_c0_control_is_replaced() {
        for c in (0u32..0x20).filter_map(char::from_u32) {
            let expected = if matches!(c, '\t' | '\n' | '\r') {
                c.to_string()
            } else {
                REPLACEMENT.to_string()
            };
            assert_eq!(escape(&c.to_string()), expected, "U+{:04X}", c as u32);
        }
        assert_eq!(
            escape("a\u{0}b\u{8}c\u{b}d\u{c}e\u{e}f\u{1f}g"),
            "a�b�c�d�e�f�g"
        );
    }

    #[test]
    fn the_two_non_characters_are_replaced_and_their_neighbours_kept() {
        assert_eq!(escape("\u{FFFE}\u{FFFF}"), "\u{FFFD}\u{FFFD}");
        assert_eq!(escape("\u{FFFD}\u{FFFC}"), "\u{FFFD}\u{FFFC}");
        assert_eq!(escape("\u{10000}\u{10FFFF}"), "\u{10000}\u{10FFFF}");
        assert_eq!(escape("\u{D7FF}\u{E000}"), "\u{D7FF}\u{E000}");
    }

    #[test]
    fn xml_char_classes() {
        let allowed = [
            '\t',
            '\n',
            '\r',
            ' ',
            '~',
            '\u{7f}',
            '\u{85}',
            '\u{FFFD}',
            '\u{10000}',
        ];
        assert!(allowed.into_iter().all(allowed_in_xml));
        let forbidden = ['\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{e}', '\u{1f}'];
        assert!(!forbidden.into_iter().any(allowed_in_xml));
        assert!(!allowed_in_xml('\u{FFFE}') && !allowed_in_xml('\u{FFFF}'));
    }

    #[test]
    fn bidi_controls_are_shown_as_each_place_can() {
        let text = "/app/\u{202E}gpj.exe<";
        assert_eq!(escape(text), "/app/\u{202E}gpj.exe&lt;", "kept by default");
        assert_eq!(
            escape_with(text, Bidi::Outline),
            "/app/<span class=\"bidi-mark\" title=\"U+202E\">\u{202E}</span>gpj.exe&lt;"
        );
        assert_eq!(
            escape_with(text, Bidi::Element("tspan")),
            "/app/<tspan class=\"bidi-mark\">&lt;U+202E&gt;</tspan>gpj.exe&lt;"
        );
        assert_eq!(
            escape_with(text, Bidi::Text),
            "/app/&lt;U+202E&gt;gpj.exe&lt;"
        );
        // Every one of them, and nothing else of the neighbourhood.
        for c in [
            '\u{61C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202D}', '\u{2066}', '\u{2069}',
        ] {
            assert_eq!(
                escape_with(&c.to_string(), Bidi::Text),
                format!("&lt;U+{:04X}&gt;", c as u32)
            );
        }
        for c in ['\u{200D}', '\u{2029}', '\u{2065}', '\u{206A}', '\u{FEFF}'] {
            assert_eq!(escape_with(&c.to_string(), Bidi::Text), c.to_string());
        }
    }

    #[test]
    fn every_code_point_class_in_every_mode() {
        // C0, DEL, C1, the non-characters, astral, bidi: the output is always well-formed
        // text (no forbidden character, no bidi control left unless kept).
        let classes = "\u{0}\u{1}\u{1b}\u{1f}\t\n\r\u{7f}\u{80}\u{9b}\u{9f}\u{FFFE}\u{FFFF}🐳\u{10FFFF}\u{202E}\u{2067}";
        for bidi in [Bidi::Keep, Bidi::Outline, Bidi::Element("span"), Bidi::Text] {
            let out = escape_with(classes, bidi);
            assert!(out.chars().all(allowed_in_xml), "{bidi:?}: {out:?}");
            assert!(out.contains("\u{7f}\u{80}\u{9b}\u{9f}") && out.contains("🐳\u{10FFFF}"));
            let bidi_left = out.chars().filter(|&c| is_bidi_control(c)).count();
            let expected = if matches!(bidi, Bidi::Keep | Bidi::Outline) {
                2
            } else {
                0
            };
            assert_eq!(bidi_left, expected, "{bidi:?}: {out:?}");
        }
    }

    #[test]
    fn appends_to_what_is_there() {
        let mut out = String::from("<text>");
        escape_into(&mut out, "a<b");
        assert_eq!(out, "<text>a&lt;b");
    }
}
