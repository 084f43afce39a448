//! `stageplay mdbook`, the mdBook preprocessor protocol (docs/cli.md#mdbook): `supports`,
//! and `[context, book]` in, the book out, with a figure after each opted-in block.

use super::run;

#[test]
fn it_supports_the_html_renderer_only() {
    assert_eq!(run(&["mdbook", "supports", "html"], b"").0, 0);
    assert_eq!(run(&["mdbook", "supports", "markdown"], b"").0, 1);
    let (code, _, err) = run(&["mdbook", "what"], b"");
    assert_eq!(code, 2, "{err}");
}

/// The JSON mdBook 0.5.4 sends (recorded from a real build: `items`, nested `sub_items`,
/// separators and part titles).
#[test]
fn only_chapter_contents_change_and_nested_chapters_are_reached() {
    let chapter = |name: &str, content: &str, sub: serde_json::Value| {
        serde_json::json!({"Chapter": {
            "name": name, "content": content, "number": [1], "sub_items": sub,
            "path": format!("{name}.md"), "source_path": format!("{name}.md"), "parent_names": []
        }})
    };
    let opted = "# Deep\n\n```dockerfile\n# stageplay: target=build\nFROM golang AS build\nRUN go build\nFROM alpine\nCOPY --from=build /app /app\n```\n";
    let plain = "# Plain\n\n```dockerfile\nFROM alpine\n```\n";
    let book = serde_json::json!({"items": [
        chapter("plain", plain, serde_json::json!([chapter("deep", opted, serde_json::json!([]))])),
        "Separator",
        {"PartTitle": "Part"},
    ]});
    let context = serde_json::json!({"root": "/b", "config": {}, "renderer": "html", "mdbook_version": "0.5.4"});
    let input = serde_json::to_string(&serde_json::json!([context, book])).expect("JSON");
    let (code, out, err) = run(&["mdbook"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let got: serde_json::Value = serde_json::from_str(&out).expect("the book as JSON");
    let items = got["items"].as_array().expect("items");
    assert_eq!(items[1], "Separator");
    assert_eq!(items[2]["PartTitle"], "Part");
    let top = &items[0]["Chapter"];
    assert_eq!(
        top["content"], plain,
        "a block without the opt-in line is left alone"
    );
    let deep = &top["sub_items"][0]["Chapter"];
    let content = deep["content"].as_str().expect("content");
    assert!(content.starts_with(opted), "{content}");
    assert!(
        content.contains("<figure class=\"stageplay-fallback\">"),
        "{content}"
    );
    assert!(content.contains("target <code>build</code>"), "{content}");
    assert_eq!(content.matches("<svg ").count(), 2, "light and dark");
    // Everything else comes back as it went.
    assert_eq!(deep["name"], "deep");
    assert_eq!(deep["path"], "deep.md");
    assert_eq!(deep["number"], serde_json::json!([1]));
}

#[test]
fn input_that_is_not_a_book_is_exit_two_with_a_message() {
    let (code, _, err) = run(&["mdbook"], b"not json");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("stageplay: mdbook: the input is not JSON"),
        "{err}"
    );
    let (code, _, err) = run(&["mdbook"], b"[{}, {\"nothing\": []}]");
    assert_eq!(code, 2);
    assert!(err.contains("no `items`"), "{err}");
}
