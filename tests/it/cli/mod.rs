//! The native `stageplay` program, run as a child process: `analyze` and `check`, and `link`.

mod analyze;
mod link;
mod output;
