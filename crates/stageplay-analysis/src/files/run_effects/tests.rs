//! Tests of the RUN recognisers: one fixture per recogniser (each ecosystem's table sits in
//! its file), and how the recognisers read whole scripts.

use super::shell::split_script;
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

/// One fixture per recogniser, each ecosystem's beside its recognisers; the recognisers of
/// `mod.rs` itself (the redirection) have theirs here: (recogniser, RUN text, expected dump).
const FIXTURES: &[&[(&str, &str, &str)]] = &[
    SHELL_FIXTURES,
    coreutils::FIXTURES,
    go::FIXTURES,
    rust::FIXTURES,
    python::FIXTURES,
    node::FIXTURES,
    jvm::FIXTURES,
    dotnet::FIXTURES,
    packages::FIXTURES,
    download::FIXTURES,
];

const SHELL_FIXTURES: &[(&str, &str, &str)] = &[(
    "redirect",
    "echo 'ok' > /etc/motd",
    "+ /etc/motd 1000 [redirect]\n",
)];

#[test]
fn every_recogniser_has_a_fixture_and_each_fixture_holds() {
    for r in RECOGNISERS {
        assert!(
            FIXTURES
                .iter()
                .flat_map(|f| f.iter())
                .any(|(name, _, _)| *name == r.name),
            "recogniser `{}` has no fixture",
            r.name
        );
    }
    for (name, script, want) in FIXTURES.iter().flat_map(|f| f.iter()) {
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
fn cd_changes_the_directory_for_the_rest_of_the_run() {
    assert_eq!(
        dump("cd /src && go build -o bin/app ./cmd && cd .. && mkdir out"),
        "+ /src/bin/app 6000000 [go build]\n+ /out/ 0 [mkdir]\n"
    );
}

#[test]
fn variables_expand_when_known_and_stay_when_not() {
    assert_eq!(
        dump("go build -o /bin/$APP && touch ${UNKNOWN:-/tmp/x} $OTHER"),
        "+ /bin/server 6000000 [go build]\n+ /tmp/x 0 [touch]\n+ /app/$OTHER 0 [touch]\n"
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

#[test]
fn awk_and_a_heredoc_script_redirected_to_a_file() {
    // awk only prints: its redirection makes the file, nothing is unknown.
    assert_eq!(
        dump("awk '{print $1}' go.sum > /deps.txt"),
        "+ /deps.txt 1000 [redirect]\n"
    );
    assert_eq!(dump("awk 'NR > 1' data.csv"), "");
    // A program that runs commands is not followed.
    assert_eq!(dump("awk '{ system(\"rm \" $1) }' list"), "unknown\n");
    // The heredoc runs as a script and its output goes to the file.
    for script in ["<<EOF sh > /out/log.txt", "sh <<EOF > /out/log.txt"] {
        assert_eq!(
            dump_with(script, &[("EOF", "mkdir -p /data\necho done\n")]),
            "+ /out/log.txt 1000 [redirect]\n+ /data/ 0 [mkdir]\n",
            "{script}"
        );
    }
}
