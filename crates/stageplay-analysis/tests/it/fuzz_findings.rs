//! Inputs the fuzz targets found (`fuzz/`, docs/fuzzing.md), minimised and kept here so the
//! normal test suite checks them. Each failed before its fix and passes after.

use stageplay_analysis::{Options, analyze, export};

/// The control characters a Dockerfile line can hold (all of C0 but the line feed, DEL and
/// C1), each placed in an image name and in a COPY source.
fn dockerfile_with(c: char) -> String {
    format!("FROM alpine{c}x AS a\nFROM scratch\nCOPY --from=a /s{c}rc /dst\n")
}

fn controls() -> impl Iterator<Item = char> {
    (0u32..0x20)
        .chain(0x7f..0xa0)
        .filter_map(char::from_u32)
        .filter(|c| !matches!(c, '\n' | '\r'))
}

/// A raw control character in a DOT label reaches Graphviz as written, and one in a Mermaid
/// label breaks or changes the diagram (found by `fuzz/fuzz_targets/analyze.rs`: a NUL in an
/// image name). Every label character must be printable.
#[test]
fn dot_and_mermaid_labels_hold_no_raw_control_characters() {
    for c in controls() {
        let text = dockerfile_with(c);
        let a = analyze(&text, &Options::default());
        for (format, out) in [
            ("DOT", export::to_dot(&a)),
            ("Mermaid", export::to_mermaid(&a)),
        ] {
            let raw: Vec<char> = out
                .chars()
                .filter(|&o| o.is_control() && o != '\n')
                .collect();
            assert!(
                raw.is_empty(),
                "{format} for U+{:04X} keeps {raw:?}:\n{out}",
                c as u32
            );
        }
    }
}

/// The same Dockerfiles do reach the labels: the test above is not vacuous.
#[test]
fn the_control_characters_reach_the_exports() {
    let a = analyze(&dockerfile_with('\u{1}'), &Options::default());
    assert_eq!(a.stages.len(), 2);
    let mermaid = export::to_mermaid(&a);
    assert!(mermaid.contains("alpine"), "{mermaid}");
    assert!(mermaid.contains("rc"), "{mermaid}");
}
