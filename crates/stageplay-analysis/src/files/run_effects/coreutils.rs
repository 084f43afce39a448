//! Recognisers for the base system's own commands: the ones that change nothing (`echo`,
//! `chmod`, `go version`), coreutils (`mkdir`, `touch`, `cp`, `mv`, `rm`, `ln`), `make`
//! and the user tools (`useradd`, `adduser`).

use super::{Cmd, Op, Out};

pub(super) fn rec_no_change(c: &Cmd, _: &mut Out) -> bool {
    matches!(
        c.name(),
        "set"
            | "echo"
            | "printf"
            | "true"
            | "false"
            | ":"
            | "export"
            | "test"
            | "["
            | "[["
            | "chmod"
            | "chown"
            | "chgrp"
            | "sleep"
            | "id"
            | "whoami"
            | "ls"
            | "cat"
            | "which"
            | "ldconfig"
            | "update-ca-certificates"
            | "uname"
            | "env"
            | "pwd"
            | "exit"
            | "umask"
            | "unset"
            | "source"
            | "."
            | "type"
            | "grep"
            | "sed"
            | "head"
            | "tail"
            | "wc"
            | "sort"
            | "node"
            | "java"
            | "go"
            | "python"
            | "python3"
            | "npm"
            | "cargo"
            | "rustc"
            | "dotnet"
            | "pip"
            | "pip3"
            | "mvn"
            | "gradle"
            | "git"
            | "curl"
            | "wget"
            | "tar"
    ) && is_inspection(c)
}

/// True for the harmless forms of commands that have recognisers elsewhere (`go version`,
/// `node --version`) or that never write (`echo`, `chmod`).
fn is_inspection(c: &Cmd) -> bool {
    match c.name() {
        "go" | "java" | "python" | "python3" | "node" | "npm" | "cargo" | "rustc" | "dotnet"
        | "pip" | "pip3" | "mvn" | "gradle" | "git" | "curl" | "wget" | "tar" => {
            let a = c.arg(1).unwrap_or("");
            matches!(
                a,
                "version"
                    | "--version"
                    | "-v"
                    | "-V"
                    | "env"
                    | "vet"
                    | "--help"
                    | "config"
                    | "-version"
                    | "--info"
                    | "list"
                    | "-c"
            ) && !(c.name().starts_with("python") && a == "-c")
                || (c.name() == "go" && matches!(a, "test" | "generate" | "fmt"))
                || (c.name() == "cargo" && matches!(a, "test" | "fmt" | "clippy" | "fetch"))
                || (c.name() == "npm" && matches!(a, "test" | "config" | "set-script" | "pkg"))
                || (c.name() == "git"
                    && matches!(
                        a,
                        "config"
                            | "checkout"
                            | "rev-parse"
                            | "describe"
                            | "fetch"
                            | "log"
                            | "submodule"
                    ))
        }
        _ => true,
    }
}

pub(super) fn rec_mkdir(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "mkdir" {
        return false;
    }
    for p in c.positional(1) {
        let path = o.resolve(p);
        o.add(path, true, Some(0), "mkdir");
    }
    true
}

pub(super) fn rec_touch(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "touch" {
        return false;
    }
    for p in c.positional(1) {
        let path = o.resolve(p);
        o.add(path, false, Some(0), "touch");
    }
    true
}

fn two_paths(c: &Cmd, o: &Out) -> Option<(Vec<String>, String)> {
    let mut pos: Vec<String> = c.positional(1).map(|p| o.resolve(p)).collect();
    let dest = pos.pop()?;
    (!pos.is_empty()).then_some((pos, dest))
}

pub(super) fn rec_cp(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "cp" {
        return false;
    }
    if let Some((srcs, dest)) = two_paths(c, o) {
        for from in srcs {
            o.effects.ops.push(Op::Copy {
                from,
                to: dest.clone(),
                by: "cp",
            });
        }
    }
    true
}

pub(super) fn rec_mv(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "mv" {
        return false;
    }
    if let Some((srcs, dest)) = two_paths(c, o) {
        for from in srcs {
            o.effects.ops.push(Op::Move {
                from,
                to: dest.clone(),
                by: "mv",
            });
        }
    }
    true
}

pub(super) fn rec_rm(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "rm" && c.name() != "rmdir" {
        return false;
    }
    for p in c.positional(1) {
        // `rm -rf /var/lib/apt/lists/*` removes the directory's contents; keep the parent.
        let p = p.strip_suffix("/*").unwrap_or(p);
        let path = o.resolve(p);
        o.effects.ops.push(Op::Remove { path, by: "rm" });
    }
    true
}

pub(super) fn rec_ln(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "ln" {
        return false;
    }
    let pos: Vec<&str> = c.positional(1).collect();
    if let Some(link) = pos.get(1).or(pos.first()) {
        let path = o.resolve(link);
        o.add(path, false, Some(0), "ln");
    }
    true
}

