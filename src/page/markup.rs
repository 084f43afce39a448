//! The one escaper for user text written into HTML or XML markup: the graph's SVG, the
//! editor's highlighted underlay and the embed snippet all go through it, so they agree on
//! what is escaped and no Dockerfile can break out of a text node or an attribute value.

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
pub fn escape_into(out: &mut String, text: &str) {
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
            _ => continue,
        };
        out.push_str(text.get(plain..i).unwrap_or(""));
        out.push_str(replacement);
        plain = i + c.len_utf8();
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
    fn appends_to_what_is_there() {
        let mut out = String::from("<text>");
        escape_into(&mut out, "a<b");
        assert_eq!(out, "<text>a&lt;b");
    }
}
