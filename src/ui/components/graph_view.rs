//! The graph panel: injects the SVG of `graph_svg` (the one renderer), and handles clicks,
//! hover, keyboard, zoom, pan, fit, search and focus by event delegation on `data-stage`
//! attributes and a transform on a wrapper. The maths is `page::viewport`'s; this file
//! measures and renders.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::Analysis;
use crate::analysis::fixed::Fixed;

use crate::page::core_text::skip_reason;
use crate::page::graph_search::{find_stages, needs, node_of_stage};
use crate::page::graph_svg::{
    GraphModel, GraphNode, GraphNodeKind, GraphOptions, PieceWriter, SVG_DEFS, first_line,
    groups_to_update,
};
use crate::page::layout::{self, Layout, LayoutOptions};
use crate::page::share::Text;
use crate::page::viewport::{self, Rect};
use crate::ui::io;
use crate::ui::messages::{Messages, use_messages};
use crate::ui::state::{Action, AnalysisRc, State, Zoom};

use super::rich_text::rich_text;

#[derive(Properties, PartialEq)]
pub struct GraphViewProps {
    pub analysis: AnalysisRc,
    pub text: Text,
    pub cursor_stage: Option<usize>,
    pub hovered: Option<usize>,
    pub zoom: Zoom,
    pub dispatch: UseReducerDispatcher<State>,
}

/// Past this many stages, a new analysis reaches the graph a task after the rest of the
/// page (moby's file has 59).
const LATE_STAGES: usize = 500;
/// One step of the zoom buttons and keys, and of the wheel.
const ZOOM_STEP: f64 = 1.25;
const WHEEL_STEP: f64 = 1.1;
/// How far an arrow key pans, in viewport pixels.
const ARROW_PAN: f64 = 60.0;

/// A node's box as the viewport maths takes it.
fn rect_of(layout: &Layout, node: usize) -> Option<Rect> {
    layout.nodes.get(node).map(|b| Rect {
        x: b.x,
        y: b.y,
        w: b.w,
        h: b.h,
    })
}

