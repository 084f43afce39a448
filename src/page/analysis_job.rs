//! The analysis the page's worker makes (`src/worker.rs`): the page sends it the share state
//! and receives the `Analysis` as bytes (`analysis::wire`), so the analysis core is not in
//! the page's own wasm and a paste or a large file never holds its main thread
//! (docs/performance.md, "Large pastes").
//!
//! The request is the share state as the link's JSON with an empty Dockerfile, and the
//! Dockerfile apart (a 10 MB text is passed to the worker as it is, never escaped into JSON).
//! Pure, so native tests make the same analysis the worker makes ([`analyse`]).
//!
//! Once the page has loaded, it also holds a copy of the worker's module on its own thread
//! (`static/worker.js`), which analyses a keystroke in the key's own task when
//! [`in_key_task`] says it is quick, so the graph is drawn in the typed character's frame
//! (docs/budgets.md, "Keystroke").

use crate::analysis::{Analysis, analyze, analyze_at_most, wire};

use super::command_line::options;
use super::examples::{EXAMPLES, GO_HREF_COUNTER, example_share};
use super::highlight::Edit;
use super::large_text::LARGE_BYTES;
use super::share::{self, ShareState};

/// The share state the worker needs besides the Dockerfile, as JSON.
pub fn request(state: &ShareState) -> String {
    share::to_json(&ShareState {
        dockerfile: "".into(),
        ..state.clone()
    })
}

/// The analysis of a share state, as the page shows it: the worker's, and the tests'.
pub fn analyse(state: &ShareState) -> Analysis {
    analyze(&state.dockerfile, &options(state))
}

/// What the worker answers to a [`request`] and its Dockerfile: the analysis's bytes, or
/// why there are none.
pub fn run(request: &str, dockerfile: &str) -> Result<Vec<u8>, String> {
    Ok(wire::encode(&analyse(&requested(request, dockerfile)?)))
}

/// The share state a [`request`] and its Dockerfile stand for.
fn requested(request: &str, dockerfile: &str) -> Result<ShareState, String> {
    let mut state = share::from_json(request.as_bytes()).map_err(|e| e.to_string())?;
    state.dockerfile = dockerfile.into();
    Ok(state)
}

/// What an analysis took: its Dockerfile's length in bytes, and the milliseconds from the
/// request to its bytes (the worker's, or the page's own copy's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cost {
    pub bytes: usize,
    pub ms: f64,
}

/// The longest a keystroke's analysis may be expected to hold the key's task. The key's
/// task is about 5 ms without it (moby's 650 lines: the browser's insertion of the
/// character and the editor's render), its analysis 1.5–4 ms; made in the worker instead,
/// the graph is drawn a frame later, about 8 ms (docs/budgets.md, "Keystroke").
pub const IN_KEY_TASK_MS: f64 = 8.0;

/// The most bytes an edit may remove or add to be analysed in its own task: a key, a
/// pasted line, a fix, lines indented or commented out. The cost of the text it was made
/// from then tells the cost of the new one.
pub const IN_KEY_TASK_EDIT: usize = 4096;

/// The length under which an analysis's cost is taken to be its fixed part.
const COST_FLOOR: usize = 4096;

/// Whether the page analyses `text` at once, in the task that made it, rather than in the
/// worker: it is an edit of at most [`IN_KEY_TASK_EDIT`] bytes of `analysed`, the text of
/// the analysis shown, in a text the editor edits (at most `LARGE_BYTES`), and the last
/// analysis's cost (`last`), in proportion to the length, is at most [`IN_KEY_TASK_MS`].
/// Without a cost to go by (before any analysis), never: a paste of a text unlike the last
/// one, whose cost nothing tells, goes to the worker, and no main-thread task can grow long.
pub fn in_key_task(analysed: &str, text: &str, last: Option<Cost>) -> bool {
    let Some(last) = last else { return false };
    if text.len() > LARGE_BYTES {
        return false;
    }
    let edit = Edit::between(analysed, text);
    let removed = edit.old_end - edit.prefix;
    let added = edit.new_end - edit.prefix;
    if removed > IN_KEY_TASK_EDIT || added > IN_KEY_TASK_EDIT {
        return false;
    }
    // In proportion to the length, but a text under `COST_FLOOR` costs what any analysis
    // does (a 26-byte text took as long as a 900-byte one: its cost is not its bytes').
    let expected = last.ms * text.len().max(COST_FLOOR) as f64 / last.bytes.max(COST_FLOOR) as f64;
    expected <= IN_KEY_TASK_MS
}

