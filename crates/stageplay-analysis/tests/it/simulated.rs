//! The file simulation limited to the target (`files::Simulated::ForTarget`, the CLI's
//! JSON): it changes no byte of the JSON report, and it skips the stages the build never
//! needs.

use stageplay_analysis::export::to_json;
use stageplay_analysis::files::Simulated;
use stageplay_analysis::{Analysis, Builder, Options, analyze, analyze_simulating, work};

use crate::json::fixtures;

fn for_target(text: &str, options: &Options) -> Analysis {
    analyze_simulating(text, options, Simulated::ForTarget)
}

/// The same JSON on every fixture, under its own options, under the other builder, and
/// with each of its first stages as the target (so that many stages are left unbuilt).
#[test]
fn the_json_is_the_same_on_every_fixture_under_both_builders_and_targets() {
    let all = fixtures();
    assert!(all.len() > 200, "only {} fixtures", all.len());
    let mut compared = 0;
    for (name, text, options) in all {
        let mut variants = vec![options.clone()];
        let mut other = options.clone();
        other.builder = match options.builder {
            Builder::BuildKit => Builder::Legacy,
            Builder::Legacy => Builder::BuildKit,
        };
        variants.push(other);
        let full = analyze(&text, &options);
        for stage in full.stages.iter().take(6) {
            for builder in [Builder::BuildKit, Builder::Legacy] {
                variants.push(Options {
                    target: Some(stage.index.to_string()),
                    builder,
                    ..options.clone()
                });
            }
        }
        for o in variants {
            let all_stages = analyze(&text, &o);
            let limited = for_target(&text, &o);
            assert_eq!(
                to_json(&limited, &text),
                to_json(&all_stages, &text),
                "{name} with {o:?}"
            );
            compared += 1;
        }
    }
    assert!(compared > 600, "only {compared} comparisons");
}

/// An unbuilt stage that copies from a built one a path the simulation cannot show
/// changes the built stage (the path is inferred there, and left behind), so it is
/// simulated; an unbuilt stage that copies from nothing built is not.
#[test]
fn an_unbuilt_stage_that_copies_from_a_built_one_is_simulated() {
    let text = "FROM golang AS build\nRUN go build -o /out/app ./...\n\
                FROM alpine AS unrelated\nRUN touch /unrelated\n\
                FROM alpine AS other\nCOPY --from=build /out/tool /tool\n\
                FROM alpine\nCOPY --from=build /out/app /app\n";
    let options = Options::default();
    let full = analyze(text, &options);
    let limited = for_target(text, &options);
    assert_eq!(to_json(&limited, text), to_json(&full, text));
    // The path only `other` asks for is inferred into `build`, and left behind.
    assert!(
        full.files.left_behind.iter().any(|e| e.path == "/out/tool"),
        "{:?}",
        full.files.left_behind
    );
    assert!(
        limited
            .files
            .left_behind
            .iter()
            .any(|e| e.path == "/out/tool")
    );
    let effects = |a: &Analysis, s: usize| a.files.stages.get(s).map_or(0, |f| f.effects.len());
    // `unrelated` (stage 1) is skipped; `other` (stage 2) is simulated.
    assert!(effects(&full, 1) > 0);
    assert_eq!(effects(&limited, 1), 0);
    assert!(effects(&limited, 2) > 0);
}

/// ONBUILD triggers may copy from a built stage with values only the simulation expands,
/// so a stage whose base has triggers is simulated, with its base.
#[test]
fn an_unbuilt_stage_whose_base_has_triggers_is_simulated() {
    let text = "FROM golang AS build\nRUN go build -o /out/app ./...\n\
                FROM alpine AS parent\nARG WHAT=/out/tool\nONBUILD COPY --from=build ${WHAT} /tool\n\
                FROM parent AS child\n\
                FROM alpine\nCOPY --from=build /out/app /app\n";
    let options = Options::default();
    let full = analyze(text, &options);
    let limited = for_target(text, &options);
    assert_eq!(to_json(&limited, text), to_json(&full, text));
    let effects = |a: &Analysis, s: usize| a.files.stages.get(s).map_or(0, |f| f.effects.len());
    assert!(effects(&limited, 1) > 0 && effects(&limited, 2) > 0);
}

/// A file repeated: only the last copy's stages are built, and only they are simulated,
/// so the simulation's work (paths copied and scanned, counted) stays that of one copy.
#[test]
fn the_stages_no_build_needs_cost_no_simulation() {
    let one = "FROM golang AS build\nRUN go build -o /out/app ./...\nWORKDIR /src\n\
               COPY . .\nFROM build AS test\nRUN go test ./...\n\
               FROM alpine\nCOPY --from=build /out/app /app\n";
    let options = Options::default();
    let mut steps = Vec::new();
    for copies in [1, 20] {
        let text = one.repeat(copies);
        let _ = work::take();
        let limited = for_target(&text, &options);
        let limited_steps = work::take();
        let full = analyze(&text, &options);
        let full_steps = work::take();
        assert_eq!(to_json(&limited, &text), to_json(&full, &text));
        let simulated = limited
            .files
            .stages
            .iter()
            .filter(|f| !f.effects.is_empty())
            .count();
        // The target's image needs `build` and the final stage of the last copy.
        assert_eq!(simulated, 2, "{copies} copies");
        steps.push((limited_steps, full_steps));
    }
    let (one_copy, twenty) = (steps[0], steps[1]);
    assert!(twenty.1 > 10 * one_copy.1, "{steps:?}");
    // The rest of the analysis (checks, expansion) still counts its steps per copy: the
    // simulation's share is what no longer grows.
    assert!(twenty.0 < twenty.1, "{steps:?}");
}
