//! Server-side renders of the whole page, one per output view, with `yew::ServerRenderer`:
//! what a newcomer sees for the seed examples, and that user text is rendered as text.

use stageplay::analysis::Builder;
use stageplay::page::examples::{GO_HREF_COUNTER, PYTHON_WHEELS, by_id, example_share};
use stageplay::page::share::{self, ShareState, View};
use stageplay::ui::{App, AppProps};

async fn render(share: ShareState) -> String {
    // The state shares its text through an `Rc` (not `Send`): it crosses into the renderer
    // as the JSON a share link carries, which round-trips it exactly.
    let json = share::to_json(&share);
    yew::ServerRenderer::<App>::with_props(move || AppProps {
        initial: None,
        share: Some(share::from_json(json.as_bytes()).expect("a state round-trips")),
    })
    .hydratable(false)
    .render()
    .await
}

fn with_view(mut share: ShareState, view: View) -> ShareState {
    share.view = view;
    share
}

#[tokio::test]
async fn default_page_shows_editor_graph_and_notice() {
    let html = render(example_share(&GO_HREF_COUNTER)).await;
    // The editor holds the text, highlighted in the underlay.
    assert!(html.contains("id=\"dockerfile\""), "{html}");
    assert!(html.contains("<span class=\"t-kw\">FROM</span>"), "{html}");
    assert!(
        html.contains("<span class=\"t-img\">golang:1.16</span>"),
        "{html}"
    );
    // The graph: two stages, two images, the target outlined.
    assert_eq!(html.matches("data-stage=").count(), 2, "{html}");
    assert!(html.contains("sp-target\" data-stage=\"1\""), "{html}");
    assert!(html.contains("data-image=\"golang:1.16\""), "{html}");
    // What to notice, and the command line.
    assert!(html.contains("what to notice"), "{html}");
    assert!(html.contains("docker build -t app ."), "{html}");
    // Tabs carry their ARIA roles.
    assert!(html.contains("role=\"tablist\""));
    assert!(html.contains("aria-selected=\"true\""));
}

#[tokio::test]
async fn plan_view_lists_waves_and_skipped_stages() {
    let ex = by_id("target-test").expect("example");
    let html = render(with_view(example_share(ex), View::Plan)).await;
    assert!(html.contains("Wave 1"), "{html}");
    assert!(html.contains("Skipped (2)"), "{html}");
    assert!(html.contains("not needed by target"), "{html}");
    assert!(
        html.contains("docker build --target test -t app ."),
        "{html}"
    );
    // The one-line builder difference.
    assert!(
        html.contains("Legacy builds 0 more") || html.contains("same stages"),
        "{html}"
    );
}

#[tokio::test]
async fn legacy_plan_builds_every_stage_before_the_target() {
    let ex = by_id("distroless-scratch").expect("example");
    let mut share = with_view(example_share(ex), View::Plan);
    share.builder = Builder::Legacy;
    let html = render(share).await;
    assert!(html.contains("one after another"), "{html}");
    assert!(html.contains("Step 3"), "{html}");
    assert!(html.contains("DOCKER_BUILDKIT=0 docker build"), "{html}");
}

#[tokio::test]
async fn buildkit_plan_names_what_legacy_adds() {
    let ex = by_id("distroless-scratch").expect("example");
    let html = render(with_view(example_share(ex), View::Plan)).await;
    assert!(
        html.contains("Legacy builds 1 more stage: <code>minimal</code>."),
        "{html}"
    );
}

/// A COPY --from with a variable in stage `b`: BuildKit fails at line 4 even for `--target a`
/// (it resolves every COPY --from first); the legacy builder stops after `a`.
fn failing_share(view: View, builder: Builder) -> ShareState {
    ShareState {
        dockerfile: "ARG S=a\nFROM alpine AS a\nFROM alpine AS b\nCOPY --from=$S /x /y\n".into(),
        target: Some("a".into()),
        builder,
        view,
        ..ShareState::default()
    }
}

#[tokio::test]
async fn plan_view_says_where_and_why_the_build_fails_and_marks_the_stage() {
    let html = render(failing_share(View::Plan, Builder::BuildKit)).await;
    assert!(
        html.contains("BuildKit fails at line 4, in stage <code>b</code>."),
        "{html}"
    );
    assert!(html.contains("CopyFromVariable"), "{html}");
    assert!(html.contains("although the stage is not built"), "{html}");
    assert!(html.contains("Show line 4"), "{html}");
    assert!(
        html.contains("BuildKit would build 1 of 2 stages for target"),
        "{html}"
    );
    // The skipped stage `b` is the one marked.
    assert!(
        html.contains("data-plan-stage=\"1\" class=\"chip chip-skipped chip-failed\""),
        "{html}"
    );
    assert!(
        html.contains("The legacy builder would not fail."),
        "{html}"
    );
    let html = render(failing_share(View::Plan, Builder::Legacy)).await;
    assert!(!html.contains("plan-failure"), "{html}");
    assert!(html.contains("BuildKit would fail at line 4."), "{html}");
}

