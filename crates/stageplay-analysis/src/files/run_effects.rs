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
//! | `mkdir` | `mkdir [-p] DIR...` | creates the directories | 0 |
//! | `touch` | `touch FILE...` | creates empty files | 0 |
//! | `redirect` | `CMD > FILE`, `>> FILE`, `tee FILE` | creates the file | 1 KB |
//! | `cp` | `cp [-r] SRC... DEST` | copies (known paths only) | size of the source |
//! | `mv` | `mv SRC... DEST` | moves (known paths only) | 0 |
//! | `rm` | `rm [-rf] PATH...` | removes; bytes of earlier layers stay (wasted) | 0 |
//! | `ln` | `ln -s TARGET LINK` | creates the link | 0 |
//! | `go build` | `go build -o OUT` | creates OUT (default: the package name in cwd) | 10 MB |
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
//! | `apk add` | `apk add PKG...` | system files under `/usr` | 5 MB a package |
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

use serde::Serialize;

use super::context::{clean, join};
use crate::span::{floor_char_boundary, shorten_in_place};

/// Scripts longer than this are cut (the rest is reported as not analysed).
pub const MAX_SCRIPT_LEN: usize = 256 * 1024;
/// A single word longer than this is cut: RUN lines never need longer paths.
const MAX_WORD_LEN: usize = 4 * 1024;
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
        apply: rec_no_change,
    },
    Recogniser {
        name: "redirect",
        commands: "CMD > FILE, CMD >> FILE, CMD &> FILE (echo, printf, cat <<EOF, ...)",
        effect: "creates FILE; applied to every command, so `apply` only documents it",
        estimate: "1 KB",
        apply: |_, _| false,
    },
    Recogniser {
        name: "mkdir",
        commands: "mkdir [-p] DIR...",
        effect: "creates the directories",
        estimate: "0",
        apply: rec_mkdir,
    },
    Recogniser {
        name: "touch",
        commands: "touch FILE...",
        effect: "creates empty files",
        estimate: "0",
        apply: rec_touch,
    },
    Recogniser {
        name: "cp",
        commands: "cp [-r] SRC... DEST",
        effect: "copies known paths",
        estimate: "size of the source",
        apply: rec_cp,
    },
    Recogniser {
        name: "mv",
        commands: "mv SRC... DEST",
        effect: "moves known paths",
        estimate: "0",
        apply: rec_mv,
    },
    Recogniser {
        name: "rm",
        commands: "rm [-rf] PATH...",
        effect: "removes paths; bytes added by earlier layers stay in the image (wasted)",
        estimate: "0",
        apply: rec_rm,
    },
    Recogniser {
        name: "ln",
        commands: "ln -s TARGET LINK",
        effect: "creates the link",
        estimate: "0",
        apply: rec_ln,
    },
    Recogniser {
        name: "go build",
        commands: "go build [-o OUT] [PKG]",
        effect: "creates the binary OUT (default: named after the directory, in cwd)",
        estimate: "10 MB",
        apply: rec_go_build,
    },
    Recogniser {
        name: "go install",
        commands: "go install PKG[@version]",
        effect: "creates /go/bin/NAME",
        estimate: "10 MB",
        apply: rec_go_install,
    },
    Recogniser {
        name: "go mod download",
        commands: "go mod download, go get",
        effect: "fills the module cache /go/pkg/mod",
        estimate: "100 MB",
        apply: rec_go_mod,
    },
    Recogniser {
        name: "cargo build",
        commands: "cargo build [--release] [--target T]",
        effect: "creates target/ in cwd; binaries in target/[T/]release or debug",
        estimate: "300 MB",
        apply: rec_cargo_build,
    },
    Recogniser {
        name: "cargo install",
        commands: "cargo install [--root R] ...",
        effect: "creates binaries in R/bin (default /usr/local/cargo/bin)",
        estimate: "10 MB",
        apply: rec_cargo_install,
    },
    Recogniser {
        name: "cargo chef",
        commands: "cargo chef prepare [--recipe-path F], cargo chef cook",
        effect: "prepare writes the recipe; cook builds the dependencies into target/",
        estimate: "1 KB / 300 MB",
        apply: rec_cargo_chef,
    },
    Recogniser {
        name: "pip install",
        commands: "pip|pip3|python -m pip install [--target T|--prefix P|--user] ...",
        effect: "installs packages into site-packages",
        estimate: "50 MB",
        apply: rec_pip_install,
    },
    Recogniser {
        name: "pip wheel",
        commands: "pip wheel -w|--wheel-dir DIR ...",
        effect: "builds wheels into DIR",
        estimate: "20 MB",
        apply: rec_pip_wheel,
    },
    Recogniser {
        name: "python -m venv",
        commands: "python -m venv DIR, virtualenv DIR",
        effect: "creates the virtual environment DIR",
        estimate: "20 MB",
        apply: rec_venv,
    },
    Recogniser {
        name: "uv",
        commands: "uv sync, uv venv [DIR], uv pip install",
        effect: "creates .venv in cwd (or installs into the active environment)",
        estimate: "100 MB",
        apply: rec_uv,
    },
    Recogniser {
        name: "npm install",
        commands: "npm ci|install|i, yarn [install], pnpm install|i",
        effect: "creates node_modules in cwd (and the npm cache in /root/.npm)",
        estimate: "200 MB",
        apply: rec_npm_install,
    },
    Recogniser {
        name: "npm build",
        commands: "npm run build, yarn build, pnpm build, npx ... build",
        effect: "writes build output in cwd (dist/, build/, .next/...)",
        estimate: "5 MB",
        apply: rec_npm_build,
    },
    Recogniser {
        name: "mvn",
        commands: "mvn|./mvnw package|install|verify|clean ...",
        effect: "creates target/ in cwd (the .jar) and the ~/.m2 cache",
        estimate: "50 MB + 200 MB cache",
        apply: rec_mvn,
    },
    Recogniser {
        name: "gradle",
        commands: "gradle|./gradlew build|assemble|bootJar|installDist|shadowJar ...",
        effect: "creates build/ in cwd (build/libs) and the ~/.gradle cache",
        estimate: "50 MB + 300 MB cache",
        apply: rec_gradle,
    },
    Recogniser {
        name: "dotnet",
        commands: "dotnet publish [-o DIR], dotnet build, dotnet restore",
        effect: "publish writes DIR (default bin/); restore fills ~/.nuget/packages",
        estimate: "80 MB + 150 MB cache",
        apply: rec_dotnet,
    },
    Recogniser {
        name: "apt-get install",
        commands: "apt-get|apt install PKG..., apt-get update",
        effect: "installs system files under /usr; update writes /var/lib/apt/lists",
        estimate: "25 MB a package, 40 MB lists",
        apply: rec_apt,
    },
    Recogniser {
        name: "apk add",
        commands: "apk add PKG...",
        effect: "installs system files under /usr",
        estimate: "5 MB a package",
        apply: rec_apk,
    },
    Recogniser {
        name: "yum install",
        commands: "yum|dnf|microdnf install PKG...",
        effect: "installs system files under /usr",
        estimate: "30 MB a package",
        apply: rec_yum,
    },
    Recogniser {
        name: "curl",
        commands: "curl -o FILE URL, curl -O URL",
        effect: "downloads the file",
        estimate: "unknown",
        apply: rec_curl,
    },
    Recogniser {
        name: "wget",
        commands: "wget [-O FILE] [-P DIR] URL",
        effect: "downloads the file",
        estimate: "unknown",
        apply: rec_wget,
    },
    Recogniser {
        name: "git clone",
        commands: "git clone URL [DIR]",
        effect: "creates the repository directory",
        estimate: "10 MB",
        apply: rec_git_clone,
    },
    Recogniser {
        name: "tar",
        commands: "tar -x [-C DIR], unzip [-d DIR]",
        effect: "extracts an archive (contents unknown)",
        estimate: "unknown",
        apply: rec_extract,
    },
    Recogniser {
        name: "make",
        commands: "make [TARGET], make install",
        effect: "writes build output in cwd; install writes under /usr/local",
        estimate: "unknown",
        apply: rec_make,
    },
    Recogniser {
        name: "useradd",
        commands: "useradd|adduser|groupadd|addgroup ...",
        effect: "edits /etc/passwd and /etc/group; -m creates the home directory",
        estimate: "0",
        apply: rec_useradd,
    },
];

