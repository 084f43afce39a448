//! Recognisers for Go: `go build`, `go install`, `go mod download`.

use crate::files::context::join;

use super::{Cmd, MB, Out};

pub(super) fn rec_go_build(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "go" || c.sub() != Some("build") {
        return false;
    }
    let out = match c.opt(&["-o"], &[]) {
        Some(p) => o.resolve(p),
        None => {
            // Without -o, `go build` writes a binary named after the directory into cwd.
            let name = o.cwd.rsplit('/').next().unwrap_or("app").to_string();
            let name = if name.is_empty() { "app".into() } else { name };
            join(&o.cwd, &name)
        }
    };
    if out.ends_with('/') || c.opt(&["-o"], &[]).is_some_and(|p| p.ends_with('/')) {
        o.area(out, Some(10 * MB), "go build");
    } else {
        o.add(out, false, Some(10 * MB), "go build");
    }
    true
}

pub(super) fn rec_go_install(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "go" || c.sub() != Some("install") {
        return false;
    }
    for pkg in c.positional(2) {
        let path = pkg.split('@').next().unwrap_or(pkg);
        let name = path
            .trim_end_matches("/...")
            .rsplit('/')
            .find(|s| {
                !s.starts_with('v')
                    || s.len() > 3
                    || !s.get(1..).unwrap_or("").chars().all(|c| c.is_ascii_digit())
            })
            .unwrap_or("tool");
        if name == "." || name.is_empty() {
            o.area("/go/bin".into(), Some(10 * MB), "go install");
        } else {
            o.add(
                format!("/go/bin/{name}"),
                false,
                Some(10 * MB),
                "go install",
            );
        }
    }
    true
}

pub(super) fn rec_go_mod(c: &Cmd, o: &mut Out) -> bool {
    let is = c.name() == "go"
        && (c.sub() == Some("get")
            || (c.sub() == Some("mod") && c.positional(2).next() == Some("download")));
    if is {
        o.add(
            "/go/pkg/mod".into(),
            true,
            Some(100 * MB),
            "go mod download",
        );
    }
    is
}
