//! Property tests: random and mutated Dockerfiles (proptest strategies) and every prefix of
//! every fixture never panic and always satisfy the output invariants.

use proptest::prelude::*;
use stageplay_analysis::{Builder, Options, analyze};

use crate::invariants::check_invariants;
use crate::snapshot;

const LINES: &[&str] = &[
    "FROM alpine",
    "FROM golang:1.22 AS build",
    "FROM build AS test",
    "FROM scratch",
    "FROM ${BASE:-alpine} AS b2",
    "from Build as X",
    "ARG BASE=debian",
    "ARG V",
    "ARG A=$V$V",
    "ENV A=1 B=\"two words\"",
    "ENV K v",
    "COPY --from=build /out /out",
    "COPY --from=0 / /",
    "COPY --from=$X /a /b",
    "COPY --from=later /a /b",
    "COPY <<EOF /f",
    "EOF",
    "RUN <<-'X'",
    "X",
    "RUN cat <<A <<B",
    "A",
    "B",
    "RUN --mount=from=build,target=/m ls",
    "RUN --mount=type=cache,target=/c make",
    "WORKDIR rel",
    "WORKDIR /abs/$V",
    "CMD x",
    "CMD [\"a\", \"b\"]",
    "ENTRYPOINT [\"x\"",
    "EXPOSE 80/TCP 1:2",
    "LABEL a=b",
    "USER $U",
    "ONBUILD COPY --from=build /x /y",
    "ONBUILD RUN --mount=from=b2 ls",
    "HEALTHCHECK CMD true",
    "SHELL [\"sh\", \"-c\"]",
    "MAINTAINER me",
    "# comment",
    "",
    "RUN echo \\",
    "  continued \\",
    "BOGUS",
    "FROM later AS later",
    "# escape=`",
    "RUN echo `",
    "\u{feff}FROM bom",
    "é 😀 \t",
    "ADD https://x/y.tgz /",
    "STOPSIGNAL SIGTERM",
    "VOLUME /data",
    "ARG TOKEN=${A:+${B:-c}}",
];

/// A random file: up to 29 of the lines above, one in ten ending in a carriage return.
fn random_dockerfile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(LINES), prop::bool::weighted(0.1)),
        0..30,
    )
    .prop_map(|lines| {
        let mut out = String::new();
        for (line, cr) in lines {
            out.push_str(line);
            out.push(if cr { '\r' } else { ' ' });
            out.push('\n');
        }
        out
    })
}

/// The characters a mutation inserts: the ones that open or close quotes, substitutions,
/// heredocs, flags and lists.
const EXTRA: &[char] = &[
    '\\', '$', '{', '}', '"', '\'', '<', '\n', '-', '=', ',', '[', '`',
];

/// One edit of a mutation. Removing or replacing at the very end inserts a newline instead.
#[derive(Clone, Debug)]
enum Edit {
    Remove,
    Insert(char),
    Replace,
    Newline,
}

/// One to four edits, each at a position anywhere in the text (its end included).
fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, Edit)>> {
    let edit = prop_oneof![
        Just(Edit::Remove),
        prop::sample::select(EXTRA).prop_map(Edit::Insert),
        Just(Edit::Replace),
        Just(Edit::Newline),
    ];
    prop::collection::vec((any::<prop::sample::Index>(), edit), 1..=4)
}

fn mutate(text: &str, edits: &[(prop::sample::Index, Edit)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, edit) in edits {
        let at = at.index(chars.len() + 1);
        match edit {
            Edit::Remove if at < chars.len() => {
                chars.remove(at);
            }
            Edit::Insert(c) => chars.insert(at, *c),
            Edit::Replace if at < chars.len() => chars[at] = 'x',
            _ => chars.insert(at, '\n'),
        }
    }
    chars.into_iter().collect()
}