/// Analyses one RUN. `script` is the shell-form text (or the exec-form words), `heredocs`
/// the instruction's here-documents as (name, body), `workdir` the stage's WORKDIR, and
/// `lookup` the stage's ARG/ENV values.
pub fn analyze_run(
    script: &RunScript<'_>,
    heredocs: &[(&str, &str)],
    workdir: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> RunEffects {
    analyze_run_with(script, heredocs, workdir, lookup, true)
}

/// [`analyze_run`]; with `commands` false, `RunEffects::commands` stays empty (the file
/// simulation reads only the ops and flags, and joining every command's words cost it).
pub(crate) fn analyze_run_with(
    script: &RunScript<'_>,
    heredocs: &[(&str, &str)],
    workdir: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
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
            let mut redirected = false;
            for r in &cmd.redirects {
                if matches!(r.op.as_str(), ">" | ">>" | "&>" | ">|")
                    && !r.target.starts_with("/dev/")
                    && !r.target.starts_with('&')
                {
                    let path = out.resolve(&r.target);
                    out.add(path, false, Some(1_000), "redirect");
                    redirected = true;
                }
            }
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
// Shell splitting.

/// A simple command: words and redirections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimpleCommand {
    pub words: Vec<String>,
    pub redirects: Vec<Redirect>,
}

/// A redirection: `>`, `>>`, `<`, `<<`, `<<-`, `&>`, ... and its target word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    pub op: String,
    pub target: String,
}

