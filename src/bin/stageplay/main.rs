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

/// mimalloc: the analysis allocates many small strings; see `benches/analyze.rs` and
/// `alloc.rs`.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: alloc::Allocator = alloc::Allocator;

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

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(cli::run());
}
