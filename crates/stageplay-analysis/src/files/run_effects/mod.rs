//! RUN recognisers: Stageplay never executes a RUN; it shell-splits the command and looks
//! each simple command up in a small table ([`RECOGNISERS`]) that says which paths it
//! creates or removes and roughly how many bytes it adds.
//!
//! The shell splitter follows POSIX quoting (single quotes, double quotes, backslashes,
//! line continuations, comments), splits at `&&`, `||`, `;`, `|`, `&` and newlines, keeps
//! redirections (`> file` creates a file), tracks `cd` within one RUN, runs `sh -c '...'`
//! and heredoc bodies (`RUN <<EOF`, `RUN bash <<EOF`) as scripts, skips leading `VAR=value`
//! assignments and `sudo`/`env`/`time`/`exec`, and expands `$VAR` from the stage's ARG/ENV
//! values when the caller knows them (unknown variables stay as written). All work is
//! bounded: scripts past [`MAX_SCRIPT_LEN`] bytes are cut and nested scripts go at most two
//! levels deep, without recursion.
//!
//! | recogniser | commands | effect | estimate |
//! |---|---|---|---|
//! | `awk` | `awk [-F FS] 'PROGRAM' FILE...` | nothing but its output; `print > "F"` creates F | 1 KB a file |
//! | `mkdir` | `mkdir [-p] DIR...` | creates the directories | 0 |
//! | `touch` | `touch FILE...` | creates empty files | 0 |
//! | `redirect` | `CMD > FILE`, `>> FILE`, `tee FILE` | creates the file | 1 KB |
//! | `cp` | `cp [-r] SRC... DEST` | copies (known paths only) | size of the source |
//! | `mv` | `mv SRC... DEST` | moves (known paths only) | 0 |
//! | `rm` | `rm [-rf] PATH...` | removes; bytes of earlier layers stay (wasted) | 0 |
//! | `ln` | `ln -s TARGET LINK` | creates the link | 0 |
//! | `go build` | `go build -o OUT` | creates OUT (default: the package name in cwd) | 6 MB |
//! | `go install` | `go install PKG[@v]` | creates `$GOPATH/bin/NAME` (`/go/bin`) | 10 MB |
//! | `go mod download` | `go mod download`, `go get` | module cache `/go/pkg/mod` | 100 MB |
//! | `cargo build` | `cargo build [--release] [--target T]` | `target/` in cwd, binaries in `target/release` | 300 MB |
//! | `cargo install` | `cargo install [--root R]` | binaries in `R/bin` (`/usr/local/cargo/bin`) | 10 MB |
//! | `cargo chef` | `cargo chef prepare|cook` | `recipe.json` / a warmed `target/` | 1 KB / 300 MB |
//! | `pip install` | `pip install [--target T|--prefix P|--user]` | site-packages | 50 MB |
//! | `pip wheel` | `pip wheel -w DIR` | wheels in DIR | 20 MB |
//! | `python -m venv` | `python -m venv DIR`, `virtualenv DIR` | the virtual environment | 20 MB |
//! | `uv` | `uv sync`, `uv venv`, `uv pip install` | `.venv` in cwd | 100 MB |
//! | `npm install` | `npm ci|install|i`, `yarn [install]`, `pnpm install` | `node_modules` in cwd | 200 MB |
//! | `npm build` | `npm run build`, `yarn build`, `pnpm build` | build output in cwd (`dist/`, `build/`...) | 5 MB |
//! | `mvn` | `mvn package|install|verify` | `target/` in cwd, `~/.m2` cache | 50 MB + 200 MB |
//! | `gradle` | `gradle|./gradlew build|assemble|bootJar...` | `build/` in cwd, `~/.gradle` cache | 50 MB + 300 MB |
//! | `dotnet publish` | `dotnet publish -o DIR`, `dotnet build`, `dotnet restore` | DIR (or `bin/`), `~/.nuget/packages` | 80 MB + 150 MB |
//! | `apt-get install` | `apt-get|apt install PKG...`, `apt-get update` | system files under `/usr`, lists in `/var/lib/apt/lists` | 25 MB a package, 40 MB lists |
//! | `apk add` | `apk add PKG...` | system files under `/usr` | 1 MB a package (ca-certificates 0.8 MB) |
//! | `yum install` | `yum|dnf|microdnf install PKG...` | system files under `/usr` | 30 MB a package |
//! | `curl` | `curl -o FILE|-O URL` | the downloaded file | unknown |
//! | `wget` | `wget [-O FILE|-P DIR] URL` | the downloaded file | unknown |
//! | `git clone` | `git clone URL [DIR]` | the repository directory | 10 MB |
//! | `tar` | `tar -x [-C DIR]`, `unzip [-d DIR]` | extracted files (contents unknown) | unknown |
//! | `make` | `make [TARGET]`, `make install` | files in cwd / under `/usr/local` | unknown |
//! | `useradd` | `useradd|adduser|groupadd|addgroup` | `/etc/passwd`; `-m` home directory | 0 |
//! | `no change` | `set`, `echo`, `true`, `chmod`, `chown`, `export`, `test`, ... | nothing new | 0 |
//!
//! Every other command makes the RUN "changed files (unknown)".
//!
//! Files: this one holds the table and the dispatch; [`shell`] splits the script; each
//! ecosystem's recognisers have a file of their own (`go`, `rust`, `python`, `node`, `jvm`,
//! `dotnet`, `packages`, `download`, `coreutils`).

