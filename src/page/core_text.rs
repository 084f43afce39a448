//! The analysis core's own short sentences (a skipped stage's reason, a fix's title) in the
//! page's language. The core words them in English for the CLI and the JSON; the page knows
//! their few shapes and words them again with its messages. A shape it does not know stays as
//! the core wrote it (the test below runs every shape the core writes). BuildKit's error and
//! warning messages are never reworded: the page shows them as BuildKit prints them.

use super::i18n::Messages;
use crate::analysis::files::{EffectNote, images::human_size};
use crate::analysis::{CheckSource, Checks, check::BUILD_ARG};

/// A skipped stage's reason (`plan.rs` of the core).
pub fn skip_reason(m: &Messages, reason: &str) -> String {
    if let Some(name) = quoted_after(reason, "after the target ") {
        return m.f("skip-after-target", &[("target", name.into())]);
    }
    if let Some(name) = quoted_after(reason, "not needed by target ") {
        return m.f("skip-not-needed", &[("target", name.into())]);
    }
    match reason {
        "part of a dependency cycle" => m.t("skip-in-cycle"),
        "depends on a dependency cycle" => m.t("skip-after-cycle"),
        _ => reason.to_string(),
    }
}

/// A fix's button title (the core's lint rules and target checks).
pub fn fix_title(m: &Messages, title: &str) -> String {
    if let Some(name) = quoted_after(title, "Name it ").and_then(|n| n.strip_prefix("AS ")) {
        return m.f("fix-name-it", &[("name", name.into())]);
    }
    if let Some(name) = quoted_after(title, "Use ") {
        return m.f("fix-use", &[("name", name.into())]);
    }
    if let Some(name) = quoted_after(title, "Build ") {
        return m.f("fix-build", &[("name", name.into())]);
    }
    if title == "Replace it" {
        return m.t("fix-replace-it");
    }
    if let Some(n) = title
        .strip_prefix("Replace all ")
        .and_then(|n| n.parse::<usize>().ok())
    {
        return m.f("fix-replace-all", &[("n", n.into())]);
    }
    title.to_string()
}

/// One of a step's notes (`files/effect_note.rs` of the core) in the page's language. In
/// English it reads exactly as the core's `Display` (tested below for every kind of note).
pub fn effect_note(m: &Messages, note: &EffectNote) -> String {
    match note {
        EffectNote::StartsFromStage { stage } => {
            m.f("note-starts-from-stage", &[("stage", stage.into())])
        }
        EffectNote::BaseStageNotSimulated => m.t("note-base-not-simulated"),
        EffectNote::Scratch => m.t("note-scratch"),
        EffectNote::BaseImage { image, size } => {
            let size = match size {
                Some(b) => m.f(
                    "image-estimate",
                    &[("final", human_size(*b).as_str().into())],
                ),
                None => m.t("note-size-unknown"),
            };
            m.f(
                "note-base-image",
                &[("image", image.into()), ("size", size.as_str().into())],
            )
        }
        EffectNote::ReferenceHasVariable => m.t("note-reference-variable"),
        EffectNote::PinnedByDigest => m.t("note-pinned-by-digest"),
        EffectNote::PlatformNotInCatalogue { platform } => m.f(
            "note-platform-not-in-catalogue",
            &[("platform", platform.into())],
        ),
        EffectNote::SizesForAmd64 { platform } => {
            m.f("note-sizes-for-amd64", &[("platform", platform.into())])
        }
        EffectNote::OnbuildTriggers { count } => {
            m.f("note-onbuild-triggers", &[("n", (*count).into())])
        }
        EffectNote::Onbuild => m.t("note-onbuild"),
        EffectNote::WorkdirTooLong { max, kept } => m.f(
            "note-workdir-too-long",
            &[("max", (*max).into()), ("kept", kept.into())],
        ),
        EffectNote::WrittenToMount { path, kind, target } => m.f(
            "note-written-to-mount",
            &[
                ("path", path.into()),
                ("kind", kind.into()),
                ("target", target.into()),
            ],
        ),
        EffectNote::CacheMount { target } => m.f("note-cache-mount", &[("target", target.into())]),
        EffectNote::RunUnknown => m.t("note-run-unknown"),
        EffectNote::ScriptTruncated => m.t("note-script-truncated"),
        EffectNote::FlagHonoured { flag } => m.f("note-flag-honoured", &[("flag", flag.into())]),
        EffectNote::CopyTakesNoUrl { src } => m.f("note-copy-takes-no-url", &[("src", src.into())]),
        EffectNote::OutsideContext { src } => m.f("note-outside-context", &[("src", src.into())]),
        EffectNote::InvalidPattern { src } => m.f("note-invalid-pattern", &[("src", src.into())]),
        EffectNote::WholeContext => m.t("note-whole-context"),
        EffectNote::ExcludedByDockerignore { src, line } => m.f(
            "note-excluded",
            &[("src", src.into()), ("line", (*line).into())],
        ),
        EffectNote::NotInContext { src } => m.f("note-not-in-context", &[("src", src.into())]),
        EffectNote::FromLaterStage { from } => {
            m.f("note-from-later-stage", &[("from", from.into())])
        }
        // Only the CLI reads archives (the page has no files to unpack): its reader's own
        // English stays. Written here, not by `Display`, which would bring every English
        // note into the page's wasm.
        EffectNote::Archive { path, note } => [path.as_str(), ": ", note.as_str()].concat(),
        EffectNote::MatchBudgetSpent { src, max } => m.f(
            "note-match-budget-spent",
            &[("src", src.into()), ("max", (*max).into())],
        ),
    }
}

