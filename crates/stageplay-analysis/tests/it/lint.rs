//! Every rule in the registry proves its own documentation: its bad example triggers it and
//! its good example does not. Exact spans are covered by the `lint-*` fixtures.

use stageplay_analysis::lint::RULES;
use stageplay_analysis::{Options, analyze};

fn options_for(rule: &str, bad: bool) -> Options {
    match rule {
        "UnknownTarget" => Options {
            target: Some(if bad { "buidler" } else { "builder" }.into()),
            ..Options::default()
        },
        // The legacy builder's problems are reported only when it is chosen.
        "RequiresBuildKit" | "IgnoredByLegacyBuilder" => Options {
            builder: stageplay_analysis::Builder::Legacy,
            ..Options::default()
        },
        // The file simulation reads the `.dockerignore` its rule documents in a comment.
        "InvalidDockerignorePattern" => Options {
            dockerignore: Some(if bad { "[a-\n" } else { "[a-z]*.log\n" }.into()),
            ..Options::default()
        },
        _ => Options::default(),
    }
}

#[test]
fn every_rule_fires_on_its_bad_example_and_not_on_its_good_one() {
    // CopyIgnoredFile needs a build context and .dockerignore: the file simulation reports it.
    let needs_context = ["CopyIgnoredFile"];
    let mut checked = 0;
    for rule in RULES {
        let not_simulated = stageplay_analysis::lint::NOT_SIMULATED
            .iter()
            .any(|(name, _)| *name == rule.name);
        if needs_context.contains(&rule.name) || not_simulated {
            continue;
        }
        let bad = analyze(rule.bad, &options_for(rule.name, true));
        assert!(
            bad.diagnostics.iter().any(|d| d.rule == rule.name),
            "{}: bad example does not trigger it: {:?}",
            rule.name,
            bad.diagnostics
        );
        let good = analyze(rule.good, &options_for(rule.name, false));
        assert!(
            !good.diagnostics.iter().any(|d| d.rule == rule.name),
            "{}: good example triggers it: {:?}",
            rule.name,
            good.diagnostics
        );
        assert!(!rule.explanation.is_empty());
        checked += 1;
    }
    assert!(checked >= 28, "only {checked} rules checked");
}

#[test]
fn rule_names_are_unique_pascal_case() {
    let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    for n in &names {
        assert!(
            n.chars().next().is_some_and(|c| c.is_ascii_uppercase()),
            "{n}"
        );
        assert!(n.chars().all(|c| c.is_ascii_alphanumeric()), "{n}");
    }
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len());
}

#[test]
fn every_reported_rule_is_documented() {
    let texts = [
        "FROM alpine AS Base\nrun echo $NOPE\nCOPY --from=later /a /b\nFROM alpine AS later\n",
        "ARG V\nFROM img:$V AS a\nCMD x\nCMD y\nEXPOSE 80:80/TCP\nENV K v\nARG API_TOKEN\n",
    ];
    for t in texts {
        for d in analyze(t, &Options::default()).diagnostics {
            assert!(
                stageplay_analysis::lint::rule(d.rule).is_some(),
                "{} is not in RULES",
                d.rule
            );
        }
    }
}
