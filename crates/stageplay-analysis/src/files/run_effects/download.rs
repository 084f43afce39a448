//! Recognisers for what fetches and unpacks files: `curl`, `wget`, `git clone`, `tar`
//! and `unzip`.

use super::{Cmd, MB, Out};

fn url_basename(url: &str) -> Option<&str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/')
        .next()
        .filter(|s| !s.is_empty() && !s.contains(':'))
}

pub(super) fn rec_curl(c: &Cmd, o: &mut Out) -> bool {
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

pub(super) fn rec_wget(c: &Cmd, o: &mut Out) -> bool {
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

pub(super) fn rec_git_clone(c: &Cmd, o: &mut Out) -> bool {
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

pub(super) fn rec_extract(c: &Cmd, o: &mut Out) -> bool {
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

/// One fixture per recogniser of this file: (recogniser, RUN text, expected effects),
/// checked by `every_recogniser_has_a_fixture_and_each_fixture_holds` in `tests.rs`.
#[cfg(test)]
pub(super) const FIXTURES: &[(&str, &str, &str)] = &[
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
];
