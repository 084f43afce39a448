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

/// Blocks from one region that reuses freed ones, the rest from mimalloc: the analysis
/// allocates many small strings and keeps most to the end; see `alloc.rs` and
/// `benches/analyze.rs`.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: alloc::Allocator = alloc::Allocator::new();

/// The allocator's region set up before the standard library's own start-up, as the C
/// library runs the ELF constructors in `.init_array` before `main`: the standard library
/// names the main thread with a `Box<str>` before `main` runs, and that one small block made
/// mimalloc open a segment of its own, a 2 MB huge page the kernel zeroed for a few bytes
/// (about 0.2 ms of every run: docs/performance.md#cli). The C library's start-up (thread-local
/// storage, relocations) is done by then, so the region's owner thread is known, and mimalloc
/// initialises itself on its first call, as it does for C++ constructors. `main` calls
/// `start_region` again, which does nothing once the region is set (and sets it up on other
/// systems).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static START_REGION: extern "C" fn() = {
    extern "C" fn start() {
        GLOBAL.start_region();
    }
    start
};

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

#[cfg(stageplay_pgo_generate)]
unsafe extern "C" {
    /// LLVM's profiling runtime (`-C profile-generate`): writes the counts gathered so far.
    fn __llvm_profile_write_file() -> i32;
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Already done before `main` on Linux (`START_REGION`).
        GLOBAL.start_region();
        let code = cli::run();
        // Everything the commands write goes through buffers they flush before returning,
        // standard output's own line buffer aside, flushed here as the standard library's
        // exit would flush it (an error ignored, as there).
        let _ = std::io::Write::flush(&mut std::io::stdout());
        // The exit handlers left are mimalloc's, which walks its whole heap to return it
        // to the kernel that is about to take it back anyway: about 0.2 ms for a 500 KB
        // file's analysis (docs/performance.md#cli). `_exit` skips them.
        // The profiling build of `scripts/build-cli.sh` writes LLVM's counters here, as the
        // exit handler `_exit` skips would.
        #[cfg(stageplay_pgo_generate)]
        // SAFETY: the profiling runtime's own entry point, called once, on the main thread.
        unsafe {
            __llvm_profile_write_file();
        }
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