/// What the Final image view says next to a path whose contents or size the simulation cannot
/// know (`files::unknown_note`: a download, a git checkout, an archive named in a listing, a
/// path copied from an image). Other notes stay as written.
pub fn entry_note(m: &Messages, note: &str) -> String {
    const ARCHIVE: &str = " (contents unknown: a listing cannot show an archive's entries)";
    match note {
        "downloaded and unpacked at build time (contents unknown)" => {
            return m.t("entry-unpacked-download");
        }
        "git repository, checked out (contents unknown)" => return m.t("entry-git"),
        "downloaded at build time (size unknown)" => return m.t("entry-download"),
        _ => {}
    }
    if let Some(archives) = note
        .strip_prefix("unpacked here: ")
        .and_then(|n| n.strip_suffix(ARCHIVE))
    {
        return m.f("entry-unpacked-here", &[("archives", archives.into())]);
    }
    if let Some((path, image)) = note
        .strip_suffix(" (contents unknown)")
        .and_then(|n| n.rsplit_once(" from image "))
    {
        return m.f(
            "entry-from-image",
            &[("path", path.into()), ("image", image.into())],
        );
    }
    note.to_string()
}

/// What `# check=` (or the `BUILDKIT_DOCKERFILE_CHECK` build arg) skipped, turned on or made
/// an error: the core's `Checks::summary` in the page's language, part for part (in English
/// the very same line, tested below). `line` turns a byte offset into a 1-based line number.
pub fn check_summary(m: &Messages, c: &Checks, line: impl Fn(usize) -> usize) -> Option<String> {
    let hidden = (c.hidden > 0).then(|| m.f("checks-hidden", &[("n", c.hidden.into())]));
    let by = match &c.source {
        CheckSource::Default => {
            return hidden.map(|h| m.f("checks-by-comments", &[("hidden", h.as_str().into())]));
        }
        CheckSource::Directive { span } => {
            m.f("checks-by-directive", &[("line", line(span.start).into())])
        }
        CheckSource::BuildArg => m.f("checks-by-build-arg", &[("arg", BUILD_ARG.into())]),
    };
    if c.invalid {
        return Some(m.f("checks-invalid", &[("by", by.as_str().into())]));
    }
    let mut parts = Vec::new();
    match c.skipped.len() {
        0 => {}
        n if c.config.skip_all => parts.push(m.f("checks-all-skipped", &[("n", n.into())])),
        n => parts.push(m.f(
            "checks-skipped",
            &[
                ("n", n.into()),
                ("rules", c.skipped.join(", ").as_str().into()),
            ],
        )),
    }
    parts.extend(hidden);
    if !c.experimental.is_empty() {
        let rules = c.experimental.join(", ");
        parts.push(m.f("checks-experimental", &[("rules", rules.as_str().into())]));
    }
    if c.config.error && c.legacy {
        parts.push(m.t("checks-error-legacy"));
    } else if c.config.error {
        parts.push(m.t("checks-error"));
    }
    if !c.unknown.is_empty() {
        let rules = c.unknown.join(", ");
        parts.push(m.f("checks-unknown", &[("rules", rules.as_str().into())]));
    }
    if parts.is_empty() {
        parts.push(m.t("checks-default"));
    }
    let parts = parts.join(" · ");
    Some(m.f(
        "checks-line",
        &[("by", by.as_str().into()), ("parts", parts.as_str().into())],
    ))
}

