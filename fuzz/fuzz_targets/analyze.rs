//! Fuzz target: any UTF-8 text through `analyze` with a few option sets must not panic, and
//! every span it reports must be a slice of the text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stageplay::analysis::{Builder, Options, analyze, export};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks options, so the fuzzer explores targets and builders too.
    let pick = data.first().copied().unwrap_or(0);
    let options = Options {
        target: (pick & 1 == 1).then(|| "build".to_string()),
        builder: if pick & 2 == 2 { Builder::Legacy } else { Builder::BuildKit },
        build_args: if pick & 4 == 4 { vec![("A".into(), "$A$A".into())] } else { Vec::new() },
        ..Options::default()
    };
    let a = analyze(text, &options);
    for d in &a.diagnostics {
        assert!(text.get(d.span.start..d.span.end).is_some(), "diagnostic span outside the text");
    }
    for i in &a.instructions {
        assert!(text.get(i.span.start..i.span.end).is_some(), "instruction span outside the text");
    }
    // The renderers must cope with whatever the analysis holds.
    let _ = export::to_json(&a, text);
    let _ = export::to_text(&a, text);
    let _ = export::to_dot(&a);
    let _ = export::to_mermaid(&a);
});