/// Splits a shell script into simple commands. Returns the commands and whether the script
/// was cut at [`MAX_SCRIPT_LEN`].
pub fn split_script(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> (Vec<SimpleCommand>, bool) {
    let truncated = text.len() > MAX_SCRIPT_LEN;
    let cut = floor_char_boundary(text, MAX_SCRIPT_LEN);
    // Bytes, not chars: every character the shell treats specially is ASCII, and the bytes
    // of other characters are copied through in order, so words stay valid UTF-8.
    let chars: &[u8] = text.get(..cut).unwrap_or("").as_bytes();
    let mut cmds = Vec::with_capacity(4);
    let mut cur = SimpleCommand::default();
    // Reused for every word (it keeps its capacity): room for a long path up front.
    let mut word: Vec<u8> = Vec::with_capacity(128);
    let mut in_word = false;
    // A redirection waiting for its target word.
    let mut pending: Option<String> = None;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();

    // Ends the current word: it becomes a redirection target or a word.
    fn finish(
        word: &mut Vec<u8>,
        in_word: &mut bool,
        pending: &mut Option<String>,
        cur: &mut SimpleCommand,
    ) {
        if !*in_word {
            return;
        }
        // A copy of exactly the word's length; the buffer keeps its capacity for the next.
        // Lossy only where a word was cut at MAX_WORD_LEN inside a character.
        let w = match std::str::from_utf8(word) {
            Ok(w) => w.to_owned(),
            Err(_) => String::from_utf8_lossy(word).into_owned(),
        };
        word.clear();
        *in_word = false;
        match pending.take() {
            Some(op) => cur.redirects.push(Redirect {
                op,
                target: w.trim_matches(|c| c == '\'' || c == '"').to_string(),
            }),
            None => cur.words.push(w),
        }
    }
    fn end_command(cur: &mut SimpleCommand, cmds: &mut Vec<SimpleCommand>) {
        let c = std::mem::take(cur);
        if !c.words.is_empty() || !c.redirects.is_empty() {
            cmds.push(c);
        }
    }

    while let Some(c) = at(i) {
        i += 1;
        if word.len() > MAX_WORD_LEN {
            word.truncate(MAX_WORD_LEN);
        }
        match c {
            b' ' | b'\t' | b'\r' => {
                if in_word {
                    finish(&mut word, &mut in_word, &mut pending, &mut cur);
                }
            }
            b'\n' => {
                finish(&mut word, &mut in_word, &mut pending, &mut cur);
                end_command(&mut cur, &mut cmds);
            }
            b'#' if !in_word => {
                while let Some(c) = at(i) {
                    if c == b'\n' {
                        break;
                    }
                    i += 1;
                }
            }
            b'\\' => match at(i) {
                Some(b'\n') => i += 1,
                Some(n) => {
                    word.push(n);
                    in_word = true;
                    i += 1;
                }
                None => {}
            },
            b'\'' => {
                in_word = true;
                // Everything up to the closing quote, whole.
                let rest = chars.get(i..).unwrap_or(&[]);
                let close = memchr::memchr(b'\'', rest);
                word.extend_from_slice(rest.get(..close.unwrap_or(rest.len())).unwrap_or(&[]));
                i += close.map_or(rest.len(), |k| k + 1);
            }
            b'"' => {
                in_word = true;
                while let Some(c) = at(i) {
                    i += 1;
                    match c {
                        b'"' => break,
                        b'\\' => match at(i) {
                            Some(n @ (b'"' | b'\\' | b'$' | b'`')) => {
                                word.push(n);
                                i += 1;
                            }
                            Some(b'\n') => i += 1,
                            _ => word.push(b'\\'),
                        },
                        b'$' => i = dollar(chars, i, &mut word, lookup),
                        c => {
                            // The run of bytes up to the next `"`, `\\` or `$`, whole.
                            word.push(c);
                            let rest = chars.get(i..).unwrap_or(&[]);
                            let n = memchr::memchr3(b'"', b'\\', b'$', rest).unwrap_or(rest.len());
                            word.extend_from_slice(rest.get(..n).unwrap_or(&[]));
                            i += n;
                        }
                    }
                }
            }
            b'$' => {
                in_word = true;
                i = dollar(chars, i, &mut word, lookup);
            }
            b'`' => {
                in_word = true;
                word.push(b'`');
                while let Some(c) = at(i) {
                    i += 1;
                    word.push(c);
                    if c == b'`' {
                        break;
                    }
                }
            }
            b'&' | b'|' | b';' | b'(' | b')' => {
                if c == b'&' && at(i) == Some(b'>') {
                    finish(&mut word, &mut in_word, &mut pending, &mut cur);
                    i += 1;
                    if at(i) == Some(b'>') {
                        i += 1;
                    }
                    pending = Some("&>".into());
                    continue;
                }
                finish(&mut word, &mut in_word, &mut pending, &mut cur);
                if (c == b'&' || c == b'|' || c == b';') && at(i) == Some(c) {
                    i += 1;
                }
                end_command(&mut cur, &mut cmds);
            }
            b'>' | b'<' => {
                // A word of digits right before is a file descriptor (`2>`).
                let fd_word = in_word && word.iter().all(u8::is_ascii_digit);
                if fd_word {
                    word.clear();
                    in_word = false;
                } else {
                    finish(&mut word, &mut in_word, &mut pending, &mut cur);
                }
                let mut op = String::from(char::from(c));
                while let Some(n) = at(i) {
                    if matches!(n, b'>' | b'<' | b'-' | b'|') && op.len() < 3 {
                        op.push(char::from(n));
                        i += 1;
                    } else {
                        break;
                    }
                }
                if at(i) == Some(b'&') {
                    // `2>&1`, `>&2`: a descriptor, not a file.
                    i += 1;
                    while at(i).is_some_and(|d| d.is_ascii_digit() || d == b'-') {
                        i += 1;
                    }
                    continue;
                }
                pending = Some(op);
            }
            _ => {
                // A run of plain bytes is copied whole. The result is the byte-by-byte one:
                // past MAX_WORD_LEN the word keeps its first MAX_WORD_LEN bytes and the
                // run's last byte (the cap above drops that byte at the next character).
                let start = i - 1;
                let mut end = i;
                while chars.get(end).is_some_and(|&b| !is_shell_special(b)) {
                    end += 1;
                }
                let run = chars.get(start..end).unwrap_or(&[]);
                if word.len() + run.len() <= MAX_WORD_LEN + 1 {
                    word.extend_from_slice(run);
                } else {
                    let room = MAX_WORD_LEN.saturating_sub(word.len());
                    word.extend_from_slice(run.get(..room).unwrap_or(&[]));
                    word.extend(run.last().copied());
                }
                i = end;
                in_word = true;
            }
        }
    }
    finish(&mut word, &mut in_word, &mut pending, &mut cur);
    end_command(&mut cur, &mut cmds);
    (cmds, truncated)
}

/// True for the bytes [`split_script`] treats specially (anything else is plain word text).
fn is_shell_special(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b'#'
            | b'\\'
            | b'\''
            | b'"'
            | b'$'
            | b'`'
            | b'&'
            | b'|'
            | b';'
            | b'('
            | b')'
            | b'>'
            | b'<'
    )
}

