//! `check --format sarif`: the diagnostics as a SARIF 2.1.0 log, the format GitHub code
//! scanning uploads (`github/codeql-action/upload-sarif`) and other CI tools read.
//!
//! One run; `tool.driver.rules` is the whole rule table (so `ruleIndex` is stable across
//! files), each BuildKit check with `helpUri` to Docker's page for it; each result names
//! its rule, a level (`error`, `warning`, `note`), the message and where it is (the file
//! as given on the command line, lines and columns 1-based in code points). The test
//! suite validates the output against the published SARIF 2.1.0 schema
//! (`tests/sarif/validate.mjs`).

use serde_json::{Value, json};
use stageplay::analysis::{Diagnostic, LineIndex, Severity, lint};
use stageplay::page::reference::buildkit_rule_url;

use crate::report::region;

/// The schema the log declares: the OASIS SARIF 2.1.0 schema, at the address GitHub's
/// documentation gives for it.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log of `diagnostics`, found in `text`, for the file called `file`.
pub fn log(diagnostics: &[Diagnostic], text: &str, file: &str) -> Value {
    let lines = LineIndex::new(text);
    let rules: Vec<Value> = lint::RULES.iter().map(rule).collect();
    let uri = uri_reference(file);
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let (start, end) = region(d, text, &lines);
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        }
                    }
                }],
            });
            if let Some(index) = lint::RULES.iter().position(|r| r.name == d.rule) {
                result["ruleIndex"] = json!(index);
            }
            result
        })
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "stageplay",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// A rule's `reportingDescriptor`: its name, what it finds, its default level, and for
/// BuildKit's checks the page of Docker's build checks reference that documents it.
fn rule(r: &stageplay::analysis::Rule) -> Value {
    let short = r
        .explanation
        .split_once(". ")
        .map_or(r.explanation, |(first, _)| first);
    let mut v = json!({
        "id": r.name,
        "name": r.name,
        "shortDescription": {"text": short.trim_end_matches('.').to_string() + "."},
        "fullDescription": {"text": r.explanation},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"tags": [if r.buildkit { "buildkit" } else { "stageplay" }]},
    });
    if r.buildkit {
        v["helpUri"] = json!(buildkit_rule_url(r.name));
    }
    v
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The file path as a relative URI reference (what `artifactLocation.uri` must be):
/// backslashes become slashes, and every byte a URI cannot hold literally (spaces, `%`,
/// `#`, `?`, non-ASCII) is percent-encoded, so `my dir/Dockerfile` stays one path.
pub fn uri_reference(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for b in file.replace('\\', "/").bytes() {
        let plain = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b);
        if plain {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_reference("Dockerfile"), "Dockerfile");
        assert_eq!(uri_reference("my dir/Dockerfile"), "my%20dir/Dockerfile");
        assert_eq!(uri_reference("a\\b#c?%é"), "a/b%23c%3F%25%C3%A9");
        assert_eq!(uri_reference("c:x"), "c%3Ax");
    }
}
