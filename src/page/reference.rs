//! The editor's built-in reference: a short explanation of every instruction and of the
//! common flags, each with a link to the matching section of Docker's Dockerfile reference;
//! and the address of Docker's page for each BuildKit build check.

use crate::analysis::Keyword;

use super::highlight::Hint;

/// Docker's Dockerfile reference.
pub const REFERENCE_URL: &str = "https://docs.docker.com/reference/dockerfile/";

/// One entry of the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub title: &'static str,
    pub text: &'static str,
    /// The anchor in Docker's reference (without `#`).
    pub anchor: &'static str,
}

impl Entry {
    pub fn url(&self) -> String {
        format!("{REFERENCE_URL}#{}", self.anchor)
    }
}

/// The reference entry for an instruction.
pub fn keyword(k: Keyword) -> Entry {
    let (title, text, anchor) = match k {
        Keyword::From => (
            "FROM",
            "Starts a new build stage from a base: an image, `scratch` (empty), or an earlier stage by its `AS` name. Each FROM begins a fresh filesystem.",
            "from",
        ),
        Keyword::Run => (
            "RUN",
            "Runs a command at build time and saves the files it changed as a new layer. Files deleted later still take space in this layer.",
            "run",
        ),
        Keyword::Copy => (
            "COPY",
            "Copies files from the build context, or with `--from` from another stage or image, into the stage's filesystem. Relative destinations start at WORKDIR.",
            "copy",
        ),
        Keyword::Add => (
            "ADD",
            "Like COPY, but also downloads URLs, clones git repositories and extracts local tar archives. Prefer COPY for plain files.",
            "add",
        ),
        Keyword::Arg => (
            "ARG",
            "Declares a build argument (`--build-arg`). Before the first FROM it is global and visible only in FROM lines; a stage must re-declare it (`ARG NAME`) to use it.",
            "arg",
        ),
        Keyword::Env => (
            "ENV",
            "Sets an environment variable for the rest of the stage and for containers started from the image.",
            "env",
        ),
        Keyword::Workdir => (
            "WORKDIR",
            "Sets (and creates) the working directory for the following RUN, CMD, ENTRYPOINT, COPY and ADD.",
            "workdir",
        ),
        Keyword::Cmd => (
            "CMD",
            "The default command of a container from the image. Only the last CMD counts; the exec (JSON) form avoids a shell.",
            "cmd",
        ),
        Keyword::Entrypoint => (
            "ENTRYPOINT",
            "The executable a container runs; CMD then supplies its default arguments.",
            "entrypoint",
        ),
        Keyword::Expose => (
            "EXPOSE",
            "Documents the ports the container listens on (`80/tcp`). It does not publish them.",
            "expose",
        ),
        Keyword::Label => ("LABEL", "Adds key=value metadata to the image.", "label"),
        Keyword::Maintainer => (
            "MAINTAINER",
            "Deprecated: use `LABEL org.opencontainers.image.authors=...` instead.",
            "maintainer-deprecated",
        ),
        Keyword::Onbuild => (
            "ONBUILD",
            "Registers an instruction that runs later, in any stage built FROM this one.",
            "onbuild",
        ),
        Keyword::Healthcheck => (
            "HEALTHCHECK",
            "Tells Docker how to test that the container still works.",
            "healthcheck",
        ),
        Keyword::Shell => (
            "SHELL",
            "Changes the shell used by the shell form of RUN, CMD and ENTRYPOINT.",
            "shell",
        ),
        Keyword::Stopsignal => (
            "STOPSIGNAL",
            "The signal sent to the container to stop it.",
            "stopsignal",
        ),
        Keyword::User => (
            "USER",
            "The user (and group) for the following RUN, CMD and ENTRYPOINT.",
            "user",
        ),
        Keyword::Volume => (
            "VOLUME",
            "Declares a mount point; changes made to it by later build steps are discarded.",
            "volume",
        ),
    };
    Entry {
        title,
        text,
        anchor,
    }
}

