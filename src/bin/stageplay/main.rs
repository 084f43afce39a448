//! The `stageplay` command-line program: a thin wrapper over `stageplay::analysis::analyze`.

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod context_dir;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(cli::run());
}