#[function_component(GraphView)]
pub fn graph_view(props: &GraphViewProps) -> Html {
    let viewport = use_node_ref();
    // The pointers down on the background: one drags, two pinch.
    let pointers = use_mut_ref(Vec::<(i32, f64, f64)>::new);
    let query = use_state(String::new);
    // The node the search shows, among the matches.
    let found = use_state(|| None::<usize>);
    // The focused node: the graph dims what it does not need.
    let focus = use_state(|| None::<usize>);
    // The model is rebuilt for every analysis, but laid out again only when the layout's
    // input (node sizes and edges) changed: most keystrokes change an instruction's text,
    // not the stages and their edges.
    let m = use_messages();
    // The analysis the graph shows. A new one of a large file is drawn a task after the
    // rest of the page has rendered it: its model, layout and first pieces were the
    // largest part of that render, one task of 60-90 ms for 2,060 stages.
    let shown = use_mut_ref(|| props.analysis.clone());
    // Both the late analysis and the graph's steps (below) render again from a timer.
    let redraw = use_force_update();
    let late = cfg!(target_arch = "wasm32")
        && props.analysis.stages.len() > LATE_STAGES
        && *shown.borrow() != props.analysis;
    if !late {
        *shown.borrow_mut() = props.analysis.clone();
    }
    {
        let (shown, redraw) = (shown.clone(), redraw.clone());
        use_effect_with((props.analysis.clone(), late), move |(a, late)| {
            let a = a.clone();
            let timer = late.then(|| {
                io::after(0, move || {
                    *shown.borrow_mut() = a;
                    redraw.force_update();
                })
            });
            move || drop(timer)
        });
    }
    let analysis = shown.borrow().clone();
    let model = use_memo((analysis.clone(), m.clone()), |(a, m)| {
        let (model, drawn) = GraphModel::for_page(a, m);
        let input = model.layout_input();
        (model, input, drawn)
    });
    let layout = use_memo(model.1.clone(), |input| {
        layout::layout(input, &LayoutOptions::default())
    });
    let stage_of_node = |n: Option<usize>| match n.and_then(|n| model.0.nodes.get(n)) {
        Some(GraphNode {
            kind: GraphNodeKind::Stage(s),
            ..
        }) => Some(*s),
        _ => None,
    };
    let found_stage = stage_of_node(*found);
    // The SVG depends on the analysis only through the model, the layout, which stages
    // are built, the target, the stage that fails and the stage count (`PlanKey`, see
    // `PieceWriter`): a keystroke that changes none of them renders nothing.
    // The view before this one: what a moved caret leaves unchanged is taken from it.
    let previous = use_mut_ref(|| None::<Rc<SvgView>>);
    let svg = {
        let (a, messages, previous) = (analysis.clone(), m.clone(), previous.clone());
        let plan: PlanKey = (
            analysis.plan.built.clone(),
            analysis.plan.target,
            analysis.plan.failure.as_ref().map(|f| f.stage),
            analysis.stages.len(),
        );
        use_memo(
            (
                model.clone(),
                layout.clone(),
                plan,
                (props.cursor_stage, found_stage, *focus),
            ),
            move |(model, layout, plan, (cursor, found, focus))| {
                let opts = GraphOptions {
                    cursor_stage: *cursor,
                    found_stage: *found,
                    focus: focus.map(|n| needs(&model.0, n)).unwrap_or_default(),
                    messages: messages.clone(),
                    ..GraphOptions::default()
                };
                let before = previous.borrow().clone();
                let source = (a.clone(), model.clone(), layout.clone(), plan.clone(), opts);
                SvgView::new(source, before.as_deref())
            },
        )
    };
    *previous.borrow_mut() = Some(svg.clone());
    // What the graph shows: a large graph is drawn, and rewritten by an edit, a few groups
    // per task (`groups_to_update`); a task after this render writes more until it is whole.
    let shown = use_mut_ref(Shown::default);
    // Natively (the SSR tests) no timer runs: the whole graph is drawn at once.
    let fresh = shown.borrow_mut().show(&svg, cfg!(target_arch = "wasm32"));
    {
        let total = svg.node_groups + svg.edge_groups;
        use_effect_with((svg.clone(), fresh), move |(_, fresh)| {
            let step = (*fresh < total).then(|| io::after(0, move || redraw.force_update()));
            move || drop(step)
        });
    }
    // Busy while the graph is behind the page's analysis or not yet drawn whole.
    let busy = late || fresh < svg.node_groups + svg.edge_groups;
    let (node_groups, edge_groups) = {
        let shown = shown.borrow();
        (shown.nodes.clone(), shown.edges.clone())
    };
    let (w, h) = (layout.width.max(120.0), layout.height.max(60.0));
    // The latest view, for callbacks and effects that must not re-run on every pan.
    let view = use_mut_ref(|| props.zoom.view());
    *view.borrow_mut() = props.zoom.view();

    // The viewport's size as a ResizeObserver last reported it (`None` before its first
    // layout). Reading `clientWidth` when it is needed made the browser lay the page out
    // in the middle of a task: 13 ms in a large graph's drawing steps, which change the
    // page just before. The observer reads it when the browser has laid the page out anyway.
    let size = use_mut_ref(|| None::<(f64, f64)>);
    // The graph's size while it is fitted: a viewport that settles or changes size later
    // (the panes laid out, the window resized) fits it again.
    let fitting = use_mut_ref(|| None::<(f64, f64)>);
    *fitting.borrow_mut() = props.zoom.fit.then_some((w, h));
    {
        let (viewport, size, fitting) = (viewport.clone(), size.clone(), fitting.clone());
        let d = props.dispatch.clone();
        use_effect_with((), move |_| {
            let observed = viewport.clone();
            let resized = io::on_resize(&observed, move || {
                let now = io::element_size(&viewport);
                *size.borrow_mut() = now;
                if let (Some(graph), Some(now)) = (*fitting.borrow(), now) {
                    let v = viewport::fit(graph, now);
                    d.dispatch(Action::Fitted(v.scale, v.dx, v.dy));
                }
            });
            move || drop(resized)
        });
    }
    // Fit: when asked to, show the whole graph (never above 1:1), a task after the render.
    {
        let size = size.clone();
        let d = props.dispatch.clone();
        use_effect_with(
            (props.zoom.fit, props.zoom.serial, w as i64, h as i64),
            move |(fit, _, _, _)| {
                let timer = fit.then(|| {
                    io::after(0, move || {
                        if let Some(now) = *size.borrow() {
                            let v = viewport::fit((w, h), now);
                            d.dispatch(Action::Fitted(v.scale, v.dx, v.dy));
                        }
                    })
                });
                move || drop(timer)
            },
        );
    }
    // Moves the view to show `node`, to the view `next` computes from the current one, the
    // node's box and the viewport's size (page/viewport.rs); `None` leaves the view (and a
    // fit) as it is.
    let move_to_node = {
        let size = size.clone();
        let layout = layout.clone();
        let view = view.clone();
        let d = props.dispatch.clone();
        move |node: usize,
              next: fn(viewport::View, viewport::Rect, (f64, f64)) -> Option<viewport::View>| {
            if let (Some(r), Some(size)) = (rect_of(&layout, node), *size.borrow())
                && let Some(to) = next(*view.borrow(), r, size)
            {
                d.dispatch(Action::ShowView(to));
            }
        }
    };
    // Moves the view so that `node` is in sight: `reveal` pans only when it is not.
    let bring_into_view = {
        let move_to = move_to_node.clone();
        move |node: usize| {
            move_to(node, |now, r, size| {
                Some(viewport::reveal(now, r, size)).filter(|to| *to != now)
            })
        }
    };
    // Follow the editor's cursor: the stage it is in comes into view. Not at load (the
    // cursor starts in the first stage; the whole graph is shown then), and not while the
    // graph is fitted: every stage is in view then, and panning before the fit is measured
    // would cancel it.
    {
        let loaded = use_mut_ref(|| false);
        let node = props.cursor_stage.and_then(|s| node_of_stage(&model.0, s));
        let bring = bring_into_view.clone();
        let fitted = props.zoom.fit;
        use_effect_with(props.cursor_stage, move |_| {
            // After the frame, as the fit: measuring the viewport now would make the
            // browser lay out the page in the middle of the render.
            let timer = (std::mem::replace(&mut *loaded.borrow_mut(), true) && !fitted)
                .then_some(node)
                .flatten()
                .map(|n| io::after(0, move || bring(n)));
            move || drop(timer)
        });
    }

    // The centre of the viewport, for the zoom buttons and keys.
    let centre = {
        let size = size.clone();
        move || {
            size.borrow()
                .map(|(cw, ch)| (cw / 2.0, ch / 2.0))
                .unwrap_or((0.0, 0.0))
        }
    };
    // Shows a searched or focused node: centred, at a readable scale.
    let show_node = move |node: usize| {
        move_to_node(node, |now, r, size| {
            let readable = viewport::View {
                scale: now.scale.max(1.0),
                ..now
            };
            Some(viewport::center_on(readable, r, size))
        })
    };
    // Focuses `node`: dims what it does not need and shows the rest whole.
    let focus_on = {
        let size = size.clone();
        let layout = layout.clone();
        let model = model.clone();
        let focus = focus.clone();
        let d = props.dispatch.clone();
        move |node: usize| {
            let need = needs(&model.0, node);
            let boxes = need
                .iter()
                .enumerate()
                .filter(|&(_, &k)| k)
                .filter_map(|(i, _)| rect_of(&layout, i));
            if let (Some(r), Some(size)) = (viewport::bounds(boxes), *size.borrow()) {
                d.dispatch(Action::ShowView(viewport::show(r, size)));
            }
            focus.set(Some(node));
        }
    };
    let unfocus = {
        let focus = focus.clone();
        let d = props.dispatch.clone();
        move || {
            focus.set(None);
            d.dispatch(Action::FitGraph);
        }
    };

    let stage_of = |e: &Event| -> Option<usize> {
        io::closest_attr(e, "data-stage").and_then(|s| s.parse().ok())
    };
    // A key on a stage may re-create its markup (a new target, dimming): the focus goes
    // back to it after the render.
    let keep_focus = |s: usize| {
        io::soon(move || io::focus_selector(&format!("svg.stage-graph [data-stage=\"{s}\"]")))
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
        let centre = centre.clone();
        let focus_on = focus_on.clone();
        let unfocus = unfocus.clone();
        let model = model.clone();
        let focused = *focus;
        Callback::from(move |e: KeyboardEvent| {
            let pan = |dx: f64, dy: f64| {
                e.prevent_default();
                d.dispatch(Action::PanBy(dx, dy));
            };
            match e.key().as_str() {
                "Enter" | " " => {
                    if let Some(s) = stage_of(&e) {
                        e.prevent_default();
                        d.dispatch(Action::PickStage(s));
                        keep_focus(s);
                    }
                }
                "f" | "F" => {
                    if let Some(s) = stage_of(&e)
                        && let Some(n) = node_of_stage(&model.0, s)
                    {
                        focus_on(n);
                        keep_focus(s);
                    }
                }
                "Escape" if focused.is_some() => {
                    unfocus();
                    if let Some(s) = stage_of(&e) {
                        keep_focus(s);
                    }
                }
                "+" | "=" => d.dispatch(Action::ZoomAt(ZOOM_STEP, centre())),
                "-" => d.dispatch(Action::ZoomAt(1.0 / ZOOM_STEP, centre())),
                "0" => d.dispatch(Action::FitGraph),
                "ArrowLeft" => pan(ARROW_PAN, 0.0),
                "ArrowRight" => pan(-ARROW_PAN, 0.0),
                "ArrowUp" => pan(0.0, ARROW_PAN),
                "ArrowDown" => pan(0.0, -ARROW_PAN),
                _ => {}
            }
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
        let model = model.clone();
        let bring = bring_into_view.clone();
        // A stage reached with Tab comes into view, so a keyboard can walk a big graph.
        Callback::from(move |e: FocusEvent| {
            f(&e);
            if let Some(n) = stage_of(&e).and_then(|s| node_of_stage(&model.0, s)) {
                bring(n);
            }
        })
    };
    let onmouseleave = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::HoverStage(None)))
    };
    let onwheel = {
        let d = props.dispatch.clone();
        let viewport = viewport.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            // Lines (Firefox) and pages, in pixels.
            let unit = match e.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let (dx, dy) = (e.delta_x() * unit, e.delta_y() * unit);
            if e.ctrl_key() || e.meta_key() {
                // A pinch on a touchpad arrives as a wheel with Ctrl.
                let at = io::pointer_in(&e, &viewport).unwrap_or((0.0, 0.0));
                let factor = if dy < 0.0 {
                    WHEEL_STEP
                } else {
                    1.0 / WHEEL_STEP
                };
                d.dispatch(Action::ZoomAt(factor, at));
            } else if e.shift_key() && dx == 0.0 {
                d.dispatch(Action::PanBy(-dy, 0.0));
            } else {
                d.dispatch(Action::PanBy(-dx, -dy));
            }
        })
    };
    let onpointerdown = {
        let pointers = pointers.clone();
        let viewport = viewport.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0
                && stage_of(&e).is_none()
                && let Some((x, y)) = io::pointer_in(&e, &viewport)
            {
                let mut p = pointers.borrow_mut();
                p.retain(|&(id, _, _)| id != e.pointer_id());
                p.push((e.pointer_id(), x, y));
            }
        })
    };
    let onpointermove = {
        let pointers = pointers.clone();
        let viewport = viewport.clone();
        let d = props.dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            let mut p = pointers.borrow_mut();
            if e.buttons() == 0 {
                p.clear();
                return;
            }
            let Some((x, y)) = io::pointer_in(&e, &viewport) else {
                return;
            };
            let Some(k) = p.iter().position(|&(id, _, _)| id == e.pointer_id()) else {
                return;
            };
            let before = p.clone();
            p[k] = (e.pointer_id(), x, y);
            match (before.as_slice(), p.as_slice()) {
                ([a], _) if (x, y) != (a.1, a.2) => {
                    d.dispatch(Action::PanBy(x - a.1, y - a.2));
                }
                ([a0, b0, ..], [a1, b1, ..]) => {
                    // Two fingers: zoom by the change of their distance around their
                    // middle, and pan by the middle's move.
                    let dist =
                        |a: &(i32, f64, f64), b: &(i32, f64, f64)| (a.1 - b.1).hypot(a.2 - b.2);
                    let mid0 = ((a0.1 + b0.1) / 2.0, (a0.2 + b0.2) / 2.0);
                    let mid1 = ((a1.1 + b1.1) / 2.0, (a1.2 + b1.2) / 2.0);
                    if dist(a0, b0) > 1.0 {
                        d.dispatch(Action::ZoomAt(dist(a1, b1) / dist(a0, b0), mid0));
                    }
                    d.dispatch(Action::PanBy(mid1.0 - mid0.0, mid1.1 - mid0.1));
                }
                _ => {}
            }
        })
    };
    let onpointerup = {
        let pointers = pointers.clone();
        Callback::from(move |e: PointerEvent| {
            pointers
                .borrow_mut()
                .retain(|&(id, _, _)| id != e.pointer_id())
        })
    };
    let zoom_in = {
        let d = props.dispatch.clone();
        let centre = centre.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ZoomAt(ZOOM_STEP, centre())))
    };
    let zoom_out = {
        let d = props.dispatch.clone();
        let centre = centre.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ZoomAt(1.0 / ZOOM_STEP, centre())))
    };
    let fit = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::FitGraph))
    };

    // Search: every input shows the best match; Enter shows the next one; Escape clears.
    let matches = find_stages(&model.0, &query);
    let oninput = {
        let query = query.clone();
        let found = found.clone();
        let model = model.clone();
        let show_node = show_node.clone();
        Callback::from(move |e: InputEvent| {
            let q = io::event_value(&e).unwrap_or_default();
            let first = find_stages(&model.0, &q).first().copied();
            if let Some(n) = first {
                show_node(n);
            }
            found.set(first);
            query.set(q);
        })
    };
    let onsearchkey = {
        let query = query.clone();
        let found = found.clone();
        let matches = matches.clone();
        let show_node = show_node.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" if !matches.is_empty() => {
                e.prevent_default();
                let at = found
                    .and_then(|n| matches.iter().position(|&m| m == n))
                    .map_or(0, |k| {
                        (k + if e.shift_key() { matches.len() - 1 } else { 1 }) % matches.len()
                    });
                show_node(matches[at]);
                found.set(Some(matches[at]));
            }
            "Escape" if !query.is_empty() => {
                e.prevent_default();
                e.stop_propagation();
                query.set(String::new());
                found.set(None);
            }
            _ => {}
        })
    };
    let search_status = match (query.trim().is_empty(), matches.len()) {
        (true, _) => String::new(),
        (false, 0) => m.t("graph-find-none"),
        (false, n) => {
            let k = found
                .and_then(|f| matches.iter().position(|&m| m == f))
                .unwrap_or(0);
            m.f(
                "graph-find-count",
                &[("k", (k + 1).into()), ("n", n.into())],
            )
        }
    };
    // The Focus button acts on the stage the search found, else the cursor's stage.
    let candidate = found
        .or_else(|| props.cursor_stage.and_then(|s| node_of_stage(&model.0, s)))
        .filter(|&n| n < model.0.nodes.len());
    let name_of = |n: usize| {
        model
            .0
            .nodes
            .get(n)
            .map(|x| x.title.clone())
            .unwrap_or_default()
    };
    let focus_btn = candidate.map(|n| {
        let focus_on = focus_on.clone();
        (name_of(n), Callback::from(move |_: MouseEvent| focus_on(n)))
    });
    let show_all = {
        let unfocus = unfocus.clone();
        Callback::from(move |_: MouseEvent| unfocus())
    };
    let focus_note = focus.map(|n| {
        let need = needs(&model.0, n);
        let others = need.iter().filter(|&&k| k).count().saturating_sub(1);
        (name_of(n), others)
    });

    let z = props.zoom;
    // The hover card goes to the left when the stage is in the viewport's right half.
    let card_left = props
        .hovered
        .and_then(|s| node_of_stage(&model.0, s))
        .and_then(|n| rect_of(&layout, n))
        .and_then(|r| Some((r, (*size.borrow())?)))
        .is_some_and(|(r, (cw, _))| (r.x + r.w / 2.0) * z.scale + z.x > cw / 2.0);
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
                <div class="legend" aria-label={m.t("graph-legend")}>
                    <span class="lg lg-built">{ m.t("graph-built") }</span>
                    <span class="lg lg-skipped">{ m.t("graph-skipped") }</span>
                    <span class="lg lg-target">{ m.t("chip-target") }</span>
                    <span class="lg lg-image">{ m.t("graph-image") }</span>
                    <span class="lg-edge lg-from">{ "FROM" }</span>
                    <span class="lg-edge lg-copy">{ "COPY --from" }</span>
                    <span class="lg-edge lg-mount">{ "RUN --mount" }</span>
                </div>
                <div class="graph-find">
                    <input type="search" id="graph-search" class="find-input" placeholder={m.t("graph-find")}
                        aria-label={m.t("graph-find")} autocomplete="off" value={(*query).clone()}
                        {oninput} onkeydown={onsearchkey} />
                    <span class="find-status" aria-live="polite">{ search_status }</span>
                    if let Some((name, onclick)) = focus_btn {
                        <button type="button" class="btn btn-small" id="graph-focus" {onclick}
                            title={m.f("graph-focus-title", &[("stage", name.as_str().into())])}>
                            { m.t("graph-focus") }<span class="visually-hidden">{ " " }{ m.f("graph-focus-on", &[("stage", name.as_str().into())]) }</span>
                        </button>
                    }
                </div>
                <div class="zoom-buttons" role="group" aria-label={m.t("graph-zoom")}>
                    <button type="button" class="icon-btn" onclick={zoom_out} aria-label={m.t("graph-zoom-out")} title={m.t("graph-zoom-out-title")}>{ "−" }</button>
                    <span class="zoom-level" aria-live="polite">{ format!("{}%", Fixed(z.scale * 100.0, 0)) }</span>
                    <button type="button" class="icon-btn" onclick={zoom_in} aria-label={m.t("graph-zoom-in")} title={m.t("graph-zoom-in-title")}>{ "+" }</button>
                    <button type="button" class="btn btn-small" onclick={fit} title={m.t("graph-fit-title")}>{ m.t("graph-fit") }</button>
                </div>
            </div>
            if let Some(drawn) = model.2 {
                <p class="graph-capped note" role="status">{ m.f("graph-capped", &[("drawn", drawn.into()), ("n", analysis.stages.len().into())]) }</p>
            }
            if let Some((name, others)) = focus_note {
                <p class="focus-bar note" role="status">
                    { rich_text(&m.f("graph-focused", &[("stage", name.as_str().into()), ("n", others.into())])) }{ " " }
                    <button type="button" class="btn btn-small" id="graph-show-all" onclick={show_all}>{ m.t("graph-show-all") }</button>
                </p>
            }
            <div class="graph-viewport" ref={viewport} tabindex="-1"
                {onclick} {onkeydown} {onmouseover} {onfocusin} {onmouseleave} {onwheel}
                {onpointerdown} {onpointermove} {onpointerup}>
                <div class="graph-canvas" style={canvas_style}>
                    <svg class="stage-graph" viewBox={svg.view_box.clone()} width={svg.width.clone()}
                        height={svg.height.clone()} role="group" aria-label={svg.label.clone()}
                        aria-busy={busy.then_some("true")}>
                        { Html::from_html_unchecked(AttrValue::Static(SVG_DEFS)) }
                        // Edges first, so nodes sit on top of them.
                        // Each group in a keyed element: an unkeyed list is matched from its
                        // end, so a group added (or an edit's changed group) made Yew re-create
                        // every group after it.
                        <g class="sp-edges">{ for edge_groups.iter().enumerate().map(|(i, e)| html! { <g key={i}>{ Html::from_html_unchecked(e.clone()) }</g> }) }</g>
                        <g class="sp-nodes">{ for node_groups.iter().enumerate().map(|(i, n)| html! { <g key={i}>{ Html::from_html_unchecked(n.clone()) }</g> }) }</g>
                    </svg>
                </div>
                { stage_card(&m, &analysis, &props.text, props.hovered, card_left) }
            </div>
            <p class="hint-line">{ m.t("graph-hint") }</p>
        </div>
    }
}

