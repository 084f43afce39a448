//! The Final image panel: the target's filesystem as a tree with origin badges, what is left
//! behind, and the size summary. Every figure is an estimate and says so.

use yew::prelude::*;

use crate::analysis::LineIndex;
use crate::analysis::files::FileEntry;
use crate::analysis::files::images::human_size;
use crate::analysis::fixed::Fixed;
use crate::page::file_tree::{kind_class, kind_label, tree_rows};
use crate::page::plan::{failure_headline, no_image};
use crate::page::share::Text;
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
            format!(
                "{} · line {}",
                stage_name(e.provenance.stage),
                lines.line(span.start)
            )
        } else {
            stage_name(e.provenance.stage)
        };
        html! {
            <button type="button" class="origin" title="Show in the editor"
                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::Reveal(span)))}>
                { label }
            </button>
        }
    };
    // A build that fails makes no image: say where, instead of a tree that never exists.
    if let (Some(f), Some(headline)) = (&a.plan.failure, failure_headline(a, &a.plan)) {
        return html! {
            <div class="image-view">
                <section class="plan-failure" id="image-failure" data-failure-line={f.line.to_string()}>
                    <p class="plan-failure-head">{ no_image(&a.plan).unwrap_or_default() }</p>
                    <p>{ rich_text(&headline) }</p>
                    <p class="plan-failure-msg"><code class="rule-name">{ f.rule }</code>{ " " }{ f.message.clone() }</p>
                    { super::plan_view::show_line(f, &props.dispatch) }
                </section>
            </div>
        };
    }
    let Some(target) = a.plan.target.and_then(|t| a.stages.get(t)) else {
        return html! { <div class="panel-empty">{ crate::page::plan::nothing_built(a) }</div> };
    };

    let rows = tree_rows(&f.final_image.files);
    let base = match (&f.final_image.base, f.final_image.base_size) {
        (Some(b), Some(size)) => format!("{b} (≈ {})", human_size(size)),
        (Some(b), None) => format!("{b} (size unknown)"),
        (None, _) => "scratch (empty)".to_string(),
    };
    let size = &f.size;
    let summary = match (size.final_bytes, size.build_stage_bytes, size.build_stage) {
        (Some(fin), Some(build), Some(bs)) if build > 0 && bs != target.index => {
            let pct = 100.0 - (fin as f64 / build as f64 * 100.0);
            // "≈ 8.0 MB instead of ≈ 8.0 MB … no smaller" read as a contradiction: without a
            // saving, say so first.
            if pct >= 0.5 {
                html! { <p class="size-verdict">
                    { format!("≈ {} instead of ≈ {} if you shipped ", human_size(fin), human_size(build)) }
                    <code>{ stage_name(bs) }</code>{ format!(": {} % smaller", Fixed(pct, 0)) }
                </p> }
            } else {
                html! { <p class="size-verdict">
                    { format!("≈ {}: no smaller than shipping ", human_size(fin)) }
                    <code>{ stage_name(bs) }</code>{ format!(" (≈ {})", human_size(build)) }
                </p> }
            }
        }
        (Some(fin), _, _) => {
            html! { <p class="size-verdict">{ format!("≈ {} (estimate)", human_size(fin)) }</p> }
        }
        _ => html! { <p class="size-verdict muted">{ "Size unknown for this base." }</p> },
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
                <h3>{ "Size " }<span class="estimate">{ "estimate" }</span></h3>
                { summary }
                if !size.by_origin.is_empty() {
                    <ul class="bars">
                        { for size.by_origin.iter().take(limit).map(|(label, bytes)| {
                            let pct = (*bytes as f64 / max_origin as f64 * 100.0).max(1.0);
                            html! {
                                <li class="bar-row">
                                    <span class="bar-label">{ label.clone() }</span>
                                    <span class="bar"><span class="bar-fill" style={format!("width:{}%", Fixed(pct, 1))} /></span>
                                    <span class="bar-value">{ format!("≈ {}", human_size(*bytes)) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                    { show_all(size.by_origin.len().min(limit), size.by_origin.len(), &all, "layers") }
                }
            </section>
            <section class="card">
                <h3>{ "Final image of " }<code>{ target.display_name() }</code></h3>
                if f.context_inferred {
                    <p class="note">{ "No build context was given: Stageplay inferred one from the COPY and ADD sources." }</p>
                }
                if f.capped {
                    <p class="note capped-note" role="status">{ format!(
                        "The simulation stopped adding paths after {} (each stage built FROM another counts the paths it inherits): \
                         these lists are incomplete.", crate::analysis::files::MAX_PATHS) }</p>
                }
                <ul class="tree" role="tree" aria-label="Files in the final image">
                    <li class="tree-row tree-base" role="treeitem" aria-expanded="false">
                        <span class="tree-name">{ "/ " }<span class="muted">{ "base image " }</span>{ base }</span>
                        <span class="badge k-base">{ "base" }</span>
                    </li>
                    { for rows.iter().take(limit).map(|r| {
                        let pad = format!("padding-left:{}px", 12 + r.depth * 16);
                        html! {
                            <li class={classes!("tree-row", r.is_dir.then_some("tree-dir"))} role="treeitem" style={pad}>
                                <span class="tree-name">{ r.name.clone() }</span>
                                if let Some(e) = r.entry {
                                    <span class={classes!("badge", kind_class(e.provenance.kind))}>{ kind_label(e.provenance.kind) }</span>
                                    if let Some(s) = e.size { <span class="size">{ format!("≈ {}", human_size(s)) }</span> }
                                    { origin(e) }
                                    if let Some(n) = crate::analysis::files::unknown_note(e) {
                                        <span class="muted">{ n.to_string() }</span>
                                    }
                                }
                            </li>
                        }
                    }) }
                </ul>
                { show_all(rows.len().min(limit), rows.len(), &all, "paths") }
                if rows.is_empty() {
                    <p class="muted">{ "Nothing is added on top of the base image." }</p>
                }
            </section>
            <section class="card">
                <h3>{ "Left behind" }</h3>
                <p class="muted">{ "Produced by the stages that are built, but not in the final image." }</p>
                if f.left_behind.is_empty() {
                    <p class="muted">{ "Nothing: every built file reaches the image." }</p>
                } else {
                    <ul class="left-behind">
                        { for f.left_behind.iter().take(limit).map(|e| html! {
                            <li>
                                <code class="path">{ e.path.clone() }</code>
                                <span class={classes!("badge", kind_class(e.provenance.kind))}>{ kind_label(e.provenance.kind) }</span>
                                if let Some(s) = e.size { <span class="size">{ format!("≈ {}", human_size(s)) }</span> }
                                { origin(e) }
                            </li>
                        }) }
                    </ul>
                    { show_all(f.left_behind.len().min(limit), f.left_behind.len(), &all, "left-behind paths") }
                }
            </section>
        </div>
    }
}
