//! What a step's note says, as data: the names, paths and sizes it is about, so that the page
//! can word it in the reader's language. `Display` writes the English the CLI, the text
//! export and the fixture snapshots print; several notes of one step are joined by `"; "`
//! ([`join`]).

use std::fmt;

use serde::Serialize;

use super::images::human_size;

/// One caveat or fact about how an instruction changed its stage's filesystem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum EffectNote {
    /// FROM an earlier stage: the child starts with everything the stage has. `stage` is its
    /// name, or `stage-N` for an unnamed one.
    StartsFromStage { stage: String },
    /// FROM a stage the simulation has no state for.
    BaseStageNotSimulated,
    /// FROM scratch.
    Scratch,
    /// FROM an image, with its catalogue size when known (an estimate).
    BaseImage { image: String, size: Option<u64> },
    /// The image reference still holds an unexpanded `$VAR`, so no catalogue entry matched.
    ReferenceHasVariable,
    /// The reference has `@sha256:…`: the size shown is that of its tag family.
    PinnedByDigest,
    /// `--platform=windows/…`: the catalogue has Linux images only.
    PlatformNotInCatalogue { platform: String },
    /// `--platform` other than linux/amd64: the sizes are for linux/amd64.
    SizesForAmd64 { platform: String },
    /// The FROM replays that many ONBUILD triggers of its base stage.
    OnbuildTriggers { count: usize },
    /// An ONBUILD instruction: its trigger runs in the stages built FROM this one.
    Onbuild,
    /// A relative WORKDIR past Linux's `PATH_MAX`: the directory stays `kept` (shortened).
    WorkdirTooLong { max: usize, kept: String },
    /// A RUN wrote `path` under the mount at `target` (`kind` lowercase: cache, bind, tmpfs,
    /// secret, ssh), so it does not reach the image.
    WrittenToMount {
        path: String,
        kind: String,
        target: String,
    },
    /// A RUN's cache mount at `target`.
    CacheMount { target: String },
    /// A RUN with a command no recogniser knows.
    RunUnknown,
    /// A RUN script past the recognisers' budget: only its start was read.
    ScriptTruncated,
    /// `--chown`, `--chmod` or `--link` (`flag` without its dashes): BuildKit applies it, and
    /// the paths are the same.
    FlagHonoured { flag: String },
    /// A URL source in COPY (only ADD downloads).
    CopyTakesNoUrl { src: String },
    /// A COPY source that leaves the build context (`../x`).
    OutsideContext { src: String },
    /// A COPY source that is not a valid wildcard pattern.
    InvalidPattern { src: String },
    /// A COPY of the whole build context when its files are not listed.
    WholeContext,
    /// A COPY source that `.dockerignore` excludes (at that line of it).
    ExcludedByDockerignore { src: String, line: usize },
    /// A COPY source that is not in the build context.
    NotInContext { src: String },
    /// `COPY --from` naming a stage defined at or after the copying one.
    FromLaterStage { from: String },
    /// An ADD of a local archive the CLI could not read whole; `note` is the archive
    /// reader's own English (the page never has archives).
    Archive { path: String, note: String },
    /// The simulation's wildcard budget ran out while matching `src`.
    MatchBudgetSpent { src: String, max: usize },
}

impl fmt::Display for EffectNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EffectNote::StartsFromStage { stage } => {
                write!(f, "starts from stage {stage} (its whole filesystem)")
            }
            EffectNote::BaseStageNotSimulated => f.write_str("the base stage is not simulated"),
            EffectNote::Scratch => f.write_str("scratch: the empty filesystem"),
            EffectNote::BaseImage { image, size } => match size {
                Some(b) => write!(f, "base image {image}: ≈ {} (estimate)", human_size(*b)),
                None => write!(f, "base image {image}: size unknown"),
            },
            EffectNote::ReferenceHasVariable => {
                f.write_str("the reference still contains a variable")
            }
            EffectNote::PinnedByDigest => {
                f.write_str("pinned by digest; the size is that of its tag family")
            }
            EffectNote::PlatformNotInCatalogue { platform } => write!(
                f,
                "--platform={platform}: the catalogue covers linux images; size unknown"
            ),
            EffectNote::SizesForAmd64 { platform } => {
                write!(
                    f,
                    "--platform={platform}: catalogue sizes are for linux/amd64"
                )
            }
            EffectNote::OnbuildTriggers { count } => write!(
                f,
                "then runs its {count} ONBUILD trigger{}",
                if *count == 1 { "" } else { "s" }
            ),
            EffectNote::Onbuild => {
                f.write_str("ONBUILD: runs only in stages built FROM this image")
            }
            EffectNote::WorkdirTooLong { max, kept } => write!(
                f,
                "stopped here: the working directory would be longer than {max} bytes \
                 (Linux's PATH_MAX), so it stays {kept}"
            ),
            EffectNote::WrittenToMount { path, kind, target } => write!(
                f,
                "{path} is written to the {kind} mount {target}: not persisted in the image"
            ),
            EffectNote::CacheMount { target } => write!(
                f,
                "cache mount {target}: reused between builds, not in the image"
            ),
            EffectNote::RunUnknown => f.write_str("RUN changed files (unknown)"),
            EffectNote::ScriptTruncated => {
                f.write_str("the script is long: only its start was analysed")
            }
            EffectNote::FlagHonoured { flag } => {
                write!(f, "--{flag} honoured (no change to paths)")
            }
            EffectNote::CopyTakesNoUrl { src } => {
                write!(f, "COPY cannot take a URL ({src}); use ADD")
            }
            EffectNote::OutsideContext { src } => {
                write!(f, "{src} is outside the build context")
            }
            EffectNote::InvalidPattern { src } => write!(f, "{src} is not a valid pattern"),
            EffectNote::WholeContext => f.write_str(
                "copies the whole build context (its files are unknown without a listing)",
            ),
            EffectNote::ExcludedByDockerignore { src, line } => {
                write!(f, "{src} is excluded by .dockerignore (line {line})")
            }
            EffectNote::NotInContext { src } => write!(f, "{src} is not in the build context"),
            EffectNote::FromLaterStage { from } => write!(
                f,
                "--from={from} names a stage that is not defined before this one"
            ),
            EffectNote::Archive { path, note } => write!(f, "{path}: {note}"),
            EffectNote::MatchBudgetSpent { src, max } => write!(
                f,
                "stopped matching {src} here: the simulation's wildcard budget ({max} paths \
                 tested) is spent, so its matches are not shown"
            ),
        }
    }
}