/// The graph's SVG as the page shows it: the root's attributes, and the edges and nodes
/// in groups of `GROUP`. Yew keeps every group whose markup did not change, so an edit
/// that changes one stage (its instruction count, its state) re-creates a few elements
/// instead of the whole graph, while a new graph is still inserted with a few calls. A
/// group's markup is written when a render first needs it and kept for the renders after.
struct SvgView {
    view_box: AttrValue,
    width: AttrValue,
    height: AttrValue,
    label: AttrValue,
    /// How many groups of nodes and of edges the whole graph has.
    node_groups: usize,
    edge_groups: usize,
    source: GraphSource,
    nodes: RefCell<Vec<Option<AttrValue>>>,
    edges: RefCell<Vec<Option<AttrValue>>>,
}

/// The graph's model, its layout's input, and how many stages it draws when capped.
type GraphMemo = (GraphModel, layout::LayoutInput, Option<usize>);

/// What the graph's markup depends on in the plan: the built stages, the target, the stage
/// that fails (if the build fails) and the stage count.
type PlanKey = (Vec<usize>, Option<usize>, Option<Option<usize>>, usize);

/// Everything a view's markup is written from.
type GraphSource = (AnalysisRc, Rc<GraphMemo>, Rc<Layout>, PlanKey, GraphOptions);

