//! The Problems view: every diagnostic with its line, the rule's explanation on demand, and
//! what the build check configuration (`# check=`) skipped.

use yew::prelude::*;

use crate::analysis::{LineIndex, Severity};
use crate::page::core_text::{self, fix_title};
use crate::page::lang::Lang;
use crate::page::reference::{SEMANTICS, buildkit_rule_url};
use crate::page::share::Text;
use crate::ui::messages::{Messages, use_messages};
use crate::ui::state::{Action, AnalysisRc, State};

use super::rich_text::rich_text;
use super::show_all::{LIST_CAP, show_all};

type Dispatch = UseReducerDispatcher<State>;

#[derive(Properties, PartialEq)]
pub struct ProblemsViewProps {
    pub analysis: AnalysisRc,
    pub text: Text,
    pub open_rule: Option<AttrValue>,
    pub dispatch: Dispatch,
}

/// The list of problems; a click shows the problem in the editor.
#[function_component(ProblemsView)]
pub fn problems_view(props: &ProblemsViewProps) -> Html {
    let m = use_messages();
    let a = &props.analysis;
    let all = use_state(|| false);
    let lines = LineIndex::new(&props.text);
    // What `# check=` (or the BUILDKIT_DOCKERFILE_CHECK build arg) skipped or turned on, so
    // a hidden warning is never silently missing.
    let checks = core_text::check_summary(&m, &a.checks, |at| lines.line(at)).map(|summary| {
        html! { <p class="checks-summary muted">{ rich_text(&summary) }</p> }
    });
    if a.diagnostics.is_empty() {
        return html! {
            <>
            <div class="panel-empty ok">{ m.t("problems-none") }</div>
            { for checks }
            </>
        };
    }
    let shown = a
        .diagnostics
        .len()
        .min(if *all { usize::MAX } else { LIST_CAP });
    html! {
        <>
        { for checks }
        if m.lang() != Lang::En {
            <p class="checks-summary muted buildkit-words">{ m.t("problems-in-english") }</p>
        }
        <ul class="problems">
            { for a.diagnostics.iter().take(shown).map(|d| {
                let line = lines.line(d.span.start);
                let span = d.span;
                let dispatch = props.dispatch.clone();
                let go = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Reveal(span)));
                let rule = d.rule.to_string();
                let open = props.open_rule.as_deref() == Some(d.rule);
                let dispatch = props.dispatch.clone();
                let toggle = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ToggleRule(rule.clone())));
                let sev = d.severity.as_str();
                // The one-click fix, applied in the editor as if typed (Ctrl+Z undoes it).
                let fix = d.fix.as_deref().map(|fix| {
                    let dispatch = props.dispatch.clone();
                    let (title, fix) = (fix_title(&m, &fix.title), fix.clone());
                    let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ApplyFix(fix.clone())));
                    html! { <button type="button" class="btn btn-small fix" {onclick}>{ rich_text(&title) }</button> }
                });
                html! {
                    <li class={classes!("problem", format!("sev-{sev}"))}>
                        <button type="button" class="problem-main" onclick={go} title={m.t("show-in-editor")}>
                            <span class={classes!("sev", format!("sev-badge-{sev}"))} aria-label={m.t(&format!("severity-{sev}"))}>{ match d.severity { Severity::Error => "✕", Severity::Warning => "!", Severity::Info => "i" } }</span>
                            <span class="problem-text">
                                <span class="problem-msg" lang="en">{ rich_text(&d.message) }</span>
                                <span class="problem-meta"><span class="rule">{ d.rule }</span>{ " · " }{ m.f("line-n", &[("line", line.into())]) }</span>
                            </span>
                        </button>
                        { for fix }
                        <button type="button" class="btn btn-small explain" aria-expanded={open.to_string()} onclick={toggle}>{ if open { m.t("problem-hide") } else { m.t("problem-explain") } }</button>
                        if open { { rule_explanation(&m, d.rule) } }
                    </li>
                }
            }) }
        </ul>
        { show_all(&m, shown, a.diagnostics.len(), &all, "list-problems") }
        </>
    }
}

/// The rule's explanation with its bad and good examples, from the core's registry.
fn rule_explanation(m: &Messages, rule: &str) -> Html {
    let Some(r) = crate::analysis::lint::rule(rule) else {
        return html! { <div class="rule-doc"><p>{ m.f("rule-unexplained", &[("rule", rule.into())]) }</p></div> };
    };
    html! {
        <div class="rule-doc">
            <p>{ rich_text(&m.t_or(&format!("rule-{}", r.name), r.explanation)) }</p>
            <div class="rule-examples">
                <div><span class="ex-label bad-label">{ m.t("rule-bad") }</span><pre class="bad"><code>{ r.bad }</code></pre></div>
                <div><span class="ex-label good-label">{ m.t("rule-good") }</span><pre class="good"><code>{ r.good }</code></pre></div>
            </div>
            if let Some((_, why)) = crate::analysis::lint::NOT_SIMULATED.iter().find(|(n, _)| *n == rule) {
                <p class="muted">{ m.f("rule-not-simulated", &[("why", m.t_or(&format!("not-simulated-{rule}"), why).as_str().into())]) }</p>
            }
            if r.buildkit {
                <p class="muted">{ m.f("rule-buildkit", &[("semantics", SEMANTICS.into())]) }{ " " }<a href={buildkit_rule_url(rule)} target="_blank" rel="noopener noreferrer">{ m.f("rule-docs-link", &[("rule", rule.into())]) }</a></p>
            } else {
                <p class="muted">{ m.t("rule-own") }</p>
            }
        </div>
    }
}