use serde::Serialize;

use super::context::{clean, join};
use crate::lexer::Lookup;
use crate::span::shorten_in_place;

mod coreutils;
mod dotnet;
mod download;
mod go;
mod jvm;
mod node;
mod packages;
mod python;
mod rust;
mod shell;
#[cfg(test)]
mod tests;

pub use shell::{Redirect, SimpleCommand, split_script};
use shell::{base, strip_prefixes};

/// Scripts longer than this are cut (the rest is reported as not analysed).
pub const MAX_SCRIPT_LEN: usize = 256 * 1024;
/// The most commands analysed in one RUN.
const MAX_COMMANDS: usize = 2_000;

const MB: u64 = 1_000_000;

/// A change to the filesystem that a recogniser inferred.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Op {
    /// Creates a file or directory (absolute path).
    Add {
        path: String,
        is_dir: bool,
        /// Estimated bytes, if any estimate makes sense.
        size: Option<u64>,
        /// The recogniser's name.
        by: &'static str,
    },
    /// Removes a path and everything under it.
    Remove { path: String, by: &'static str },
    /// Copies `from` to `to` (`cp`): only paths the simulation knows are copied.
    Copy {
        from: String,
        to: String,
        by: &'static str,
    },
    /// Moves `from` to `to`.
    Move {
        from: String,
        to: String,
        by: &'static str,
    },
    /// The command writes files under `dir` whose names Stageplay cannot know (build
    /// output). Inference uses it to place a path a later `COPY --from` takes.
    Area {
        dir: String,
        /// Estimated size of one output a later `COPY --from` takes from the area.
        size: Option<u64>,
        by: &'static str,
    },
}

/// One simple command of the RUN, with what Stageplay made of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommandInfo {
    /// The command's words, joined by spaces (for display).
    pub text: String,
    /// The recogniser that understood it; `None`: changed files (unknown).
    pub recogniser: Option<&'static str>,
}

/// What a RUN does to the filesystem, as far as the recognisers can tell.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RunEffects {
    pub ops: Vec<Op>,
    pub commands: Vec<CommandInfo>,
    /// True when at least one command was not recognised: the RUN may change more.
    pub unknown: bool,
    /// True when the script was too long and only its start was analysed.
    pub truncated: bool,
}

/// The recognisers: each one names the commands it understands and documents its effect
/// and estimate (the same table as the module documentation).
#[derive(Clone, Copy, Debug)]
pub struct Recogniser {
    pub name: &'static str,
    pub commands: &'static str,
    pub effect: &'static str,
    pub estimate: &'static str,
    apply: fn(&Cmd, &mut Out) -> bool,
}

