//! The analysis core's own short sentences (a skipped stage's reason, a fix's title) in the
//! page's language. The core words them in English for the CLI and the JSON; the page knows
//! their few shapes and words them again with its messages. A shape it does not know stays as
//! the core wrote it (the test below runs every shape the core writes). BuildKit's error and
//! warning messages are never reworded: the page shows them as BuildKit prints them.

use super::i18n::Messages;

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
}
