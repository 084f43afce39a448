//! Recognisers for the system package managers: `apt-get`/`apt`, `apk`, `yum`/`dnf`.

use super::{Cmd, MB, Out};

/// A kilobyte (10^3 bytes, as `MB` is 10^6) for the small packages below.
const KB: u64 = MB / 1000;

// Sizes are installed sizes with the dependencies a base image lacks, from the package
// indexes (Alpine's package pages, Debian bookworm's `Installed-Size`), rounded up:
// - Alpine `ca-certificates`: 213-816 KiB installed (v3.16-v3.24, every architecture); its
//   dependencies (`ca-certificates-bundle`, `libcrypto3`) are in the alpine image already.
//   `curl`: 265-335 KiB, plus `libcurl` and its libraries, about 1-2 MB. So an average named
//   package is about 1 MB; an `apk add` of a compiler (`build-base`) is far more.
// - Debian `ca-certificates` 20230311+deb12u1: 387 KiB, plus `openssl` 2,315 KiB, which a
//   slim image lacks; `curl` 489 KiB plus `libcurl4`; `git` 44,890 KiB; `gcc-12` 68,236 KiB;
//   `libc6-dev` 11,958 KiB: 25 MB a package is the middle of that range.

/// The estimate for one package: a few well-known ones, else the manager's average.
fn package_bytes(name: &str, apk: bool) -> u64 {
    match (name, apk) {
        ("ca-certificates", true) => 800 * KB,
        ("ca-certificates", false) => 3 * MB,
        (_, true) => MB,
        (_, false) => 25 * MB,
    }
}

/// The estimated size of the packages the command installs (the words after the
/// subcommand that are not options), at least one package's worth.
fn packages_bytes(c: &Cmd, apk: bool) -> u64 {
    let total: u64 = c.positional(1).skip(1).map(|p| package_bytes(p, apk)).sum();
    if total == 0 {
        package_bytes("", apk)
    } else {
        total
    }
}

pub(super) fn rec_apt(c: &Cmd, o: &mut Out) -> bool {
    if !matches!(c.name(), "apt-get" | "apt") {
        return false;
    }
    match c.sub() {
        Some("install") => {
            o.add(
                "/usr".into(),
                true,
                Some(packages_bytes(c, false)),
                "apt-get install",
            );
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
            o.add(
                "/usr".into(),
                true,
                Some(packages_bytes(c, true)),
                "apk add",
            );
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
            let n = (c.positional(1).count().saturating_sub(1) as u64).max(1);
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
        "+ /usr/ 800000 [apk add]\n",
    ),
    (
        "yum install",
        "dnf install -y git",
        "+ /usr/ 30000000 [yum install]\n+ /var/cache/dnf/ 20000000 [yum install]\n",
    ),
];
