//! The shareable state of the page (what a share link carries), and its codec.
//!
//! Pure: no browser APIs, so the CLI (`stageplay link`) and native tests use it too.

use crate::analysis::Builder;

/// The output view shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    Graph,
    Plan,
    Files,
    Problems,
    Steps,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Graph,
        View::Plan,
        View::Files,
        View::Problems,
        View::Steps,
    ];

    /// The name used in URLs (`view=files`) and share links.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Graph => "graph",
            View::Plan => "plan",
            View::Files => "files",
            View::Problems => "problems",
            View::Steps => "steps",
        }
    }

    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Everything a user can set that decides what the page shows. A share link round-trips
/// exactly this.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareState {
    pub dockerfile: String,
    /// The build context listing (one path a line, optional size).
    pub context: String,
    pub dockerignore: String,
    /// `KEY=VALUE` lines.
    pub build_args: String,
    /// `--target`; `None` is the default (last stage).
    pub target: Option<String>,
    pub builder: Builder,
    pub view: View,
}
