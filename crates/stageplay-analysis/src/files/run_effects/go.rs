//! Recognisers for Go: `go build`, `go install`, `go mod download`.

use crate::files::context::join;

use super::{Cmd, MB, Out};

/// A statically linked Go program: "hello, world" is about 1.9 MB (go1.20, the sizegame
/// comparison of hello-world binaries); the net/http client and TLS that most services and
/// tools such as href-counter use bring it to about 6 MB.
const GO_BINARY: u64 = 6 * MB;

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
        o.area(out, Some(GO_BINARY), "go build");
    } else {
        o.add(out, false, Some(GO_BINARY), "go build");
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

/// One fixture per recogniser of this file: (recogniser, RUN text, expected effects),
/// checked by `every_recogniser_has_a_fixture_and_each_fixture_holds` in `tests.rs`.
#[cfg(test)]
pub(super) const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "go build",
        "CGO_ENABLED=0 go build -a -installsuffix cgo -o app .",
        "+ /app/app 6000000 [go build]\n",
    ),
    (
        "go install",
        "go install github.com/go-delve/delve/cmd/dlv@latest",
        "+ /go/bin/dlv 10000000 [go install]\n",
    ),
    (
        "go mod download",
        "go mod download",
        "+ /go/pkg/mod/ 100000000 [go mod download]\n",
    ),
];