/// A step's notes as one English line, `"; "` between them (`None` when there are none).
pub fn join(notes: &[EffectNote]) -> Option<String> {
    use std::fmt::Write as _;
    let (first, rest) = notes.split_first()?;
    let mut out = first.to_string();
    for n in rest {
        let _ = write!(out, "; {n}");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English of every note, byte for byte as the simulation wrote it before its notes
    /// were data: the CLI's text, the exports and the snapshots must not change.
    #[test]
    fn every_note_reads_as_the_simulation_always_wrote_it() {
        let s = String::from;
        let cases = [
            (
                EffectNote::StartsFromStage {
                    stage: s("stage-0"),
                },
                "starts from stage stage-0 (its whole filesystem)",
            ),
            (
                EffectNote::BaseStageNotSimulated,
                "the base stage is not simulated",
            ),
            (EffectNote::Scratch, "scratch: the empty filesystem"),
            (
                EffectNote::BaseImage {
                    image: s("golang:1.22"),
                    size: Some(820_000_000),
                },
                "base image golang:1.22: ≈ 820 MB (estimate)",
            ),
            (
                EffectNote::BaseImage {
                    image: s("nosuch"),
                    size: None,
                },
                "base image nosuch: size unknown",
            ),
            (
                EffectNote::ReferenceHasVariable,
                "the reference still contains a variable",
            ),
            (
                EffectNote::PinnedByDigest,
                "pinned by digest; the size is that of its tag family",
            ),
            (
                EffectNote::PlatformNotInCatalogue {
                    platform: s("windows/amd64"),
                },
                "--platform=windows/amd64: the catalogue covers linux images; size unknown",
            ),
            (
                EffectNote::SizesForAmd64 {
                    platform: s("linux/arm64"),
                },
                "--platform=linux/arm64: catalogue sizes are for linux/amd64",
            ),
            (
                EffectNote::OnbuildTriggers { count: 1 },
                "then runs its 1 ONBUILD trigger",
            ),
            (
                EffectNote::OnbuildTriggers { count: 2 },
                "then runs its 2 ONBUILD triggers",
            ),
            (
                EffectNote::Onbuild,
                "ONBUILD: runs only in stages built FROM this image",
            ),
            (
                EffectNote::WorkdirTooLong {
                    max: 4096,
                    kept: s("/a/b"),
                },
                "stopped here: the working directory would be longer than 4096 bytes \
                 (Linux's PATH_MAX), so it stays /a/b",
            ),
            (
                EffectNote::WrittenToMount {
                    path: s("/root/.cache/x"),
                    kind: s("cache"),
                    target: s("/root/.cache"),
                },
                "/root/.cache/x is written to the cache mount /root/.cache: not persisted in \
                 the image",
            ),
            (
                EffectNote::CacheMount {
                    target: s("/root/.cache"),
                },
                "cache mount /root/.cache: reused between builds, not in the image",
            ),
            (EffectNote::RunUnknown, "RUN changed files (unknown)"),
            (
                EffectNote::ScriptTruncated,
                "the script is long: only its start was analysed",
            ),
            (
                EffectNote::FlagHonoured { flag: s("chown") },
                "--chown honoured (no change to paths)",
            ),
            (
                EffectNote::CopyTakesNoUrl {
                    src: s("https://example.com/a"),
                },
                "COPY cannot take a URL (https://example.com/a); use ADD",
            ),
            (
                EffectNote::OutsideContext { src: s("../x") },
                "../x is outside the build context",
            ),
            (
                EffectNote::InvalidPattern { src: s("[a") },
                "[a is not a valid pattern",
            ),
            (
                EffectNote::WholeContext,
                "copies the whole build context (its files are unknown without a listing)",
            ),
            (
                EffectNote::ExcludedByDockerignore {
                    src: s("secret.txt"),
                    line: 3,
                },
                "secret.txt is excluded by .dockerignore (line 3)",
            ),
            (
                EffectNote::NotInContext { src: s("app.py") },
                "app.py is not in the build context",
            ),
            (
                EffectNote::FromLaterStage { from: s("later") },
                "--from=later names a stage that is not defined before this one",
            ),
            (
                EffectNote::Archive {
                    path: s("a.tar.xz"),
                    note: s("the xz stream was cut or too large"),
                },
                "a.tar.xz: the xz stream was cut or too large",
            ),
            (
                EffectNote::MatchBudgetSpent {
                    src: s("*.go"),
                    max: 500_000,
                },
                "stopped matching *.go here: the simulation's wildcard budget (500000 paths \
                 tested) is spent, so its matches are not shown",
            ),
        ];
        for (note, english) in &cases {
            assert_eq!(note.to_string(), *english);
        }
        let notes = [
            EffectNote::Scratch,
            EffectNote::OnbuildTriggers { count: 3 },
        ];
        assert_eq!(
            join(&notes).as_deref(),
            Some("scratch: the empty filesystem; then runs its 3 ONBUILD triggers")
        );
        assert_eq!(join(&[]), None);
    }
}
