//! Recognisers for the system package managers: `apt-get`/`apt`, `apk`, `yum`/`dnf`.

use super::{Cmd, MB, Out};

/// The number of words after the subcommand that are not options: the packages.
fn packages(c: &Cmd) -> u64 {
    c.positional(1).count().saturating_sub(1) as u64
}

pub(super) fn rec_apt(c: &Cmd, o: &mut Out) -> bool {
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

pub(super) fn rec_apk(c: &Cmd, o: &mut Out) -> bool {
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

pub(super) fn rec_yum(c: &Cmd, o: &mut Out) -> bool {
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

/// One fixture per recogniser of this file: (recogniser, RUN text, expected effects),
/// checked by `every_recogniser_has_a_fixture_and_each_fixture_holds` in `tests.rs`.
#[cfg(test)]
pub(super) const FIXTURES: &[(&str, &str, &str)] = &[
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
];
