//! Scaling: for every kind of repeated instruction, doubling the input at most about
//! doubles the work (docs/reliability.md). Work is counted, not timed: the core's own step
//! counter (`stageplay_analysis::work`, bumped in the inner loops of matching and
//! simulation) and this thread's heap allocations (count and bytes, from a counting
//! allocator), so a quadratic loop shows as a ratio near 4 whatever the machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use stageplay_analysis::{Options, analyze, work};

/// The system allocator, counting this thread's allocations: tests run on parallel
/// threads, so a global count would mix them up.
struct Counting;

thread_local! {
    static ALLOCS: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

fn count(bytes: usize) {
    // `try_with`: the thread's counter may already be gone while it shuts down.
    let _ = ALLOCS.try_with(|c| {
        let (n, b) = c.get();
        c.set((n + 1, b + bytes as u64));
    });
}

// SAFETY: every call is forwarded to `System` unchanged; the counting touches only a
// const-initialised thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract is passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// What `f` returns, and how many heap allocations it made on this thread.
pub fn allocations<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let before = ALLOCS.with(Cell::get).0;
    let r = f();
    (r, ALLOCS.with(Cell::get).0 - before)
}

/// The work one analysis does: (core steps, allocations, bytes allocated).
fn measure(text: &str, options: &Options) -> [u64; 3] {
    work::take();
    let before = ALLOCS.with(Cell::get);
    let a = analyze(text, options);
    let after = ALLOCS.with(Cell::get);
    let steps = work::take();
    drop(a);
    [steps, after.0 - before.0, after.1 - before.1]
}

/// One input of size `n`: the Dockerfile and its options.
type Input = (String, Options);

fn lines(head: &str, n: usize, line: impl Fn(usize) -> String) -> String {
    let mut s = String::from(head);
    for i in 0..n {
        s.push_str(&line(i));
        s.push('\n');
    }
    s
}

fn plain(text: String) -> Input {
    (text, Options::default())
}

