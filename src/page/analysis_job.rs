//! The analysis the page's worker makes (`src/worker.rs`): the page sends it the share state
//! and receives the `Analysis` as bytes (`analysis::wire`), so the analysis core is not in
//! the page's own wasm and never holds its main thread (docs/performance.md, "Large pastes").
//!
//! The request is the share state as the link's JSON with an empty Dockerfile, and the
//! Dockerfile apart (a 10 MB text is passed to the worker as it is, never escaped into JSON).
//! Pure, so native tests make the same analysis the worker makes ([`analyse`]).

use crate::analysis::{Analysis, analyze, wire};

use super::command_line::options;
use super::examples::{EXAMPLES, GO_HREF_COUNTER, example_share};
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
    let mut state = share::from_json(request.as_bytes()).map_err(|e| e.to_string())?;
    state.dockerfile = dockerfile.into();
    Ok(wire::encode(&analyse(&state)))
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

    #[test]
    fn a_bad_request_is_an_error_not_a_panic() {
        assert!(run("", "FROM alpine").is_err());
        assert!(run("{not json", "FROM alpine").is_err());
    }
}
