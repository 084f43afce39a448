//! Tests of the RUN recognisers: one fixture per recogniser, and the shell splitter.

use super::shell::{Redirect, split_script};
use super::*;

/// No ARG or ENV defined.
struct NoVars;

impl crate::lexer::Lookup for NoVars {
    fn get(&self, _: &str) -> Option<&str> {
        None
    }
}

/// One variable defined: `name=value`.
fn var(name: &str, value: &str) -> Vec<(String, String)> {
    vec![(name.to_string(), value.to_string())]
}

/// Dumps the effects of a shell-form RUN in `/app` as one line per op, then the
/// commands with their recogniser.
fn dump(script: &str) -> String {
    dump_with(script, &[])
}

fn dump_with(script: &str, heredocs: &[(&str, &str)]) -> String {
    let e = analyze_run(
        &RunScript::Shell(script),
        heredocs,
        "/app",
        &var("APP", "server"),
    );
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
        let e = analyze_run(&RunScript::Shell(script), &[], "/app", &NoVars);
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
        &var("APP", "x"),
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
    let e = analyze_run(&RunScript::Exec(&words), &[], "/", &NoVars);
    assert_eq!(e.ops.len(), 1);
    assert_eq!(
        dump("sudo -E apt-get install -y git"),
        "+ /usr/ 25000000 [apt-get install]\n"
    );
}

#[test]
fn hostile_scripts_stay_bounded() {
    let long = "a && ".repeat(100_000);
    let e = analyze_run(&RunScript::Shell(&long), &[], "/", &NoVars);
    assert!(e.truncated);
    let deep = "$(".repeat(50_000);
    let _ = split_script(&deep, &NoVars);
    let quotes = "'".repeat(10_001);
    let _ = split_script(&quotes, &NoVars);
}

/// The words of a one-command script, with `A=oak` and `E=` (set but empty) defined.
fn expanded(script: &str) -> Vec<String> {
    let vars = vec![
        ("A".to_string(), "oak".to_string()),
        ("E".to_string(), String::new()),
    ];
    let (cmds, _) = split_script(script, &vars);
    cmds.into_iter().flat_map(|c| c.words).collect()
}

#[test]
fn unknown_references_and_command_substitutions_are_kept_as_written() {
    // The script's own shell variables are unknown here: the word as written says more
    // than an empty one.
    assert_eq!(
        expanded("echo $U ${U} $1 $$ \"$U/x\" $(date +%s) $((1 + 2))"),
        vec![
            "echo",
            "$U",
            "${U}",
            "$1",
            "$$",
            "$U/x",
            "$(date +%s)",
            "$((1 + 2))"
        ]
    );
    assert_eq!(
        expanded("echo $A ${A} ${U:-d} ${U-d} '$A' \\$A \"${A}s\""),
        vec!["echo", "oak", "oak", "d", "d", "$A", "$A", "oaks"]
    );
    // An unknown name with a modifier that needs its value stays as written too.
    assert_eq!(
        expanded("echo ${U:+x} ${U#o} ${U/o/0} ${U?}"),
        vec!["echo", "${U:+x}", "${U#o}", "${U/o/0}", "${U?}"]
    );
}

/// The RUN splitter expands through the one lexer, so these follow BuildKit's
/// `frontend/dockerfile/shell/lex.go` (function `processDollar`) and POSIX, where the old
/// splitter kept `${A:+x}`, `${A#o}` and `${A/o/0}` as written, gave `d` for `${E-d}` with
/// `E` set but empty, gave `${A}` for `${U:-${A}}` and kept the quotes of `${U:-"q d"}`.
#[test]
fn modifiers_and_nested_defaults_follow_buildkit() {
    assert_eq!(
        expanded("echo ${A:+x} ${A#o} ${A/o/0} ${E-d}. ${E:-d} ${U:-${A}} ${U:-\"q d\"}"),
        vec!["echo", "x", "ak", "0ak", ".", "d", "oak", "q d"]
    );
}
