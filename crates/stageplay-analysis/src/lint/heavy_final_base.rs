//! HeavyFinalBase (Stageplay): the final image ships a full SDK.
//!
//! What it does: flags a target whose FROM chain starts at a compiler/SDK image (golang,
//! rust, maven, gradle, a JDK, the .NET SDK, full node or python) when a slim runtime exists.
//! Why is this bad? The image carries the whole toolchain: hundreds of MB and a larger
//! attack surface. Multi-stage builds exist to leave it behind.
//! Example: build in `golang`, then `COPY --from=build /app /app` into `alpine` or
//! `gcr.io/distroless/static`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::stages::Base;

pub const RULE: Rule = Rule {
    name: "HeavyFinalBase",
    severity: Severity::Info,
    buildkit: false,
    explanation: "The image you build (the target) starts from a full SDK image, so the \
        compiler, package caches and sources ship with your application. Build in that image, \
        then copy only the result into a slim runtime image in a final stage.",
    bad: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\nCMD [\"/app\"]\n",
    good: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
};

/// (image repository, slimmer suggestion) for well-known SDK images.
fn slimmer(image: &str) -> Option<&'static str> {
    let (repo, tag) = match image.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r, t),
        _ => (image, ""),
    };
    let repo = repo.strip_prefix("docker.io/").unwrap_or(repo);
    let repo = repo.strip_prefix("library/").unwrap_or(repo);
    let slim_tag = tag.contains("slim") || tag.contains("alpine") || tag.contains("distroless");
    match repo {
        "golang" => Some("alpine or gcr.io/distroless/static"),
        "rust" => Some("debian:bookworm-slim or gcr.io/distroless/cc"),
        "maven" | "gradle" => Some("eclipse-temurin:21-jre"),
        "openjdk" | "eclipse-temurin" if !tag.contains("jre") => Some("eclipse-temurin:21-jre"),
        "mcr.microsoft.com/dotnet/sdk" => Some("mcr.microsoft.com/dotnet/aspnet or runtime"),
        "node" if !slim_tag => Some("node:20-slim or node:20-alpine"),
        "python" if !slim_tag => Some("python:3.12-slim"),
        _ => None,
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(target) = ctx.a.plan.target else {
        return;
    };
    // Follow the FROM chain to its root; stage bases always point to earlier stages, so
    // this ends after at most `stages.len()` steps.
    let mut s = target;
    for _ in 0..=ctx.a.stages.len() {
        let Some(stage) = ctx.a.stages.get(s) else {
            return;
        };
        match &stage.base {
            Base::Stage { stage: b } if *b < s => s = *b,
            Base::Image { name } => {
                if let Some(suggestion) = slimmer(name) {
                    out.push(Diagnostic::new(
                        &RULE,
                        stage.base_span,
                        format!("The final image is built FROM {name}, a full SDK image; copy the build output into a slimmer base such as {suggestion}"),
                    ));
                }
                return;
            }
            _ => return,
        }
    }
}
