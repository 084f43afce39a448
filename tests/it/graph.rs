//! The stage graph's pure parts: the layered layout (no overlaps, few crossings, bounded on
//! big inputs) and the SVG renderer (typed edges, states, escaping of user text).

use stageplay::analysis::{Options, analyze};
use stageplay::page::examples::{EXAMPLES, by_id};
use stageplay::page::graph_svg::{GraphModel, GraphNodeKind, GraphOptions, render_analysis_svg};
use stageplay::page::layout::{Layout, LayoutInput, LayoutOptions, layout};

fn assert_no_overlaps(l: &Layout) {
    for (i, a) in l.nodes.iter().enumerate() {
        for b in l.nodes.iter().skip(i + 1) {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "nodes overlap: {a:?} {b:?}");
        }
        assert!(a.x >= 0.0 && a.y >= 0.0 && a.x + a.w <= l.width && a.y + a.h <= l.height);
    }
}

/// A Dockerfile shaped like moby's: one base, many tool stages built FROM it, platform
/// switches (`FROM x-linux AS x`), and a final stage that copies from most of them.
fn moby_like(tools: usize) -> String {
    let mut s = String::from("FROM golang:1.22 AS base\nRUN true\nFROM scratch AS binary-dummy\n");
    for i in 0..tools {
        s.push_str(&format!(
            "FROM base AS tool{i}-build\nRUN go build -o /build/tool{i}\n\
             FROM tool{i}-build AS tool{i}-linux\nFROM binary-dummy AS tool{i}-windows\n\
             FROM tool{i}-linux AS tool{i}\n"
        ));
    }
    s.push_str("FROM base AS dev\n");
    for i in 0..tools {
        s.push_str(&format!("COPY --from=tool{i} /build/ /usr/local/bin/\n"));
    }
    s
}

#[test]
fn every_example_lays_out_without_overlaps() {
    for ex in EXAMPLES {
        let a = analyze(ex.dockerfile, &Options::default());
        let model = GraphModel::from_analysis(&a);
        let l = model.layout();
        assert_eq!(l.nodes.len(), model.nodes.len(), "{}", ex.id);
        assert_no_overlaps(&l);
        // Every edge goes left to right.
        for e in &model.edges {
            assert!(l.nodes[e.from].x < l.nodes[e.to].x, "{}: {e:?}", ex.id);
        }
    }
}

#[test]
fn the_examples_draw_without_crossings() {
    for id in [
        "go-href-counter",
        "python-wheels",
        "rust-cargo-chef",
        "target-test",
    ] {
        let ex = by_id(id).expect("example");
        let a = analyze(ex.dockerfile, &Options::default());
        let l = GraphModel::from_analysis(&a).layout();
        assert_eq!(l.crossings, 0, "{id}");
    }
}

#[test]
fn a_sixty_stage_file_stays_readable() {
    let text = moby_like(14);
    let a = analyze(&text, &Options::default());
    assert!(a.stages.len() >= 59, "{}", a.stages.len());
    let model = GraphModel::from_analysis(&a);
    let l = model.layout();
    assert_no_overlaps(&l);
    // Barycentre ordering keeps this fan-out/fan-in shape nearly planar.
    assert!(l.crossings <= 10, "crossings: {}", l.crossings);
    assert!(l.layers <= 8, "layers: {}", l.layers);
}

#[test]
fn crossing_reduction_untangles_a_swapped_pair() {
    // 0→3 and 1→2 cross in index order; barycentre sweeps must fix it.
    let input = LayoutInput {
        sizes: vec![(80.0, 30.0); 4],
        edges: vec![(0, 3), (1, 2)],
    };
    let l = layout(&input, &LayoutOptions::default());
    assert_eq!(l.crossings, 0);
}

#[test]
fn thousands_of_stages_stay_bounded() {
    // A long chain plus a stage that copies from every other: many long edges.
    let mut s = String::new();
    for i in 0..1500 {
        s.push_str(&format!("FROM alpine AS s{i}\n"));
    }
    s.push_str("FROM alpine AS last\n");
    for i in (0..1500).step_by(3) {
        s.push_str(&format!("COPY --from=s{i} /a /a{i}\n"));
    }
    let a = analyze(&s, &Options::default());
    let svg = render_analysis_svg(&a, &GraphOptions::default());
    assert!(svg.matches("data-stage=").count() >= 1501);
}

#[test]
fn svg_has_typed_edges_and_states() {
    let ex = by_id("target-test").expect("example");
    let opts = Options {
        target: ex.target.map(str::to_string),
        ..Options::default()
    };
    let a = analyze(ex.dockerfile, &opts);
    let svg = render_analysis_svg(&a, &GraphOptions::default());
    assert!(svg.contains("sp-edge-from"), "{svg}");
    assert!(svg.contains("sp-edge-copy"), "{svg}");
    // `test` is the target; `app` and `build` are skipped.
    assert!(
        svg.contains("sp-stage sp-built sp-target\" data-stage=\"1\""),
        "{svg}"
    );
    assert!(
        svg.contains("sp-stage sp-skipped\" data-stage=\"3\""),
        "{svg}"
    );
    assert!(svg.contains("role=\"button\""));
}

