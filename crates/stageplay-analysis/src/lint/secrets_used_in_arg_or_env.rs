//! SecretsUsedInArgOrEnv: passwords, tokens and keys in ARG or ENV.
//!
//! What it does: flags ARG / ENV names that look like secrets (password, token, secret,
//! api key, ...), as BuildKit's check does.
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

/// Calls `f` with each word of `name`, split at `_`, `-`, `.` and lower→upper case changes
/// (as written: compare without ASCII case). No copies: it runs on every ARG and ENV.
fn for_each_word<'a>(name: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = name.as_bytes();
    let mut start = 0;
    let mut prev_lower = false;
    // Every cut is at an ASCII byte, so every word is a char-boundary slice.
    for (i, &c) in bytes.iter().enumerate() {
        if c == b'_' || c == b'-' || c == b'.' {
            if i > start {
                f(name.get(start..i).unwrap_or(""));
            }
            start = i + 1;
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && i > start {
            f(name.get(start..i).unwrap_or(""));
            start = i;
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if bytes.len() > start {
        f(name.get(start..).unwrap_or(""));
    }
}

/// True when `name` looks like it holds a secret.
pub fn looks_secret(name: &str) -> bool {
    const SINGLE: [&str; 12] = [
        "password",
        "passwd",
        "pswd",
        "pwd",
        "secret",
        "token",
        "apikey",
        "credential",
        "credentials",
        "privatekey",
        "accesskey",
        "secretkey",
    ];
    const BEFORE_KEY: [&str; 6] = ["api", "access", "private", "secret", "auth", "client"];
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    let (mut public, mut single, mut pair) = (false, false, false);
    let mut prev: Option<&str> = None;
    for_each_word(name, |w| {
        public |= w.eq_ignore_ascii_case("public");
        single |= is(w, &SINGLE);
        pair |= w.eq_ignore_ascii_case("key") && prev.is_some_and(|p| is(p, &BEFORE_KEY));
        prev = Some(w);
    });
    !public && (single || pair)
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in &ctx.a.instructions {
        if !matches!(inst.keyword, Keyword::Arg | Keyword::Env) {
            continue;
        }
        for kv in &inst.pairs {
            if looks_secret(&kv.key) {
                out.push(Diagnostic::new(
                    &RULE,
                    kv.key_span,
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
            "apiKey",
            "API_KEY",
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
        ] {
            assert!(!looks_secret(n), "{n}");
        }
    }
}
