//! `stageplay check`: the exit status `docker build --check` gives, and the `sarif` and
//! `github` formats (docs/cli.md). The SARIF schema itself is checked by
//! `tests/sarif/validate.mjs` in scripts/test.sh.

use super::run;

/// docker/buildx `commands/build.go` `printResult` (case `"lint"`) exits with the
/// `result.statuscode` that moby/buildkit `frontend/subrequests/lint/lint.go` `ToResult`
/// sets: 1 when there is any warning or a build error; `ignorestatus=true` ignores the
/// status, but a build error still fails.
#[test]
fn check_exits_as_docker_build_check_does() {
    // A BuildKit warning fails `docker build --check`.
    let (code, out, _) = run(&["check", "-"], b"FROM alpine\nMAINTAINER me\n");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[MaintainerDeprecated]"), "{out}");
    // `--ignore-status` is `--call=check,ignorestatus=true`.
    let (code, _, _) = run(
        &["check", "--ignore-status", "-"],
        b"FROM alpine\nMAINTAINER me\n",
    );
    assert_eq!(code, 0);
    // A build error fails even then.
    let (code, _, _) = run(&["check", "--ignore-status", "-"], b"FROM alpine\nBOGUS\n");
    assert_eq!(code, 1);
    // So does a check turned into an error by `# check=error=true`.
    let (code, _, _) = run(
        &["check", "--ignore-status", "-"],
        b"# check=error=true\nFROM alpine\nMAINTAINER me\n",
    );
    assert_eq!(code, 1);
    // Stageplay's own learner warnings are not BuildKit's: Docker would pass.
    let (code, out, _) = run(
        &["check", "-"],
        b"ARG VERSION=1.2\nFROM alpine\nRUN echo $VERSION\n",
    );
    assert!(out.contains("[GlobalArgNotRedeclared]"), "{out}");
    assert_eq!(code, 0, "{out}");
    // A clean file passes.
    let (code, _, _) = run(&["check", "-"], b"FROM alpine\nRUN true\n");
    assert_eq!(code, 0);
}

#[test]
fn sarif_names_the_rule_level_message_and_region() {
    let text = "FROM alpine as Build\nMAINTAINER me\nBOGUS\n";
    let (code, out, _) = run(&["check", "--format", "sarif", "-"], text.as_bytes());
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "stageplay");
    let rules = driver["rules"].as_array().expect("rules");
    let maintainer = rules
        .iter()
        .position(|r| r["id"] == "MaintainerDeprecated")
        .expect("the rule table is in the driver");
    assert_eq!(
        rules[maintainer]["helpUri"],
        "https://docs.docker.com/reference/build-checks/maintainer-deprecated/"
    );
    let results = run0["results"].as_array().expect("results");
    let casing = results
        .iter()
        .find(|r| r["ruleId"] == "FromAsCasing")
        .expect("FromAsCasing");
    assert_eq!(casing["level"], "warning");
    let loc = &casing["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "-");
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 13);
    assert_eq!(loc["region"]["endLine"], 1);
    assert_eq!(loc["region"]["endColumn"], 15);
    let m = results
        .iter()
        .find(|r| r["ruleId"] == "MaintainerDeprecated")
        .expect("MaintainerDeprecated");
    assert_eq!(m["ruleIndex"], maintainer);
    let parse = results
        .iter()
        .find(|r| r["ruleId"] == "ParseError")
        .expect("ParseError");
    assert_eq!(parse["level"], "error");
    assert_eq!(
        parse["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}

#[test]
fn sarif_uri_is_the_path_given_percent_encoded_and_columns_count_code_points() {
    let dir = std::env::temp_dir().join(format!("stageplay sarif {}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("Docker file");
    std::fs::write(&path, "FROM ëlpine as x\n").expect("write");
    let shown = path.to_str().expect("UTF-8");
    let (_, out, _) = run(&["check", "--format", "sarif", shown], b"");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let uri =
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .to_string();
    assert!(uri.ends_with("/Docker%20file"), "{uri}");
    assert!(uri.contains("stageplay%20sarif%20"), "{uri}");
    let casing = v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "FromAsCasing")
        .expect("FromAsCasing")
        .clone();
    // `as` is the 13th character and the 14th byte.
    let region = &casing["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 13, "{region}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// GitHub's toolkit (actions/toolkit `packages/core/src/command.ts`): the message escapes
/// `%`, CR and LF; properties also `:` and `,`.
#[test]
fn github_annotations_are_workflow_commands_with_the_toolkits_escaping() {
    let (code, out, _) = run(
        &["check", "--format", "github", "-"],
        b"FROM alpine as Build\nMAINTAINER me\n",
    );
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "::warning file=-,line=1,col=13,endLine=1,endColumn=15,title=FromAsCasing::'as' and 'FROM' keywords' casing do not match"
    );
    assert!(lines.iter().any(|l| l.starts_with(
        "::warning file=-,line=2,col=1,endLine=2,endColumn=14,title=MaintainerDeprecated::"
    )));

    // A file name with `,` and `:` cannot add a property; an error is `::error`.
    let dir = std::env::temp_dir().join(format!("stageplay-gh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("a,b:c%d");
    std::fs::write(&path, "FROM alpine\nBOGUS\n").expect("write");
    let shown = path.to_str().expect("UTF-8");
    let (code, out, _) = run(&["check", "--format", "github", shown], b"");
    assert_eq!(code, 1);
    let escaped = shown
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert!(
        out.starts_with(&format!("::error file={escaped},line=2,col=1,")),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);

    // What `# check=` skipped is a notice.
    let (_, out, _) = run(
        &["check", "--format", "github", "-"],
        b"# check=skip=MaintainerDeprecated\nFROM alpine\nMAINTAINER me\n",
    );
    assert!(
        out.contains("::notice file=-,title=Build checks::`# check=` on line 1"),
        "{out}"
    );
}
