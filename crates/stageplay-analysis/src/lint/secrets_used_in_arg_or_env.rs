//! SecretsUsedInArgOrEnv: passwords, tokens and keys in ARG or ENV.
//!
//! What it does: flags ARG / ENV names that look like secrets (password, token, secret,
//! auth, key, ...), as BuildKit's check does.
//! Why is this bad? ARG and ENV values are stored in the image history and metadata, where
//! anyone with the image can read them.
//! Example: `ARG NPM_TOKEN` → `RUN --mount=type=secret,id=npm_token ...`.

use super::{Ctx, Rule};
use crate::Keyword;
use crate::diagnostic::{Diagnostic, Severity};

pub const RULE: Rule = Rule {
    name: "SecretsUsedInArgOrEnv",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "Values of ARG and ENV end up in the image's history and configuration, so a \
        password or token passed that way can be read by anyone who pulls the image. Use a \
        secret mount (RUN --mount=type=secret) instead.",
    bad: "FROM node:20\nARG NPM_TOKEN\nRUN echo \"//registry/:_authToken=$NPM_TOKEN\" > .npmrc && npm ci\n",
    good: "FROM node:20\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
};

/// True when `name` looks like it holds a secret, as BuildKit decides it
/// (moby/buildkit `frontend/dockerfile/dockerfile2llb/validations.go`, `getSecretsRegex`):
/// one of its `_`-separated words is a secret word, compared without ASCII case, and none
/// is an allowed word. Only `_` separates words there: `apiKey` is
/// flagged as the word `apikey`, `TOKENIZER_MODEL` is not.
pub fn looks_secret(name: &str) -> bool {
    const DENY: [&str; 10] = [
        "apikey",
        "auth",
        "credential",
        "credentials",
        "key",
        "password",
        "pword",
        "passwd",
        "secret",
        "token",
    ];
    const ALLOW: [&str; 3] = ["public", "file", "version"];
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    let (mut deny, mut allow) = (false, false);
    for w in name.split('_') {
        deny |= is(w, &DENY);
        allow |= is(w, &ALLOW);
    }
    deny && !allow
}

/// Reports each secret-looking key of every ARG and ENV inside a stage, at the instruction,
/// as BuildKit's `dispatchArg` and `dispatchEnv` do (`convert.go`). Global ARGs are read by
/// `buildMetaArgs`, which does not check them, so neither does this.
pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (_, _, inst) in ctx.stage_instructions() {
        if !matches!(inst.keyword, Keyword::Arg | Keyword::Env) {
            continue;
        }
        for kv in &inst.pairs {
            if looks_secret(&kv.key) {
                out.push(Diagnostic::new(
                    &RULE,
                    inst.span,
                    format!(
                        "Do not use ARG or ENV instructions for sensitive data ({} \"{}\")",
                        inst.keyword.as_str(),
                        kv.key
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::looks_secret;

    #[test]
    fn names() {
        for n in [
            "DB_PASSWORD",
            "NPM_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "API_KEY",
            "apiKey",
            "auth",
            "git_key",
            "pword",
            "GITHUB_TOKEN",
        ] {
            assert!(looks_secret(n), "{n}");
        }
        for n in [
            "VERSION",
            "PUBLIC_KEY",
            "TOKENIZER_MODEL",
            "KEYBOARD",
            "PATH",
            "DB_PASSWORD_FILE",
            "NODE_VERSION_KEY",
        ] {
            assert!(!looks_secret(n), "{n}");
        }
    }
}
