//! The analysis core's own short sentences (a skipped stage's reason, a fix's title) in the
//! page's language. The core words them in English for the CLI and the JSON; the page knows
//! their few shapes and words them again with its messages. A shape it does not know stays as
//! the core wrote it (the test below runs every shape the core writes). BuildKit's error and
//! warning messages are never reworded: the page shows them as BuildKit prints them.

use super::i18n::Messages;
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

/// A step's note on what a FROM starts from (`files/sim.rs` of the core): the base image and
/// its estimated size, scratch, or the stage it starts from. Other notes stay as written.
pub fn effect_note(m: &Messages, note: &str) -> String {
    match note {
        "the base stage is not simulated" => return m.t("note-base-not-simulated"),
        "scratch: the empty filesystem" => return m.t("note-scratch"),
        _ => {}
    }
    if let Some(stage) = note
        .strip_prefix("starts from stage ")
        .and_then(|n| n.strip_suffix(" (its whole filesystem)"))
    {
        return m.f("note-starts-from-stage", &[("stage", stage.into())]);
    }
    if let Some((image, rest)) = note
        .strip_prefix("base image ")
        .and_then(|n| n.split_once(": "))
    {
        // The size label, then the catalogue's own notes after "; ", which stay as written.
        let (size, more) = rest
            .split_once("; ")
            .map_or((rest, None), |(s, m)| (s, Some(m)));
        let size = match size {
            "size unknown" => m.t("note-size-unknown"),
            s => match s
                .strip_prefix("≈ ")
                .and_then(|s| s.strip_suffix(" (estimate)"))
            {
                Some(n) => m.f("image-estimate", &[("final", n.into())]),
                None => s.to_string(),
            },
        };
        let base = m.f(
            "note-base-image",
            &[("image", image.into()), ("size", size.as_str().into())],
        );
        return match more {
            Some(more) => format!("{base}; {more}"),
            None => base,
        };
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

    /// The notes of a FROM the core writes, for each kind of base.
    #[test]
    fn the_notes_of_a_from_are_reworded() {
        let ko = korean();
        let text = "FROM golang:1.22 AS a\nFROM a AS b\nFROM scratch\nFROM nosuchimage\n";
        let a = analyze(text, &Options::default());
        let notes: Vec<String> = a
            .files
            .stages
            .iter()
            .flat_map(|s| s.effects.iter())
            .filter_map(|e| e.note.clone())
            .collect();
        assert!(notes.len() >= 4, "{notes:?}");
        for n in &notes {
            assert_ne!(effect_note(&ko, n), *n, "{n}");
        }
        assert_eq!(
            effect_note(&ko, "base image golang:1.22: ≈ 820 MB (estimate)"),
            "베이스 이미지 golang:1.22: ≈ 820 MB (추정)"
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
