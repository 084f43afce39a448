//! Recognisers for Node.js: `npm`/`yarn`/`pnpm` install and build scripts.

use crate::files::context::join;

use super::{Cmd, MB, Out};

pub(super) fn rec_npm_install(c: &Cmd, o: &mut Out) -> bool {
    let is = match c.name() {
        "npm" => matches!(c.sub(), Some("ci" | "install" | "i")),
        // `yarn` alone (options only) installs too.
        "yarn" => c
            .arg(1)
            .is_none_or(|a| a.starts_with('-') || a == "install"),
        "pnpm" => matches!(c.sub(), Some("install" | "i")),
        _ => false,
    };
    if !is {
        return false;
    }
    // `npm install -g X` installs globally.
    if c.has("-g") || c.has("--global") {
        o.add(
            "/usr/local/lib/node_modules".into(),
            true,
            Some(20 * MB),
            "npm install",
        );
        return true;
    }
    let p = join(&o.cwd, "node_modules");
    o.add(p, true, Some(200 * MB), "npm install");
    let cache = match c.name() {
        "yarn" => "/usr/local/share/.cache/yarn",
        "pnpm" => "/root/.local/share/pnpm/store",
        _ => "/root/.npm",
    };
    o.add(cache.into(), true, Some(50 * MB), "npm install");
    true
}

pub(super) fn rec_npm_build(c: &Cmd, o: &mut Out) -> bool {
    let script = match c.name() {
        "npm" | "pnpm" if c.sub() == Some("run") => c.positional(2).next(),
        "yarn" | "pnpm" | "bun" => c
            .sub()
            .filter(|s| *s != "run")
            .or_else(|| c.positional(2).next()),
        "npx" => c.positional(1).nth(1),
        _ => None,
    };
    if !script.is_some_and(|s| s.starts_with("build") || s == "export" || s == "compile") {
        return false;
    }
    let dir = o.cwd.clone();
    o.area(dir, Some(5 * MB), "npm build");
    true
}

/// One fixture per recogniser of this file: (recogniser, RUN text, expected effects),
/// checked by `every_recogniser_has_a_fixture_and_each_fixture_holds` in `tests.rs`.
#[cfg(test)]
pub(super) const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "npm install",
        "npm ci",
        "+ /app/node_modules/ 200000000 [npm install]\n+ /root/.npm/ 50000000 [npm install]\n",
    ),
    ("npm build", "npm run build", "~ /app/… [npm build]\n"),
];
