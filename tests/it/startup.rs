//! What the page does with its URL at startup: a share link, a broken link, `?embed`.

use stageplay::analysis::Builder;
use stageplay::page::embed::Pane;
use stageplay::page::share::{self, LinkError, ShareState, View};
use stageplay::ui::draft::DraftGuard;
use stageplay::ui::startup::Startup;

fn link_of(s: &ShareState) -> String {
    format!("#{}", share::encode(s).unwrap())
}

fn state() -> ShareState {
    ShareState {
        dockerfile: "FROM alpine AS a\nFROM a AS b\n".into(),
        target: Some("a".into()),
        builder: Builder::Legacy,
        view: View::Steps,
        ..ShareState::default()
    }
}

#[test]
fn a_plain_url_asks_for_nothing() {
    assert_eq!(Startup::from_url("", ""), Startup::default());
    assert_eq!(Startup::from_url("#how", "?x=1"), Startup::default());
}

#[test]
fn a_share_link_opens_its_state_and_is_not_saved_until_changed() {
    let s = state();
    let st = Startup::from_url(&link_of(&s), "");
    assert_eq!(st.share.as_ref(), Some(&s));
    assert_eq!(st.error, None);
    let mut guard = DraftGuard::default();
    assert!(!guard.should_save(&st, &s), "opening a link saves nothing");
    assert!(!guard.should_save(&st, &s), "nor does a re-render");
    let mut edited = s.clone();
    edited.dockerfile = format!("{}RUN true\n", edited.dockerfile).into();
    assert!(guard.should_save(&st, &edited));
    // Undoing the edit back to the link's state is saved too, or the draft keeps the edit.
    assert!(guard.should_save(&st, &s));
}

#[test]
fn a_broken_link_reports_its_error_and_opens_nothing() {
    let st = Startup::from_url("#v1.abc!", "");
    assert_eq!(st.share, None);
    assert_eq!(st.error, Some(LinkError::BadBase64 { position: 3 }));
}

#[test]
fn an_embed_applies_its_target_and_shows_a_chosen_view() {
    let st = Startup::from_url(&link_of(&state()), "?embed&view=editor,plan&target=b");
    let opts = st.embed.as_ref().unwrap();
    assert_eq!(opts.panes, vec![Pane::Editor, Pane::Plan]);
    let s = st.share.as_ref().unwrap();
    assert_eq!(s.target.as_deref(), Some("b"));
    assert_eq!(s.view, View::Plan);
    // An embed never writes the reader's draft, whatever it shows.
    let mut guard = DraftGuard::default();
    assert!(!guard.should_save(&st, s));
    assert!(!guard.should_save(&st, &ShareState::default()));
}

#[test]
fn an_embed_without_a_link_opens_nothing_from_the_url() {
    // The page then shows the default example (with the embed's target), never the draft.
    let st = Startup::from_url("", "?embed&target=build");
    assert_eq!(st.share, None);
    assert_eq!(st.embed.unwrap().target.as_deref(), Some("build"));
}