/// The most instructions a keystroke's text may have to be analysed in the key's task, when
/// the analysis shown has `shown`: a key, a pasted block or lines commented out change a
/// few, but deleting a heredoc's `<<` turns its whole body into instructions, and the
/// analysis would no longer be as quick as the last (`analysis::analyze_at_most`).
pub fn most_instructions(shown: usize) -> usize {
    shown.saturating_add(shown / 4).saturating_add(256)
}

/// [`run`] on the page's main thread, for a keystroke: `None` when the text has more than
/// `max_instructions` instructions (see [`most_instructions`]); the worker analyses it.
pub fn run_at_most(
    request: &str,
    dockerfile: &str,
    max_instructions: usize,
) -> Result<Option<Vec<u8>>, String> {
    let state = requested(request, dockerfile)?;
    let analysis = analyze_at_most(&state.dockerfile, &options(&state), max_instructions);
    Ok(analysis.map(|a| wire::encode(&a)))
}

/// The worker's first analysis, made as soon as its module is ready, while the page is still
/// loading its own: the default example, the page's usual first request. V8 compiles a wasm
/// function the first time it runs, so the first analysis took 30-70 ms against 1-2 ms for
/// the next (`scripts/measure.mjs`, first render).
pub fn prime() {
    std::hint::black_box(analyse(&example_share(&GO_HREF_COUNTER)));
}

/// How many times the gallery's examples are repeated in [`warm_up`]'s long file.
const WARM_UP_REPEAT: usize = 8;

