//! The `stageplay analyze | check` command line: formats, the JSON fields of docs/cli.md, exit codes.

use super::run;

const GO: &str = "FROM golang:1.16 AS builder\nWORKDIR /go/src/app\nRUN go build -o app .\nFROM alpine:latest AS test\nRUN true\nFROM alpine:latest\nCOPY --from=builder /go/src/app/app /root/app\n";

#[test]
fn json_has_the_spec_fields() {
    let (code, out, _) = run(&["analyze", "-", "--format", "json"], GO.as_bytes());
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["stages"][0]["name"], "builder");
    assert_eq!(
        v["stages"][0]["base"],
        serde_json::json!({"kind": "image", "name": "golang:1.16"})
    );
    assert_eq!(v["stages"][0]["line"], 1);
    assert_eq!(
        v["edges"][0],
        serde_json::json!({
            "from": 0, "from_image": null, "to": 2, "kind": "copy", "line": 7,
            "paths": ["/go/src/app/app"], "onbuild": false
        })
    );
    assert_eq!(v["target"]["builder"], "buildkit");
    assert_eq!(v["target"]["built"], serde_json::json!([0, 2]));
    assert_eq!(v["target"]["skipped"][0]["stage"], 1);
    assert_eq!(
        v["target"]["skipped"][0]["reason"],
        "not needed by target `stage-2`"
    );
    assert!(v["final_image"].is_object());
    assert!(v["diagnostics"].is_array());
}

#[test]
fn unknown_target_suggests_and_legacy_builds_everything() {
    let (code, out, _) = run(
        &["analyze", "-", "--format", "json", "--target", "biulder"],
        GO.as_bytes(),
    );
    // The report is printed, and the status says the build fails.
    assert_eq!(code, 1);
    assert!(out.contains("did you mean \\\"builder\\\""), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["target"]["failure"]["rule"], "UnknownTarget");
    let (_, out, _) = run(&["analyze", "-", "--builder", "legacy"], GO.as_bytes());
    assert!(
        out.contains(
            "plan legacy --target stage-2:\n  step 1: builder\n  step 2: test\n  step 3: stage-2"
        ),
        "{out}"
    );
}

