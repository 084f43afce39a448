//! Benchmarks of the full analysis including the file simulation (docs/budgets.md: a 650-line,
//! 60-stage Dockerfile in ≤ 1 ms median natively). Self-contained: the large input is
//! generated here; when the shared corpus is next to the repository
//! (`../shared/corpus/files`), moby's own Dockerfile (649 lines, 59 stages) is measured too.

// The CLI's allocator, as in `benches/analyze.rs`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use stageplay::analysis::{Options, analyze, files};

/// A 60-stage, about 650-line Dockerfile in the style of moby's: shared bases, many
/// `COPY --from`, cache mounts, RUN chains, and a final stage collecting binaries.
fn synthetic() -> (String, String) {
    let mut text = String::from(
        "# syntax=docker/dockerfile:1\nARG GO_VERSION=1.22\nARG BASE_DEBIAN_DISTRO=bookworm\n",
    );
    text.push_str("FROM golang:${GO_VERSION}-${BASE_DEBIAN_DISTRO} AS base\nWORKDIR /go/src/github.com/example/project\nENV GOTOOLCHAIN=local\nRUN apt-get update && apt-get install -y --no-install-recommends git make gcc libc6-dev && rm -rf /var/lib/apt/lists/*\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go mod download\n");
    for i in 1..59 {
        let base = if i % 5 == 0 {
            "alpine:3.20".to_string()
        } else {
            "base".to_string()
        };
        text.push_str(&format!(
            "\nFROM {base} AS tool{i}\nARG TOOL{i}_VERSION=v1.{i}.0\nWORKDIR /src/tool{i}\n"
        ));
        text.push_str(&format!(
            "COPY cmd/tool{i}/ ./cmd/tool{i}/\nCOPY internal/ ./internal/\n"
        ));
        text.push_str(&format!("RUN --mount=type=cache,target=/root/.cache/go-build \\\n    --mount=type=cache,target=/go/pkg/mod \\\n    CGO_ENABLED=0 go build -trimpath -ldflags \"-s -w\" -o /build/tool{i} ./cmd/tool{i} && \\\n    mkdir -p /out && cp /build/tool{i} /out/\n"));
        text.push_str(&format!("RUN echo built tool{i} && ls -la /build\n"));
        if i > 1 {
            text.push_str(&format!("COPY --from=tool{} /out/ /deps/\n", i - 1));
        }
        text.push_str("RUN rm -rf /tmp/* && touch /out/.done\n");
    }
    text.push_str("\nFROM gcr.io/distroless/static-debian12 AS final\n");
    for i in 1..59 {
        text.push_str(&format!(
            "COPY --from=tool{i} /out/tool{i} /usr/local/bin/\n"
        ));
    }
    text.push_str("ENTRYPOINT [\"/usr/local/bin/tool1\"]\n");
    let mut listing = String::from("go.mod 2KB\ngo.sum 40KB\n");
    for i in 1..59 {
        listing.push_str(&format!("cmd/tool{i}/main.go 6KB\n"));
    }
    for i in 0..100 {
        listing.push_str(&format!("internal/pkg{i}/code.go 12KB\n"));
    }
    (text, listing)
}

fn bench(c: &mut Criterion) {
    let (text, listing) = synthetic();
    eprintln!(
        "synthetic Dockerfile: {} lines, {} stages",
        text.lines().count(),
        analyze(&text, &Options::default()).stages.len()
    );
    let with_context = Options {
        context: Some(listing),
        dockerignore: Some("**/*_test.go\n.git\n".into()),
        ..Options::default()
    };
    c.bench_function("analyze+files synthetic 60 stages (with context)", |b| {
        b.iter(|| analyze(black_box(&text), black_box(&with_context)))
    });
    c.bench_function(
        "analyze+files synthetic 60 stages (inferred context)",
        |b| b.iter(|| analyze(black_box(&text), black_box(&Options::default()))),
    );
    let a = analyze(&text, &with_context);
    c.bench_function("file simulation alone, synthetic 60 stages", |b| {
        b.iter(|| {
            files::simulate(
                black_box(&text),
                black_box(&a),
                files::FileInputs {
                    context: with_context.context.as_deref(),
                    dockerignore: with_context.dockerignore.as_deref(),
                    archives: None,
                    ..files::FileInputs::default()
                },
            )
        })
    });
    let moby = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/files/001-moby_moby_Dockerfile.Dockerfile"
    );
    match std::fs::read_to_string(moby) {
        Ok(moby_text) => {
            c.bench_function("analyze+files moby Dockerfile (corpus 001)", |b| {
                b.iter(|| analyze(black_box(&moby_text), black_box(&Options::default())))
            });
            let a = analyze(&moby_text, &Options::default());
            c.bench_function("file simulation alone, moby Dockerfile", |b| {
                b.iter(|| {
                    files::simulate(
                        black_box(&moby_text),
                        black_box(&a),
                        files::FileInputs::default(),
                    )
                })
            });
        }
        Err(_) => eprintln!("corpus not found next to the repository: moby benchmark not run"),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
