//! UndefinedVar: a variable that is not defined where it is used.
//!
//! What it does: flags `$X` in an instruction Docker expands (COPY, ENV, WORKDIR, ...) when
//! no ARG or ENV defines X at that point. Names a base image usually sets (PATH, HOME, ...)
//! are not flagged, since Stageplay cannot see the image's environment, and global ARGs
//! that were not redeclared are left to `GlobalArgNotRedeclared`.
//! Why is this bad? It expands to an empty string: a typo or a missing `ARG`.
//! Example: `ENV PATH=$GOPTH/bin` → `ENV PATH=$GOPATH/bin`.

use super::{Ctx, Rule, did_you_mean, var_span};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "UndefinedVar",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "The variable is not defined by any ARG or ENV before this instruction, so \
        it expands to an empty string. Check the spelling, or declare it with ARG (and pass \
        --build-arg) or ENV.",
    bad: "FROM alpine\nARG VERSION=1.0\nCOPY app-$VERSON.tar /app/\n",
    good: "FROM alpine\nARG VERSION=1.0\nCOPY app-$VERSION.tar /app/\n",
};

/// Environment variables that common base images set; Stageplay cannot see an image's
/// environment, so it does not report these.
pub const IMAGE_ENV: &[&str] = &[
    "PATH",
    "HOME",
    "HOSTNAME",
    "USER",
    "LANG",
    "LC_ALL",
    "TERM",
    "PWD",
    "SHELL",
    "GOPATH",
    "GOROOT",
    "GOLANG_VERSION",
    "GOTOOLCHAIN",
    "CARGO_HOME",
    "RUSTUP_HOME",
    "RUST_VERSION",
    "JAVA_HOME",
    "JAVA_VERSION",
    "MAVEN_HOME",
    "GRADLE_HOME",
    "NODE_VERSION",
    "YARN_VERSION",
    "NPM_CONFIG_PREFIX",
    "PYTHON_VERSION",
    "PYTHON_SHA256",
    "PIP_NO_CACHE_DIR",
    "VIRTUAL_ENV",
    "DOTNET_VERSION",
    "ASPNET_VERSION",
    "DOTNET_RUNNING_IN_CONTAINER",
    "NGINX_VERSION",
    "HTTPD_PREFIX",
    "PHP_VERSION",
    "PHP_INI_DIR",
    "RUBY_VERSION",
    "GEM_HOME",
    "BUNDLE_PATH",
    "DEBIAN_FRONTEND",
    "SSL_CERT_FILE",
    "LD_LIBRARY_PATH",
    "PKG_CONFIG_PATH",
];

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, stage, inst) in ctx.stage_instructions() {
        let Some(e) = ctx.a.expanded.get(i) else {
            continue;
        };
        if e.undefined.is_empty() {
            continue;
        }
        // Names defined anywhere in the stage are candidates for a "did you mean".
        let known: Vec<&str> = ctx
            .a
            .stages
            .get(stage)
            .into_iter()
            .flat_map(|s| s.instructions.iter())
            .filter_map(|&j| ctx.a.expanded.get(j))
            .flat_map(|x| x.pairs.iter().map(|(k, _)| k.as_str()))
            .collect();
        for name in &e.undefined {
            if IMAGE_ENV.contains(&name.as_str()) || ctx.a.globals.is_declared(name) {
                continue;
            }
            // ARG NAME redeclared without value and no build arg: declared, just empty.
            let declared_here = matches!(inst.keyword, Keyword::Arg | Keyword::Env)
                && inst.pairs.iter().any(|p| &p.key == name);
            if declared_here {
                continue;
            }
            let hint = did_you_mean(name, known.iter().copied());
            out.push(Diagnostic::new(
                &RULE,
                var_span(ctx, inst, name),
                format!("Usage of undefined variable '${name}'{hint}"),
            ));
        }
    }
}
