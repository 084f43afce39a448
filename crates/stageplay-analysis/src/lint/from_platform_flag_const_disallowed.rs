//! FromPlatformFlagConstDisallowed: `FROM --platform` with a constant.
//!
//! What it does: flags `--platform=linux/amd64` (no variable) on a FROM, unless the stage
//! name contains the OS or architecture, as BuildKit does.
//! Why is this bad? It pins the stage to one platform, so a multi-platform build quietly
//! ships the wrong architecture.
//! Example: `FROM --platform=linux/amd64 golang` → `FROM --platform=$BUILDPLATFORM golang`.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "FromPlatformFlagConstDisallowed",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "A constant --platform on FROM forces that platform whatever the build asks \
        for, so building for arm64 still produces amd64 binaries in this stage. Use \
        $BUILDPLATFORM for build tools or $TARGETPLATFORM (the default) for the result.",
    bad: "FROM --platform=linux/amd64 golang:1.22 AS build\n",
    good: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n",
};

/// The OS and architecture of a platform string, as containerd's `platforms.Parse`
/// normalises them (lowercase; `x86_64` is `amd64`, `aarch64` is `arm64`; a lone OS gets the
/// build machine's architecture and a lone architecture gets `linux`), or `None` when it does
/// not parse (more than three parts, an empty part, a character outside `[A-Za-z0-9_.-]`, or
/// a lone word that is neither a known OS nor a known architecture).
fn os_and_arch(platform: &str) -> Option<(String, String)> {
    const OSES: [&str; 15] = [
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "js",
        "linux",
        "nacl",
        "netbsd",
        "openbsd",
        "solaris",
        "windows",
    ];
    const ARCHES: [&str; 20] = [
        "386", "amd64", "arm", "arm64", "armbe", "arm64be", "loong64", "mips", "mipsle", "mips64",
        "mips64le", "ppc", "ppc64", "ppc64le", "riscv64", "s390x", "sparc64", "wasm", "x86_64",
        "aarch64",
    ];
    let lower = platform.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('/').collect();
    let valid = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    };
    if parts.len() > 3 || !parts.iter().all(|p| valid(p)) {
        return None;
    }
    let arch = |a: &str| -> String {
        match a {
            "x86_64" | "x86-64" => "amd64".into(),
            "aarch64" => "arm64".into(),
            "i386" => "386".into(),
            "armhf" | "armel" => "arm".into(),
            other => other.into(),
        }
    };
    match parts.as_slice() {
        [one] if OSES.contains(one) => Some((one.to_string(), "amd64".into())),
        [one] if ARCHES.contains(one) || matches!(*one, "x86-64" | "i386" | "armhf" | "armel") => {
            Some(("linux".into(), arch(one)))
        }
        [_] => None,
        [os, a, ..] => Some((os.to_string(), arch(a))),
        [] => None,
    }
}

/// Reports a constant `--platform` at its FROM, as BuildKit's `reportConstPlatformDisallowed`
/// does (moby/buildkit `frontend/dockerfile/dockerfile2llb/validations.go`): not when the
/// platform does not parse (the build fails on it later), and not when the stage name
/// contains the platform's OS or architecture (`AS build-arm64` says what it pins).
pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in &ctx.a.stages {
        let Some(inst) = ctx.a.instructions.get(s.from_instruction) else {
            continue;
        };
        let Some(v) = inst.flag("platform").and_then(|f| f.value.as_deref()) else {
            continue;
        };
        if v.contains('$') {
            continue;
        }
        let Some((os, arch)) = os_and_arch(v) else {
            continue;
        };
        let name = s.name.as_deref().unwrap_or("");
        if name.contains(os.as_str()) || name.contains(arch.as_str()) {
            continue;
        }
        out.push(Diagnostic::new(
            &RULE,
            inst.span,
            format!("FROM --platform flag should not use constant value \"{v}\""),
        ));
    }
}
