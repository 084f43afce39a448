//! Pathological inputs (docs/reliability.md): each finishes, without stack overflow, with sane
//! output. Timing belongs to the benchmarks; these assert results, and the whole file runs
//! in about a second in a debug build.

use stageplay_analysis::{Options, Severity, analyze, expand};

use crate::invariants::check_invariants;

pub fn continuation_lines(n: usize) -> String {
    let mut s = String::from("FROM alpine\nRUN echo start \\\n");
    for i in 0..n {
        s.push_str(&format!("  arg{i} \\\n"));
    }
    s.push_str("  end\nFROM alpine AS after\n");
    s
}

pub fn long_line(bytes: usize) -> String {
    let mut s = String::from("FROM alpine\nRUN echo ");
    s.push_str(&"a".repeat(bytes));
    s.push_str("\nLABEL x=");
    s.push_str(&"$X".repeat(bytes / 200));
    s.push('\n');
    s
}

pub fn many_stages(n: usize) -> String {
    let mut s = String::from("FROM alpine AS s0\n");
    for i in 1..n {
        s.push_str(&format!(
            "FROM s{} AS s{i}\nCOPY --from=s{} /a /b\n",
            i - 1,
            i / 2
        ));
    }
    s
}

pub fn exponential_args(levels: usize) -> String {
    let mut s = String::from("ARG A0=xxxxxxxxxx\n");
    for i in 1..=levels {
        s.push_str(&format!("ARG A{i}=${{A{}}}${{A{}}}\n", i - 1, i - 1));
    }
    s.push_str(&format!(
        "FROM alpine:$A{levels}\nARG A{levels}\nENV E=$A{levels}$A{levels}\n"
    ));
    s
}

pub fn nested_substitution(depth: usize) -> String {
    format!(
        "FROM alpine\nENV X={}a{}\n",
        "${U:-".repeat(depth),
        "}".repeat(depth)
    )
}

#[test]
fn a_hundred_thousand_continuation_lines() {
    let text = continuation_lines(100_000);
    let a = analyze(&text, &Options::default());
    assert_eq!(a.stages.len(), 2);
    assert_eq!(a.instructions.len(), 3);
    assert!(a.instructions[1].args[0].value.contains("arg99999"));
    check_invariants(&text, &a);
}

#[test]
fn a_ten_megabyte_line() {
    let text = long_line(10 * 1024 * 1024);
    let a = analyze(&text, &Options::default());
    assert_eq!(a.instructions.len(), 3);
    assert_eq!(a.instructions[1].args[0].value.len(), 5 + 10 * 1024 * 1024);
    // The LABEL expands tens of thousands of unknown variables: bounded report.
    let undefined = a
        .diagnostics
        .iter()
        .filter(|d| d.rule == "UndefinedVar")
        .count();
    assert!(
        (1..=expand::MAX_UNDEFINED).contains(&undefined),
        "{undefined}"
    );
    check_invariants(&text, &a);
}

/// A RUN word longer than the shell splitter's word cap, made of multi-byte characters
/// at every alignment: the cut must not fall inside a character (it once did, and
/// panicked on `String::truncate`).
#[test]
fn long_non_ascii_words_in_run() {
    for pad in 0..4 {
        for ch in ["é", "€", "😀"] {
            let word = format!("{}{}", "a".repeat(pad), ch.repeat(3000));
            let text =
                format!("FROM alpine\nRUN echo {word} > /out/{word}\nRUN '{word}' \"{word}\"\n");
            let a = analyze(&text, &Options::default());
            assert_eq!(a.instructions.len(), 3, "pad {pad} {ch}");
            check_invariants(&text, &a);
        }
    }
}

#[test]
fn ten_thousand_stages() {
    let text = many_stages(10_000);
    let a = analyze(&text, &Options::default());
    assert_eq!(a.stages.len(), 10_000);
    // Every stage builds FROM the previous one: a chain of 10 000 waves.
    assert_eq!(a.plan.waves.len(), 10_000);
    assert_eq!(a.edges.len(), 2 * 9_999);
    assert!(a.diagnostics.iter().all(|d| d.severity != Severity::Error));
    check_invariants(&text, &a);
}

#[test]
fn a_thirty_level_exponential_arg_chain() {
    let text = exponential_args(30);
    let a = analyze(&text, &Options::default());
    let from = a.stages[0].from_instruction;
    let base = &a.expanded[from].args[0];
    // 10 × 2^30 bytes unbounded; capped instead, and the cut is recorded.
    assert!(base.len() <= expand::MAX_EXPANDED_LEN);
    assert!(base.starts_with("alpine:xxxxxxxxxx"));
    assert!(a.expanded[from].truncated);
    assert!(
        a.expanded
            .iter()
            .all(|e| e.args.iter().all(|s| s.len() <= expand::MAX_EXPANDED_LEN))
    );
    check_invariants(&text, &a);
}

#[test]
fn deeply_nested_substitutions() {
    let text = nested_substitution(50_000);
    let a = analyze(&text, &Options::default());
    let e = &a.expanded[1];
    assert!(
        e.errors.iter().any(|m| m.contains("nested too deeply")),
        "{:?}",
        e.errors
    );
    check_invariants(&text, &a);
}

#[test]
fn many_heredocs_and_unterminated_ones() {
    let mut text = String::from("FROM alpine\n");
    for i in 0..5_000 {
        text.push_str(&format!("RUN cat <<A{i} <<B{i}\na\nA{i}\nb\nB{i}\n"));
    }
    text.push_str("RUN cat <<NEVER\n");
    let a = analyze(&text, &Options::default());
    assert_eq!(a.instructions.len(), 5_002);
    assert_eq!(a.instructions[5_000].heredocs.len(), 2);
    assert!(a.diagnostics.iter().any(|d| d.rule == "ParseError"));
    check_invariants(&text, &a);
}

#[test]
fn a_paste_full_of_no_break_spaces_lists_twenty_and_fixes_all() {
    let mut text = String::from("FROM alpine\n");
    for _ in 0..20_000 {
        text.push_str("RUN\u{a0}echo\u{a0}“x”\n");
    }
    let a = analyze(&text, &Options::default());
    check_invariants(&text, &a);
    let found: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.rule == "ConfusableCharacter")
        .collect();
    assert_eq!(found.len(), 20);
    assert!(
        found[19].message.ends_with("(79980 more not listed)"),
        "{}",
        found[19].message
    );
    // The first finding carries the fix for all 80,000; the others do not repeat it.
    assert_eq!(found[0].fix.as_ref().map(|f| f.edits.len()), Some(80_000));
    assert!(found[1].fix.is_none());
}

#[test]
fn thousands_of_copies_installed_from_in_a_long_final_stage() {
    let mut text = String::from(
        "FROM python:3.9 AS builder\nRUN pip wheel --wheel-dir /wheels x\nFROM python:3.9-slim\n",
    );
    for i in 0..2_000 {
        text.push_str(&format!(
            "COPY --from=builder /wheels /w{i}\nRUN pip install /w{i}/*\n"
        ));
    }
    let a = analyze(&text, &Options::default());
    check_invariants(&text, &a);
    // Only the first installing RUNs are compared with the copies: bounded work.
    let waste = a
        .diagnostics
        .iter()
        .filter(|d| d.rule == "FinalImageWaste" && d.message.starts_with("`/w"))
        .count();
    assert_eq!(waste, 16);
}