/// A kind of repeated instruction: its name and the generator of an input of size `n`.
type Kind = (&'static str, fn(usize) -> Input);

/// Every kind of repeated instruction.
fn kinds() -> Vec<Kind> {
    vec![
        ("COPY with wildcards", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("COPY src/{i}/* /app/{i}/")
            }))
        }),
        ("COPY with wildcards, listed context", |n| {
            let (text, _) = plain(lines("FROM alpine\n", n, |i| {
                format!("COPY src/{i}/*.go /app/{i}/")
            }));
            let context = lines("", n, |i| format!("src/{i}/main.go 1KB\nsrc/{i}/x.txt 1KB"));
            (
                text,
                Options {
                    context: Some(context),
                    ..Options::default()
                },
            )
        }),
        (
            "COPY with a leading wildcard (the whole context is searched)",
            |n| {
                plain(lines("FROM alpine\n", n, |i| {
                    format!("COPY */{i}/* /app/{i}/")
                }))
            },
        ),
        (
            "one COPY with many --exclude flags and one RUN with many mounts",
            |n| {
                let excludes: String = (0..n).map(|i| format!("--exclude=x{i} ")).collect();
                let mounts: String = (0..n)
                    .map(|i| format!("--mount=type=cache,target=/c{i} "))
                    .collect();
                plain(format!(
                    "FROM alpine\nCOPY {excludes}src /app/\nRUN {mounts}true\n"
                ))
            },
        ),
        ("plain COPY", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("COPY f{i}.txt /app/")
            }))
        }),
        ("plain COPY, listed context", |n| {
            let (text, _) = plain(lines("FROM alpine\n", n, |i| format!("COPY d{i} /app/{i}")));
            let context = lines("", n, |i| format!("d{i}/a 1KB\nd{i}/b 1KB"));
            (
                text,
                Options {
                    context: Some(context),
                    ..Options::default()
                },
            )
        }),
        ("ADD of archives and URLs", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("ADD f{i}.tar.gz /app/{i}/\nADD https://example.com/{i}.txt /dl/")
            }))
        }),
        ("COPY --from", |n| {
            plain(lines("FROM alpine AS b\nRUN make\nFROM alpine\n", n, |i| {
                format!("COPY --from=b /out/{i} /app/{i}")
            }))
        }),
        ("COPY --from of paths that RUNs of the stage wrote", |n| {
            let mut s = lines("FROM golang AS b\n", n, |i| {
                format!("RUN go build -o /out/{i}/ ./cmd/{i}\nRUN make x{i}")
            });
            s.push_str("FROM alpine\n");
            s.push_str(&lines("", n, |i| {
                format!("COPY --from=b /out/{i}/app /bin/{i}\nCOPY --from=b /x{i} /x{i}")
            }));
            plain(s)
        }),
        ("COPY --from with wildcards", |n| {
            plain(lines("FROM alpine AS b\nRUN make\nFROM alpine\n", n, |i| {
                format!("COPY --from=b /out/{i}/* /app/{i}/")
            }))
        }),
        ("RUN mkdir -p", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("RUN mkdir -p /d/{i}")
            }))
        }),
        ("RUN go build -o", |n| {
            plain(lines("FROM golang\n", n, |i| {
                format!("RUN go build -o /bin/app{i} ./cmd/{i}")
            }))
        }),
        ("RUN pip install", |n| {
            plain(lines("FROM python\n", n, |i| {
                format!("RUN pip install pkg{i}")
            }))
        }),
        ("RUN cp", |n| {
            plain(lines("FROM alpine\nRUN mkdir -p /a\n", n, |i| {
                format!("RUN cp /a /b{i}")
            }))
        }),
        ("RUN mv", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("RUN mkdir -p /a{i} && mv /a{i} /b{i}")
            }))
        }),
        ("RUN rm", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("RUN mkdir -p /a{i} && rm -rf /a{i}")
            }))
        }),
        ("ENV with $VAR references", |n| {
            plain(lines("FROM alpine\nENV V0=x\n", n, |i| {
                format!("ENV V{}=$V{i} W=${{V{i}}}", i + 1)
            }))
        }),
        ("ARG with $VAR references", |n| {
            plain(lines("FROM alpine\nARG A0=y\n", n, |i| {
                format!("ARG A{}=${{A{i}}}", i + 1)
            }))
        }),
        ("global ARG used by FROM", |n| {
            plain(lines("ARG A0=alpine\n", n, |i| {
                format!("ARG A{}=$A{i}\nFROM $A{i} AS s{i}", i + 1)
            }))
        }),
        ("WORKDIR absolute", |n| {
            plain(lines("FROM alpine\n", n, |i| format!("WORKDIR /d{i}")))
        }),
        ("WORKDIR relative", |n| {
            plain(lines("FROM alpine\n", n, |i| format!("WORKDIR d{i}")))
        }),
        ("FROM the previous stage", |n| {
            plain(lines("FROM alpine AS s0\n", n, |i| {
                format!("FROM s{i} AS s{}\nRUN touch /f{i}", i + 1)
            }))
        }),
        ("stages copying from each other", |n| {
            plain(lines("FROM alpine AS s0\nRUN touch /f0\n", n, |i| {
                format!(
                    "FROM alpine AS s{}\nCOPY --from=s{i} /f{i} /f{}",
                    i + 1,
                    i + 1
                )
            }))
        }),
        ("stages inferred by a final COPY --from", |n| {
            let mut s = lines("", n, |i| format!("FROM alpine AS s{i}\nRUN make"));
            s.push_str("FROM alpine\n");
            s.push_str(&lines("", n, |i| format!("COPY --from=s{i} /out /o{i}")));
            plain(s)
        }),
        ("COPY heredocs", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("COPY <<EOF{i} /h{i}\nhello\nEOF{i}")
            }))
        }),
        ("RUN heredocs", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("RUN <<EOF\nmkdir -p /x{i}\nEOF")
            }))
        }),
        ("long continuation lines", |n| {
            let mut s = lines("FROM alpine\nRUN mkdir -p \\\n", n, |i| {
                format!("  /d{i} \\")
            });
            s.push_str("  /end\n");
            plain(s)
        }),
        ("long && chains", |n| {
            let mut s = lines("FROM alpine\nRUN true \\\n", n, |i| {
                format!("  && mkdir -p /d{i} && cp /d{i} /e{i} \\")
            });
            s.push_str("  && true\n");
            plain(s)
        }),
        (".dockerignore with many patterns", |n| {
            let context = lines("", n, |i| format!("d{}/f{i}.txt 1KB", i % 100));
            let dockerignore = lines("", n / 2, |i| format!("d{}/x{i}*", i % 100));
            (
                "FROM alpine\nCOPY . /app/\n".into(),
                Options {
                    context: Some(context),
                    dockerignore: Some(dockerignore),
                    ..Options::default()
                },
            )
        }),
        (".dockerignore with many leading-wildcard patterns", |n| {
            let context = lines("", n, |i| format!("d{}/f{i}.txt 1KB", i % 100));
            let dockerignore = lines("", n / 2, |i| format!("**/x{i}"));
            (
                "FROM alpine\nCOPY . /app/\n".into(),
                Options {
                    context: Some(context),
                    dockerignore: Some(dockerignore),
                    ..Options::default()
                },
            )
        }),
        ("LABEL and EXPOSE", |n| {
            plain(lines("FROM alpine\n", n, |i| {
                format!("LABEL l{i}=v{i}\nEXPOSE {i}")
            }))
        }),
    ]
}

