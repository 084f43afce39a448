//! What `docker build` a share state stands for: the analysis options (target, builder,
//! build args, context, .dockerignore) and the equivalent command line the page shows.

use crate::analysis::{Analysis, Builder, Options};

use super::share::ShareState;

/// The analysis options of a share state.
pub fn options(share: &ShareState) -> Options {
    Options {
        target: share.target.clone(),
        builder: share.builder,
        build_args: parse_build_args(&share.build_args),
        context: (!share.context.trim().is_empty()).then(|| share.context.clone()),
        dockerignore: (!share.dockerignore.trim().is_empty()).then(|| share.dockerignore.clone()),
        archives: None,
    }
}

/// `KEY=VALUE` lines (blank lines and `#` comments ignored; `KEY` alone means empty).
pub fn parse_build_args(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.trim().to_string(), v.to_string())
        })
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

/// Quotes a shell word when it needs it.
fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The `docker build` command line for a share state.
pub fn command_line(share: &ShareState, a: &Analysis) -> String {
    let mut cmd = String::new();
    if share.builder == Builder::Legacy {
        cmd.push_str("DOCKER_BUILDKIT=0 ");
    }
    cmd.push_str("docker build");
    if let Some(t) = &share.target {
        cmd.push_str(" --target ");
        cmd.push_str(&shell_quote(&t.to_ascii_lowercase()));
    }
    for (k, v) in parse_build_args(&share.build_args) {
        cmd.push_str(" --build-arg ");
        cmd.push_str(&shell_quote(&format!("{k}={v}")));
    }
    let _ = a;
    cmd.push_str(" -t app .");
    cmd
}