const GROUP: usize = 8;

/// A new view is a new graph: views are compared by identity, never by their markup.
impl PartialEq for SvgView {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl SvgView {
    /// The view of this graph; the markup of `before` is kept where only the caret's or the
    /// search's stage differs (the groups of those stages are written again).
    fn new(source: GraphSource, before: Option<&SvgView>) -> Self {
        let (a, model, layout, plan, opts) = &source;
        let w = PieceWriter::new(a, &model.0, layout, opts);
        let (width, height) = w.size();
        let (label, node_groups, edge_groups) = (
            w.label(),
            w.nodes().div_ceil(GROUP),
            w.edges().div_ceil(GROUP),
        );
        let (mut nodes, mut edges) = (vec![None; node_groups], vec![None; edge_groups]);
        if let Some(b) = before {
            let (_, bm, bl, bp, bo) = &b.source;
            // Compared by value: every analysis makes a new model, most of them equal.
            let same = bm == model
                && bl == layout
                && bp == plan
                && bo.focus == opts.focus
                && bo.messages == opts.messages;
            if same {
                nodes = b.nodes.borrow().clone();
                edges = b.edges.borrow().clone();
                let stages = [
                    bo.cursor_stage,
                    opts.cursor_stage,
                    bo.found_stage,
                    opts.found_stage,
                ];
                // The caret's or the search's stage, before and now: their groups differ.
                if bo.cursor_stage != opts.cursor_stage || bo.found_stage != opts.found_stage {
                    for s in stages.into_iter().flatten() {
                        if let Some(g) =
                            node_of_stage(&model.0, s).and_then(|n| nodes.get_mut(n / GROUP))
                        {
                            *g = None;
                        }
                    }
                }
            }
        }
        SvgView {
            view_box: format!("0 0 {} {}", Fixed(width, 0), Fixed(height, 0)).into(),
            width: Fixed(width, 0).to_string().into(),
            height: Fixed(height, 0).to_string().into(),
            label: label.into(),
            node_groups,
            edge_groups,
            source,
            nodes: RefCell::new(nodes),
            edges: RefCell::new(edges),
        }
    }

