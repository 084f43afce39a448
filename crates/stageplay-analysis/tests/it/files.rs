//! The file simulation. Snapshots: each folder of `tests/fixtures/files/<case>/` has a
//! `Dockerfile`, optionally `context.txt`, `.dockerignore` and `target`, and `expected.txt`
//! with the rendered filesystems of every stage, the final image, what is left behind and
//! the sizes (`UPDATE_EXPECT=1` rewrites them; review the diff). Properties over the
//! fixtures, every line-prefix of each fixture, and random Dockerfiles from proptest: no
//! panic; every path's provenance points at an instruction that exists (and at the stage
//! that owns it); nothing from a stage that is not built reaches the final image; the
//! simulation is deterministic.

use proptest::prelude::*;
use stageplay_analysis::files::{FileEntry, FileKind};
use stageplay_analysis::{Analysis, Builder, Keyword, Options, analyze};

// The fixture reader the conformance report shares (examples/conformance.rs).
use crate::conformance::report::fixtures::{fixture_options, render};
use crate::snapshot;

#[test]
fn file_fixtures_match_their_snapshots() {
    let cases = snapshot::check_cases("files", render);
    assert!(cases >= 10, "expected the fixture cases, found {cases}");
}

/// The paths of the final image's own files, in order.
fn final_paths(a: &Analysis) -> Vec<&str> {
    a.files
        .final_image
        .files
        .iter()
        .map(|e| e.path.as_str())
        .collect()
}

fn check(text: &str, options: &Options) -> Analysis {
    let a = analyze(text, options);
    let f = &a.files;
    let n = a.instructions.len();
    let owner = |i: usize| {
        a.stages
            .iter()
            .find(|s| s.from_instruction == i || s.instructions.contains(&i))
            .map(|s| s.index)
    };
    let check_entry = |e: &FileEntry, what: &str| {
        let p = &e.provenance;
        match p.instruction {
            Some(i) => {
                assert!(i < n, "{what} {}: instruction {i} of {n}\n{text}", e.path);
                assert_eq!(
                    p.span, a.instructions[i].span,
                    "{what} {}: span is not the instruction's",
                    e.path
                );
                assert_eq!(owner(i), Some(p.stage), "{what} {}: wrong stage", e.path);
            }
            None => assert!(
                matches!(p.kind, FileKind::Base),
                "{what} {}: no instruction but kind {:?}",
                e.path,
                p.kind
            ),
        }
        if let Some(i) = p.origin_instruction {
            assert!(i < n, "{what} {}: origin {i} of {n}", e.path);
            assert_eq!(
                owner(i),
                Some(p.origin_stage),
                "{what} {}: origin stage",
                e.path
            );
        }
        assert!(e.path.starts_with('/'), "{what}: relative path {}", e.path);
    };
    for e in f.final_image.files.iter().chain(&f.final_image.wasted) {
        check_entry(e, "final");
        // Only built stages contribute to the final image.
        assert!(
            a.plan.built.contains(&e.provenance.stage)
                && a.plan.built.contains(&e.provenance.origin_stage),
            "final {} comes from a stage that is not built: {:?} (built {:?})\n{text}",
            e.path,
            e.provenance,
            a.plan.built
        );
    }
    // Every path of the final image, its base's included.
    let in_final: std::collections::BTreeSet<&str> = f
        .final_image
        .stage
        .and_then(|t| f.stages.get(t))
        .map(|st| st.entries.iter().map(|e| e.path.as_str()).collect())
        .unwrap_or_default();
    for e in &f.left_behind {
        check_entry(e, "left behind");
        assert!(a.plan.built.contains(&e.provenance.stage));
        assert!(
            !in_final.contains(e.path.as_str()),
            "left behind {} is in the final image too\n{text}",
            e.path
        );
    }
    for st in &f.stages {
        for e in &st.entries {
            check_entry(e, "stage");
        }
        for eff in &st.effects {
            assert!(eff.instruction < n);
            assert!(eff.added.len() <= eff.added_count);
        }
    }
    assert_eq!(f.stages.len(), a.stages.len());
    assert!(f.size.estimate || a.plan.target.is_none());
    // Deterministic: the same input gives the same output.
    assert_eq!(analyze(text, options).files, a.files, "not deterministic");
    a
}