/// The table, in lookup order: the first recogniser whose `apply` accepts a command wins.
pub static RECOGNISERS: &[Recogniser] = &[
    Recogniser {
        name: "no change",
        commands: "set, echo, printf, true, false, :, export, test, [, chmod, chown, chgrp, sleep, id, whoami, ls, cat, which, command -v, ldconfig, update-ca-certificates, ...",
        effect: "nothing new in the filesystem (metadata at most)",
        estimate: "0",
        apply: coreutils::rec_no_change,
    },
    Recogniser {
        name: "redirect",
        commands: "CMD > FILE, CMD >> FILE, CMD &> FILE (echo, printf, cat <<EOF, ...)",
        effect: "creates FILE; applied to every command, so `apply` only documents it",
        estimate: "1 KB",
        apply: |_, _| false,
    },
    Recogniser {
        name: "awk",
        commands: "awk|gawk|mawk|nawk [-F FS] [-v V=X] 'PROGRAM' FILE...",
        effect: "prints to standard output (a redirection makes the file); a program that prints > \"FILE\" creates FILE; one that pipes or calls system() is unknown",
        estimate: "1 KB a file",
        apply: coreutils::rec_awk,
    },
    Recogniser {
        name: "mkdir",
        commands: "mkdir [-p] DIR...",
        effect: "creates the directories",
        estimate: "0",
        apply: coreutils::rec_mkdir,
    },
    Recogniser {
        name: "touch",
        commands: "touch FILE...",
        effect: "creates empty files",
        estimate: "0",
        apply: coreutils::rec_touch,
    },
    Recogniser {
        name: "cp",
        commands: "cp [-r] SRC... DEST",
        effect: "copies known paths",
        estimate: "size of the source",
        apply: coreutils::rec_cp,
    },
    Recogniser {
        name: "mv",
        commands: "mv SRC... DEST",
        effect: "moves known paths",
        estimate: "0",
        apply: coreutils::rec_mv,
    },
    Recogniser {
        name: "rm",
        commands: "rm [-rf] PATH...",
        effect: "removes paths; bytes added by earlier layers stay in the image (wasted)",
        estimate: "0",
        apply: coreutils::rec_rm,
    },
    Recogniser {
        name: "ln",
        commands: "ln -s TARGET LINK",
        effect: "creates the link",
        estimate: "0",
        apply: coreutils::rec_ln,
    },
    Recogniser {
        name: "go build",
        commands: "go build [-o OUT] [PKG]",
        effect: "creates the binary OUT (default: named after the directory, in cwd)",
        estimate: "10 MB",
        apply: go::rec_go_build,
    },
    Recogniser {
        name: "go install",
        commands: "go install PKG[@version]",
        effect: "creates /go/bin/NAME",
        estimate: "10 MB",
        apply: go::rec_go_install,
    },
    Recogniser {
        name: "go mod download",
        commands: "go mod download, go get",
        effect: "fills the module cache /go/pkg/mod",
        estimate: "100 MB",
        apply: go::rec_go_mod,
    },
    Recogniser {
        name: "cargo build",
        commands: "cargo build [--release] [--target T]",
        effect: "creates target/ in cwd; binaries in target/[T/]release or debug",
        estimate: "300 MB",
        apply: rust::rec_cargo_build,
    },
    Recogniser {
        name: "cargo install",
        commands: "cargo install [--root R] ...",
        effect: "creates binaries in R/bin (default /usr/local/cargo/bin)",
        estimate: "10 MB",
        apply: rust::rec_cargo_install,
    },
    Recogniser {
        name: "cargo chef",
        commands: "cargo chef prepare [--recipe-path F], cargo chef cook",
        effect: "prepare writes the recipe; cook builds the dependencies into target/",
        estimate: "1 KB / 300 MB",
        apply: rust::rec_cargo_chef,
    },
    Recogniser {
        name: "pip install",
        commands: "pip|pip3|python -m pip install [--target T|--prefix P|--user] ...",
        effect: "installs packages into site-packages",
        estimate: "50 MB",
        apply: python::rec_pip_install,
    },
    Recogniser {
        name: "pip wheel",
        commands: "pip wheel -w|--wheel-dir DIR ...",
        effect: "builds wheels into DIR",
        estimate: "20 MB",
        apply: python::rec_pip_wheel,
    },
    Recogniser {
        name: "python -m venv",
        commands: "python -m venv DIR, virtualenv DIR",
        effect: "creates the virtual environment DIR",
        estimate: "20 MB",
        apply: python::rec_venv,
    },
    Recogniser {
        name: "uv",
        commands: "uv sync, uv venv [DIR], uv pip install",
        effect: "creates .venv in cwd (or installs into the active environment)",
        estimate: "100 MB",
        apply: python::rec_uv,
    },
    Recogniser {
        name: "npm install",
        commands: "npm ci|install|i, yarn [install], pnpm install|i",
        effect: "creates node_modules in cwd (and the npm cache in /root/.npm)",
        estimate: "200 MB",
        apply: node::rec_npm_install,
    },
    Recogniser {
        name: "npm build",
        commands: "npm run build, yarn build, pnpm build, npx ... build",
        effect: "writes build output in cwd (dist/, build/, .next/...)",
        estimate: "5 MB",
        apply: node::rec_npm_build,
    },
    Recogniser {
        name: "mvn",
        commands: "mvn|./mvnw package|install|verify|clean ...",
        effect: "creates target/ in cwd (the .jar) and the ~/.m2 cache",
        estimate: "50 MB + 200 MB cache",
        apply: jvm::rec_mvn,
    },
    Recogniser {
        name: "gradle",
        commands: "gradle|./gradlew build|assemble|bootJar|installDist|shadowJar ...",
        effect: "creates build/ in cwd (build/libs) and the ~/.gradle cache",
        estimate: "50 MB + 300 MB cache",
        apply: jvm::rec_gradle,
    },
    Recogniser {
        name: "dotnet",
        commands: "dotnet publish [-o DIR], dotnet build, dotnet restore",
        effect: "publish writes DIR (default bin/); restore fills ~/.nuget/packages",
        estimate: "80 MB + 150 MB cache",
        apply: dotnet::rec_dotnet,
    },
    Recogniser {
        name: "apt-get install",
        commands: "apt-get|apt install PKG..., apt-get update",
        effect: "installs system files under /usr; update writes /var/lib/apt/lists",
        estimate: "25 MB a package, 40 MB lists",
        apply: packages::rec_apt,
    },
    Recogniser {
        name: "apk add",
        commands: "apk add PKG...",
        effect: "installs system files under /usr",
        estimate: "5 MB a package",
        apply: packages::rec_apk,
    },
    Recogniser {
        name: "yum install",
        commands: "yum|dnf|microdnf install PKG...",
        effect: "installs system files under /usr",
        estimate: "30 MB a package",
        apply: packages::rec_yum,
    },
    Recogniser {
        name: "curl",
        commands: "curl -o FILE URL, curl -O URL",
        effect: "downloads the file",
        estimate: "unknown",
        apply: download::rec_curl,
    },
    Recogniser {
        name: "wget",
        commands: "wget [-O FILE] [-P DIR] URL",
        effect: "downloads the file",
        estimate: "unknown",
        apply: download::rec_wget,
    },
    Recogniser {
        name: "git clone",
        commands: "git clone URL [DIR]",
        effect: "creates the repository directory",
        estimate: "10 MB",
        apply: download::rec_git_clone,
    },
    Recogniser {
        name: "tar",
        commands: "tar -x [-C DIR], unzip [-d DIR]",
        effect: "extracts an archive (contents unknown)",
        estimate: "unknown",
        apply: download::rec_extract,
    },
    Recogniser {
        name: "make",
        commands: "make [TARGET], make install",
        effect: "writes build output in cwd; install writes under /usr/local",
        estimate: "unknown",
        apply: coreutils::rec_make,
    },
    Recogniser {
        name: "useradd",
        commands: "useradd|adduser|groupadd|addgroup ...",
        effect: "edits /etc/passwd and /etc/group; -m creates the home directory",
        estimate: "0",
        apply: coreutils::rec_useradd,
    },
];