#[test]
fn svg_marks_the_stage_the_build_fails_in() {
    let text = "ARG S=a\nFROM alpine AS a\nFROM alpine AS b\nCOPY --from=$S /x /y\n";
    let opts = Options {
        target: Some("a".into()),
        ..Options::default()
    };
    let svg = render_analysis_svg(&analyze(text, &opts), &GraphOptions::default());
    assert!(
        svg.contains("sp-stage sp-skipped sp-failed\" data-stage=\"1\""),
        "{svg}"
    );
    assert_eq!(svg.matches("sp-badge-fails").count(), 1, "{svg}");
    let svg = render_analysis_svg(
        &analyze("FROM alpine AS a\n", &Options::default()),
        &GraphOptions::default(),
    );
    assert!(!svg.contains("sp-failed"), "{svg}");
}

#[test]
fn svg_marks_images_and_scratch_distinctly() {
    let ex = by_id("distroless-scratch").expect("example");
    let a = analyze(ex.dockerfile, &Options::default());
    let model = GraphModel::from_analysis(&a);
    assert!(model.nodes.iter().any(|n| n.kind == GraphNodeKind::Scratch));
    assert!(
        model
            .nodes
            .iter()
            .any(|n| n.kind == GraphNodeKind::Image("golang:1.22".into()))
    );
    let svg = render_analysis_svg(&a, &GraphOptions::default());
    assert!(svg.contains("class=\"sp-node sp-scratch"));
    assert!(svg.contains("class=\"sp-node sp-image"));
}

#[test]
fn user_text_in_the_svg_is_escaped() {
    let text = "FROM alpine AS a\nFROM <script>alert(1)</script> AS b\n\
                COPY --from=\"<img src=x onerror=alert(1)>\" \"/x<script>\" /y\n";
    let a = analyze(text, &Options::default());
    let svg = render_analysis_svg(&a, &GraphOptions::default());
    assert!(!svg.contains("<script"), "{svg}");
    assert!(!svg.contains("<img"), "{svg}");
    assert!(
        svg.contains("&lt;script&gt;") || svg.contains("&lt;img"),
        "{svg}"
    );
}