fn fixtures() -> Vec<(String, Options)> {
    snapshot::cases("files")
        .iter()
        .map(|d| fixture_options(d))
        .collect()
}

#[test]
fn fixtures_and_every_prefix_hold_the_invariants() {
    let all = fixtures();
    assert!(all.len() >= 10);
    for (text, options) in &all {
        check(text, options);
        // Both builders, and every prefix by lines (a half-typed file).
        check(
            text,
            &Options {
                builder: Builder::Legacy,
                ..options.clone()
            },
        );
        let mut end = 0;
        for line in text.split_inclusive('\n') {
            end += line.len();
            check(&text[..end], options);
        }
    }
}

#[test]
fn skipped_stages_never_reach_the_final_image() {
    let text = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\
                FROM alpine AS docs\nRUN mkdir /docs && touch /docs/index.html\n\
                FROM alpine\nCOPY --from=build /out/app /app\n";
    let a = check(text, &Options::default());
    assert!(!a.plan.built.contains(&1), "docs is skipped by BuildKit");
    let paths = final_paths(&a);
    assert_eq!(paths, vec!["/app"]);
    assert!(a.files.left_behind.iter().all(|e| e.provenance.stage != 1));
    // The legacy builder builds `docs` too, but it still does not reach the image.
    let legacy = check(
        text,
        &Options {
            builder: Builder::Legacy,
            ..Options::default()
        },
    );
    assert!(legacy.plan.built.contains(&1));
    assert!(
        legacy
            .files
            .left_behind
            .iter()
            .any(|e| e.path == "/docs/index.html")
    );
}

#[test]
fn inference_picks_the_run_that_mentions_the_path() {
    let text = "FROM debian AS build\nRUN ./configure\nRUN ./build.sh --out /opt/tool\n\
                RUN echo done\nFROM debian\nCOPY --from=build /opt/tool /usr/local/bin/tool\n";
    let a = check(text, &Options::default());
    let e = &a.files.final_image.files[0];
    assert_eq!(e.provenance.origin_kind, FileKind::Inferred);
    assert_eq!(
        e.provenance.origin_line, 3,
        "the RUN that mentions /opt/tool"
    );
    // Without a mention, the last RUN of the stage.
    let text = "FROM debian AS build\nRUN ./a\nRUN ./b\nFROM debian\nCOPY --from=build /x /x\n";
    let a = check(text, &Options::default());
    assert_eq!(a.files.final_image.files[0].provenance.origin_line, 3);
}

/// The lines random Dockerfiles are made of: every kind of instruction the simulation
/// follows, with stage references that exist, do not, or name images.
const LINES: &[&str] = &[
    "FROM golang:1.22 AS build",
    "FROM alpine",
    "FROM build",
    "FROM scratch AS out",
    "FROM ${BASE:-debian} AS x",
    "WORKDIR /app",
    "WORKDIR src",
    "COPY . .",
    "COPY src/ /src/",
    "COPY *.go ./",
    "COPY --from=build /out/app /usr/local/bin/",
    "COPY --from=0 /app /app",
    "COPY --from=x / /",
    "COPY --from=nginx:alpine /etc/nginx /etc/nginx",
    "COPY --from=9 /nope /nope",
    "COPY --parents ./a/*/b.txt /p/",
    "ADD https://example.com/a.tgz /opt/",
    "ADD vendor.tar.gz /vendor",
    "RUN go build -o /out/app ./cmd/app",
    "RUN --mount=type=cache,target=/root/.cache go build -o out/app .",
    "RUN rm -rf /app /out",
    "RUN mv /out/app /bin/app && cp -r /src /copy",
    "RUN npm ci && npm run build",
    "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    "RUN <<EOF\nmkdir -p /data\ntouch /data/x\nEOF",
    "COPY <<EOF /etc/x.conf\nk=v\nEOF",
    "ENV OUT=/out",
    "ARG NAME=app",
    "RUN go build -o $OUT/$NAME .",
    "ONBUILD COPY . /onbuild",
    "USER nobody",
    "COPY \"a b\" /c",
    "RUN cd / && cd .. && touch ../../x",
];