/// Handles `$` at `chars[i-1]`: `$NAME`, `${NAME}` (expanded when known, else kept as
/// written), `$(...)` and `$((...))` (kept as written). Returns the next index.
fn dollar(
    chars: &[u8],
    mut i: usize,
    word: &mut Vec<u8>,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> usize {
    let at = |i: usize| chars.get(i).copied();
    match at(i) {
        Some(b'(') => {
            // Command substitution: copy through the matching `)`, tracking depth.
            word.push(b'$');
            let mut depth = 0usize;
            while let Some(c) = at(i) {
                i += 1;
                word.push(c);
                match c {
                    b'(' => depth += 1,
                    b')' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            i
        }
        Some(b'{') => {
            let start = i;
            i += 1;
            let name_start = i;
            let mut closed = false;
            while let Some(c) = at(i) {
                i += 1;
                if c == b'}' {
                    closed = true;
                    break;
                }
            }
            let name_end = if closed { i - 1 } else { i };
            let name = String::from_utf8_lossy(chars.get(name_start..name_end).unwrap_or(&[]));
            let simple = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            match (closed && simple).then(|| lookup(&name)).flatten() {
                Some(v) => word.extend_from_slice(v.as_bytes()),
                None => {
                    // `${NAME:-default}` with NAME unknown: the default is the best guess.
                    if let Some((n, d)) = name.split_once(":-").or_else(|| name.split_once('-'))
                        && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        match lookup(n) {
                            Some(v) if !v.is_empty() => word.extend_from_slice(v.as_bytes()),
                            _ => word.extend_from_slice(d.as_bytes()),
                        }
                    } else {
                        word.push(b'$');
                        word.extend_from_slice(chars.get(start..i).unwrap_or(&[]));
                    }
                }
            }
            i
        }
        Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
            let start = i;
            while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
                i += 1;
            }
            let name = chars.get(start..i).unwrap_or(&[]);
            // ASCII letters, digits and `_` only.
            let name = std::str::from_utf8(name).unwrap_or("");
            match lookup(name) {
                Some(v) => word.extend_from_slice(v.as_bytes()),
                None => {
                    word.push(b'$');
                    word.extend_from_slice(name.as_bytes());
                }
            }
            i
        }
        _ => {
            word.push(b'$');
            i
        }
    }
}