/// Options: a target that exists one time in four, one that does not one in four; either
/// builder; a build argument that doubles itself half the time.
fn options() -> impl Strategy<Value = Options> {
    (
        prop_oneof![
            1 => Just(Some("build".to_string())),
            1 => Just(Some("nope".to_string())),
            2 => Just(None),
        ],
        prop_oneof![Just(Builder::BuildKit), Just(Builder::Legacy)],
        any::<bool>(),
    )
        .prop_map(|(target, builder, double)| Options {
            target,
            builder,
            build_args: if double {
                vec![("V".into(), "$V$V".into())]
            } else {
                Vec::new()
            },
            ..Options::default()
        })
}

proptest! {
    // Failures print their minimal case; no regression files are written into the tree.
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_and_mutated_dockerfiles_keep_the_invariants(
        text in random_dockerfile(),
        opts in options(),
        edits in edits(),
    ) {
        check_invariants(&text, &analyze(&text, &opts));
        let mutated = mutate(&text, &edits);
        check_invariants(&mutated, &analyze(&mutated, &opts));
    }

    /// The bounded distance that "did you mean" uses, and the full one, agree with the
    /// textbook table.
    #[test]
    fn the_edit_distances_agree_with_the_textbook_table(
        a in "[ab_éA]{0,12}",
        b in "[ab_éA]{0,12}",
        bound in 0usize..8,
    ) {
        let d = levenshtein(&a, &b);
        prop_assert_eq!(stageplay_analysis::edit_distance(&a, &b), d);
        prop_assert_eq!(
            stageplay_analysis::suggest::edit_distance_below(&a, &b, bound),
            Some(d).filter(|&d| d < bound)
        );
    }
}

#[test]
fn every_prefix_of_every_fixture_keeps_the_invariants() {
    let mut files = 0;
    for case in snapshot::cases("analysis") {
        let Ok(text) = std::fs::read_to_string(case.join("Dockerfile")) else {
            continue;
        };
        files += 1;
        for (i, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let prefix = &text[..i];
            check_invariants(prefix, &analyze(prefix, &Options::default()));
        }
    }
    assert!(files >= 20);
}

#[test]
fn the_invariant_checker_catches_broken_output() {
    let text = "FROM alpine AS a\nFROM alpine\nCOPY --from=a /x /y\n";
    let good = analyze(text, &Options::default());
    check_invariants(text, &good);
    let mut bad_edge = good.clone();
    bad_edge.edges[0].to = 9;
    let mut bad_span = good.clone();
    bad_span.instructions[0].span.end = text.len() + 1;
    let mut bad_wave = good.clone();
    bad_wave.plan.waves.reverse();
    for bad in [bad_edge, bad_span, bad_wave] {
        let caught = std::panic::catch_unwind(|| check_invariants(text, &bad));
        assert!(caught.is_err(), "the checker accepted a broken analysis");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// `closest_name` picks what comparing every candidate in full picks, names longer
    /// than the 256 characters compared included.
    #[test]
    fn the_closest_name_is_the_one_the_full_comparison_picks(
        name in "[ab]{0,6}|[ab]{250,300}|a{600,800}",
        candidates in prop::collection::vec("[abc]{0,8}|[ab]{240,320}|a{250,320}", 0..6),
    ) {
        let truncated = |s: &str| s.chars().take(256).collect::<String>();
        let mut want: Option<(usize, &str)> = None;
        for c in &candidates {
            let d = levenshtein(&truncated(&name), &truncated(c));
            let limit = (name.chars().count().max(c.chars().count()) / 3).max(1);
            if d <= limit && want.is_none_or(|(bd, _)| d < bd) {
                want = Some((d, c));
            }
        }
        prop_assert_eq!(
            stageplay_analysis::closest_name(&name, candidates.iter().map(String::as_str)),
            want.map(|(_, c)| c)
        );
    }
}

/// Levenshtein's distance by the whole (len(a)+1) x (len(b)+1) table, over chars.
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in t.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in t[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let sub = t[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            t[i][j] = sub.min(t[i - 1][j] + 1).min(t[i][j - 1] + 1);
        }
    }
    t[a.len()][b.len()]
}
