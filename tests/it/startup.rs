//! What the page does with its URL at startup: a share link, a broken link, `?embed`.

use stageplay::analysis::Builder;
use stageplay::page::drafts::Reason;
use stageplay::page::embed::Pane;
use stageplay::page::share::{self, LinkError, ShareState, View};
use stageplay::ui::draft::{AfterChange, DraftGuard, Saver};
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
fn a_guard_reopened_on_a_state_takes_only_a_later_edit_for_a_change() {
    // A link set as the fragment of an open page (`hashchange`) may open the very state the
    // page shows, so no render follows; the reopened guard must still see the first edit.
    let s = state();
    let mut edited = s.clone();
    edited.dockerfile = format!("{}RUN true\n", edited.dockerfile).into();
    for st in [
        Startup::from_url(&link_of(&s), ""),
        Startup::from_url("", ""),
    ] {
        let mut guard = DraftGuard::opened_with(&s);
        assert_eq!(guard.decide(&st, &s), AfterChange::Nothing);
        assert_eq!(guard.decide(&st, &edited), AfterChange::Save);
        // A fresh guard instead takes the first state it sees, the edit, for the opening one.
        assert_eq!(
            DraftGuard::default().decide(&st, &edited),
            AfterChange::Nothing
        );
    }
}

#[test]
fn a_links_view_target_or_builder_change_stays_in_the_address_and_never_replaces_the_draft() {
    let s = state();
    let st = Startup::from_url(&link_of(&s), "");
    let mut guard = DraftGuard::default();
    assert_eq!(guard.decide(&st, &s), AfterChange::Nothing);
    let mut clicked = s.clone();
    clicked.view = View::Graph;
    assert_eq!(guard.decide(&st, &clicked), AfterChange::RewriteLink);
    clicked.target = Some("b".into());
    clicked.builder = Builder::BuildKit;
    assert_eq!(guard.decide(&st, &clicked), AfterChange::RewriteLink);
    // Back to the link's own view, the address is rewritten again rather than left behind.
    assert_eq!(guard.decide(&st, &s), AfterChange::RewriteLink);
    // Editing any text saves, from then on.
    let mut typed = clicked.clone();
    typed.build_args = "A=1".into();
    assert_eq!(guard.decide(&st, &typed), AfterChange::Save);
    assert_eq!(guard.decide(&st, &clicked), AfterChange::Save);
}

#[test]
fn without_a_link_a_view_change_is_saved_as_part_of_the_draft() {
    let st = Startup::from_url("", "");
    let s = state();
    let mut guard = DraftGuard::default();
    assert_eq!(guard.decide(&st, &s), AfterChange::Nothing);
    let mut clicked = s.clone();
    clicked.view = View::Plan;
    assert_eq!(guard.decide(&st, &clicked), AfterChange::Save);
}

#[test]
fn the_stored_draft_goes_to_history_unless_this_page_wrote_it() {
    let mut saver = Saver::default();
    assert_eq!(saver.keep_before_write(None, "FROM x\n"), None);
    assert_eq!(saver.keep_before_write(Some("FROM x\n"), "FROM x\n"), None);
    // Before this page writes, the stored draft is the user's: under a link, or the text
    // this session started from.
    assert_eq!(
        saver.keep_before_write(Some("FROM mine\n"), "FROM x\n"),
        Some(Reason::Replaced)
    );
    saver.wrote("FROM x\n".into());
    assert_eq!(saver.keep_before_write(Some("FROM x\n"), "FROM xy\n"), None);
    // Anything else in storage after that came from another tab.
    assert_eq!(
        saver.keep_before_write(Some("FROM theirs\n"), "FROM xy\n"),
        Some(Reason::OtherTab)
    );
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

#[test]
fn the_language_is_the_asked_one_then_the_saved_one_then_the_browsers() {
    use stageplay::page::lang::Lang::{En, Ko};
    use stageplay::ui::startup::initial_lang;
    assert_eq!(initial_lang(Some(Ko), Some(En), En), Ko);
    assert_eq!(initial_lang(None, Some(En), Ko), En);
    assert_eq!(initial_lang(None, None, Ko), Ko);
    // A link in Korean opens in Korean.
    let link = link_of(&ShareState {
        lang: Some(Ko),
        ..state()
    });
    let opened = Startup::from_url(&link, "");
    let page = stageplay::ui::startup::initial_state(&opened, None, None);
    assert_eq!(page.lang, Ko);
}