#[test]
fn standalone_svg_carries_its_own_style() {
    let a = analyze(
        by_id("go-href-counter").expect("ex").dockerfile,
        &Options::default(),
    );
    let page = render_analysis_svg(&a, &GraphOptions::default());
    assert!(!page.contains("<style>"));
    let export = render_analysis_svg(
        &a,
        &GraphOptions {
            standalone: true,
            legend: true,
            ..GraphOptions::default()
        },
    );
    assert!(export.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(export.contains("<style>") && export.contains("sp-legend"));
}

#[test]
fn hostile_characters_leave_the_svg_well_formed_and_bidi_controls_visible() {
    // U+FFFE and U+0001 are not XML characters; U+202E would show the path reversed.
    let text = "FROM alpine AS b\u{202e}x\nRUN x\nFROM alpine\n\
                COPY --from=b\u{202e}x /a\u{fffe}\u{1}\u{202e}gpj.exe /d\n";
    let a = analyze(text, &Options::default());
    let svg = render_analysis_svg(&a, &GraphOptions::default());
    let bad: Vec<char> = svg
        .chars()
        .filter(|&c| !stageplay::page::markup::allowed_in_xml(c) || c == '\u{202e}')
        .collect();
    assert!(bad.is_empty(), "{bad:?} in {svg}");
    assert!(
        svg.contains("b<tspan class=\"bidi-mark\">&lt;U+202E&gt;</tspan>x"),
        "{svg}"
    );
    assert!(svg.contains("<title>b&lt;U+202E&gt;x"), "{svg}");
}

/// The x extent of every copy edge's label (as drawn: `chars × LABEL_CHAR_PX`, centred) and
/// the boxes of the nodes, from the SVG text: a label must never run into a box.
#[test]
fn copy_edge_labels_stay_clear_of_every_box() {
    const CHAR_PX: f64 = 6.2;
    let mut files: Vec<String> = EXAMPLES.iter().map(|e| e.dockerfile.to_string()).collect();
    files.push(moby_like(14));
    let mut drawn = 0;
    for text in files {
        let a = analyze(&text, &Options::default());
        let model = GraphModel::from_analysis(&a);
        let l = model.layout();
        let svg = render_analysis_svg(&a, &GraphOptions::default());
        let num = |s: &str, key: &str| -> f64 {
            let at = s.find(key).unwrap() + key.len();
            s[at..].split('"').next().unwrap().parse().unwrap()
        };
        for label in svg.split("<text class=\"sp-label").skip(1) {
            drawn += 1;
            let x = num(label, "x=\"");
            let y = num(label, "y=\"");
            let body = label.split('>').nth(1).unwrap().split('<').next().unwrap();
            let half = body.chars().count() as f64 * CHAR_PX / 2.0;
            // The label's line of text, 10 px high above its baseline.
            for b in &l.nodes {
                let clear_x = x + half <= b.x || x - half >= b.x + b.w;
                let clear_y = y <= b.y || y - 10.0 >= b.y + b.h;
                assert!(
                    clear_x || clear_y,
                    "label {body:?} at {x},{y} runs into the box {b:?}"
                );
            }
        }
    }
    // Labels are still drawn where there is room (the Go example's, moby's `/build/`).
    assert!(drawn > 20, "{drawn} labels");
}

#[test]
fn a_hangul_stage_name_gets_a_box_as_wide_as_it_is_drawn() {
    // Eleven characters each: Hangul is drawn about twice as wide as Latin letters.
    let widths = |name: &str| {
        let a = analyze(&format!("FROM alpine AS {name}\n"), &Options::default());
        let model = GraphModel::from_analysis(&a);
        model.layout().nodes[0].w
    };
    let (latin, hangul) = (widths("abcdefghijk"), widths("빌드스테이지테스트용앱"));
    assert!(hangul > latin + 40.0, "{hangul} vs {latin}");
    // A name too long for the widest box is cut by columns, never mid-character.
    let a = analyze(
        &format!("FROM alpine AS {}\n", "가".repeat(40)),
        &Options::default(),
    );
    let svg = render_analysis_svg(&a, &GraphOptions::default());
    assert!(svg.contains('…') && svg.contains("가가가"), "{svg}");
}

/// A small graph is drawn at once; a large one a step at a time until it is whole, and so
/// is an edit that rewrites it, except for the groups whose markup is written already.
#[test]
fn a_large_graph_is_drawn_and_updated_a_step_at_a_time() {
    use stageplay::page::graph_svg::{AT_ONCE_GROUPS, STEP_GROUPS, groups_to_update};
    let none = |_: usize| false;
    assert_eq!(groups_to_update(0, 20, none), 20);
    assert_eq!(groups_to_update(0, AT_ONCE_GROUPS, none), AT_ONCE_GROUPS);
    let total = 80;
    let mut fresh = groups_to_update(0, total, none);
    assert_eq!(fresh, STEP_GROUPS);
    let mut steps = 1;
    while fresh < total {
        fresh = groups_to_update(fresh, total, none);
        steps += 1;
    }
    assert_eq!((fresh, steps), (total, total.div_ceil(STEP_GROUPS)));
    // Groups written already cost nothing: a moved caret rewrites the two groups of its old
    // and new stage, in one task.
    let changed = [3, 61];
    assert_eq!(groups_to_update(0, total, |i| !changed.contains(&i)), total);
    // Every other group rewritten: twice as many per task.
    assert_eq!(groups_to_update(0, total, |i| i % 2 == 1), 2 * STEP_GROUPS);
    // Never more than there are.
    assert_eq!(groups_to_update(total + 5, total, none), total);
}

/// A graph capped to 300 of its stages numbers its nodes apart from its stages: an edge is
/// faded exactly when the stage it goes into is not built, and an image is drawn built when
/// a built stage uses it.
#[test]
fn a_capped_graph_fades_exactly_the_edges_into_stages_not_built() {
    use stageplay::page::graph_svg::render_graph_pieces;
    use stageplay::page::i18n::Messages;
    let mut text: String = (0..400)
        .map(|i| match i {
            0 => "FROM alpine AS s0\nRUN touch /a\n".to_string(),
            i => format!("FROM alpine AS s{i}\nCOPY --from=s{} /a /a{i}\n", i - 1),
        })
        .collect();
    text.push_str("FROM s0 AS last\n");
    let a = analyze(&text, &Options::default());
    assert_eq!(a.plan.built, [0, 400]);
    let (model, drawn) = GraphModel::for_page(&a, &Messages::english());
    assert_eq!(drawn, Some(300));
    let l = layout(&model.layout_input(), &LayoutOptions::default());
    let p = render_graph_pieces(&a, &model, &l, &GraphOptions::default());
    assert_eq!(p.edges.len(), l.edges.len());
    let stage_of = |node: usize| match model.nodes[node].kind {
        GraphNodeKind::Stage(s) => Some(s),
        _ => None,
    };
    for (route, piece) in l.edges.iter().zip(&p.edges) {
        let s = stage_of(model.edges[route.edge].to).expect("an edge goes into a stage");
        assert_eq!(
            piece.contains("sp-faded"),
            !a.plan.built.contains(&s),
            "{piece}"
        );
    }
    // alpine: s0 is built from it.
    let alpine = p
        .nodes
        .iter()
        .find(|n| n.contains("data-image=\"alpine\""))
        .expect("alpine");
    assert!(alpine.contains("sp-built"), "{alpine}");
}