/// One round of the worker's warm-up. V8 first runs wasm in a baseline tier and optimises a
/// function only once it has run enough, so in a fresh page the first large paste was
/// analysed about 3 times slower than the next ones (a 1 MB file: 580 ms, then 154 ms;
/// `scripts/measure-large.mjs`). The worker runs a few rounds while it is idle after its
/// first analysis: every gallery example, and a file of a hundred-odd stages (the examples
/// back to back, eight times), since small files alone left the first 1 MB paste at
/// 250-330 ms.
pub fn warm_up() {
    let options = Default::default();
    for e in EXAMPLES {
        std::hint::black_box(analyze(e.dockerfile, &options));
    }
    let long = EXAMPLES
        .iter()
        .map(|e| e.dockerfile)
        .collect::<Vec<_>>()
        .join("\n")
        .repeat(WARM_UP_REPEAT);
    std::hint::black_box(analyze(&long, &options));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Base, Builder};

    #[test]
    fn the_worker_analyses_the_state_the_page_sent() {
        let s = ShareState {
            dockerfile: "ARG V=1\nFROM alpine:${V} AS base\nFROM base AS test\nRUN echo é\nFROM scratch\nCOPY --from=base /x /\n".into(),
            context: "app.go 2KB\n".into(),
            build_args: "V=3.19\n".into(),
            target: Some("test".into()),
            builder: Builder::Legacy,
            ..ShareState::default()
        };
        let bytes = run(&request(&s), &s.dockerfile).unwrap();
        assert_eq!(wire::decode(&bytes), Some(analyse(&s)));
        // The options reached the analysis: the target, the build arg and the builder.
        let a = analyse(&s);
        assert_eq!(a.plan.builder, Builder::Legacy);
        assert_eq!(a.plan.target, Some(1));
        assert_eq!(
            a.stages[0].base,
            Base::Image {
                name: "alpine:3.19".into()
            }
        );
        // The request does not carry the Dockerfile.
        assert!(!request(&s).contains("alpine"), "{}", request(&s));
    }

    const FAST: Option<Cost> = Some(Cost {
        bytes: 25_000,
        ms: 2.0,
    });

    #[test]
    fn a_key_is_analysed_in_its_own_task_when_its_text_was_quick() {
        let old = "FROM alpine AS build\nRUN make\n".repeat(800);
        let mut new = old.clone();
        new.insert(30, 'x');
        assert!(in_key_task(&old, &new, FAST));
        // The same text again (a build arg changed): the same cost.
        assert!(in_key_task(&old, &old, FAST));
        // A pasted line, and a block commented out.
        let pasted = format!("{}RUN apk add curl\n{}", &old[..21], &old[21..]);
        assert!(in_key_task(&old, &pasted, FAST));
    }

    #[test]
    fn a_key_goes_to_the_worker_when_nothing_says_it_is_quick() {
        let old = "FROM alpine AS build\nRUN make\n".repeat(800);
        let mut new = old.clone();
        new.insert(30, 'x');
        // No analysis yet.
        assert!(!in_key_task(&old, &new, None));
        // The last one was slow, or its text much shorter than this one.
        let slow = Some(Cost {
            bytes: old.len(),
            ms: 9.0,
        });
        assert!(!in_key_task(&old, &new, slow));
        let short = Some(Cost {
            bytes: 2_000,
            ms: 2.0,
        });
        assert!(!in_key_task(&old, &new, short));
        // An empty last text is no division by zero, and tells little of a long one.
        let empty = Some(Cost { bytes: 0, ms: 2.0 });
        assert!(!in_key_task("", &new, empty));
        // A short text's cost is that of any analysis: a block pasted into it costs as much.
        let short = "FROM alpine AS a\nRUN true\n";
        let block = format!("{short}{}", "RUN echo 1\n".repeat(300));
        let quick = Some(Cost {
            bytes: short.len(),
            ms: 0.3,
        });
        assert!(in_key_task(short, &block, quick));
        let slow = Some(Cost {
            bytes: short.len(),
            ms: 9.0,
        });
        assert!(!in_key_task(short, &block, slow));
    }

    #[test]
    fn a_paste_or_a_text_too_large_to_edit_goes_to_the_worker() {
        let old = "FROM alpine AS build\nRUN make\n".repeat(100);
        // A paste of a whole file over a small one: its cost is not the last text's.
        let pasted = "FROM golang AS build\nRUN go build\n".repeat(200);
        assert!(!in_key_task(&old, &pasted, FAST));
        let replaced = format!("{}{}", &old[..10], "A".repeat(IN_KEY_TASK_EDIT + 1));
        assert!(!in_key_task(&old, &replaced, FAST));
        // Past what the editor edits, whatever the cost.
        let large = "RUN true\n".repeat(LARGE_BYTES / 9 + 1);
        let mut larger = large.clone();
        larger.push('x');
        let free = Some(Cost {
            bytes: large.len(),
            ms: 0.1,
        });
        assert!(!in_key_task(&large, &larger, free));
    }

    #[test]
    fn the_page_analyses_a_key_as_the_worker_does_unless_it_makes_many_instructions() {
        let s = ShareState {
            dockerfile: "FROM alpine AS a\nRUN <<EOF\necho 1\nFROM scratch\nEOF\n".into(),
            build_args: "V=1\n".into(),
            ..ShareState::default()
        };
        let r = request(&s);
        assert_eq!(
            run_at_most(&r, &s.dockerfile, most_instructions(2)),
            Ok(Some(run(&r, &s.dockerfile).unwrap()))
        );
        assert_eq!(run_at_most(&r, &s.dockerfile, 1), Ok(None));
        assert!(run_at_most("{not json", &s.dockerfile, 9).is_err());
        // A file's worth of lines more than the analysis shown goes to the worker.
        assert_eq!(most_instructions(600), 1006);
        assert_eq!(most_instructions(usize::MAX), usize::MAX);
    }

    #[test]
    fn a_bad_request_is_an_error_not_a_panic() {
        assert!(run("", "FROM alpine").is_err());
        assert!(run("{not json", "FROM alpine").is_err());
    }
}