#[test]
fn a_failing_build_exits_1_and_says_where_in_text_and_json() {
    // The COPY --from with a variable fails BuildKit even though stage `b` is not built;
    // the legacy builder stops after `a` and never reads it.
    let text = "ARG S=a\nFROM alpine AS a\nFROM alpine AS b\nCOPY --from=$S /x /y\n";
    let (code, out, _) = run(&["analyze", "-", "--target", "a"], text.as_bytes());
    assert_eq!(code, 1);
    assert!(
        out.contains("  FAILS at line 4 in b [CopyFromVariable]: "),
        "{out}"
    );
    let (code, out, _) = run(
        &["analyze", "-", "--target", "a", "--format", "json"],
        text.as_bytes(),
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let f = &v["target"]["failure"];
    assert_eq!(
        (
            &f["rule"],
            &f["line"],
            &f["stage"],
            &f["stage_name"],
            &f["phase"]
        ),
        (
            &serde_json::json!("CopyFromVariable"),
            &serde_json::json!(4),
            &serde_json::json!(1),
            &serde_json::json!("b"),
            &serde_json::json!("graph")
        )
    );
    assert_eq!(v["other_builder"]["failure"], serde_json::Value::Null);
    let (code, _, _) = run(
        &["analyze", "-", "--target", "a", "--builder", "legacy"],
        text.as_bytes(),
    );
    assert_eq!(code, 0);
}

#[test]
fn build_args_reach_the_from_line() {
    let text = "ARG V=1\nFROM alpine:$V\n";
    let (_, out, _) = run(&["analyze", "-", "--build-arg", "V=3.20"], text.as_bytes());
    assert!(out.contains("FROM alpine:3.20"), "{out}");
    let (code, _, err) = run(&["analyze", "-", "--build-arg", "novalue"], text.as_bytes());
    assert_eq!(code, 2);
    assert!(err.contains("KEY=VALUE"), "{err}");
}

#[test]
fn dot_and_mermaid_render_the_graph() {
    let (_, dot, _) = run(&["analyze", "-", "--format", "dot"], GO.as_bytes());
    assert!(dot.starts_with("digraph stageplay {"), "{dot}");
    assert!(
        dot.contains("s0 -> s2 [style=dashed, label=\"/go/src/app/app\"];"),
        "{dot}"
    );
    let (_, mm, _) = run(&["analyze", "-", "--format", "mermaid"], GO.as_bytes());
    assert!(mm.starts_with("flowchart LR\n"), "{mm}");
    assert!(mm.contains("s0 -. \"/go/src/app/app\" .-> s2"), "{mm}");
}

#[test]
fn user_text_cannot_break_out_of_dot_or_mermaid_labels() {
    let text = "FROM \"evil\\\"];x[<b>\" AS a\nFROM alpine\nCOPY --from=a \"/a<script>\" /b\n";
    let (_, dot, _) = run(&["analyze", "-", "--format", "dot"], text.as_bytes());
    // The quote is escaped, so the label cannot end early and inject attributes.
    assert!(
        dot.contains(r#"[label="evil\"];x[<b>", shape=ellipse"#),
        "{dot}"
    );
    let (_, mm, _) = run(&["analyze", "-", "--format", "mermaid"], text.as_bytes());
    assert!(!mm.contains("<script>") && !mm.contains("<b>"), "{mm}");
}

#[test]
fn check_exits_one_on_errors_and_buildkit_warnings_two_on_bad_input() {
    let (code, out, _) = run(&["check", "-"], b"FROM alpine\nBOGUS\n");
    assert_eq!(code, 1);
    assert!(out.contains("-:2:1: error [ParseError]"), "{out}");
    // As `docker build --check`: tests/it/cli/check.rs.
    let (code, out, _) = run(&["check", "-"], b"FROM alpine\nMAINTAINER me\n");
    assert_eq!(code, 1);
    assert!(out.contains("[MaintainerDeprecated]"), "{out}");
    let (code, _, err) = run(&["check", "-"], b"FROM alpine\n\xff\xfe\n");
    assert_eq!(code, 2);
    assert!(err.contains("not valid UTF-8"), "{err}");
    let (code, _, err) = run(&["check", "/nonexistent/Dockerfile"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn check_honours_check_and_says_what_it_skipped_in_text_and_json() {
    let text =
        b"# check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy a .\n";
    let (code, out, err) = run(&["check", "-"], text);
    // error=true turns the one reported check into a failed build, as BuildKit does.
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("-:1:1: error [LintViolation] lint violation found for rules: FromAsCasing"),
        "{out}"
    );
    assert!(!out.contains("[ConsistentInstructionCasing]"), "{out}");
    assert!(
        out.contains("-: `# check=` on line 1: 1 rule skipped (ConsistentInstructionCasing)"),
        "{out}"
    );
    assert!(err.contains("Dockerfile frontend 1.26 semantics"), "{err}");

    let (code, out, _) = run(&["check", "--format", "json", "-"], text);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["semantics"], "Dockerfile frontend 1.26 semantics");
    assert_eq!(v["checks"]["source"], "directive");
    assert_eq!(v["checks"]["line"], 1);
    assert_eq!(v["checks"]["skipped"][0], "ConsistentInstructionCasing");
    assert_eq!(v["checks"]["error"], true);
    assert_eq!(v["diagnostics"][0]["rule"], "LintViolation");

    // The build arg replaces the directive.
    let (code, out, _) = run(
        &[
            "check",
            "-",
            "--build-arg",
            "BUILDKIT_DOCKERFILE_CHECK=skip=all",
        ],
        text,
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("BUILDKIT_DOCKERFILE_CHECK build arg"), "{out}");
}

#[test]
fn version_and_help_name_the_frontend_semantics() {
    let (code, out, _) = run(&["--version"], b"");
    assert_eq!(code, 0);
    assert!(out.contains("Dockerfile frontend 1.26 semantics"), "{out}");
    let (_, out, _) = run(&["--help"], b"");
    assert!(out.contains("Dockerfile frontend 1.26 semantics"), "{out}");
}
