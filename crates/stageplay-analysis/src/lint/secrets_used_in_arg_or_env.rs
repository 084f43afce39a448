//! SecretsUsedInArgOrEnv: passwords, tokens and keys in ARG or ENV.
//!
//! What it does: flags ARG / ENV names that look like secrets (password, token, secret,
//! api key, ...), as BuildKit's check does.
//! Why is this bad? ARG and ENV values are stored in the image history and metadata, where
//! anyone with the image can read them.
//! Example: `ARG NPM_TOKEN` → `RUN --mount=type=secret,id=npm_token ...`.

use super::{Ctx, Rule, report};
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

/// Splits a name into lowercase words at `_`, `-`, `.` and lower→upper case changes.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' || c == '.' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// True when `name` looks like it holds a secret.
pub fn looks_secret(name: &str) -> bool {
    let w = words(name);
    if w.iter().any(|x| x == "public") {
        return false;
    }
    let single = [
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
    if w.iter().any(|x| single.contains(&x.as_str())) {
        return true;
    }
    w.windows(2).any(|p| {
        matches!(
            (p[0].as_str(), p[1].as_str()),
            (
                "api" | "access" | "private" | "secret" | "auth" | "client",
                "key"
            )
        )
    })
}

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for inst in &ctx.a.instructions {
        if !matches!(inst.keyword, Keyword::Arg | Keyword::Env) {
            continue;
        }
        for kv in &inst.pairs {
            if looks_secret(&kv.key) {
                out.push(report(
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
