//! HeavyFinalBase (Stageplay): the final image ships a full SDK.
//!
//! What it does: flags a target whose FROM chain starts at a compiler/SDK image (golang,
//! rust, maven, gradle, a JDK, the .NET SDK, full node or python) when a slim runtime exists.
//! Why is this bad? The image carries the whole toolchain: hundreds of MB and a larger
//! attack surface. Multi-stage builds exist to leave it behind.
//! Silent when `--target` picks a stage other than the last: that is not the shipped image.
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

/// A slimmer runtime for a well-known SDK image, of the same version where the image's tag
/// names one: `python:3.9` → `python:3.9-slim`, never a newer Python the program may not run
/// on; `maven:3.9-eclipse-temurin-17` → `eclipse-temurin:17-jre`.
fn slimmer(image: &str) -> Option<String> {
    let (repo, tag) = match image.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r, t),
        _ => (image, ""),
    };
    let repo = repo.strip_prefix("docker.io/").unwrap_or(repo);
    let repo = repo.strip_prefix("library/").unwrap_or(repo);
    let slim_tag = tag.contains("slim") || tag.contains("alpine") || tag.contains("distroless");
    // The version a tag starts with (`3.9` of `3.9-bookworm`), if it starts with a digit.
    let version = tag
        .split('-')
        .next()
        .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()));
    let tagged = |suffix: &str| match version {
        Some(v) => format!("{v}-{suffix}"),
        None => suffix.to_string(),
    };
    // The Java version a tag names (`17` of `3.9-eclipse-temurin-17` or of `17-jdk`).
    let java = || {
        let parts: Vec<&str> = tag.split('-').collect();
        let after = parts
            .iter()
            .position(|p| *p == "temurin" || p.starts_with("jdk") || p.starts_with("openjdk"))
            .and_then(|i| {
                let p = parts.get(i)?;
                let inline = p.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                if inline.is_empty() {
                    parts.get(i + 1).copied()
                } else {
                    Some(inline)
                }
            });
        after
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or("21")
            .to_string()
    };
    match repo {
        "golang" => Some("alpine or gcr.io/distroless/static".to_string()),
        "rust" => Some("debian:bookworm-slim or gcr.io/distroless/cc".to_string()),
        "maven" | "gradle" => Some(format!("eclipse-temurin:{}-jre", java())),
        "openjdk" | "eclipse-temurin" if !tag.contains("jre") => {
            let v = version.map_or_else(java, |v| v.to_string());
            Some(format!("eclipse-temurin:{v}-jre"))
        }
        "mcr.microsoft.com/dotnet/sdk" => Some(match version {
            Some(v) => format!(
                "mcr.microsoft.com/dotnet/aspnet:{v} or mcr.microsoft.com/dotnet/runtime:{v}"
            ),
            None => "mcr.microsoft.com/dotnet/aspnet or runtime".to_string(),
        }),
        "node" if !slim_tag => Some(format!(
            "node:{} or node:{}",
            tagged("slim"),
            tagged("alpine")
        )),
        "python" if !slim_tag => Some(format!("python:{}", tagged("slim"))),
        _ => None,
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(target) = ctx.a.plan.target else {
        return;
    };
    // `--target` on an earlier stage (a builder, a test stage) is a deliberate choice of an
    // image that is not shipped: no advice about a final image.
    if target + 1 != ctx.a.stages.len() {
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::slimmer;

    #[test]
    fn the_suggestion_keeps_the_version_the_build_uses() {
        let cases = [
            ("python:3.9", "python:3.9-slim"),
            ("python:3.9.18-bookworm", "python:3.9.18-slim"),
            ("python", "python:slim"),
            ("node:18", "node:18-slim or node:18-alpine"),
            ("maven:3.9-eclipse-temurin-17", "eclipse-temurin:17-jre"),
            ("maven:3.9", "eclipse-temurin:21-jre"),
            ("eclipse-temurin:11-jdk", "eclipse-temurin:11-jre"),
            ("openjdk:jdk-17", "eclipse-temurin:17-jre"),
            (
                "mcr.microsoft.com/dotnet/sdk:8.0",
                "mcr.microsoft.com/dotnet/aspnet:8.0 or mcr.microsoft.com/dotnet/runtime:8.0",
            ),
        ];
        for (image, want) in cases {
            assert_eq!(slimmer(image).as_deref(), Some(want), "{image}");
        }
        assert_eq!(slimmer("python:3.9-slim"), None);
    }
}
