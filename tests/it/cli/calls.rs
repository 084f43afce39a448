//! `stageplay targets` and `stageplay outline` on the fixtures of `tests/fixtures/cli/`:
//! each folder holds a `Dockerfile`, a `README` naming the BuildKit test or function it
//! follows, `commands` (one command line a line, the Dockerfile's path appended) and
//! `expected.txt`, what they print and their exit codes (`UPDATE_EXPECT=1` rewrites it;
//! review the diff against the BuildKit test the README names).

use std::path::Path;

use super::run;

#[test]
fn targets_and_outline_fixtures_print_what_buildx_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures/cli")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("commands").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 4, "fixtures missing in {}", root.display());
    let mut failures = Vec::new();
    for dir in dirs {
        assert!(dir.join("README").is_file(), "{}: no README", dir.display());
        let commands = std::fs::read_to_string(dir.join("commands")).expect("commands");
        let dockerfile = dir.join("Dockerfile");
        let dockerfile = dockerfile.to_str().expect("UTF-8 path");
        let mut actual = String::new();
        for line in commands.lines().filter(|l| !l.trim().is_empty()) {
            let mut args: Vec<&str> = line.split_whitespace().collect();
            args.push(dockerfile);
            let (code, out, err) = run(&args, b"");
            actual.push_str(&format!("$ stageplay {line} Dockerfile\n{out}"));
            if !err.is_empty() {
                actual.push_str(&format!(
                    "(stderr) {}",
                    err.replace(dockerfile, "Dockerfile")
                ));
            }
            actual.push_str(&format!("(exit {code})\n\n"));
        }
        let expected_path = dir.join("expected.txt");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, &actual).expect("write expected.txt");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