/// Analyses one RUN. `script` is the shell-form text (or the exec-form words), `heredocs`
/// the instruction's here-documents as (name, body), `workdir` the stage's WORKDIR, and
/// `lookup` the stage's ARG/ENV values.
pub fn analyze_run(
    script: &RunScript<'_>,
    heredocs: &[(&str, &str)],
    workdir: &str,
    lookup: &dyn Lookup,
) -> RunEffects {
    analyze_run_with(script, heredocs, workdir, lookup, true)
}

/// [`analyze_run`]; with `commands` false, `RunEffects::commands` stays empty (the file
/// simulation reads only the ops and flags, and joining every command's words cost it).
pub(crate) fn analyze_run_with(
    script: &RunScript<'_>,
    heredocs: &[(&str, &str)],
    workdir: &str,
    lookup: &dyn Lookup,
    commands: bool,
) -> RunEffects {
    let mut out = Out {
        effects: RunEffects::default(),
        cwd: clean(if workdir.is_empty() { "/" } else { workdir }),
        commands,
    };
    // Scripts to run, at most two levels deep: the RUN itself, then `sh -c` strings and
    // heredoc bodies it hands to a shell (queued instead of recursing).
    let mut queue: Vec<(Vec<SimpleCommand>, usize)> = Vec::new();
    match script {
        RunScript::Shell(text) => {
            let (cmds, truncated) = split_script(text, lookup);
            out.effects.truncated |= truncated;
            queue.push((cmds, 0));
        }
        RunScript::Exec(words) => queue.push((
            vec![SimpleCommand {
                words: words.iter().map(|w| w.to_string()).collect(),
                redirects: Vec::new(),
            }],
            0,
        )),
    }
    let mut analysed = 0;
    while let Some((cmds, depth)) = queue.pop() {
        for cmd in cmds {
            analysed += 1;
            if analysed > MAX_COMMANDS {
                out.effects.truncated = true;
                return out.effects;
            }
            let (words, skipped_assignment) = strip_prefixes(&cmd.words);
            // A shell fed a script: `sh -c 'script'`, `bash <<EOF`, or just `<<EOF`.
            let shell = words
                .first()
                .is_some_and(|w| matches!(base(w), "sh" | "bash" | "ash" | "dash" | "zsh"));
            if depth < 2 && (shell || words.is_empty()) {
                // `sh -c 'script'`, `bash -euxc 'script'`: the word after the option with `c`.
                let nested = words
                    .iter()
                    .position(|w| {
                        w.len() > 1
                            && !w.starts_with("--")
                            && w.starts_with('-')
                            && w.contains('c')
                            && w.chars().skip(1).all(|c| c.is_ascii_alphabetic())
                    })
                    .and_then(|i| words.get(i + 1).cloned());
                let heredoc_body = cmd.redirects.iter().find_map(|r| {
                    (r.op == "<<" || r.op == "<<-").then(|| {
                        heredocs
                            .iter()
                            .find(|(name, _)| *name == r.target)
                            .map(|(_, body)| body.to_string())
                    })?
                });
                if let Some(text) = nested.or(heredoc_body) {
                    // A heredoc with a shebang for another interpreter is not shell.
                    let first = text.lines().next().unwrap_or("");
                    let shell_shebang =
                        !first.starts_with("#!") || first.ends_with("sh") || first.contains("sh ");
                    if shell_shebang {
                        let (cmds, truncated) = split_script(&text, lookup);
                        out.effects.truncated |= truncated;
                        queue.push((cmds, depth + 1));
                        // `sh <<EOF > /log` (or `RUN <<EOF sh > /log`): the script's
                        // output goes to the file.
                        if out.redirects(&cmd) {
                            out.command(&cmd.words, Some("redirect"));
                        }
                        continue;
                    }
                }
                if words.is_empty() && cmd.redirects.is_empty() {
                    // A bare assignment (`FOO=bar`) changes no file.
                    if skipped_assignment {
                        out.command(&cmd.words, Some("no change"));
                    }
                    continue;
                }
            }
            let c = Cmd::new(words);
            // `cd` changes the directory for the rest of this RUN.
            if c.name() == "cd" {
                let to = c.words.get(1).map_or("/root", String::as_str);
                out.cwd = out.resolve(to);
                out.command(&cmd.words, Some("cd"));
                continue;
            }
            let mut recognised = None;
            if !c.words.is_empty() {
                for r in RECOGNISERS {
                    if (r.apply)(&c, &mut out) {
                        recognised = Some(r.name);
                        break;
                    }
                }
            }
            // Redirections write files whatever the command.
            let redirected = out.redirects(&cmd);
            if redirected && matches!(recognised, None | Some("no change")) {
                recognised = Some("redirect");
            }
            if recognised.is_none() && !c.words.is_empty() {
                out.effects.unknown = true;
            }
            out.command(&cmd.words, recognised);
        }
    }
    out.effects
}

