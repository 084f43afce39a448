//! UndefinedVar: a variable that is not defined where it is used.
//!
//! What it does: flags `$X` in an instruction Docker expands (COPY, ENV, WORKDIR, ...) when
//! no ARG or ENV defines X at that point. Names a base image usually sets (PATH, HOME, ...)
//! are not flagged, since Stageplay cannot see the image's environment, and global ARGs
//! that were not redeclared are left to `GlobalArgNotRedeclared`. A name an ARG declared
//! (even without a default) in the stage or a stage it is built FROM is not flagged.
//! Why is this bad? It expands to an empty string: a typo or a missing `ARG`.
//! Example: `ENV PATH=$GOPTH/bin` → `ENV PATH=$GOPATH/bin`.

use super::{Ctx, Rule, did_you_mean, var_span};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};
use crate::stages::Base;

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

/// Reports each name an instruction leaves undefined, unless an ARG declared it (with or
/// without a default) earlier in the stage or in a stage it is built FROM, as BuildKit's
/// `reportUnmatchedVariables` (moby/buildkit `frontend/dockerfile/dockerfile2llb/
/// validations.go`) drops the stage's build args, which `convert.go` carries over from the
/// base stage.
pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // The ARG names each stage has declared by its end, by stage index.
    let mut declared_at_end: Vec<Vec<&str>> = vec![Vec::new(); ctx.a.stages.len()];
    // The environment each stage has by its end, by stage index: the "did you mean"
    // candidates (BuildKit suggests among `env.Keys()`, the state's environment so far).
    let mut env_at_end: Vec<Vec<&str>> = vec![Vec::new(); ctx.a.stages.len()];
    for s in &ctx.a.stages {
        let (mut declared, mut env): (Vec<&str>, Vec<&str>) = match s.base {
            Base::Stage { stage } => (
                declared_at_end.get(stage).cloned().unwrap_or_default(),
                env_at_end.get(stage).cloned().unwrap_or_default(),
            ),
            // BuildKit gives every Linux stage a PATH when its image has none, so PATH is
            // always a candidate; the rest of an image's environment is unknown here.
            _ => (Vec::new(), vec!["PATH"]),
        };
        for &i in &s.instructions {
            let (Some(inst), Some(e)) = (ctx.a.instructions.get(i), ctx.a.expanded.get(i)) else {
                continue;
            };
            for name in &e.undefined {
                if IMAGE_ENV.contains(&name.as_str())
                    || ctx.a.globals.is_declared(name)
                    || declared.contains(&name.as_str())
                {
                    continue;
                }
                let hint = did_you_mean(name, "$", env.iter().copied());
                out.push(Diagnostic::new(
                    &RULE,
                    var_span(ctx, inst, name),
                    format!("Usage of undefined variable '${name}'{hint}"),
                ));
            }
            match inst.keyword {
                // An ARG's own default is expanded before the ARG is declared; only an ARG
                // with a value enters the environment.
                Keyword::Arg => {
                    declared.extend(inst.pairs.iter().map(|p| p.key.as_str()));
                    env.extend(
                        e.pairs
                            .iter()
                            .filter(|(_, v)| v.is_some())
                            .map(|(k, _)| k.as_str()),
                    );
                }
                Keyword::Env => env.extend(e.pairs.iter().map(|(k, _)| k.as_str())),
                _ => {}
            }
        }
        if let Some(slot) = env_at_end.get_mut(s.index) {
            *slot = env.clone();
        }
        if let Some(slot) = declared_at_end.get_mut(s.index) {
            *slot = declared;
        }
    }
}
