//! Where the analysis's memory goes: the bytes it holds and the blocks it allocates, by part
//! (docs/performance.md, "CLI: eighth pass"). The CLI's time follows both: each block costs
//! its allocator's work, and each 2 MB of memory touched for the first time a huge page the
//! kernel zeroes.
//!
//! `cargo run --release -p stageplay-analysis --example heap -- FILE [FILE...]`
//!
//! For each file: the live bytes and the blocks allocated after the parse alone, then after
//! the whole analysis with the CLI's JSON options (only the stages the target needs
//! simulated) and its peak, then what each part of the `Analysis` holds, measured by
//! dropping the parts one after the other. The counts are of this process's global
//! allocator (the system's, counted), not of the CLI's region, which serves the same
//! requests.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use stageplay_analysis::{Options, analyze_simulating, files::Simulated, parse};

/// The system allocator, counting live bytes, their peak and the blocks handed out.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed to `System` unchanged; the counters are only arithmetic.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        BLOCKS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        BLOCKS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The live bytes a value holds: the difference its drop makes.
fn held<T>(value: T) -> usize {
    let before = LIVE.load(Relaxed);
    drop(value);
    before.saturating_sub(LIVE.load(Relaxed))
}

/// A list's name, the size of its structs alone, and all it holds.
fn list<T>(name: &'static str, items: Vec<T>) -> (&'static str, String, usize) {
    let structs = kb(items.len() * size_of::<T>());
    (name, structs, held(items))
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn report(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let base = LIVE.load(Relaxed);
    let blocks = BLOCKS.load(Relaxed);
    println!("{path}: {} of text", kb(text.len()));

    let parsed = parse::parse(&text);
    println!(
        "  parsed:   {} live, {} blocks, {} instructions",
        kb(LIVE.load(Relaxed) - base),
        BLOCKS.load(Relaxed) - blocks,
        parsed.instructions.len()
    );
    drop(parsed);

    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let blocks = BLOCKS.load(Relaxed);
    let a = analyze_simulating(&text, &Options::default(), Simulated::ForTarget);
    let live = LIVE.load(Relaxed) - base;
    println!(
        "  analysed: {} live ({:.1}x the text), peak {}, {} blocks",
        kb(live),
        live as f64 / text.len().max(1) as f64,
        kb(PEAK.load(Relaxed) - base),
        BLOCKS.load(Relaxed) - blocks
    );
    println!(
        "  {} instructions, {} stages, {} diagnostics, {} edges",
        a.instructions.len(),
        a.stages.len(),
        a.diagnostics.len(),
        a.edges.len()
    );
    let parts = [
        list("instructions", a.instructions),
        list("expanded", a.expanded),
        list("stages", a.stages),
        list("diagnostics", a.diagnostics),
        ("file flow", String::new(), held(a.files)),
        ("edges", String::new(), held(a.edges)),
        ("global ARGs", String::new(), held(a.globals)),
    ];
    let rest = LIVE.load(Relaxed) - base;
    for (name, structs, bytes) in parts {
        let structs = if structs.is_empty() {
            String::new()
        } else {
            format!(" (its structs {structs})")
        };
        println!("    {name:13} {:>10}{structs}", kb(bytes));
    }
    println!("    {:13} {:>10}", "the rest", kb(rest));
    Ok(())
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: cargo run --release -p stageplay-analysis --example heap -- FILE...");
        std::process::exit(2);
    }
    for path in &paths {
        if let Err(e) = report(path) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
