//! Recognisers for Python: `pip install`, `pip wheel`, `python -m venv`, `uv`.

use crate::files::context::join;

use super::{Cmd, MB, Out};

fn is_pip(c: &Cmd) -> Option<usize> {
    // Index of the pip subcommand: `pip install` → 1; `python -m pip install` → 3.
    let n = c.name();
    if n.starts_with("pip") {
        return Some(1);
    }
    if n.starts_with("python")
        && c.arg(1) == Some("-m")
        && c.arg(2).is_some_and(|m| m.starts_with("pip"))
    {
        return Some(3);
    }
    None
}

pub(super) fn rec_pip_install(c: &Cmd, o: &mut Out) -> bool {
    let Some(i) = is_pip(c) else { return false };
    if c.arg(i) != Some("install") {
        return false;
    }
    let dir = if let Some(t) = c.opt(&["-t"], &["--target"]) {
        o.resolve(t)
    } else if let Some(p) = c.opt(&[], &["--prefix", "--root"]) {
        o.resolve(p)
    } else if c.has("--user") {
        "/root/.local".to_string()
    } else if let Some(venv) = c.words.first().and_then(|w| {
        w.strip_suffix("/bin/pip")
            .or(w.strip_suffix("/bin/pip3"))
            .or(w.strip_suffix("/bin/python"))
            .or(w.strip_suffix("/bin/python3"))
    }) {
        format!("{}/lib", o.resolve(venv))
    } else {
        "/usr/local/lib/python3/site-packages".to_string()
    };
    o.add(dir, true, Some(50 * MB), "pip install");
    if !c.has("--no-cache-dir") && !c.has("--no-cache") {
        o.add(
            "/root/.cache/pip".into(),
            true,
            Some(20 * MB),
            "pip install",
        );
    }
    true
}

pub(super) fn rec_pip_wheel(c: &Cmd, o: &mut Out) -> bool {
    let Some(i) = is_pip(c) else { return false };
    if c.arg(i) != Some("wheel") {
        return false;
    }
    let dir = c
        .opt(&["-w"], &["--wheel-dir"])
        .map_or_else(|| o.cwd.clone(), |d| o.resolve(d));
    o.add(dir, true, Some(20 * MB), "pip wheel");
    true
}

pub(super) fn rec_venv(c: &Cmd, o: &mut Out) -> bool {
    let dir = if c.name().starts_with("python")
        && c.arg(1) == Some("-m")
        && matches!(c.arg(2), Some("venv" | "virtualenv"))
    {
        c.positional(3).next()
    } else if c.name() == "virtualenv" {
        c.positional(1).next()
    } else {
        return false;
    };
    if let Some(d) = dir {
        let p = o.resolve(d);
        o.add(p, true, Some(20 * MB), "python -m venv");
    }
    true
}

pub(super) fn rec_uv(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "uv" {
        return false;
    }
    match c.sub() {
        Some("sync") => {
            let p = join(&o.cwd, ".venv");
            o.add(p, true, Some(100 * MB), "uv");
        }
        Some("venv") => {
            let p = o.resolve(c.positional(2).next().unwrap_or(".venv"));
            o.add(p, true, Some(20 * MB), "uv");
        }
        Some("pip") if c.positional(2).next() == Some("install") => {
            let dir = c.opt(&["-t"], &["--target", "--prefix"]).map_or_else(
                || "/usr/local/lib/python3/site-packages".to_string(),
                |d| o.resolve(d),
            );
            o.add(dir, true, Some(50 * MB), "uv");
        }
        Some("build") => {
            let p = join(&o.cwd, "dist");
            o.add(p, true, Some(MB), "uv");
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
        "pip install",
        "pip install --no-cache-dir -r requirements.txt",
        "+ /usr/local/lib/python3/site-packages/ 50000000 [pip install]\n",
    ),
    (
        "pip wheel",
        "pip wheel --no-cache-dir --no-deps --wheel-dir /wheels -r requirements.txt",
        "+ /wheels/ 20000000 [pip wheel]\n",
    ),
    (
        "python -m venv",
        "python -m venv /opt/venv",
        "+ /opt/venv/ 20000000 [python -m venv]\n",
    ),
    ("uv", "uv sync --frozen", "+ /app/.venv/ 100000000 [uv]\n"),
];
