//! Property tests (stable Rust, deterministic seeds): random and mutated Dockerfiles and
//! every prefix of every fixture never panic and always satisfy the output invariants.

mod common;

use common::{Rng, check_invariants};
use stageplay::analysis::{Builder, Options, analyze};

const LINES: &[&str] = &[
    "FROM alpine",
    "FROM golang:1.22 AS build",
    "FROM build AS test",
    "FROM scratch",
    "FROM ${BASE:-alpine} AS b2",
    "from Build as X",
    "ARG BASE=debian",
    "ARG V",
    "ARG A=$V$V",
    "ENV A=1 B=\"two words\"",
    "ENV K v",
    "COPY --from=build /out /out",
    "COPY --from=0 / /",
    "COPY --from=$X /a /b",
    "COPY --from=later /a /b",
    "COPY <<EOF /f",
    "EOF",
    "RUN <<-'X'",
    "X",
    "RUN cat <<A <<B",
    "A",
    "B",
    "RUN --mount=from=build,target=/m ls",
    "RUN --mount=type=cache,target=/c make",
    "WORKDIR rel",
    "WORKDIR /abs/$V",
    "CMD x",
    "CMD [\"a\", \"b\"]",
    "ENTRYPOINT [\"x\"",
    "EXPOSE 80/TCP 1:2",
    "LABEL a=b",
    "USER $U",
    "ONBUILD COPY --from=build /x /y",
    "ONBUILD RUN --mount=from=b2 ls",
    "HEALTHCHECK CMD true",
    "SHELL [\"sh\", \"-c\"]",
    "MAINTAINER me",
    "# comment",
    "",
    "RUN echo \\",
    "  continued \\",
    "BOGUS",
    "FROM later AS later",
    "# escape=`",
    "RUN echo `",
    "\u{feff}FROM bom",
    "é 😀 \t",
    "ADD https://x/y.tgz /",
    "STOPSIGNAL SIGTERM",
    "VOLUME /data",
    "ARG TOKEN=${A:+${B:-c}}",
];

fn random_dockerfile(rng: &mut Rng) -> String {
    let n = rng.below(30);
    let mut out = String::new();
    for _ in 0..n {
        out.push_str(rng.pick(LINES));
        out.push(if rng.below(10) == 0 { '\r' } else { ' ' });
        out.push('\n');
    }
    out
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 => {
                let extra = [
                    '\\', '$', '{', '}', '"', '\'', '<', '\n', '-', '=', ',', '[', '`',
                ];
                chars.insert(at, extra[rng.below(extra.len())]);
            }
            2 if at < chars.len() => chars[at] = 'x',
            _ => chars.insert(at, '\n'),
        }
    }
    chars.into_iter().collect()
}

fn options(rng: &mut Rng) -> Options {
    Options {
        target: match rng.below(4) {
            0 => Some("build".into()),
            1 => Some("nope".into()),
            _ => None,
        },
        builder: if rng.below(2) == 0 {
            Builder::BuildKit
        } else {
            Builder::Legacy
        },
        build_args: if rng.below(2) == 0 {
            vec![("V".into(), "$V$V".into())]
        } else {
            Vec::new()
        },
        ..Options::default()
    }
}

#[test]
fn random_and_mutated_dockerfiles_keep_the_invariants() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..600 {
        let text = random_dockerfile(&mut rng);
        let opts = options(&mut rng);
        check_invariants(&text, &analyze(&text, &opts));
        let mutated = mutate(&mut rng, &text);
        check_invariants(&mutated, &analyze(&mutated, &opts));
    }
}

#[test]
fn every_prefix_of_every_fixture_keeps_the_invariants() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/core");
    let mut files = 0;
    for entry in std::fs::read_dir(root)
        .expect("fixtures")
        .filter_map(Result::ok)
    {
        let Ok(text) = std::fs::read_to_string(entry.path().join("Dockerfile")) else {
            continue;
        };
        files += 1;
        for (i, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let prefix = &text[..i];
            check_invariants(prefix, &analyze(prefix, &Options::default()));
        }
    }
    assert!(files >= 20);
}

#[test]
fn the_invariant_checker_catches_broken_output() {
    let text = "FROM alpine AS a\nFROM alpine\nCOPY --from=a /x /y\n";
    let good = analyze(text, &Options::default());
    check_invariants(text, &good);
    let mut bad_edge = good.clone();
    bad_edge.edges[0].to = 9;
    let mut bad_span = good.clone();
    bad_span.instructions[0].span.end = text.len() + 1;
    let mut bad_wave = good.clone();
    bad_wave.plan.waves.reverse();
    for bad in [bad_edge, bad_span, bad_wave] {
        let caught = std::panic::catch_unwind(|| check_invariants(text, &bad));
        assert!(caught.is_err(), "the checker accepted a broken analysis");
    }
}
