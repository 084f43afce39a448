//! The body of the `analyze` benchmarks, shared by the two bench programs that differ
//! only in their global allocator (see `benches/analyze.rs`).

use std::path::Path;

use criterion::{Criterion, Throughput};
use stageplay::analysis::{Options, analyze};

/// A realistic 60-stage Dockerfile of about 650 lines: global ARGs, a shared base, source
/// and build stages with cache mounts and heredocs, and a final stage copying from many.
pub fn generated_dockerfile(stages: usize) -> String {
    let mut s = String::from(
        "# syntax=docker/dockerfile:1\nARG GO_VERSION=1.22\nARG DEBIAN=bookworm\nARG BASE_IMAGE=\"golang:${GO_VERSION}-${DEBIAN}\"\n\n",
    );
    s.push_str("FROM --platform=$BUILDPLATFORM ${BASE_IMAGE} AS base\nARG TARGETOS TARGETARCH\nENV GOTOOLCHAIN=local CGO_ENABLED=0\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    git make file \\\n && rm -rf /var/lib/apt/lists/*\nWORKDIR /src\n\n");
    let middle = stages.saturating_sub(2);
    for i in 0..middle {
        let from = if i % 3 == 0 {
            "base".to_string()
        } else {
            format!("tool{}", i - 1)
        };
        s.push_str(&format!("FROM {from} AS tool{i}\n"));
        s.push_str(&format!("ARG TOOL{i}_VERSION=v1.{i}.0\n"));
        s.push_str(&format!(
            "RUN --mount=type=cache,target=/root/.cache/go-build,id=tool{i} \\\n    --mount=type=cache,target=/go/pkg/mod \\\n    --mount=from=base,source=/src,target=/src,rw \\\n    GOOS=$TARGETOS GOARCH=$TARGETARCH go install example.com/tool{i}@${{TOOL{i}_VERSION}}\n"
        ));
        if i % 4 == 0 {
            s.push_str(&format!(
                "COPY <<EOF /etc/tool{i}.conf\nname=tool{i}\nversion=${{TOOL{i}_VERSION}}\nEOF\n"
            ));
        } else {
            s.push_str(&format!("COPY hack/tool{i}.sh /usr/local/bin/\n"));
        }
        s.push_str(&format!(
            "ENV TOOL{i}_HOME=/opt/tool{i} PATH=/opt/tool{i}/bin:$PATH\n"
        ));
        s.push_str(&format!("WORKDIR /opt/tool{i}\n\n"));
    }
    s.push_str("FROM debian:${DEBIAN}-slim AS release\nRUN useradd -r app\n");
    for i in 0..middle {
        s.push_str(&format!(
            "COPY --from=tool{i} /go/bin/tool{i} /usr/local/bin/\n"
        ));
    }
    s.push_str("USER app\nEXPOSE 8080/tcp\nENTRYPOINT [\"/usr/local/bin/tool0\"]\n");
    s
}

fn corpus() -> Option<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/files");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            std::fs::read_to_string(e.path()).ok().map(|t| (name, t))
        })
        .collect();
    files.sort();
    Some(files)
}

/// Measures `analyze` on the generated file, moby's and the whole corpus, as group `name`.
pub fn bench(c: &mut Criterion, name: &str) {
    let options = Options::default();
    let generated = generated_dockerfile(60);
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(generated.len() as u64));
    group.bench_function("generated-60-stages", |b| {
        b.iter(|| analyze(&generated, &options))
    });
    if let Some(files) = corpus() {
        if let Some((_, moby)) = files.iter().find(|(n, _)| n.starts_with("001-")) {
            group.throughput(Throughput::Bytes(moby.len() as u64));
            group.bench_function("moby-dockerfile", |b| b.iter(|| analyze(moby, &options)));
        }
        let total: usize = files.iter().map(|(_, t)| t.len()).sum();
        group.throughput(Throughput::Bytes(total as u64));
        group.bench_function("whole-corpus", |b| {
            b.iter(|| {
                for (_, t) in &files {
                    std::hint::black_box(analyze(t, &options));
                }
            })
        });
    } else {
        eprintln!("../shared/corpus not found: only the generated file is measured");
    }
    group.finish();
}