/// The command of a RUN: shell-form text or exec-form words.
#[derive(Clone, Copy, Debug)]
pub enum RunScript<'a> {
    Shell(&'a str),
    Exec(&'a [&'a str]),
}

// ---------------------------------------------------------------------------------------
// The recognisers.

/// A simple command after prefixes were stripped.
#[doc(hidden)]
pub struct Cmd<'a> {
    words: &'a [String],
    /// Where the program's base name starts in the first word (every recogniser asks).
    name_at: usize,
}

impl<'a> Cmd<'a> {
    fn new(words: &'a [String]) -> Cmd<'a> {
        let name_at = words.first().map_or(0, |w| w.len() - base(w).len());
        Cmd { words, name_at }
    }

    /// The program's base name (`/usr/bin/pip3` → `pip3`).
    fn name(&self) -> &str {
        self.words
            .first()
            .and_then(|w| w.get(self.name_at..))
            .unwrap_or("")
    }

    fn arg(&self, i: usize) -> Option<&str> {
        self.words.get(i).map(String::as_str)
    }

    /// The value of an option: `-o X`, `-oX`, `--output X`, `--output=X`.
    fn opt(&self, short: &[&str], long: &[&str]) -> Option<&str> {
        let mut it = self.words.iter().skip(1);
        while let Some(w) = it.next() {
            for s in short {
                if w == s {
                    return it.next().map(String::as_str);
                }
                if let Some(v) = w.strip_prefix(s)
                    && !w.starts_with("--")
                    && !v.is_empty()
                {
                    return Some(v.trim_start_matches('='));
                }
            }
            for l in long {
                if w == l {
                    return it.next().map(String::as_str);
                }
                if let Some(v) = w.strip_prefix(l).and_then(|v| v.strip_prefix('=')) {
                    return Some(v);
                }
            }
        }
        None
    }

    fn has(&self, flag: &str) -> bool {
        self.words.iter().skip(1).any(|w| w == flag)
    }

    /// Words after `skip` that are not options (an option's value is not excluded; the
    /// recognisers that care use `opt` first).
    fn positional(&self, skip: usize) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .skip(skip)
            .map(String::as_str)
            .filter(|w| !w.starts_with('-'))
    }

