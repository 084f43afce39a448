//! The Final image panel: the target's filesystem as a tree with origin badges, what is left
//! behind, and the size summary. Every figure is an estimate and says so.

use yew::prelude::*;

use crate::analysis::LineIndex;
use crate::analysis::files::FileEntry;
use crate::analysis::files::images::human_size;
use crate::analysis::fixed::Fixed;
use crate::page::core_text::entry_note;
use crate::page::file_tree::{kind_class, kind_label, tree_rows};
use crate::page::plan::{failure_headline, no_image};
use crate::page::share::Text;
use crate::ui::messages::{Messages, use_messages};
use crate::ui::state::{Action, AnalysisRc, State};

use super::rich_text::rich_text;
use super::show_all::{LIST_CAP, show_all};

#[derive(Properties, PartialEq)]
pub struct ImageViewProps {
    pub analysis: AnalysisRc,
    pub text: Text,
    pub dispatch: UseReducerDispatcher<State>,
}

#[function_component(ImageView)]
pub fn image_view(props: &ImageViewProps) -> Html {
    let m = use_messages();
    let a = &props.analysis;
    let f = &a.files;
    // Long lists show LIST_CAP rows until asked for all (see show_all::LIST_CAP).
    let all = use_state(|| false);
    let limit = if *all { usize::MAX } else { LIST_CAP };
    let lines = LineIndex::new(&props.text);
    let stage_name = |s: usize| {
        a.stages
            .get(s)
            .map(|s| s.display_name())
            .unwrap_or_else(|| format!("stage-{s}"))
    };
    let origin = |e: &FileEntry| -> Html {
        let d = props.dispatch.clone();
        let span = e.provenance.span;
        let label = if e.provenance.instruction.is_some() {
            m.f(
                "origin-stage-line",
                &[
                    ("stage", stage_name(e.provenance.stage).as_str().into()),
                    ("line", lines.line(span.start).into()),
                ],
            )
        } else {
            stage_name(e.provenance.stage)
        };
        html! {
            <button type="button" class="origin" title={m.t("show-in-editor")}
                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::Reveal(span)))}>
                { label }
            </button>
        }
    };
    // A build that fails makes no image: say where, instead of a tree that never exists.
    if let (Some(f), Some(headline)) = (&a.plan.failure, failure_headline(&m, a, &a.plan)) {
        return html! {
            <div class="image-view">
                <section class="plan-failure" id="image-failure" data-failure-line={f.line.to_string()}>
                    <p class="plan-failure-head">{ no_image(&m, &a.plan).unwrap_or_default() }</p>
                    <p>{ rich_text(&headline) }</p>
                    <p class="plan-failure-msg" lang="en"><code class="rule-name">{ f.rule }</code>{ " " }{ f.message.clone() }</p>
                    { super::plan_view::buildkit_words_note(&m) }
                    { super::plan_view::show_line(&m, f, &props.dispatch) }
                </section>
            </div>
        };
    }
    let Some(target) = a.plan.target.and_then(|t| a.stages.get(t)) else {
        return html! { <div class="panel-empty">{ crate::page::plan::nothing_built(&m, a) }</div> };
    };

    let rows = tree_rows(&f.final_image.files);
    let base = match (&f.final_image.base, f.final_image.base_size) {
        (Some(b), Some(size)) => format!("{b} (≈ {})", human_size(size)),
        (Some(b), None) => m.f("image-base-size-unknown", &[("base", b.as_str().into())]),
        (None, _) => m.t("image-scratch"),
    };
    let size = &f.size;
    let summary = match (size.final_bytes, size.build_stage_bytes, size.build_stage) {
        (Some(fin), Some(build), Some(bs)) if build > 0 && bs != target.index => {
            let pct = 100.0 - (fin as f64 / build as f64 * 100.0);
            // "≈ 8.0 MB instead of ≈ 8.0 MB … no smaller" read as a contradiction: without a
            // saving, say so first.
            if pct >= 0.5 {
                html! { <p class="size-verdict">
                    { rich_text(&m.f("image-smaller", &[
                        ("final", human_size(fin).as_str().into()),
                        ("build", human_size(build).as_str().into()),
                        ("stage", stage_name(bs).as_str().into()),
                        ("percent", Fixed(pct, 0).to_string().as_str().into())])) }
                </p> }
            } else {
                html! { <p class="size-verdict">
                    { rich_text(&m.f("image-no-smaller", &[
                        ("final", human_size(fin).as_str().into()),
                        ("build", human_size(build).as_str().into()),
                        ("stage", stage_name(bs).as_str().into())])) }
                </p> }
            }
        }
        (Some(fin), _, _) => {
            html! { <p class="size-verdict">{ m.f("image-estimate", &[("final", human_size(fin).as_str().into())]) }</p> }
        }
        _ => html! { <p class="size-verdict muted">{ m.t("image-size-unknown") }</p> },
    };
    let max_origin = size
        .by_origin
        .iter()
        .map(|(_, b)| *b)
        .max()
        .unwrap_or(0)
        .max(1);

    html! {
        <div class="image-view">
            <section class="card">
                <h3>{ m.t("image-size") }{ " " }<span class="estimate">{ m.t("image-estimate-tag") }</span></h3>
                { summary }
                if !size.by_origin.is_empty() {
                    <ul class="bars">
                        { for size.by_origin.iter().take(limit).map(|(label, bytes)| {
                            let pct = (*bytes as f64 / max_origin as f64 * 100.0).max(1.0);
                            html! {
                                <li class="bar-row">
                                    <span class="bar-label">{ origin_label(&m, label) }</span>
                                    <span class="bar"><span class="bar-fill" style={format!("width:{}%", Fixed(pct, 1))} /></span>
                                    <span class="bar-value">{ format!("≈ {}", human_size(*bytes)) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                    { show_all(&m, size.by_origin.len().min(limit), size.by_origin.len(), &all, "list-layers") }
                }
            </section>
            <section class="card">
                <h3>{ rich_text(&m.f("image-final-of", &[("stage", target.display_name().as_str().into())])) }</h3>
                if f.context_inferred {
                    <p class="note">{ m.t("image-context-inferred") }</p>
                }
                if f.capped {
                    <p class="note capped-note" role="status">{ m.f("image-capped", &[("max", crate::analysis::files::MAX_PATHS.into())]) }</p>
                }
                <ul class="tree" role="tree" aria-label={m.t("image-tree")}>
                    <li class="tree-row tree-base" role="treeitem" aria-expanded="false">
                        <span class="tree-name">{ "/ " }<span class="muted">{ m.t("image-base-image") }{ " " }</span>{ base }</span>
                        <span class="badge k-base">{ m.t("kind-base") }</span>
                    </li>
                    { for rows.iter().take(limit).map(|r| {
                        let pad = format!("padding-left:{}px", 12 + r.depth * 16);
                        html! {
                            <li class={classes!("tree-row", r.is_dir.then_some("tree-dir"))} role="treeitem" style={pad}>
                                <span class="tree-name">{ r.name.clone() }</span>
                                if let Some(e) = r.entry {
                                    <span class={classes!("badge", kind_class(e.provenance.kind))}>{ m.t(&format!("kind-{}", kind_label(e.provenance.kind).replace(' ', "-"))) }</span>
                                    if let Some(s) = e.size { <span class="size">{ format!("≈ {}", human_size(s)) }</span> }
                                    { origin(e) }
                                    if let Some(n) = crate::analysis::files::unknown_note(e) {
                                        <span class="muted">{ entry_note(&m, n) }</span>
                                    }
                                }
                            </li>
                        }
                    }) }
                </ul>
                { show_all(&m, rows.len().min(limit), rows.len(), &all, "list-paths") }
                if rows.is_empty() {
                    <p class="muted">{ m.t("image-nothing-added") }</p>
                }
            </section>
            <section class="card">
                <h3>{ m.t("image-left-behind") }</h3>
                <p class="muted">{ m.t("image-left-behind-intro") }</p>
                if f.left_behind.is_empty() {
                    <p class="muted">{ m.t("image-left-behind-none") }</p>
                } else {
                    <ul class="left-behind">
                        { for f.left_behind.iter().take(limit).map(|e| html! {
                            <li>
                                <code class="path">{ e.path.clone() }</code>
                                <span class={classes!("badge", kind_class(e.provenance.kind))}>{ m.t(&format!("kind-{}", kind_label(e.provenance.kind).replace(' ', "-"))) }</span>
                                if let Some(s) = e.size { <span class="size">{ format!("≈ {}", human_size(s)) }</span> }
                                { origin(e) }
                            </li>
                        }) }
                    </ul>
                    { show_all(&m, f.left_behind.len().min(limit), f.left_behind.len(), &all, "list-left-behind") }
                }
            </section>
        </div>
    }
}

/// A size bar's label: the core's `base IMAGE` and `line N: INSTRUCTION` in the page's
/// language (the instruction stays as written).
fn origin_label(m: &Messages, label: &str) -> String {
    if let Some(image) = label.strip_prefix("base ") {
        return m.f("origin-base", &[("image", image.into())]);
    }
    if let Some((n, rest)) = label.strip_prefix("line ").and_then(|l| l.split_once(": "))
        && let Ok(n) = n.parse::<usize>()
    {
        return m.f("origin-line", &[("line", n.into()), ("label", rest.into())]);
    }
    label.to_string()
}
