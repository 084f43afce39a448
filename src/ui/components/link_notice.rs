//! The message shown for a share link that could not be opened, and each error's wording.

use yew::prelude::*;

use crate::page::share::{FieldProblem, JsonProblem, LinkError, MAX_DECODED_BYTES};
use crate::ui::messages::{Messages, use_messages};

#[derive(Properties, PartialEq)]
pub struct LinkNoticeProps {
    pub error: LinkError,
    pub on_close: Callback<MouseEvent>,
}

/// The message for a share link that could not be opened. The page behind it shows the saved
/// draft (or the default example), untouched.
#[function_component(LinkNotice)]
pub fn link_notice(props: &LinkNoticeProps) -> Html {
    let m = use_messages();
    html! {
        <div class="link-error" role="alert" id="link-error">
            <p>
                <strong>{ m.t("link-error-title") }</strong>{ " " }
                { link_error_text(&m, &props.error) }{ " " }
                { m.t("link-error-draft-kept") }
            </p>
            <button type="button" class="btn" onclick={props.on_close.clone()}>{ m.t("dismiss") }</button>
        </div>
    }
}

/// What is wrong with a link, in the page's language (`LinkError`'s `Display` is the CLI's
/// English; in English the two read the same, tested below).
pub fn link_error_text(m: &Messages, e: &LinkError) -> String {
    match e {
        LinkError::UnknownVersion(v) => m.f("link-error-version", &[("version", v.into())]),
        LinkError::BadBase64 { position } => {
            m.f("link-error-base64", &[("position", (position + 1).into())])
        }
        LinkError::Truncated => m.t("link-error-truncated"),
        LinkError::BadDeflate => m.t("link-error-deflate"),
        LinkError::TooLarge => m.f(
            "link-error-too-large",
            &[("kib", (MAX_DECODED_BYTES / 1024).into())],
        ),
        LinkError::BadJson(problem) => {
            let detail = json_problem_text(m, problem);
            m.f("link-error-json", &[("detail", detail.as_str().into())])
        }
        LinkError::BadField { field, reason } => {
            let field = m.t(&["link-field-", field].concat());
            let reason = field_problem_text(m, reason);
            m.f(
                "link-error-field",
                &[
                    ("field", field.as_str().into()),
                    ("reason", reason.as_str().into()),
                ],
            )
        }
    }
}

/// Why the JSON is not a state. serde's own message (an unknown field) stays in English: it
/// names the field as the link writes it.
fn json_problem_text(m: &Messages, p: &JsonProblem) -> String {
    match p {
        JsonProblem::EndsEarly => m.t("link-json-ends-early"),
        JsonProblem::Syntax { column } => m.f("link-json-syntax", &[("column", (*column).into())]),
        JsonProblem::Data(serde) => serde.clone(),
        JsonProblem::Unreadable => m.t("link-json-unreadable"),
    }
}

/// Why a field's value is refused.
fn field_problem_text(m: &Messages, p: &FieldProblem) -> String {
    match p {
        FieldProblem::Empty => m.t("link-reason-empty"),
        FieldProblem::TooLong { chars, max } => m.f(
            "link-reason-too-long",
            &[("chars", (*chars).into()), ("max", (*max).into())],
        ),
        FieldProblem::ControlCharacter => m.t("link-reason-control"),
        FieldProblem::NotABuilder { value } => {
            m.f("link-reason-not-a-builder", &[("value", value.into())])
        }
        FieldProblem::NotAView { value, views } => m.f(
            "link-reason-not-a-view",
            &[("value", value.into()), ("views", views.into())],
        ),
        FieldProblem::NoStepNumber => m.t("link-reason-no-step"),
        FieldProblem::NotALessonId { value } => {
            m.f("link-reason-not-a-lesson", &[("value", value.into())])
        }
        FieldProblem::NotAStepNumber { value, max } => m.f(
            "link-reason-not-a-step",
            &[("value", value.into()), ("max", (*max).into())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::page::i18n::Catalog;
    use crate::page::lang::Lang;
    use crate::page::share::{self, ShareState};

    fn korean() -> Messages {
        let (c, _) = Catalog::parse(include_str!("../../../static/i18n/ko.ftl"));
        Messages::new(Lang::Ko, Some(Rc::new(c)))
    }

    /// Every error a link can have, made by decoding broken links and by the codec's own
    /// checks, so that each wording is one the codec really writes.
    fn every_error() -> Vec<LinkError> {
        let json = |j: &str| share::from_json(j.as_bytes()).err();
        let lesson = |l: &str| {
            share::encode(&ShareState {
                lesson: Some(share::LessonStep {
                    lesson: l.into(),
                    step: 0,
                }),
                ..ShareState::default()
            })
            .err()
        };
        let mut errors: Vec<LinkError> = [
            share::decode("v9.abc").err(),
            share::decode("v1.a*c").err(),
            share::decode("v1.").err(),
            share::decode("v1.AAAA").err(),
            json(r#"{"dockerfile":"#),
            json("{]"),
            json(r#"{"colour":1}"#),
            json(r#"{"builder":"docker"}"#),
            json(r#"{"view":"everything"}"#),
            json(r#"{"target":""}"#),
            json(&format!(r#"{{"target":"{}"}}"#, "x".repeat(200))),
            json(r#"{"target":"a\nb"}"#),
            json(r#"{"lesson":"args"}"#),
            json(r#"{"lesson":"Args/1"}"#),
            json(r#"{"lesson":"args/0"}"#),
            lesson("NO"),
        ]
        .into_iter()
        .flatten()
        .collect();
        errors.push(LinkError::TooLarge);
        errors.push(LinkError::BadJson(JsonProblem::Unreadable));
        errors
    }

    /// In English the page says what the CLI says; in Korean the reasons are Korean too
    /// (only serde's own message about an unknown field stays English).
    #[test]
    fn every_link_error_is_the_clis_in_english_and_korean_in_korean() {
        let en = Messages::english();
        let ko = korean();
        let errors = every_error();
        assert!(errors.len() >= 17, "{errors:?}");
        for e in &errors {
            assert_eq!(link_error_text(&en, e), e.to_string());
            let mut k = link_error_text(&ko, e);
            match e {
                LinkError::BadJson(JsonProblem::Data(_)) => continue,
                // The page's view names are the link's own words.
                LinkError::BadField {
                    reason: FieldProblem::NotAView { views, .. },
                    ..
                } => k = k.replace(views.as_str(), ""),
                _ => {}
            }
            for word in [
                "is ",
                "it ",
                "invalid",
                "empty",
                "characters",
                "control",
                "neither",
                "one of",
                "step",
                "lesson",
                "target",
                "view",
                "builder",
                "column",
                "early",
                "read",
            ] {
                assert!(!k.contains(word), "{e} → {k}");
            }
        }
    }
}
