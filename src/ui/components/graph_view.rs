//! The graph panel: injects the SVG of `graph_svg` (the one renderer), and handles clicks,
//! hover, keyboard, zoom, pan and fit by event delegation on `data-stage` attributes and a
//! transform on a wrapper.

use yew::prelude::*;

use crate::analysis::Analysis;
use crate::analysis::fixed::Fixed;

use crate::page::graph_svg::{
    GraphModel, GraphOptions, SVG_DEFS, SvgPieces, first_line, render_graph_pieces,
};
use crate::page::layout::{self, LayoutOptions};
use crate::page::share::Text;
use crate::ui::io;
use crate::ui::state::{Action, AnalysisRc, State, Zoom};

#[derive(Properties, PartialEq)]
pub struct GraphViewProps {
    pub analysis: AnalysisRc,
    pub text: Text,
    pub cursor_stage: Option<usize>,
    pub hovered: Option<usize>,
    pub zoom: Zoom,
    pub dispatch: UseReducerDispatcher<State>,
}

/// Below this scale, fitting stops shrinking and the graph is panned instead.
const MIN_FIT: f64 = 0.45;

#[function_component(GraphView)]
pub fn graph_view(props: &GraphViewProps) -> Html {
    let viewport = use_node_ref();
    let drag = use_mut_ref(|| None::<(i32, i32)>);
    // The model is rebuilt for every analysis, but laid out again only when the layout's
    // input (node sizes and edges) changed: most keystrokes change an instruction's text,
    // not the stages and their edges.
    let model = use_memo(props.analysis.clone(), |a| {
        let (model, drawn) = GraphModel::for_page(a);
        let input = model.layout_input();
        (model, input, drawn)
    });
    let layout = use_memo(model.1.clone(), |input| {
        layout::layout(input, &LayoutOptions::default())
    });
    // The SVG depends on the analysis only through the model, the layout, which stages
    // are built, the target and the stage count (see `render_graph_pieces`): a keystroke
    // that changes none of them renders nothing.
    let svg = {
        let a = props.analysis.clone();
        let plan = (
            props.analysis.plan.built.clone(),
            props.analysis.plan.target,
            props.analysis.stages.len(),
        );
        use_memo(
            (model.clone(), layout.clone(), plan, props.cursor_stage),
            move |(model, layout, _, cursor)| {
                let opts = GraphOptions {
                    cursor_stage: *cursor,
                    ..GraphOptions::default()
                };
                SvgView::new(render_graph_pieces(&a, &model.0, layout, &opts))
            },
        )
    };
    let (w, h) = (layout.width.max(120.0), layout.height.max(60.0));

    // Fit: when asked to, scale the graph to the viewport (never above 1:1).
    {
        let viewport = viewport.clone();
        let d = props.dispatch.clone();
        use_effect_with(
            (props.zoom.fit, props.zoom.serial, w as i64, h as i64),
            move |(fit, _, _, _)| {
                // Measured after the frame, so fitting never forces a synchronous layout
                // in the middle of a keystroke.
                let fit = *fit;
                let timer = io::after(0, move || {
                    if fit && let Some((cw, ch)) = io::element_size(&viewport) {
                        let scale = (cw / w).min(ch / h).clamp(MIN_FIT, 1.0);
                        let x = ((cw - w * scale) / 2.0).max(0.0);
                        let y = ((ch - h * scale) / 2.0).max(0.0);
                        d.dispatch(Action::Fitted(scale, x, y));
                    }
                });
                move || drop(timer)
            },
        );
    }

    let stage_of = |e: &Event| -> Option<usize> {
        io::closest_attr(e, "data-stage").and_then(|s| s.parse().ok())
    };
    let onclick = {
        let d = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(s) = stage_of(&e) {
                d.dispatch(Action::PickStage(s));
            }
        })
    };
    let onkeydown = {
        let d = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" | " " => {
                if let Some(s) = stage_of(&e) {
                    e.prevent_default();
                    d.dispatch(Action::PickStage(s));
                }
            }
            "+" | "=" => d.dispatch(Action::ZoomBy(1.25)),
            "-" => d.dispatch(Action::ZoomBy(0.8)),
            "0" => d.dispatch(Action::FitGraph),
            _ => {}
        })
    };
    let onhover = {
        let d = props.dispatch.clone();
        move |e: &Event| d.dispatch(Action::HoverStage(stage_of(e)))
    };
    let onmouseover = {
        let f = onhover.clone();
        Callback::from(move |e: MouseEvent| f(&e))
    };
    let onfocusin = {
        let f = onhover.clone();
        Callback::from(move |e: FocusEvent| f(&e))
    };
    let onmouseleave = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::HoverStage(None)))
    };
    let onwheel = {
        let d = props.dispatch.clone();
        Callback::from(move |e: WheelEvent| {
            if e.ctrl_key() || e.meta_key() {
                e.prevent_default();
                d.dispatch(Action::ZoomBy(if e.delta_y() < 0.0 { 1.1 } else { 0.9 }));
            }
        })
    };
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 && stage_of(&e).is_none() {
                *drag.borrow_mut() = Some((e.client_x(), e.client_y()));
            }
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let d = props.dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            let last = *drag.borrow();
            if let Some((x, y)) = last {
                if e.buttons() == 0 {
                    *drag.borrow_mut() = None;
                    return;
                }
                let (dx, dy) = (e.client_x() - x, e.client_y() - y);
                if dx != 0 || dy != 0 {
                    *drag.borrow_mut() = Some((e.client_x(), e.client_y()));
                    d.dispatch(Action::PanBy(dx as f64, dy as f64));
                }
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None)
    };
    let zoom_in = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ZoomBy(1.25)))
    };
    let zoom_out = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ZoomBy(0.8)))
    };
    let fit = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::FitGraph))
    };

    let z = props.zoom;
    let canvas_style = format!(
        "width:{}px;height:{}px;transform:translate({}px,{}px) scale({})",
        Fixed(w, 0),
        Fixed(h, 0),
        Fixed(z.x, 1),
        Fixed(z.y, 1),
        Fixed(z.scale, 3)
    );

    html! {
        <div class="graph-view">
            <div class="toolbar graph-toolbar">
                <div class="legend" aria-label="Legend">
                    <span class="lg lg-built">{ "built" }</span>
                    <span class="lg lg-skipped">{ "skipped" }</span>
                    <span class="lg lg-target">{ "target" }</span>
                    <span class="lg lg-image">{ "image" }</span>
                    <span class="lg-edge lg-from">{ "FROM" }</span>
                    <span class="lg-edge lg-copy">{ "COPY --from" }</span>
                    <span class="lg-edge lg-mount">{ "RUN --mount" }</span>
                </div>
                <div class="zoom-buttons" role="group" aria-label="Zoom">
                    <button type="button" class="icon-btn" onclick={zoom_out} aria-label="Zoom out" title="Zoom out (-)">{ "−" }</button>
                    <span class="zoom-level" aria-live="polite">{ format!("{}%", Fixed(z.scale * 100.0, 0)) }</span>
                    <button type="button" class="icon-btn" onclick={zoom_in} aria-label="Zoom in" title="Zoom in (+)">{ "+" }</button>
                    <button type="button" class="btn btn-small" onclick={fit} title="Fit to view (0)">{ "Fit" }</button>
                </div>
            </div>
            if let Some(drawn) = model.2 {
                <p class="graph-capped note" role="status">{ format!(
                    "This graph draws {drawn} of {} stages: the ones the target needs, nearest first, then \
                     the last of the file. The Plan tab lists every stage; Export draws the whole graph.",
                    props.analysis.stages.len()) }</p>
            }
            <div class="graph-viewport" ref={viewport} tabindex="-1"
                {onclick} {onkeydown} {onmouseover} {onfocusin} {onmouseleave} {onwheel}
                {onpointerdown} {onpointermove} {onpointerup}>
                <div class="graph-canvas" style={canvas_style}>
                    <svg class="stage-graph" viewBox={svg.view_box.clone()} width={svg.width.clone()}
                        height={svg.height.clone()} role="group" aria-label={svg.label.clone()}>
                        { Html::from_html_unchecked(AttrValue::Static(SVG_DEFS)) }
                        // Edges first, so nodes sit on top of them.
                        <g class="sp-edges">{ for svg.edges.iter().map(|e| Html::from_html_unchecked(e.clone())) }</g>
                        <g class="sp-nodes">{ for svg.nodes.iter().map(|n| Html::from_html_unchecked(n.clone())) }</g>
                    </svg>
                </div>
                { stage_card(&props.analysis, &props.text, props.hovered) }
            </div>
            <p class="hint-line">{ "Click a stage to build it as the target · drag to pan · Ctrl + wheel or +/− to zoom" }</p>
        </div>
    }
}