/// Build contexts for the random files: a listing, or an empty one.
const CONTEXTS: &[&str] = &[
    "src/main.go 4KB\na/x/b.txt\nvendor.tar.gz 1MB\ngo.mod\n",
    "",
];

/// Options for a random file: a context two times in three, a `.dockerignore` one time in
/// five, and either builder.
fn random_options() -> impl Strategy<Value = Options> {
    (
        prop::option::weighted(2.0 / 3.0, prop::sample::select(CONTEXTS)),
        prop::bool::weighted(0.2),
        prop_oneof![Just(Builder::BuildKit), Just(Builder::Legacy)],
    )
        .prop_map(|(context, ignore, builder)| Options {
            context: context.map(str::to_string),
            dockerignore: ignore.then(|| "*.md\n!README.md\nsrc/**/*_test.go\n".into()),
            builder,
            ..Options::default()
        })
}

proptest! {
    // Failures print their minimal case; no regression files are written into the tree.
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_dockerfiles_hold_the_invariants(
        lines in prop::collection::vec(prop::sample::select(LINES), 1..=14),
        options in random_options(),
    ) {
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let a = check(&text, &options);
        // Every effect belongs to an instruction of its stage.
        for st in &a.files.stages {
            for eff in &st.effects {
                let kw = a.instructions[eff.instruction].keyword;
                assert!(
                    kw != Keyword::From || eff.instruction == a.stages[st.stage].from_instruction
                );
            }
        }
    }
}

#[test]
fn the_path_budget_caps_huge_inputs_and_says_so() {
    // 400 stages, each FROM the previous one, each adding 200 files: far past the cap.
    let mut text = String::from("FROM alpine AS s0\n");
    let mut listing = String::new();
    for i in 0..200 {
        listing.push_str(&format!("d/f{i}.txt 1KB\n"));
    }
    for i in 1..400 {
        text.push_str(&format!("FROM s{} AS s{i}\nCOPY d/ /d{i}/\n", i - 1));
    }
    let a = analyze(
        &text,
        &Options {
            context: Some(listing),
            ..Options::default()
        },
    );
    assert!(a.files.capped);
    assert!(
        a.files
            .notes
            .iter()
            .any(|n| n.contains("stopped adding paths"))
    );
    let total: usize = a.files.stages.iter().map(|s| s.entries.len()).sum();
    assert!(total <= stageplay_analysis::files::MAX_PATHS, "{total}");
}

#[test]
fn a_missing_source_is_an_error_only_when_the_whole_context_is_known() {
    let text = "FROM alpine\nCOPY missing.txt /\n";
    let missing = |options: &Options| {
        analyze(text, options)
            .diagnostics
            .iter()
            .any(|d| d.rule == "CopySourceNotFound")
    };
    let listed = Options {
        context: Some("app.py 1KB\n".into()),
        ..Options::default()
    };
    assert!(missing(&listed));
    // Inferred: a guess.
    assert!(!missing(&Options::default()));
    // Cut at the listing's cap: the rest of the context is unknown.
    let huge: String = (0..=stageplay_analysis::files::context::MAX_CONTEXT_FILES)
        .map(|i| format!("f{i}.txt\n"))
        .collect();
    let cut = Options {
        context: Some(huge),
        ..Options::default()
    };
    assert!(!missing(&cut));
}

#[test]
fn onbuild_triggers_bring_their_files_with_an_inferred_context() {
    let text = "FROM python:3.12-slim AS base\nWORKDIR /app\nONBUILD COPY requirements.txt .\n\
                FROM base\n";
    let a = check(text, &Options::default());
    assert!(a.files.context_inferred);
    let paths = final_paths(&a);
    assert!(paths.contains(&"/app/requirements.txt"), "{paths:?}");
}
