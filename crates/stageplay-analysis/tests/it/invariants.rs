//! The output invariants every analysis must satisfy, checked by the property and
//! pathological tests (`properties.rs` also tests that the checker catches broken output).

use std::collections::HashSet;

use stageplay_analysis::{Analysis, Builder, Span, graph::Node};

fn span_ok(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end && text.get(s.start..s.end).is_some(),
        "{what} span {s:?} is not a slice of the {}-byte text",
        text.len()
    );
}

/// Asserts every output invariant: spans inside the text (on char boundaries), edges
/// between existing stages, plans consistent with the edges, parallel vectors aligned.
pub fn check_invariants(text: &str, a: &Analysis) {
    assert_eq!(a.expanded.len(), a.instructions.len());
    for inst in &a.instructions {
        for i in std::iter::once(inst).chain(inst.trigger.as_deref()) {
            span_ok(text, i.span, "instruction");
            span_ok(text, i.keyword_span, "keyword");
            for w in &i.args {
                span_ok(text, w.span, "arg");
            }
            for f in &i.flags {
                span_ok(text, f.span, "flag");
                span_ok(text, f.name_span, "flag name");
                if let Some(v) = f.value_span {
                    span_ok(text, v, "flag value");
                }
            }
            for h in &i.heredocs {
                span_ok(text, h.span, "heredoc");
                if let Some(m) = h.marker_span {
                    span_ok(text, m, "heredoc marker");
                }
            }
            for m in &i.mounts {
                span_ok(text, m.span, "mount");
                if let Some(f) = m.from_span {
                    span_ok(text, f, "mount from");
                }
            }
            for kv in &i.pairs {
                span_ok(text, kv.span, "pair");
                span_ok(text, kv.key_span, "pair key");
            }
            if let Some(w) = &i.stage_name {
                span_ok(text, w.span, "stage name");
            }
        }
    }
    for d in &a.directives {
        span_ok(text, d.span, "directive");
    }
    for d in &a.diagnostics {
        span_ok(text, d.span, "diagnostic");
    }
    let n = a.stages.len();
    for (i, s) in a.stages.iter().enumerate() {
        assert_eq!(s.index, i);
        span_ok(text, s.span, "stage");
        span_ok(text, s.base_span, "stage base");
        if let stageplay_analysis::Base::Stage { stage } = s.base {
            assert!(stage < i, "a FROM base must be an earlier stage");
        }
    }
    for e in &a.edges {
        span_ok(text, e.span, "edge");
        assert!(e.to < n, "edge to a missing stage");
        if let Node::Stage { stage } = e.from {
            assert!(stage < n, "edge from a missing stage");
        }
        assert!(e.instruction < a.instructions.len());
    }
    assert_eq!(a.on_cycle.len(), n);
    for plan in [&a.plan, &a.other_plan] {
        let built: HashSet<usize> = plan.built.iter().copied().collect();
        assert_eq!(built.len(), plan.built.len(), "a stage built twice");
        let skipped: HashSet<usize> = plan.skipped.iter().map(|s| s.stage).collect();
        assert!(built.is_disjoint(&skipped));
        if plan.target.is_some() {
            assert_eq!(
                built.len() + skipped.len(),
                n,
                "every stage is built or skipped"
            );
        }
        assert!(plan.built.iter().all(|&s| s < n));
        match plan.builder {
            Builder::Legacy => {
                if let Some(t) = plan.target {
                    assert_eq!(plan.built, (0..=t).collect::<Vec<_>>());
                }
            }
            Builder::BuildKit => {
                let mut wave_of = vec![usize::MAX; n];
                for (w, wave) in plan.waves.iter().enumerate() {
                    for &s in wave {
                        wave_of[s] = w;
                    }
                }
                if let Some(t) = plan.target {
                    assert!(built.contains(&t) || a.on_cycle.iter().any(|&c| c));
                }
                for e in &a.edges {
                    if let Node::Stage { stage } = e.from
                        && built.contains(&e.to)
                    {
                        assert!(built.contains(&stage), "a built stage needs an unbuilt one");
                        assert!(
                            wave_of[stage] < wave_of[e.to],
                            "dependency not in an earlier wave"
                        );
                    }
                }
            }
        }
    }
}
