//! Well-formedness checks for the renderers' outputs. Each returns `Err` with a short reason,
//! so the targets can `assert!` with the offending output attached.

use stageplay::page::markup;

/// Whether `xml` is a well-formed XML document. `roxmltree` checks the tag structure, the
/// entities and XML 1.0's `Char` production, which is what a browser's `DOMParser` (and so
/// the page's PNG export) rejects on.
pub fn xml_well_formed(xml: &str) -> Result<(), String> {
    roxmltree::Document::parse(xml)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The visible text of escaped markup: tags dropped and the entities `markup::escape` writes
/// decoded. Counting its characters checks that escaping keeps the editor's underlay aligned
/// with the textarea (every character of the source is one character on screen).
pub fn visible_text(html: &str) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').ok_or("a tag is not closed")?;
            rest = &rest[end + 1..];
        } else {
            let end = rest.find(';').ok_or("an entity is not closed")?;
            out.push(match &rest[..=end] {
                "&amp;" => '&',
                "&lt;" => '<',
                "&gt;" => '>',
                "&quot;" => '"',
                "&#39;" => '\'',
                other => return Err(format!("unexpected entity {other}")),
            });
            rest = &rest[end + 1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// What the escaper promises to show for `text`: the same characters, with the ones XML does
/// not allow replaced one for one.
pub fn expected_visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if markup::allowed_in_xml(c) {
                c
            } else {
                markup::REPLACEMENT
            }
        })
        .collect()
}

/// Graphviz DOT as `export::to_dot` writes it: outside quoted strings only the syntax it
/// writes itself (identifiers, `[ ] { } = , ; ->`, spaces and line feeds); inside them no raw
/// control character and every quote escaped. A label that broke out of its quotes would leave
/// user text outside them, which the first rule catches.
pub fn dot_labels_safe(dot: &str) -> Result<(), String> {
    let mut in_string = false;
    let mut chars = dot.char_indices();
    while let Some((i, c)) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    // An escape: the next character is taken literally, and must not be a
                    // control character either.
                    match chars.next() {
                        Some((_, n)) if n.is_control() => {
                            return Err(format!("escaped control character at byte {i}"));
                        }
                        Some(_) => {}
                        None => return Err("a string ends with a backslash".into()),
                    }
                }
                '"' => in_string = false,
                c if c.is_control() => {
                    return Err(format!(
                        "raw control character U+{:04X} in a string at byte {i}",
                        c as u32
                    ));
                }
                _ => {}
            }
        } else {
            match c {
                '"' => in_string = true,
                c if c.is_ascii_alphanumeric() => {}
                ' ' | '\n' | '_' | '[' | ']' | '{' | '}' | '=' | ',' | ';' | '-' | '>' => {}
                c => {
                    return Err(format!(
                        "character {c:?} outside a quoted string at byte {i}"
                    ));
                }
            }
        }
    }
    if in_string {
        return Err("a quoted string is not closed".into());
    }
    Ok(())
}

/// A Mermaid flowchart as `export::to_mermaid` writes it: one statement a line, outside
/// quotes only its own syntax, inside quotes no raw control character, quote or markup
/// character (`mermaid_text` writes them as `#quot;`-style entity codes).
pub fn mermaid_labels_safe(mermaid: &str) -> Result<(), String> {
    for (n, line) in mermaid.lines().enumerate() {
        let mut in_string = false;
        for c in line.chars() {
            if in_string {
                match c {
                    '"' => in_string = false,
                    '<' | '>' | '&' | '|' => {
                        return Err(format!("raw {c:?} in a label on line {}", n + 1));
                    }
                    c if c.is_control() => {
                        return Err(format!(
                            "raw control character U+{:04X} in a label on line {}",
                            c as u32,
                            n + 1
                        ));
                    }
                    _ => {}
                }
            } else {
                match c {
                    '"' => in_string = true,
                    c if c.is_ascii_alphanumeric() => {}
                    ' ' | '_' | '-' | '.' | '>' | '(' | ')' | '[' | ']' | ':' | '#' | ',' => {}
                    c => {
                        return Err(format!("character {c:?} outside a label on line {}", n + 1));
                    }
                }
            }
        }
        if in_string {
            return Err(format!("a label is not closed on line {}", n + 1));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xml_checker_rejects_what_browsers_reject() {
        assert!(xml_well_formed("<svg><text>a &amp; b</text></svg>").is_ok());
        assert!(xml_well_formed("<svg><text>a & b</text></svg>").is_err());
        assert!(xml_well_formed("<svg><text>\u{FFFE}</text></svg>").is_err());
        assert!(xml_well_formed("<svg><text>\u{1}</text></svg>").is_err());
        assert!(xml_well_formed("<svg><g></svg>").is_err());
    }

    #[test]
    fn the_dot_checker_finds_broken_labels() {
        assert!(dot_labels_safe("digraph x {\n  s0 [label=\"a\\\"b\"];\n}\n").is_ok());
        assert!(dot_labels_safe("digraph x {\n  s0 [label=\"a\\\\\"b\"];\n}\n").is_err());
        assert!(dot_labels_safe("digraph x {\n  s0 [label=\"a\u{1b}b\"];\n}\n").is_err());
    }

    #[test]
    fn the_mermaid_checker_finds_broken_labels() {
        assert!(mermaid_labels_safe("flowchart LR\n  s0[\"a #quot; b\"]\n").is_ok());
        assert!(mermaid_labels_safe("flowchart LR\n  s0[\"a\" b\"]\n").is_err());
        assert!(mermaid_labels_safe("flowchart LR\n  s0[\"<b>\"]\n").is_err());
        assert!(mermaid_labels_safe("flowchart LR\n  s0[\"a\u{7}\"]\n").is_err());
    }

    #[test]
    fn visible_text_decodes_what_escape_writes() {
        let text = "a<b>&\"'\u{1}\u{FFFE}c";
        let html = format!("<span class=\"x\">{}</span>", markup::escape(text));
        assert_eq!(visible_text(&html).unwrap(), expected_visible(text));
    }
}