#[tokio::test]
async fn final_image_view_says_there_is_no_image_when_the_build_fails() {
    let html = render(failing_share(View::Files, Builder::BuildKit)).await;
    assert!(
        html.contains("No image: the build fails at line 4."),
        "{html}"
    );
    assert!(!html.contains("role=\"tree\""), "{html}");
    assert!(!html.contains("add a FROM line"), "{html}");
    let html = render(failing_share(View::Files, Builder::Legacy)).await;
    assert!(html.contains("Final image of <code>a</code>"), "{html}");
}

#[tokio::test]
async fn final_image_view_marks_estimates() {
    let html = render(with_view(example_share(&GO_HREF_COUNTER), View::Files)).await;
    // The name is code, never backticks shown literally.
    assert!(
        html.contains("Final image of <code>stage-1</code>"),
        "{html}"
    );
    assert!(html.contains("estimate"), "{html}");
    assert!(html.contains("Left behind"), "{html}");
    assert!(html.contains("role=\"tree\""), "{html}");
}

#[tokio::test]
async fn a_final_image_no_smaller_than_the_build_stage_says_so_first() {
    let share = ShareState {
        dockerfile: "FROM alpine:3.20 AS build\nRUN apk add --no-cache curl\n\
            FROM alpine:3.20\nCOPY --from=build /usr /usr\n"
            .into(),
        view: View::Files,
        ..ShareState::default()
    };
    let html = render(share).await;
    assert!(
        html.contains("no smaller than shipping <code>build</code>"),
        "{html}"
    );
    assert!(!html.contains("instead of"), "{html}");
}

#[tokio::test]
async fn problems_view_lists_parse_errors_with_lines() {
    let share = ShareState {
        dockerfile: "FROM alpine\nBOGUS thing\n".into(),
        view: View::Problems,
        ..ShareState::default()
    };
    let html = render(share).await;
    assert!(html.contains("sev-error"), "{html}");
    assert!(html.contains("line 2"), "{html}");
    // The gutter marks the line.
    assert!(html.contains("class=\"ln ln-err\">2<"), "{html}");
}

#[tokio::test]
async fn problems_view_says_what_the_check_directive_skipped() {
    let share = ShareState {
        dockerfile: "# check=skip=FromAsCasing,ConsistentInstructionCasing\nFROM alpine as base\nworkdir app\n".into(),
        view: View::Problems,
        ..ShareState::default()
    };
    let html = render(share).await;
    assert!(html.contains("class=\"checks-summary"), "{html}");
    assert!(html.contains("2 rules skipped"), "{html}");
    assert!(html.contains("on line 1"), "{html}");
    // The skipped rules are not listed as problems; the others still are.
    assert!(!html.contains("class=\"rule\">FromAsCasing<"), "{html}");
    assert!(
        html.contains("class=\"rule\">WorkdirRelativePath<"),
        "{html}"
    );

    // With every rule skipped there is no problem, and the panel still says why.
    let share = ShareState {
        dockerfile: "# check=skip=all\nFROM alpine as base\n".into(),
        view: View::Problems,
        ..ShareState::default()
    };
    let html = render(share).await;
    assert!(html.contains("No problems found"), "{html}");
    assert!(html.contains("rules skipped"), "{html}");
    assert!(html.contains("1 finding not reported"), "{html}");
}

#[tokio::test]
async fn step_through_starts_at_the_first_instruction() {
    let html = render(with_view(example_share(&GO_HREF_COUNTER), View::Steps)).await;
    assert!(html.contains("Step 1 of 10"), "{html}");
    assert!(html.contains("FROM golang:1.16"), "{html}");
    assert!(html.contains("type=\"range\""), "{html}");
}

#[tokio::test]
async fn user_text_is_rendered_as_text_everywhere() {
    let evil = "FROM alpine AS a\nFROM <script>alert(1)</script> AS b\n\
                COPY --from=\"<img src=x onerror=alert(1)>\" /x /y\nRUN echo '<img src=x onerror=alert(2)>'\n";
    for view in View::ALL {
        let share = ShareState {
            dockerfile: evil.into(),
            context: "<script>ctx</script> 1KB\n".into(),
            view,
            ..ShareState::default()
        };
        let html = render(share).await;
        assert!(!html.contains("<script"), "{view:?}: {html}");
        assert!(!html.contains("<img"), "{view:?}: {html}");
        assert!(html.contains("&lt;script&gt;"), "{view:?}: {html}");
    }
}