    /// Whether group `i` (nodes first, then edges) has its markup written.
    fn written(&self, i: usize) -> bool {
        let (nodes, edges) = (self.nodes.borrow(), self.edges.borrow());
        match i.checked_sub(self.node_groups) {
            None => nodes.get(i).is_some_and(Option::is_some),
            Some(k) => edges.get(k).is_some_and(Option::is_some),
        }
    }

    /// Writes the markup of the first `count` groups (nodes first, then edges) that are not
    /// written yet, with one writer for them all.
    fn write(&self, count: usize) {
        if (0..count).all(|i| self.written(i)) {
            return;
        }
        let (a, model, layout, _, opts) = &self.source;
        let w = PieceWriter::new(a, &model.0, layout, opts);
        let markup = |k: usize, count: usize, piece: &dyn Fn(usize) -> Option<String>| {
            let pieces = k * GROUP..((k + 1) * GROUP).min(count);
            Some(AttrValue::from(
                pieces.filter_map(piece).collect::<String>(),
            ))
        };
        let (mut nodes, mut edges) = (self.nodes.borrow_mut(), self.edges.borrow_mut());
        for (k, slot) in nodes.iter_mut().enumerate().take(count) {
            if slot.is_none() {
                *slot = markup(k, w.nodes(), &|p| w.node(p));
            }
        }
        let rest = count.saturating_sub(self.node_groups);
        for (k, slot) in edges.iter_mut().enumerate().take(rest) {
            if slot.is_none() {
                *slot = markup(k, w.edges(), &|p| w.edge(p));
            }
        }
    }