/// The size of the smaller input: large enough that a quadratic term dominates.
const N: usize = 2_000;

#[test]
fn doubling_any_input_at_most_about_doubles_the_work() {
    let mut failures = Vec::new();
    for (name, make) in kinds() {
        let (small_text, small_options) = make(N);
        let (big_text, big_options) = make(2 * N);
        let small = measure(&small_text, &small_options);
        let big = measure(&big_text, &big_options);
        for (what, (s, b)) in ["steps", "allocations", "bytes"]
            .iter()
            .zip(small.iter().zip(big.iter()))
        {
            // A floor keeps a few constant-cost steps from making a ratio of tiny numbers.
            let ratio = *b as f64 / (*s).max(1_000) as f64;
            eprintln!("{name}: {what} {s} -> {b} (x{ratio:.2})");
            if ratio > 2.5 {
                failures.push(format!("{name}: {what} {s} -> {b} (x{ratio:.2})"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "doubling the input more than doubled the work:\n{}",
        failures.join("\n")
    );
}

/// Where a cap keeps the work linear, the instruction where the simulation stopped says so.
#[test]
fn caps_say_where_they_stopped() {
    let notes = |text: &str| -> Vec<String> {
        let a = analyze(text, &Options::default());
        a.files
            .stages
            .iter()
            .flat_map(|s| s.effects.iter().filter_map(|e| e.note()))
            .collect()
    };
    let wild = lines("FROM alpine\n", 4_000, |i| {
        format!("COPY */{i}/* /app/{i}/")
    });
    assert!(
        notes(&wild)
            .iter()
            .any(|n| n.contains("stopped matching */") && n.contains("wildcard budget"))
    );
    let deep = lines("FROM alpine\n", 2_000, |i| format!("WORKDIR d{i}"));
    let deep_notes = notes(&deep);
    assert!(deep_notes.iter().any(|n| n.contains("PATH_MAX")));
    let ignore = Options {
        context: Some(lines("", 4_000, |i| format!("d/f{i}.txt"))),
        dockerignore: Some(lines("", 1_000, |i| format!("**/x{i}"))),
        ..Options::default()
    };
    let a = analyze("FROM alpine\nCOPY . /app/\n", &ignore);
    assert!(
        a.files
            .context
            .problems
            .iter()
            .any(|p| p.message.contains("stopped applying the patterns"))
    );
    assert_eq!(a.files.context.files.len(), 4_000);
    // Normal files never meet these caps.
    let small = lines("FROM alpine\n", 50, |i| format!("COPY */{i}/* /app/{i}/"));
    assert!(!notes(&small).iter().any(|n| n.contains("stopped")));
}

/// UnusedStage compares each unused stage with up to 32 `FROM` lines that hold a variable;
/// each such line is split into its literal pieces once per analysis, not once per unused
/// stage (that cost 8 % of the analysis of moby's file repeated 20 times). Counted as the
/// checks' allocations per unused stage: 70 when each comparison split its selector (two
/// per stage and selector), 6 now.
#[test]
fn unused_stages_split_each_selector_once() {
    let selectors = lines("", 32, |i| format!("FROM base-${{V{i}}} AS pick{i}"));
    let unused = |n: usize| {
        let mut s = selectors.clone();
        s.push_str(&lines("", n, |i| format!("FROM alpine AS unused{i}")));
        s.push_str("FROM alpine\n");
        s
    };
    // The checks alone, on a finished analysis: the other passes allocate per stage too.
    let checks = |n: usize| {
        let text = unused(n);
        let a = analyze(&text, &Options::default());
        let (found, allocs) = allocations(|| stageplay_analysis::lint::check_with(&text, &a, None));
        let reported = found.iter().filter(|d| d.rule == "UnusedStage").count();
        assert!(
            reported >= n,
            "{reported} UnusedStage findings for {n} unused stages"
        );
        allocs
    };
    let per_stage = (checks(2_000) - checks(1_000)) / 1_000;
    assert!(per_stage < 32, "{per_stage} allocations per unused stage");
}
