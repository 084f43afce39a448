//! Recognisers for Rust: `cargo build`, `cargo install`, `cargo chef`.

use crate::files::context::join;

use super::{Cmd, MB, Out};

pub(super) fn rec_cargo_build(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "cargo" || !matches!(c.sub(), Some("build" | "b")) {
        return false;
    }
    let target_dir = c
        .opt(&[], &["--target-dir"])
        .map_or_else(|| join(&o.cwd, "target"), |d| o.resolve(d));
    let profile = if c.has("--release") || c.has("-r") {
        "release"
    } else {
        c.opt(&[], &["--profile"]).unwrap_or("debug")
    };
    let out_dir = match c.opt(&[], &["--target"]) {
        Some(t) => format!("{target_dir}/{t}/{profile}"),
        None => format!("{target_dir}/{profile}"),
    };
    o.add(target_dir, true, Some(300 * MB), "cargo build");
    o.area(out_dir, Some(10 * MB), "cargo build");
    true
}

pub(super) fn rec_cargo_install(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "cargo" || c.sub() != Some("install") {
        return false;
    }
    let root = c
        .opt(&[], &["--root"])
        .map_or_else(|| "/usr/local/cargo".to_string(), |r| o.resolve(r));
    let bin = format!("{root}/bin");
    // `cargo install NAME` names the binary; `--path .` does not say.
    match c.positional(2).find(|p| *p != "." && !p.contains('/')) {
        Some(name) if c.opt(&[], &["--path"]).is_none() => o.add(
            format!("{bin}/{name}"),
            false,
            Some(10 * MB),
            "cargo install",
        ),
        _ => o.area(bin, Some(10 * MB), "cargo install"),
    }
    true
}

pub(super) fn rec_cargo_chef(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "cargo" || c.sub() != Some("chef") {
        return false;
    }
    let recipe = c.opt(&[], &["--recipe-path"]).unwrap_or("recipe.json");
    match c.positional(2).next() {
        Some("prepare") => {
            let p = o.resolve(recipe);
            o.add(p, false, Some(1_000), "cargo chef");
        }
        Some("cook") => {
            let t = join(&o.cwd, "target");
            o.add(t, true, Some(300 * MB), "cargo chef");
        }
        _ => return false,
    }
    true
}

/// One fixture per recogniser of this file: (recogniser, RUN text, expected effects),
/// checked by `every_recogniser_has_a_fixture_and_each_fixture_holds` in `tests.rs`.
#[cfg(test)]
pub(super) const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "cargo build",
        "cargo build --release --target x86_64-unknown-linux-musl",
        "+ /app/target/ 300000000 [cargo build]\n~ /app/target/x86_64-unknown-linux-musl/release/… [cargo build]\n",
    ),
    (
        "cargo install",
        "cargo install --root /out ripgrep",
        "+ /out/bin/ripgrep 10000000 [cargo install]\n",
    ),
    (
        "cargo chef",
        "cargo chef prepare --recipe-path recipe.json",
        "+ /app/recipe.json 1000 [cargo chef]\n",
    ),
];