    /// The first word after the program that is not an option (the subcommand).
    fn sub(&self) -> Option<&str> {
        self.positional(1).next()
    }
}

/// The recognisers' output.
#[doc(hidden)]
pub struct Out {
    effects: RunEffects,
    cwd: String,
    /// Whether to record `effects.commands`.
    commands: bool,
}

impl Out {
    fn resolve(&self, path: &str) -> String {
        let p = if path == "~" {
            "/root".to_string()
        } else if let Some(rest) = path.strip_prefix("~/") {
            format!("/root/{rest}")
        } else {
            path.to_string()
        };
        join(&self.cwd, &p)
    }

    fn add(&mut self, path: String, is_dir: bool, size: Option<u64>, by: &'static str) {
        self.effects.ops.push(Op::Add {
            path,
            is_dir,
            size,
            by,
        });
    }

    /// Adds the files a command's output redirections write (`> f`, `>> f`, `&> f`,
    /// `>| f`; not `/dev/...` nor `>&2`); true when there was one.
    fn redirects(&mut self, cmd: &SimpleCommand) -> bool {
        let mut redirected = false;
        for r in &cmd.redirects {
            if matches!(r.op.as_str(), ">" | ">>" | "&>" | ">|")
                && !r.target.starts_with("/dev/")
                && !r.target.starts_with('&')
            {
                let path = self.resolve(&r.target);
                self.add(path, false, Some(1_000), "redirect");
                redirected = true;
            }
        }
        redirected
    }

    fn area(&mut self, dir: String, size: Option<u64>, by: &'static str) {
        self.effects.ops.push(Op::Area { dir, size, by });
    }

    fn command(&mut self, words: &[String], recogniser: Option<&'static str>) {
        if !self.commands {
            return;
        }
        let mut text = words.join(" ");
        shorten_in_place(&mut text, 200);
        self.effects.commands.push(CommandInfo { text, recogniser });
    }
}
