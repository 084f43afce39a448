//! The note above the output views when the target cannot be built (an unnamed stage, a name
//! no stage has): why, and the one-click fix when there is one.

use yew::prelude::*;

use crate::page::plan::target_note;
use crate::ui::messages::use_messages;
use crate::ui::state::{Action, AnalysisRc, State};

use super::rich_text::rich_text;

#[derive(Properties, PartialEq)]
pub struct TargetNoticeProps {
    pub analysis: AnalysisRc,
    pub naming: Option<usize>,
    pub dispatch: UseReducerDispatcher<State>,
}

#[function_component(TargetNotice)]
pub fn target_notice(props: &TargetNoticeProps) -> Html {
    let m = use_messages();
    let Some(note) = target_note(&m, &props.analysis, props.naming) else {
        return html! {};
    };
    let fix = note.fix.map(|fix| {
        let d = props.dispatch.clone();
        let title = crate::page::core_text::fix_title(&m, &fix.title);
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::ApplyFix(fix.clone())));
        html! { <button type="button" class="btn btn-small" id="target-fix" {onclick}>{ rich_text(&title) }</button> }
    });
    let close = note.dismissable.then(|| {
        let d = props.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissNaming));
        html! { <button type="button" class="icon-btn" aria-label={m.t("close-note")} {onclick}>{ "×" }</button> }
    });
    html! {
        <div class="target-note" id="target-note" role="status">
            <p>{ rich_text(&note.message) }</p>
            { for fix }
            { for close }
        </div>
    }
}
