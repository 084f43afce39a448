//! Conformance report: compares Stageplay's instruction list with BuildKit's own parser on
//! the shared corpus (`../shared/corpus`, outside the repository; not part of `make test`).
//!
//! For every corpus file, BuildKit's parse (`parsed/<file>.json`, from PyPI `dockerfile`
//! 3.4.0 = BuildKit v0.12.5) is compared field by field with ours, rendered the way BuildKit
//! renders a node: cmd, sub_cmd, json, start/end line, flags, heredoc names and contents,
//! and the argument values after BuildKit's own splitting.
//!
//! Run: `cargo run --release --example conformance [-- CORPUS_DIR]`

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use stageplay::analysis::parse::{Instruction, join_continuations, split_words};
use stageplay::analysis::{Keyword, LineIndex, Options, Severity, analyze};

/// Our instruction as BuildKit's parser would print it.
fn buildkit_view(inst: &Instruction, text: &str, lines: &LineIndex, escape: char) -> Value {
    let (cmd, sub, target) = match (&inst.trigger, inst.keyword) {
        (Some(t), Keyword::Onbuild) => ("ONBUILD", Value::String(t.keyword.as_str().into()), &**t),
        _ => (inst.keyword.as_str(), Value::Null, inst),
    };
    // The `dockerfile` package drops the flags of an ONBUILD trigger.
    let flags: Vec<String> = if inst.keyword == Keyword::Onbuild {
        Vec::new()
    } else {
        target
            .flags
            .iter()
            .map(|f| match &f.value {
                Some(v) => format!("--{}={v}", f.name),
                None => format!("--{}", f.name),
            })
            .collect()
    };
    let shell = |i: &Instruction| -> Vec<String> {
        if i.exec_form {
            i.args.iter().map(|w| w.value.clone()).collect()
        } else {
            i.args
                .iter()
                .map(|w| join_continuations(&w.value, escape))
                .collect()
        }
    };
    let value: Vec<String> = match target.keyword {
        Keyword::From => {
            let mut v: Vec<String> = target.args.iter().map(|w| w.value.clone()).collect();
            if let (Some(a), Some(n)) = (target.as_span, &target.stage_name) {
                v.push(a.slice(text).to_string());
                v.push(n.value.clone());
            }
            v
        }
        Keyword::Arg => target
            .args
            .first()
            .map(|w| {
                split_words(&w.value, escape)
                    .into_iter()
                    .map(|(_, s)| s)
                    .collect()
            })
            .unwrap_or_default(),
        Keyword::Env | Keyword::Label => target
            .pairs
            .iter()
            .flat_map(|p| [p.key.clone(), p.value.clone().unwrap_or_default()])
            .collect(),
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint => shell(target),
        Keyword::Healthcheck => {
            if target.args.is_empty() {
                vec!["NONE".into()]
            } else {
                std::iter::once("CMD".to_string())
                    .chain(shell(target))
                    .collect()
            }
        }
        Keyword::Copy | Keyword::Add => target
            .heredocs
            .iter()
            .map(|h| {
                h.marker_span
                    .map(|m| m.slice(text).to_string())
                    .unwrap_or_default()
            })
            .chain(target.args.iter().map(|w| w.value.clone()))
            .collect(),
        _ => target.args.iter().map(|w| w.value.clone()).collect(),
    };
    let heredocs: Vec<Value> = target
        .heredocs
        .iter()
        .map(|h| json!({"name": h.name, "content": h.body}))
        .collect();
    json!({
        "cmd": cmd,
        "sub_cmd": sub,
        "json": target.exec_form,
        "start_line": lines.line(inst.span.start),
        "end_line": lines.line(inst.span.end.saturating_sub(1).max(inst.span.start)),
        "flags": flags,
        "value": value,
        "heredocs": heredocs,
    })
}

fn reference_view(i: &Value) -> Value {
    let heredocs: Vec<Value> = i["heredocs"]
        .as_array()
        .map(|hs| {
            hs.iter()
                .map(|h| json!({"name": h["name"], "content": h["content"]}))
                .collect()
        })
        .unwrap_or_default();
    json!({
        "cmd": i["cmd"].as_str().map(str::to_ascii_uppercase),
        "sub_cmd": i["sub_cmd"].as_str().map(str::to_ascii_uppercase),
        "json": i["json"],
        "start_line": i["start_line"],
        "end_line": i["end_line"],
        "flags": i["flags"],
        "value": i["value"],
        "heredocs": heredocs,
    })
}

fn main() {
    let root: PathBuf = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut names: Vec<String> = match std::fs::read_dir(root.join("files")) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", root.join("files").display());
            std::process::exit(2);
        }
    };
    names.sort();
    let (mut identical, mut compared) = (0, 0);
    let (mut parsed_identical, mut parsed_total) = (0, 0);
    let mut report = Vec::new();
    for name in &names {
        let Ok(text) = std::fs::read_to_string(root.join("files").join(name)) else {
            report.push(format!("{name}: not UTF-8, skipped"));
            continue;
        };
        let reference: Value =
            match std::fs::read_to_string(root.join("parsed").join(format!("{name}.json")))
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
            {
                Some(v) => v,
                None => continue,
            };
        compared += 1;
        let a = analyze(&text, &Options::default());
        let parse_error = a
            .diagnostics
            .iter()
            .find(|d| d.rule == "ParseError" && d.severity == Severity::Error);
        if let Some(err) = reference.get("error") {
            if let Some(ours) = parse_error {
                identical += 1;
                report.push(format!(
                    "{name}: both reject it (BuildKit: {err}; ours: {})",
                    ours.message
                ));
            } else {
                report.push(format!("{name}: BuildKit rejects it ({err}), we accept it"));
            }
            continue;
        }
        parsed_total += 1;
        let lines = LineIndex::new(&text);
        let ours: Vec<Value> = a
            .instructions
            .iter()
            .map(|i| buildkit_view(i, &text, &lines, a.escape))
            .collect();
        let theirs: Vec<Value> = reference["instructions"]
            .as_array()
            .map(|v| v.iter().map(reference_view).collect())
            .unwrap_or_default();
        let mut diffs = Vec::new();
        if let Some(e) = parse_error {
            diffs.push(format!("  our parse error: {}", e.message));
        }
        if ours.len() != theirs.len() {
            diffs.push(format!(
                "  {} instructions, BuildKit {}",
                ours.len(),
                theirs.len()
            ));
        }
        for (o, t) in ours.iter().zip(&theirs) {
            if o != t {
                for field in [
                    "cmd",
                    "sub_cmd",
                    "json",
                    "start_line",
                    "end_line",
                    "flags",
                    "value",
                    "heredocs",
                ] {
                    if o[field] != t[field] {
                        diffs.push(format!(
                            "  line {}: {field}: ours {} | BuildKit {}",
                            t["start_line"], o[field], t[field]
                        ));
                    }
                }
            }
        }
        if diffs.is_empty() {
            identical += 1;
            parsed_identical += 1;
        } else {
            report.push(format!("{name}:\n{}", diffs.join("\n")));
        }
    }
    println!("{parsed_identical}/{parsed_total} files identical (of those BuildKit parses)");
    println!("{identical}/{compared} files agree overall (identical, or rejected by both)");
    for r in report {
        println!("{r}");
    }
}