pub(super) fn rec_make(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "make" {
        return false;
    }
    if c.positional(1).any(|t| t == "install") {
        o.area("/usr/local".into(), None, "make");
    } else {
        let d = o.cwd.clone();
        o.area(d, None, "make");
    }
    true
}

pub(super) fn rec_useradd(c: &Cmd, o: &mut Out) -> bool {
    if !matches!(
        c.name(),
        "useradd" | "adduser" | "groupadd" | "addgroup" | "usermod"
    ) {
        return false;
    }
    o.add("/etc/passwd".into(), false, Some(1_000), "useradd");
    let home = c
        .opt(&["-d", "-h"], &["--home-dir", "--home"])
        .map(str::to_string);
    let creates_home = c.has("-m")
        || c.has("--create-home")
        || (c.name() == "adduser" && !c.has("-H") && !c.has("--no-create-home"));
    if creates_home && !matches!(c.name(), "groupadd" | "addgroup") {
        let user = c.positional(1).last().unwrap_or("user");
        let h = home.unwrap_or_else(|| format!("/home/{user}"));
        let p = o.resolve(&h);
        o.add(p, true, Some(0), "useradd");
    }
    true
}

/// One fixture per recogniser of this file: (recogniser, RUN text, expected effects),
/// checked by `every_recogniser_has_a_fixture_and_each_fixture_holds` in `tests.rs`.
/// awk filters text to its standard output; a program can also write files itself
/// (`print > "out"`), run commands (`| "cmd"`, `system()`), or, with gawk's `-i inplace`,
/// rewrite its inputs (no new path).
pub(super) fn rec_awk(c: &Cmd, out: &mut Out) -> bool {
    if !matches!(c.name(), "awk" | "gawk" | "mawk" | "nawk") {
        return false;
    }
    // The program is the first operand, unless `-f FILE` names a program file (unknown).
    let mut words = c.words.iter().skip(1).map(String::as_str);
    let mut program = None;
    while let Some(w) = words.next() {
        match w {
            "-f" | "--file" => return false,
            "-F" | "-v" | "-i" | "--assign" | "--field-separator" | "--include" => {
                words.next();
            }
            "--" => {
                program = words.next();
                break;
            }
            _ if w.starts_with('-') && w.len() > 1 => {}
            _ => {
                program = Some(w);
                break;
            }
        }
    }
    let Some(program) = program else {
        return false;
    };
    if program.contains("system(") || program.contains('|') || program.contains("getline") {
        return false;
    }
    // `print > "file"` / `printf ... >> "file"`: a quoted target is known, any other
    // (a variable) is not. A `>` inside a string or a comparison (`$1 > 5`) is not told
    // apart from a redirection unless a quoted name follows it.
    let mut rest = program;
    while let Some(k) = rest.find('>') {
        let after = rest.get(k + 1..).unwrap_or("");
        let after = after.strip_prefix('>').unwrap_or(after).trim_start();
        if let Some(quoted) = after.strip_prefix('"')
            && let Some(end) = quoted.find('"')
        {
            let name = quoted.get(..end).unwrap_or("");
            if !name.is_empty() && !name.starts_with("/dev/") {
                let path = out.resolve(name);
                out.add(path, false, Some(1_000), "awk");
            }
        }
        rest = after;
    }
    true
}

#[cfg(test)]
pub(super) const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "awk",
        "awk -F: '$3 >= 1000 { print $1 > \"/etc/app-users\" }' /etc/passwd",
        "+ /etc/app-users 1000 [awk]\n",
    ),
    (
        "no change",
        "set -eux; echo hi; chmod +x run.sh; go version",
        "",
    ),
    (
        "mkdir",
        "mkdir -p /out/bin logs",
        "+ /out/bin/ 0 [mkdir]\n+ /app/logs/ 0 [mkdir]\n",
    ),
    ("touch", "touch /tmp/ready", "+ /tmp/ready 0 [touch]\n"),
    ("cp", "cp -r build/ /srv/www", "cp /app/build -> /srv/www\n"),
    (
        "mv",
        "mv app /usr/local/bin/",
        "mv /app/app -> /usr/local/bin\n",
    ),
    (
        "rm",
        "rm -rf /var/lib/apt/lists/* node_modules",
        "- /var/lib/apt/lists\n- /app/node_modules\n",
    ),
    (
        "ln",
        "ln -s /usr/bin/python3 /usr/bin/python",
        "+ /usr/bin/python 0 [ln]\n",
    ),
    ("make", "make", "~ /app/… [make]\n"),
    (
        "useradd",
        "useradd -m -d /home/app app",
        "+ /etc/passwd 1000 [useradd]\n+ /home/app/ 0 [useradd]\n",
    ),
];