/// Drops leading `VAR=value` assignments and wrappers (`sudo`, `env`, `time`, `exec`,
/// `nohup`, `command`). Returns the rest and whether an assignment was dropped.
fn strip_prefixes(words: &[String]) -> (&[String], bool) {
    let mut i = 0;
    let mut assignment = false;
    while let Some(w) = words.get(i) {
        let is_assign = w.split_once('=').is_some_and(|(n, _)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if is_assign {
            assignment = true;
            i += 1;
        } else if matches!(
            w.as_str(),
            "sudo" | "env" | "time" | "exec" | "nohup" | "command"
        ) && words.get(i + 1).is_some_and(|n| n != "-v")
        {
            i += 1;
            // Flags of the wrapper (`sudo -E`, `env -i`).
            while words.get(i).is_some_and(|n| n.starts_with('-')) {
                i += 1;
            }
        } else {
            break;
        }
    }
    (words.get(i..).unwrap_or(&[]), assignment)
}

fn base(word: &str) -> &str {
    // A byte search: `/` is ASCII, so the slice after it starts at a char boundary.
    match word.as_bytes().iter().rposition(|&b| b == b'/') {
        Some(i) => word.get(i + 1..).unwrap_or(""),
        None => word,
    }
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

fn rec_no_change(c: &Cmd, _: &mut Out) -> bool {
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

fn rec_mkdir(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "mkdir" {
        return false;
    }
    for p in c.positional(1) {
        let path = o.resolve(p);
        o.add(path, true, Some(0), "mkdir");
    }
    true
}

fn rec_touch(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_cp(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_mv(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_rm(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_ln(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_go_build(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_go_install(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_go_mod(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_cargo_build(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_cargo_install(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_cargo_chef(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_pip_install(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_pip_wheel(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_venv(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_uv(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_npm_install(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_npm_build(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_mvn(c: &Cmd, o: &mut Out) -> bool {
    if !matches!(c.name(), "mvn" | "mvnw") {
        return false;
    }
    let goals: Vec<&str> = c.positional(1).collect();
    if goals
        .iter()
        .any(|g| matches!(*g, "package" | "install" | "verify" | "deploy"))
    {
        let t = join(&o.cwd, "target");
        o.add(t.clone(), true, Some(50 * MB), "mvn");
        o.area(t, Some(30 * MB), "mvn");
    }
    if !goals.is_empty() {
        o.add("/root/.m2".into(), true, Some(200 * MB), "mvn");
    }
    true
}

fn rec_gradle(c: &Cmd, o: &mut Out) -> bool {
    if !matches!(c.name(), "gradle" | "gradlew") {
        return false;
    }
    let tasks: Vec<&str> = c.positional(1).collect();
    if tasks.iter().any(|t| {
        matches!(
            *t,
            "build"
                | "assemble"
                | "bootJar"
                | "jar"
                | "installDist"
                | "shadowJar"
                | "war"
                | "distTar"
        ) || t.ends_with(":build")
    }) {
        let b = join(&o.cwd, "build");
        o.add(b.clone(), true, Some(50 * MB), "gradle");
        o.area(b, Some(30 * MB), "gradle");
    }
    o.add("/root/.gradle".into(), true, Some(300 * MB), "gradle");
    true
}

fn rec_dotnet(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "dotnet" {
        return false;
    }
    match c.sub() {
        Some("publish") => {
            let dir = c
                .opt(&["-o"], &["--output"])
                .map_or_else(|| join(&o.cwd, "bin"), |d| o.resolve(d));
            o.add(dir.clone(), true, Some(80 * MB), "dotnet");
            o.area(dir, Some(MB), "dotnet");
        }
        Some("build") => {
            let dir = c
                .opt(&["-o"], &["--output"])
                .map_or_else(|| join(&o.cwd, "bin"), |d| o.resolve(d));
            o.add(dir.clone(), true, Some(50 * MB), "dotnet");
            o.area(dir, Some(MB), "dotnet");
        }
        Some("restore") => {}
        _ => return false,
    }
    // publish and build restore first unless told not to.
    if !c.has("--no-restore") {
        o.add(
            "/root/.nuget/packages".into(),
            true,
            Some(150 * MB),
            "dotnet",
        );
    }
    true
}

/// The number of words after the subcommand that are not options: the packages.
fn packages(c: &Cmd) -> u64 {
    c.positional(1).count().saturating_sub(1) as u64
}

fn rec_apt(c: &Cmd, o: &mut Out) -> bool {
    if !matches!(c.name(), "apt-get" | "apt") {
        return false;
    }
    match c.sub() {
        Some("install") => {
            let n = packages(c).max(1);
            o.add("/usr".into(), true, Some(25 * MB * n), "apt-get install");
        }
        Some("update") => o.add(
            "/var/lib/apt/lists".into(),
            true,
            Some(40 * MB),
            "apt-get install",
        ),
        Some("upgrade" | "dist-upgrade") => {
            o.add("/usr".into(), true, Some(20 * MB), "apt-get install")
        }
        Some("clean" | "autoclean" | "autoremove" | "purge" | "remove") => {}
        _ => return false,
    }
    true
}

fn rec_apk(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "apk" {
        return false;
    }
    match c.sub() {
        Some("add") => {
            let n = packages(c).max(1);
            o.add("/usr".into(), true, Some(5 * MB * n), "apk add");
            if !c.has("--no-cache") {
                o.add("/var/cache/apk".into(), true, Some(2 * MB), "apk add");
            }
        }
        Some("update" | "upgrade" | "del" | "cache") => {}
        _ => return false,
    }
    true
}

fn rec_yum(c: &Cmd, o: &mut Out) -> bool {
    if !matches!(c.name(), "yum" | "dnf" | "microdnf" | "tdnf") {
        return false;
    }
    match c.sub() {
        Some("install") => {
            let n = packages(c).max(1);
            o.add("/usr".into(), true, Some(30 * MB * n), "yum install");
            o.add("/var/cache/dnf".into(), true, Some(20 * MB), "yum install");
        }
        Some("clean" | "update" | "upgrade" | "makecache" | "remove") => {}
        _ => return false,
    }
    true
}

fn url_basename(url: &str) -> Option<&str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/')
        .next()
        .filter(|s| !s.is_empty() && !s.contains(':'))
}

fn rec_curl(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "curl" {
        return false;
    }
    if let Some(file) = c.opt(&["-o"], &["--output"]) {
        if file != "-" && !file.starts_with("/dev/") {
            let p = o.resolve(file);
            o.add(p, false, None, "curl");
        }
    } else if c.words.iter().any(|w| {
        w == "-O"
            || w == "--remote-name"
            || (w.starts_with('-') && !w.starts_with("--") && w.contains('O'))
    }) {
        let url = c.positional(1).find(|w| w.contains("://"));
        if let Some(name) = url.and_then(url_basename) {
            let p = o.resolve(name);
            o.add(p, false, None, "curl");
        }
    }
    // Without -o/-O curl writes to stdout (often into a pipe): nothing new.
    true
}

fn rec_wget(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "wget" {
        return false;
    }
    if let Some(file) = c.opt(&["-O"], &["--output-document"]) {
        if file != "-" && !file.starts_with("/dev/") {
            let p = o.resolve(file);
            o.add(p, false, None, "wget");
        }
        return true;
    }
    let dir = c.opt(&["-P"], &["--directory-prefix"]).map(str::to_string);
    for url in c.positional(1).filter(|w| w.contains("://")) {
        if let Some(name) = url_basename(url) {
            let p = match &dir {
                Some(d) => o.resolve(&format!("{d}/{name}")),
                None => o.resolve(name),
            };
            o.add(p, false, None, "wget");
        }
    }
    true
}

fn rec_git_clone(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "git" || c.sub() != Some("clone") {
        return false;
    }
    // Skip the values of options that take one.
    let mut pos = Vec::new();
    let mut it = c.words.iter().skip(2);
    while let Some(w) = it.next() {
        if matches!(
            w.as_str(),
            "-b" | "--branch"
                | "--depth"
                | "-c"
                | "--config"
                | "--origin"
                | "-o"
                | "--reference"
                | "--filter"
        ) {
            it.next();
        } else if !w.starts_with('-') {
            pos.push(w.as_str());
        }
    }
    let dir = match (pos.first(), pos.get(1)) {
        (_, Some(d)) => Some(d.to_string()),
        (Some(url), None) => {
            url_basename(url.trim_end_matches('/')).map(|n| n.trim_end_matches(".git").to_string())
        }
        _ => None,
    };
    if let Some(d) = dir {
        let p = o.resolve(&d);
        o.add(p, true, Some(10 * MB), "git clone");
    }
    true
}

fn rec_extract(c: &Cmd, o: &mut Out) -> bool {
    let dir = match c.name() {
        "tar" => {
            let extracting = c.words.iter().skip(1).any(|w| {
                w == "--extract"
                    || w == "-x"
                    || (!w.starts_with("--")
                        && w.trim_start_matches('-')
                            .starts_with(|ch: char| ch.is_ascii_alphabetic())
                        && w.contains('x')
                        && c.words.get(1) == Some(w))
            });
            if !extracting {
                // `tar -c`: creates an archive whose name we rarely know; nothing to show.
                return c.words.len() > 1;
            }
            c.opt(&["-C"], &["--directory"]).map(str::to_string)
        }
        "unzip" => c.opt(&["-d"], &[]).map(str::to_string),
        _ => return false,
    };
    let d = o.resolve(dir.as_deref().unwrap_or("."));
    // The extracted files are unknown; the directory shows where they went.
    o.add(d.clone(), true, None, "tar");
    o.area(d, None, "tar");
    true
}

fn rec_make(c: &Cmd, o: &mut Out) -> bool {
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

fn rec_useradd(c: &Cmd, o: &mut Out) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    /// Dumps the effects of a shell-form RUN in `/app` as one line per op, then the
    /// commands with their recogniser.
    fn dump(script: &str) -> String {
        dump_with(script, &[])
    }

    fn dump_with(script: &str, heredocs: &[(&str, &str)]) -> String {
        let e = analyze_run(&RunScript::Shell(script), heredocs, "/app", &|n| {
            (n == "APP").then(|| "server".to_string())
        });
        let mut s = String::new();
        for op in &e.ops {
            let line = match op {
                Op::Add {
                    path,
                    is_dir,
                    size,
                    by,
                } => format!(
                    "+ {path}{} {} [{by}]",
                    if *is_dir { "/" } else { "" },
                    size.map_or("?".to_string(), |b| b.to_string())
                ),
                Op::Remove { path, .. } => format!("- {path}"),
                Op::Copy { from, to, .. } => format!("cp {from} -> {to}"),
                Op::Move { from, to, .. } => format!("mv {from} -> {to}"),
                Op::Area { dir, by, .. } => format!("~ {dir}/… [{by}]"),
            };
            s.push_str(&line);
            s.push('\n');
        }
        if e.unknown {
            s.push_str("unknown\n");
        }
        s
    }

    /// One fixture per recogniser: (recogniser, RUN text, expected dump).
    const FIXTURES: &[(&str, &str, &str)] = &[
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
        (
            "redirect",
            "echo 'ok' > /etc/motd",
            "+ /etc/motd 1000 [redirect]\n",
        ),
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
        (
            "go build",
            "CGO_ENABLED=0 go build -a -installsuffix cgo -o app .",
            "+ /app/app 10000000 [go build]\n",
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
        (
            "npm install",
            "npm ci",
            "+ /app/node_modules/ 200000000 [npm install]\n+ /root/.npm/ 50000000 [npm install]\n",
        ),
        ("npm build", "npm run build", "~ /app/… [npm build]\n"),
        (
            "mvn",
            "mvn -B package -DskipTests",
            "+ /app/target/ 50000000 [mvn]\n~ /app/target/… [mvn]\n+ /root/.m2/ 200000000 [mvn]\n",
        ),
        (
            "gradle",
            "./gradlew bootJar --no-daemon",
            "+ /app/build/ 50000000 [gradle]\n~ /app/build/… [gradle]\n+ /root/.gradle/ 300000000 [gradle]\n",
        ),
        (
            "dotnet",
            "dotnet publish -c Release -o /app/publish",
            "+ /app/publish/ 80000000 [dotnet]\n~ /app/publish/… [dotnet]\n+ /root/.nuget/packages/ 150000000 [dotnet]\n",
        ),
        (
            "apt-get install",
            "apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev",
            "+ /var/lib/apt/lists/ 40000000 [apt-get install]\n+ /usr/ 50000000 [apt-get install]\n",
        ),
        (
            "apk add",
            "apk --no-cache add ca-certificates",
            "+ /usr/ 5000000 [apk add]\n",
        ),
        (
            "yum install",
            "dnf install -y git",
            "+ /usr/ 30000000 [yum install]\n+ /var/cache/dnf/ 20000000 [yum install]\n",
        ),
        (
            "curl",
            "curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz",
            "+ /tmp/tool.tgz ? [curl]\n",
        ),
        (
            "wget",
            "wget -q https://example.com/files/data.zip?x=1",
            "+ /app/data.zip ? [wget]\n",
        ),
        (
            "git clone",
            "git clone --depth 1 https://github.com/alexellis/href-counter.git",
            "+ /app/href-counter/ 10000000 [git clone]\n",
        ),
        (
            "tar",
            "tar -xzf /tmp/tool.tgz -C /opt",
            "+ /opt/ ? [tar]\n~ /opt/… [tar]\n",
        ),
        ("make", "make", "~ /app/… [make]\n"),
        (
            "useradd",
            "useradd -m -d /home/app app",
            "+ /etc/passwd 1000 [useradd]\n+ /home/app/ 0 [useradd]\n",
        ),
    ];

    #[test]
    fn every_recogniser_has_a_fixture_and_each_fixture_holds() {
        for r in RECOGNISERS {
            assert!(
                FIXTURES.iter().any(|(name, _, _)| *name == r.name),
                "recogniser `{}` has no fixture",
                r.name
            );
        }
        for (name, script, want) in FIXTURES {
            assert_eq!(dump(script), *want, "fixture for `{name}`: {script}");
            let e = analyze_run(&RunScript::Shell(script), &[], "/app", &none);
            assert!(
                e.commands.iter().any(|c| c.recogniser == Some(*name)),
                "`{name}` should recognise {script}: {:?}",
                e.commands
            );
        }
    }

    #[test]
    fn splitting_follows_quotes_operators_and_continuations() {
        let (cmds, _) = split_script(
            "a 'b c' \"d $APP e\" f\\ g && h || i; j | k & l\\\n  m # comment\nn 2>/dev/null >out",
            &|n| (n == "APP").then(|| "x".to_string()),
        );
        let words: Vec<Vec<&str>> = cmds
            .iter()
            .map(|c| c.words.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            words,
            vec![
                vec!["a", "b c", "d x e", "f g"],
                vec!["h"],
                vec!["i"],
                vec!["j"],
                vec!["k"],
                vec!["l", "m"],
                vec!["n"],
            ]
        );
        let last = cmds.last().map(|c| c.redirects.clone()).unwrap_or_default();
        assert_eq!(
            last,
            vec![
                Redirect {
                    op: ">".into(),
                    target: "/dev/null".into()
                },
                Redirect {
                    op: ">".into(),
                    target: "out".into()
                },
            ]
        );
    }

    #[test]
    fn cd_changes_the_directory_for_the_rest_of_the_run() {
        assert_eq!(
            dump("cd /src && go build -o bin/app ./cmd && cd .. && mkdir out"),
            "+ /src/bin/app 10000000 [go build]\n+ /out/ 0 [mkdir]\n"
        );
    }

    #[test]
    fn variables_expand_when_known_and_stay_when_not() {
        assert_eq!(
            dump("go build -o /bin/$APP && touch ${UNKNOWN:-/tmp/x} $OTHER"),
            "+ /bin/server 10000000 [go build]\n+ /tmp/x 0 [touch]\n+ /app/$OTHER 0 [touch]\n"
        );
    }

    #[test]
    fn sh_c_and_heredoc_bodies_are_scripts() {
        assert_eq!(
            dump("sh -c 'mkdir -p /a && touch /a/b'"),
            "+ /a/ 0 [mkdir]\n+ /a/b 0 [touch]\n"
        );
        assert_eq!(
            dump_with(
                "<<EOF",
                &[("EOF", "set -e\nmkdir /data\napt-get install -y curl\n")]
            ),
            "+ /data/ 0 [mkdir]\n+ /usr/ 25000000 [apt-get install]\n"
        );
        assert_eq!(
            dump_with("bash <<EOT", &[("EOT", "touch /x\n")]),
            "+ /x 0 [touch]\n"
        );
        // A heredoc written to a file: `cat <<EOF > /etc/app.conf`.
        assert_eq!(
            dump_with("cat <<EOF > /etc/app.conf", &[("EOF", "key=value\n")]),
            "+ /etc/app.conf 1000 [redirect]\n"
        );
        // A Python heredoc is not a shell script.
        assert_eq!(
            dump_with("python3 <<EOF", &[("EOF", "print(1)\n")]),
            "unknown\n"
        );
    }

    #[test]
    fn unknown_commands_are_reported() {
        assert_eq!(dump("./configure --prefix=/usr && frobnicate"), "unknown\n");
        assert_eq!(dump("mkdir /x && frobnicate"), "+ /x/ 0 [mkdir]\nunknown\n");
    }

    #[test]
    fn exec_form_and_wrappers() {
        let words = ["go", "build", "-o", "/out/app"];
        let e = analyze_run(&RunScript::Exec(&words), &[], "/", &none);
        assert_eq!(e.ops.len(), 1);
        assert_eq!(
            dump("sudo -E apt-get install -y git"),
            "+ /usr/ 25000000 [apt-get install]\n"
        );
    }

    #[test]
    fn hostile_scripts_stay_bounded() {
        let long = "a && ".repeat(100_000);
        let e = analyze_run(&RunScript::Shell(&long), &[], "/", &none);
        assert!(e.truncated);
        let deep = "$(".repeat(50_000);
        let _ = split_script(&deep, &none);
        let quotes = "'".repeat(10_001);
        let _ = split_script(&quotes, &none);
    }
}
