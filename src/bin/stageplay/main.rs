//! The `stageplay` command-line program: a thin wrapper over `stageplay::analysis::analyze`.

#[cfg(not(target_arch = "wasm32"))]
mod alloc;
#[cfg(not(target_arch = "wasm32"))]
mod archives;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod context_dir;
#[cfg(not(target_arch = "wasm32"))]
mod github;
#[cfg(not(target_arch = "wasm32"))]
mod json_writer;
#[cfg(not(target_arch = "wasm32"))]
mod link;
#[cfg(not(target_arch = "wasm32"))]
mod mdbook;
#[cfg(not(target_arch = "wasm32"))]
mod out;
#[cfg(not(target_arch = "wasm32"))]
mod outline;
#[cfg(not(target_arch = "wasm32"))]
mod report;
#[cfg(not(target_arch = "wasm32"))]
mod report_json;
#[cfg(not(target_arch = "wasm32"))]
mod sarif;
#[cfg(not(target_arch = "wasm32"))]
mod subrequests;
#[cfg(not(target_arch = "wasm32"))]
mod tabwriter;
#[cfg(not(target_arch = "wasm32"))]
mod targets;

/// Small blocks from one region, the rest from mimalloc: the analysis allocates many small
/// strings and keeps them to the end; see `alloc.rs` and `benches/analyze.rs`.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: alloc::Allocator = alloc::Allocator::new();

// GCC's unwinder linked into the binary, so that the dynamic loader has one library fewer
// to find, map and bind (`libgcc_s.so.1`) at every start: about 0.13 ms of CPU a process,
// a tenth of the CLI's start-up (docs/performance.md#cli). The standard library asks for
// `libgcc_s` after the binary's own libraries, so with `--as-needed` (rustc's default)
// the unwinder's symbols are already defined by then and `libgcc_s` is dropped. It is
// the archive a `crt-static` build links; the CLI's release build aborts on panic and
// uses the unwinder only to print a backtrace.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[link(name = "gcc_eh", kind = "static", modifiers = "-bundle")]
unsafe extern "C" {}

#[cfg(all(unix, not(target_arch = "wasm32")))]
unsafe extern "C" {
    /// POSIX `_exit`: ends the process without running the C library's exit handlers.
    fn _exit(status: i32) -> !;
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        GLOBAL.start_region();
        let code = cli::run();
        // Everything the commands write goes through buffers they flush before returning,
        // standard output's own line buffer aside, flushed here as the standard library's
        // exit would flush it (an error ignored, as there).
        let _ = std::io::Write::flush(&mut std::io::stdout());
        // The exit handlers left are mimalloc's, which walks its whole heap to return it
        // to the kernel that is about to take it back anyway: about 0.2 ms for a 500 KB
        // file's analysis (docs/performance.md#cli). `_exit` skips them.
        #[cfg(unix)]
        // SAFETY: `_exit` is async-signal-safe and takes any status; nothing is left to
        // flush (above), and no destructor of this process writes anything.
        unsafe {
            _exit(code)
        }
        #[cfg(not(unix))]
        std::process::exit(code)
    }
}
