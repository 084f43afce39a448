//! The `stageplay` command-line program: a thin wrapper over `stageplay::analysis::analyze`.

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod context_dir;
#[cfg(not(target_arch = "wasm32"))]
mod link;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(cli::run());
}