/// The reference entry for a flag of an instruction, when we have one.
pub fn flag(k: Keyword, name: &str) -> Option<Entry> {
    let (title, text, anchor) = match (k, name) {
        (Keyword::From, "platform") => (
            "FROM --platform",
            "Picks the platform of the base image, e.g. `$BUILDPLATFORM` to build natively and cross-compile.",
            "from",
        ),
        (Keyword::Copy, "from") => (
            "COPY --from",
            "Copies from another stage (by name or index) or from an image instead of the build context. Paths are resolved from that stage's root, not its WORKDIR. This is what makes multi-stage builds small.",
            "copy---from",
        ),
        (Keyword::Copy | Keyword::Add, "chown") => (
            "--chown",
            "Sets the owner (user:group) of the copied files.",
            "copy---chown---chmod",
        ),
        (Keyword::Copy | Keyword::Add, "chmod") => (
            "--chmod",
            "Sets the permissions of the copied files.",
            "copy---chown---chmod",
        ),
        (Keyword::Copy | Keyword::Add, "link") => (
            "--link",
            "Copies into an independent layer, so the copy is reused even when earlier layers change.",
            "copy---link",
        ),
        (Keyword::Copy | Keyword::Add, "parents") => (
            "--parents",
            "Keeps the parent directories of the sources under the destination.",
            "copy---parents",
        ),
        (Keyword::Copy | Keyword::Add, "exclude") => (
            "--exclude",
            "Skips the paths matching the pattern.",
            "copy---exclude",
        ),
        (Keyword::Add, "checksum") => (
            "ADD --checksum",
            "Verifies the downloaded file against a digest.",
            "add---checksum",
        ),
        (Keyword::Add, "keep-git-dir") => (
            "ADD --keep-git-dir",
            "Keeps the `.git` directory of a cloned repository.",
            "add---keep-git-dir",
        ),
        (Keyword::Run, "mount") => (
            "RUN --mount",
            "Mounts something only while the command runs: `type=cache` (a persistent cache, not saved in the image), `type=bind` (files from the context or, with `from=`, another stage), `type=secret`, `type=ssh`, `type=tmpfs`.",
            "run---mount",
        ),
        (Keyword::Run, "network") => (
            "RUN --network",
            "The network of the command: `default`, `none` or `host`.",
            "run---network",
        ),
        (Keyword::Run, "security") => (
            "RUN --security",
            "`insecure` runs the command with elevated privileges.",
            "run---security",
        ),
        (Keyword::Healthcheck, _) => (
            "HEALTHCHECK option",
            "`--interval`, `--timeout`, `--start-period`, `--start-interval` and `--retries` tune the check.",
            "healthcheck",
        ),
        _ => return None,
    };
    Some(Entry {
        title,
        text,
        anchor,
    })
}

/// The entry for an editor hint.
pub fn for_hint(h: &Hint) -> Option<Entry> {
    match h {
        Hint::Keyword(k) => Some(keyword(*k)),
        Hint::Flag(k, name) => flag(*k, name),
    }
}

/// The documentation page of a BuildKit build check (`StageNameCasing` →
/// `.../build-checks/stage-name-casing/`, `JSONArgsRecommended` →
/// `.../json-args-recommended/`: a run of capitals is one word).
pub fn buildkit_rule_url(rule: &str) -> String {
    let chars: Vec<char> = rule.chars().collect();
    let mut kebab = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        let next = chars.get(i + 1);
        let starts_word = c.is_ascii_uppercase()
            && match prev {
                None => false,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(char::is_ascii_lowercase),
                Some(_) => true,
            };
        if starts_word {
            kebab.push('-');
        }
        kebab.push(c.to_ascii_lowercase());
    }
    format!("https://docs.docker.com/reference/build-checks/{kebab}/")
}

/// Every entry of the reference: the instructions', then the flags' (for the message files).
pub fn all_entries() -> Vec<Entry> {
    use Keyword::*;
    let keywords = [
        From,
        Run,
        Copy,
        Add,
        Arg,
        Env,
        Workdir,
        Cmd,
        Entrypoint,
        Expose,
        Label,
        Maintainer,
        Onbuild,
        Healthcheck,
        Shell,
        Stopsignal,
        User,
        Volume,
    ];
    let flags = [
        (From, "platform"),
        (Copy, "from"),
        (Copy, "chown"),
        (Copy, "chmod"),
        (Copy, "link"),
        (Copy, "parents"),
        (Copy, "exclude"),
        (Add, "checksum"),
        (Add, "keep-git-dir"),
        (Run, "mount"),
        (Run, "network"),
        (Run, "security"),
        (Healthcheck, "retries"),
    ];
    keywords
        .into_iter()
        .map(keyword)
        .chain(flags.into_iter().filter_map(|(k, f)| flag(k, f)))
        .collect()
}

/// The message key of an entry's text (`ref-copy-from` for `COPY --from`).
pub fn message_key(e: &Entry) -> String {
    let mut key = String::from("ref-");
    for c in e.title.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('-') {
            key.push('-');
        }
    }
    key.trim_end_matches('-').to_string()
}

/// Which Dockerfile frontend's semantics Stageplay follows, as the page and the CLI say it.
pub const SEMANTICS: &str = "Dockerfile frontend 1.26 semantics";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_its_own_message_key() {
        let keys: Vec<String> = all_entries().iter().map(message_key).collect();
        assert_eq!(keys.len(), 31);
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
        assert_eq!(
            message_key(&flag(Keyword::Copy, "from").unwrap()),
            "ref-copy-from"
        );
    }

    #[test]
    fn rule_urls_are_docker_s_kebab_case() {
        assert_eq!(
            buildkit_rule_url("StageNameCasing"),
            "https://docs.docker.com/reference/build-checks/stage-name-casing/"
        );
        assert_eq!(
            buildkit_rule_url("JSONArgsRecommended"),
            "https://docs.docker.com/reference/build-checks/json-args-recommended/"
        );
        assert_eq!(
            buildkit_rule_url("FromAsCasing"),
            "https://docs.docker.com/reference/build-checks/from-as-casing/"
        );
    }
}