/// The name in `` `name` `` when `s` is `prefix` followed by exactly that.
fn quoted_after<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    s.strip_prefix(prefix)?.strip_prefix('`')?.strip_suffix('`')
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::analysis::{Builder, Options, analyze};
    use crate::page::i18n::Catalog;
    use crate::page::lang::Lang;

    fn korean() -> Messages {
        let (c, _) = Catalog::parse(include_str!("../../static/i18n/ko.ftl"));
        Messages::new(Lang::Ko, Some(Rc::new(c)))
    }

    /// Every shape of reason and title the core writes is known: a new one fails here.
    #[test]
    fn every_reason_and_fix_title_the_core_writes_is_reworded() {
        let ko = korean();
        let files = [
            (
                "FROM a AS x\nFROM b AS y\nFROM c AS z\n",
                Some("y"),
                Builder::BuildKit,
            ),
            (
                "FROM a AS x\nFROM b AS y\nFROM c AS z\n",
                Some("y"),
                Builder::Legacy,
            ),
            (
                "FROM y AS x\nFROM x AS y\nFROM alpine AS z\n",
                None,
                Builder::BuildKit,
            ),
            (
                "FROM alpine AS base\nFROM alpine\nCOPY --from=bsae /a /a\n",
                None,
                Builder::BuildKit,
            ),
            (
                "FROM golang AS build\nFROM alpine\n",
                Some("biuld"),
                Builder::BuildKit,
            ),
        ];
        let mut seen = 0;
        for (text, target, builder) in files {
            let a = analyze(
                text,
                &Options {
                    target: target.map(String::from),
                    builder,
                    ..Options::default()
                },
            );
            for s in &a.plan.skipped {
                assert_ne!(skip_reason(&ko, &s.reason), s.reason, "{}", s.reason);
                seen += 1;
            }
            for fix in a.diagnostics.iter().filter_map(|d| d.fix.as_deref()) {
                assert_ne!(fix_title(&ko, &fix.title), fix.title, "{}", fix.title);
                seen += 1;
            }
        }
        assert!(
            seen >= 6,
            "the files above make the core write each shape ({seen})"
        );
        assert_eq!(
            fix_title(&ko, "Name it `AS builder`"),
            "이름 붙이기: `AS builder`"
        );
        assert_eq!(fix_title(&ko, "Replace all 3"), "3개 모두 바꾸기");
        assert_eq!(fix_title(&ko, "Something new"), "Something new");
    }

    /// One note of every kind, with names that need no translation.
    fn every_kind_of_note() -> Vec<EffectNote> {
        let s = String::from;
        vec![
            EffectNote::StartsFromStage { stage: s("build") },
            EffectNote::BaseStageNotSimulated,
            EffectNote::Scratch,
            EffectNote::BaseImage {
                image: s("golang:1.22"),
                size: Some(820_000_000),
            },
            EffectNote::BaseImage {
                image: s("nosuch"),
                size: None,
            },
            EffectNote::ReferenceHasVariable,
            EffectNote::PinnedByDigest,
            EffectNote::PlatformNotInCatalogue {
                platform: s("windows/amd64"),
            },
            EffectNote::SizesForAmd64 {
                platform: s("linux/arm64"),
            },
            EffectNote::OnbuildTriggers { count: 1 },
            EffectNote::OnbuildTriggers { count: 3 },
            EffectNote::Onbuild,
            EffectNote::WorkdirTooLong {
                max: 4096,
                kept: s("/a/b"),
            },
            EffectNote::WrittenToMount {
                path: s("/root/.cache/pip/x"),
                kind: s("cache"),
                target: s("/root/.cache/pip"),
            },
            EffectNote::WrittenToMount {
                path: s("/src/x"),
                kind: s("bind"),
                target: s("/src"),
            },
            EffectNote::WrittenToMount {
                path: s("/tmp/x"),
                kind: s("tmpfs"),
                target: s("/tmp"),
            },
            EffectNote::CacheMount {
                target: s("/root/.cache/pip"),
            },
            EffectNote::RunUnknown,
            EffectNote::ScriptTruncated,
            EffectNote::FlagHonoured { flag: s("chown") },
            EffectNote::CopyTakesNoUrl {
                src: s("https://example.com/a"),
            },
            EffectNote::OutsideContext { src: s("../x") },
            EffectNote::InvalidPattern { src: s("[a") },
            EffectNote::WholeContext,
            EffectNote::ExcludedByDockerignore {
                src: s("secret.txt"),
                line: 3,
            },
            EffectNote::NotInContext { src: s("app.py") },
            EffectNote::FromLaterStage { from: s("later") },
            EffectNote::MatchBudgetSpent {
                src: s("*.go"),
                max: 500_000,
            },
        ]
    }

    /// Which kind a note is: a new kind fails to compile here until the list above has it.
    fn kind(n: &EffectNote) -> usize {
        match n {
            EffectNote::StartsFromStage { .. } => 0,
            EffectNote::BaseStageNotSimulated => 1,
            EffectNote::Scratch => 2,
            EffectNote::BaseImage { .. } => 3,
            EffectNote::ReferenceHasVariable => 4,
            EffectNote::PinnedByDigest => 5,
            EffectNote::PlatformNotInCatalogue { .. } => 6,
            EffectNote::SizesForAmd64 { .. } => 7,
            EffectNote::OnbuildTriggers { .. } => 8,
            EffectNote::Onbuild => 9,
            EffectNote::WorkdirTooLong { .. } => 10,
            EffectNote::WrittenToMount { .. } => 11,
            EffectNote::CacheMount { .. } => 12,
            EffectNote::RunUnknown => 13,
            EffectNote::ScriptTruncated => 14,
            EffectNote::FlagHonoured { .. } => 15,
            EffectNote::CopyTakesNoUrl { .. } => 16,
            EffectNote::OutsideContext { .. } => 17,
            EffectNote::InvalidPattern { .. } => 18,
            EffectNote::WholeContext => 19,
            EffectNote::ExcludedByDockerignore { .. } => 20,
            EffectNote::NotInContext { .. } => 21,
            EffectNote::FromLaterStage { .. } => 22,
            // The CLI's archive reader's English, never in the page.
            EffectNote::Archive { .. } => 23,
            EffectNote::MatchBudgetSpent { .. } => 24,
        }
    }

    /// In English every note reads as the core writes it (the CLI and the exports); in Korean
    /// none keeps the English words.
    #[test]
    fn every_kind_of_note_is_the_cores_in_english_and_korean_in_korean() {
        let en = Messages::new(Lang::En, None);
        let ko = korean();
        let notes = every_kind_of_note();
        let mut kinds: Vec<usize> = notes.iter().map(kind).collect();
        kinds.push(23);
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds, (0..=24).collect::<Vec<_>>(), "one note of each kind");
        for n in &notes {
            let english = n.to_string();
            assert_eq!(effect_note(&en, n), english);
            let korean = effect_note(&ko, n);
            for word in [
                "stage ",
                "base ",
                "image",
                "size",
                "filesystem",
                "trigger",
                "stopped",
                "mount",
                "changed",
                "script",
                "honoured",
                "cannot",
                "outside",
                "pattern",
                "context",
                "excluded",
                "line",
                "defined",
                "budget",
                "catalogue",
                "pinned",
                "reference",
                "runs only",
                "unknown",
            ] {
                assert!(!korean.contains(word), "{english} → {korean}");
            }
        }
        assert_eq!(
            effect_note(&ko, &notes[3]),
            "베이스 이미지 golang:1.22: ≈ 820 MB (추정)"
        );
        assert_eq!(
            effect_note(&ko, &notes[14]),
            "/src/x: 바인드 마운트 /src에 쓰여서 이미지에 남지 않습니다"
        );
    }

    /// The notes the core writes for real files reach the page as data and are all worded
    /// in Korean: a FROM of each kind of base, ONBUILD, RUN with mounts, COPY's caveats.
    #[test]
    fn the_notes_the_core_writes_are_worded_in_korean() {
        let ko = korean();
        let text = "FROM golang:1.22 AS a\nONBUILD RUN true\nFROM a AS b\nFROM scratch\n\
                    FROM nosuchimage\nRUN --mount=type=cache,target=/c frobnicate\n\
                    COPY --chown=1 missing.txt /x\nCOPY --from=later /a /a\nFROM alpine AS later\n";
        let a = analyze(text, &Options::default());
        let notes: Vec<&EffectNote> = a
            .files
            .stages
            .iter()
            .flat_map(|s| s.effects.iter())
            .flat_map(|e| e.notes.iter())
            .collect();
        let mut kinds: Vec<usize> = notes.iter().map(|n| kind(n)).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert!(kinds.len() >= 9, "{notes:?}");
        for n in notes {
            assert!(!effect_note(&ko, n).contains(" the "), "{n}");
        }
    }

    /// Every note the Final image view shows next to a path the simulation cannot know is
    /// written by the core for these files, reads the same in English and is Korean in Korean.
    #[test]
    fn every_unknown_path_note_is_the_cores_in_english_and_korean_in_korean() {
        let en = Messages::english();
        let ko = korean();
        let files = [
            "FROM alpine\nADD --unpack=true https://example.com/a.tar.gz /opt/\n",
            "FROM alpine\nADD https://github.com/moby/buildkit.git#v0.14 /src\n",
            "FROM alpine\nADD https://example.com/tool /usr/bin/\n",
            "FROM alpine\nADD *.tar.gz /opt/\n",
            "FROM alpine\nCOPY --from=busybox:1.36 /bin/busybox /bin/\n",
        ];
        for text in files {
            let options = Options {
                context: Some("a.tar.gz 1KB\nb.tar.gz 1KB\n".into()),
                ..Options::default()
            };
            let a = analyze(text, &options);
            let notes: Vec<&str> = a
                .files
                .final_image
                .files
                .iter()
                .filter_map(crate::analysis::files::unknown_note)
                .collect();
            assert!(!notes.is_empty(), "{text}");
            for n in notes {
                assert_eq!(entry_note(&en, n), n);
                let k = entry_note(&ko, n);
                for english in [
                    "unknown",
                    "downloaded",
                    "checked out",
                    "unpacked",
                    "from image",
                ] {
                    assert!(!k.contains(english), "{n} → {k}");
                }
            }
        }
        assert_eq!(
            entry_note(
                &ko,
                "/bin/busybox from image busybox:1.36 (contents unknown)"
            ),
            "이미지 busybox:1.36의 /bin/busybox(내용은 알 수 없음)"
        );
    }

    /// In English the page's summary of `# check=` is the core's own line, for every shape.
    #[test]
    fn the_check_summary_is_the_cores_in_english_and_korean_in_korean() {
        let en = Messages::new(Lang::En, None);
        let ko = korean();
        let files = [
            (
                "# check=skip=FromAsCasing,NoSuchRule;error=true\nFROM alpine as a\nWORKDIR x\n",
                Builder::BuildKit,
                "",
            ),
            (
                "# check=skip=all;experimental=all\nFROM alpine as a\n",
                Builder::BuildKit,
                "",
            ),
            ("# check=error=true\nFROM alpine\n", Builder::Legacy, ""),
            ("# check=skip=\"\nFROM alpine\n", Builder::BuildKit, ""),
            (
                "FROM alpine\n# check=skip=WorkdirRelativePath\nWORKDIR x\n",
                Builder::BuildKit,
                "",
            ),
            (
                "FROM alpine\n",
                Builder::BuildKit,
                "BUILDKIT_DOCKERFILE_CHECK=skip=JSONArgsRecommended",
            ),
            (
                "# check=experimental=InvalidDefinitionDescription\nFROM alpine\n",
                Builder::BuildKit,
                "",
            ),
        ];
        let mut seen = 0;
        for (text, builder, arg) in files {
            let mut options = Options {
                builder,
                ..Options::default()
            };
            if let Some((k, v)) = arg.split_once('=') {
                options.build_args.push((k.into(), v.into()));
            }
            let a = analyze(text, &options);
            let lines = crate::analysis::LineIndex::new(text);
            let line = |at| lines.line(at);
            let core = a.checks.summary(line);
            assert_eq!(check_summary(&en, &a.checks, line), core, "{text}");
            if let Some(k) = check_summary(&ko, &a.checks, line) {
                seen += 1;
                for english in [
                    "skipped",
                    "not reported",
                    "turned on",
                    "fails the build",
                    "no such rule",
                    "does not parse",
                    "build arg",
                    "on line",
                ] {
                    assert!(!k.contains(english), "{text}: {k}");
                }
            }
        }
        assert_eq!(seen, files.len());
    }
}
