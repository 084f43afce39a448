//! Snapshot tests of the whole analysis over `tests/fixtures/analysis/<case>/`: each case is
//! a `Dockerfile`, an optional `options.txt` (`--target X`, `--builder legacy`,
//! `--build-arg K=V`, one a line), an optional `dockerignore` and `expected.txt`, the stable text dump checked here. Run
//! with `UPDATE_EXPECT=1` to rewrite the expected files, then review the diff like code.

use std::fmt::Write as _;

use stageplay_analysis::{Builder, Options, analyze, expand, export};

use crate::conformance::report::fixtures::analysis_options;
use crate::snapshot;

/// The dump: the CLI's text report, the expansions that involve a variable, and the plan
/// for every stage as target under both builders.
pub fn dump(text: &str, opts: &Options) -> String {
    let a = analyze(text, opts);
    let lines = stageplay_analysis::LineIndex::new(text);
    let mut out = String::from("instructions:\n");
    out.push_str(&export::instructions_text(&a, text));
    out.push_str(&export::to_text(&a, text));
    out.push_str("expanded:\n");
    for (inst, e) in a.instructions.iter().zip(&a.expanded) {
        let raw_has_var = inst.span.slice(text).contains('$');
        if !expand::expands_args(inst.keyword) || !raw_has_var {
            continue;
        }
        let _ = write!(
            out,
            "  {} {}",
            lines.line(inst.span.start),
            inst.keyword.as_str()
        );
        if e.pairs.is_empty() {
            let _ = write!(out, " {:?}", e.args);
        } else {
            let _ = write!(out, " {:?}", e.pairs);
        }
        let flags: Vec<String> = inst
            .flags
            .iter()
            .zip(&e.flags)
            .filter_map(|(f, v)| v.as_ref().map(|v| format!("--{}={v}", f.name)))
            .collect();
        if !flags.is_empty() {
            let _ = write!(out, " flags {flags:?}");
        }
        if !e.undefined.is_empty() {
            let _ = write!(out, " undefined {:?}", e.undefined);
        }
        if !e.errors.is_empty() {
            let _ = write!(out, " errors {:?}", e.errors);
        }
        out.push('\n');
    }
    if a.stages.len() > 1 && opts.target.is_none() {
        out.push_str("plans per target:\n");
        for s in &a.stages {
            let o = Options {
                target: Some(s.display_name()),
                ..opts.clone()
            };
            // An unnamed stage cannot be a target; show the plan by index instead.
            let b = analyze(text, &o);
            let target = if s.name.is_some() {
                b.plan.target
            } else {
                Some(s.index)
            };
            for builder in [Builder::BuildKit, Builder::Legacy] {
                // A named target's plans come from its own analysis, failure included; an
                // unnamed stage cannot be named by --target, so its plan is made here and
                // fails on the errors of the default target's analysis.
                let p = if s.name.is_some() {
                    [&b.plan, &b.other_plan]
                        .into_iter()
                        .find(|p| p.builder == builder)
                        .cloned()
                        .unwrap_or_default()
                } else {
                    let mut p = stageplay_analysis::plan::plan_target(
                        &a.stages,
                        &a.edges,
                        &a.on_cycle,
                        target,
                        builder,
                    );
                    // The legacy builder's refusals are among the problems only when it
                    // is the chosen builder.
                    let legacy = if builder == Builder::Legacy && a.plan.builder != builder {
                        stageplay_analysis::legacy::legacy_problems(&a, &opts.build_args)
                    } else {
                        Vec::new()
                    };
                    p.failure = stageplay_analysis::failure::first_failure(
                        &a,
                        text,
                        &p,
                        a.diagnostics.iter().chain(&legacy),
                    );
                    p
                };
                out.push_str(&export::plan_text(&a, &p));
            }
        }
    }
    out
}

#[test]
fn fixtures_match_their_snapshots() {
    let cases = snapshot::check_cases("analysis", |case| {
        let text = std::fs::read_to_string(case.join("Dockerfile")).expect("Dockerfile");
        // `options.txt` and an optional `dockerignore` (the build's `.dockerignore`).
        let (opts, unknown) = analysis_options(case);
        assert!(unknown.is_empty(), "unknown option lines {unknown:?}");
        dump(&text, &opts)
    });
    assert!(cases >= 20, "expected the fixture cases, found {cases}");
}

/// `analyze_at_most` is `analyze` up to its bound on the instructions, and `None` past it:
/// the page's main thread analyses a keystroke with it (`src/page/analysis_job.rs`).
#[test]
fn analyze_at_most_is_analyze_within_its_bound() {
    let mut body = String::new();
    for k in 1..=40 {
        body.push_str(&format!(
            "FROM alpine AS s{k}\nCOPY --from=s{} /a /b\n",
            k - 1
        ));
    }
    // Three instructions: the lines of the heredoc are its body.
    let text = format!("FROM alpine AS s0\nRUN <<EOF\n{body}EOF\nARG X=1\n");
    let options = Options::default();
    let whole = analyze(&text, &options);
    assert_eq!(whole.instructions.len(), 3);
    assert_eq!(
        stageplay_analysis::analyze_at_most(&text, &options, 3),
        Some(whole.clone())
    );
    assert_eq!(
        stageplay_analysis::analyze_at_most(&text, &options, 2),
        None
    );
    // One `<` deleted: the body's 80 lines are instructions now.
    let opened = text.replacen("<<EOF", "<EOF", 1);
    let more = analyze(&opened, &options);
    assert!(more.instructions.len() > 80, "{}", more.instructions.len());
    assert_eq!(
        stageplay_analysis::analyze_at_most(&opened, &options, 64),
        None
    );
    assert_eq!(
        stageplay_analysis::analyze_at_most(&opened, &options, more.instructions.len()),
        Some(more)
    );
}