/// Thousands of stages: the plan and the problems show their first `LIST_CAP` entries and a
/// button for the rest, the step timeline a window of that many steps (docs/budgets.md: a large
/// paste must not build tens of thousands of rows).
#[tokio::test]
async fn long_lists_are_capped_with_a_way_to_see_everything() {
    use stageplay::ui::components::show_all::LIST_CAP;
    let n = LIST_CAP * 3;
    // A chain: every stage builds FROM the one before, so each is a wave of its own; the
    // lowercase `from` lines give more than LIST_CAP problems (instruction casing).
    let mut text = String::from("FROM alpine AS s0\n");
    for i in 1..n {
        text.push_str(&format!("from s{} AS s{i}\nRUN echo {i}\n", i - 1));
    }
    let mut share = example_share(&GO_HREF_COUNTER);
    share.dockerfile = text.into();

    let html = render(with_view(share.clone(), View::Plan)).await;
    assert_eq!(
        html.matches("data-plan-stage=").count(),
        LIST_CAP,
        "plan chips"
    );
    assert!(
        html.contains(&format!("Showing {LIST_CAP} of {n} built stages.")),
        "{}",
        &html[..2000]
    );
    assert!(html.contains(&format!("Show all {n}")));

    let html = render(with_view(share.clone(), View::Problems)).await;
    let problems = html.matches("<li class=\"problem ").count();
    assert_eq!(problems, LIST_CAP, "problem rows");
    assert!(html.contains(" problems. "), "the capped list says so");

    // Fifty stages add ten files each, which the next one inherits: the final image has
    // 500 files under /out (plus the directory), more than the tree shows at first.
    let mut files = share.clone();
    let mut chain = String::from("FROM alpine AS s0\n");
    for i in 1..=50 {
        let touch: Vec<String> = (0..10).map(|k| format!("/out/f{i}-{k}")).collect();
        chain.push_str(&format!(
            "FROM s{} AS s{i}\nRUN touch {}\n",
            i - 1,
            touch.join(" ")
        ));
    }
    files.dockerfile = chain.into();
    let html = render(with_view(files, View::Files)).await;
    assert!(
        html.contains(&format!("Showing {LIST_CAP} of 501 paths.")),
        "tree rows capped"
    );
    assert!(html.contains("Show all 501"));

    let html = render(with_view(share, View::Steps)).await;
    assert_eq!(
        html.matches("class=\"tl-step\"").count(),
        LIST_CAP,
        "timeline rows"
    );
    assert!(html.contains("later steps (use → or the slider)"));
}

/// Past GRAPH_CAP stages the page draws the ones the target needs, nearest first, and says
/// how many of how many; below it, every stage.
#[tokio::test]
async fn huge_graphs_draw_the_stages_the_target_needs() {
    use stageplay::page::graph_svg::GRAPH_CAP;
    let n = GRAPH_CAP * 2;
    let mut text = String::from("FROM alpine AS s0\n");
    for i in 1..n {
        text.push_str(&format!("FROM s{} AS s{i}\n", i - 1));
    }
    // Stages after the target are not needed: they are never drawn past the cap.
    text.push_str("FROM alpine AS after\n");
    let mut share = example_share(&GO_HREF_COUNTER);
    share.dockerfile = text.into();
    share.target = Some(format!("s{}", n - 1));
    let html = render(share).await;
    assert_eq!(html.matches("data-stage=").count(), GRAPH_CAP);
    assert!(html.contains(&format!("draws {GRAPH_CAP} of {} stages", n + 1)));
    assert!(
        html.contains(&format!("data-stage=\"{}\"", n - 1)),
        "the target is drawn"
    );
    assert!(
        !html.contains(&format!("data-stage=\"{n}\"")),
        "a stage after it is not"
    );
    assert!(
        !html.contains("data-stage=\"0\""),
        "the farthest stages are left out"
    );

    let html = render(example_share(&GO_HREF_COUNTER)).await;
    assert!(!html.contains("graph-capped"));
}

/// A long chain of stages built FROM one another uses up the simulation's path budget: the
/// final image says its lists are incomplete instead of looking empty for no reason.
#[tokio::test]
async fn the_final_image_says_when_the_simulation_stopped() {
    let mut text = String::from("FROM alpine AS s0\n");
    for i in 1..600 {
        text.push_str(&format!("FROM s{} AS s{i}\nRUN touch /out/f{i}\n", i - 1));
    }
    let mut share = example_share(&GO_HREF_COUNTER);
    share.dockerfile = text.into();
    let html = render(with_view(share, View::Files)).await;
    assert!(html.contains("capped-note"), "the note is shown");
    assert!(html.contains("these lists are incomplete"));

    let html = render(with_view(example_share(&GO_HREF_COUNTER), View::Files)).await;
    assert!(!html.contains("capped-note"));
}

#[tokio::test]
async fn ssr_renders_the_stage_list() {
    let html = yew::ServerRenderer::<App>::with_props(|| AppProps {
        initial: Some(PYTHON_WHEELS.dockerfile.to_string()),
        share: None,
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains("builder"), "{html}");
    assert!(html.contains("python:3.9-slim"), "{html}");
    assert_eq!(html.matches("data-stage=").count(), 2, "{html}");
}