    /// The markup of group `i` (nodes first, then edges), once [`SvgView::write`] wrote it.
    fn group(&self, i: usize) -> AttrValue {
        let slot = match i.checked_sub(self.node_groups) {
            None => self.nodes.borrow().get(i).cloned(),
            Some(k) => self.edges.borrow().get(k).cloned(),
        };
        slot.flatten().unwrap_or_default()
    }
}

/// What the graph shows: each group's markup, and how many groups (nodes first, then
/// edges) show the current view's (`fresh`); the others keep what they showed before.
#[derive(Default)]
struct Shown {
    view: Option<Rc<SvgView>>,
    fresh: usize,
    nodes: Vec<AttrValue>,
    edges: Vec<AttrValue>,
}

impl Shown {
    /// Shows `svg`, a step of it when `stepped` (`groups_to_update`), all of it otherwise;
    /// returns how many groups are fresh.
    fn show(&mut self, svg: &Rc<SvgView>, stepped: bool) -> usize {
        if !self.view.as_ref().is_some_and(|v| Rc::ptr_eq(v, svg)) {
            self.view = Some(svg.clone());
            self.fresh = 0;
        }
        let (n, total) = (svg.node_groups, svg.node_groups + svg.edge_groups);
        self.fresh = match stepped {
            true => groups_to_update(self.fresh, total, |i| svg.written(i)),
            false => total,
        };
        self.nodes.truncate(n);
        self.edges.truncate(svg.edge_groups);
        svg.write(self.fresh);
        for i in 0..self.fresh {
            let (list, k) = match i.checked_sub(n) {
                None => (&mut self.nodes, i),
                Some(k) => (&mut self.edges, k),
            };
            let g = svg.group(i);
            match list.get_mut(k) {
                Some(slot) => *slot = g,
                None => list.push(g),
            }
        }
        self.fresh
    }
}

/// The hover card of a stage: its base and instructions, in the corner away from the stage
/// (`left` when the stage is in the right half of the viewport), so it never hides it.
fn stage_card(m: &Messages, a: &Analysis, text: &str, hovered: Option<usize>, left: bool) -> Html {
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
        .map(|s| skip_reason(m, &s.reason));
    let lines: Vec<String> = std::iter::once(stage.from_instruction)
        .chain(stage.instructions.iter().copied())
        .filter_map(|i| a.instructions.get(i))
        .take(12)
        .map(|i| first_line(i.span, text))
        .collect();
    let more = (stage.instructions.len() + 1).saturating_sub(12);
    html! {
        <div class={classes!("stage-card", left.then_some("stage-card-left"))} role="status">
            <div class="stage-card-head">
                <strong>{ stage.display_name() }</strong>
                <span class={classes!("pill", format!("pill-{state}"))}>{ m.t(&format!("graph-{state}")) }</span>
            </div>
            if let Some(r) = reason { <p class="muted">{ r }</p> }
            <ol class="stage-card-lines">
                { for lines.into_iter().map(|l| html! { <li><code>{ l }</code></li> }) }
            </ol>
            if more > 0 { <p class="muted">{ m.f("graph-card-more", &[("n", more.into())]) }</p> }
        </div>
    }
}