/// The graph's SVG as the page shows it: the root's attributes, and the edges and nodes
/// in groups of `GROUP`. Yew keeps every group whose markup did not change, so an edit
/// that changes one stage (its instruction count, its state) re-creates a few elements
/// instead of the whole graph, while a new graph is still inserted with a few calls.
#[derive(PartialEq)]
struct SvgView {
    view_box: AttrValue,
    width: AttrValue,
    height: AttrValue,
    label: AttrValue,
    edges: Vec<AttrValue>,
    nodes: Vec<AttrValue>,
}

const GROUP: usize = 8;

impl SvgView {
    fn new(p: SvgPieces) -> Self {
        let group = |pieces: &[String]| -> Vec<AttrValue> {
            pieces
                .chunks(GROUP)
                .map(|g| AttrValue::from(g.concat()))
                .collect()
        };
        SvgView {
            view_box: format!("0 0 {} {}", Fixed(p.width, 0), Fixed(p.height, 0)).into(),
            width: Fixed(p.width, 0).to_string().into(),
            height: Fixed(p.height, 0).to_string().into(),
            label: p.label.into(),
            edges: group(&p.edges),
            nodes: group(&p.nodes),
        }
    }
}

/// The hover card of a stage: its base and instructions.
fn stage_card(a: &Analysis, text: &str, hovered: Option<usize>) -> Html {
    let Some(stage) = hovered.and_then(|s| a.stages.get(s)) else {
        return html! {};
    };
    let state = if a.plan.target == Some(stage.index) {
        "target"
    } else if a.plan.built.contains(&stage.index) {
        "built"
    } else {
        "skipped"
    };
    let reason = a
        .plan
        .skipped
        .iter()
        .find(|s| s.stage == stage.index)
        .map(|s| s.reason.clone());
    let lines: Vec<String> = std::iter::once(stage.from_instruction)
        .chain(stage.instructions.iter().copied())
        .filter_map(|i| a.instructions.get(i))
        .take(12)
        .map(|i| first_line(i.span, text))
        .collect();
    let more = (stage.instructions.len() + 1).saturating_sub(12);
    html! {
        <div class="stage-card" role="status">
            <div class="stage-card-head">
                <strong>{ stage.display_name() }</strong>
                <span class={classes!("pill", format!("pill-{state}"))}>{ state }</span>
            </div>
            if let Some(r) = reason { <p class="muted">{ r }</p> }
            <ol class="stage-card-lines">
                { for lines.into_iter().map(|l| html! { <li><code>{ l }</code></li> }) }
            </ol>
            if more > 0 { <p class="muted">{ format!("… {more} more") }</p> }
        </div>
    }
}
