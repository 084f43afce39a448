//! FinalImageWaste (Stageplay): build leftovers that the final image ships.
//!
//! What it does: flags, with its estimated size, what the file simulation finds in the final
//! image that only the build needed: package manager caches and lists (`apt-get update`'s
//! lists, the apk, dnf, pip and npm caches), and files copied in only to be installed from
//! (`COPY --from=builder /wheels /wheels` then `pip install /wheels/*`).
//! Why is this bad? Every layer ships: a later `rm` hides the files but the bytes stay, so
//! the image carries a copy of what it installed. Multi-stage builds exist to leave this
//! behind.
//! Example: `/wheels` kept after `pip install /wheels/*`; install through a bind mount.

use super::{Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::files::FileKind;
use crate::files::images::human_size;
use crate::parse::Keyword;
use crate::span::LineIndex;

pub const RULE: Rule = Rule {
    name: "FinalImageWaste",
    severity: Severity::Info,
    buildkit: false,
    explanation: "The final image ships something only the build needed: a package manager's \
        cache or lists, or files copied in just to be installed from. Each layer stays in the \
        image, so deleting them in a later RUN does not make it smaller. Clean a cache in the \
        RUN that fills it (`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `pip install \
        --no-cache-dir`), and install from another stage through a bind mount \
        (`RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels`) instead of \
        copying the files in. Sizes are Stageplay's estimates.",
    bad: "FROM python:3.9 AS builder\nRUN pip wheel --wheel-dir /wheels flask\nFROM python:3.9-slim\nCOPY --from=builder /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n",
    good: "FROM python:3.9 AS builder\nRUN pip wheel --wheel-dir /wheels flask\nFROM python:3.9-slim\nRUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \\\n    pip install --no-cache-dir /wheels/*\n",
};

/// Caches and package lists the recognisers record, with what fills them.
const CACHES: &[(&str, &str)] = &[
    (
        "/var/lib/apt/lists",
        "the package lists of `apt-get update`",
    ),
    ("/var/cache/apk", "the apk cache"),
    ("/var/cache/dnf", "the dnf cache"),
    ("/root/.cache/pip", "the pip cache"),
    ("/root/.npm", "the npm cache"),
    ("/usr/local/share/.cache/yarn", "the yarn cache"),
];

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let a = ctx.a;
    let Some(target) = a.files.final_image.stage.and_then(|t| a.stages.get(t)) else {
        return;
    };
    // `--target` on an earlier stage (a test stage) builds an image nobody ships.
    if target.index + 1 != a.stages.len() {
        return;
    }
    // The target's RUNs that install packages, with their text: the first few only, so
    // that the check stays linear in the number of files.
    let installers: Vec<(usize, &str)> = target
        .instructions
        .iter()
        .filter_map(|&i| {
            let inst = a.instructions.get(i)?;
            let run = inst.span.slice(ctx.text);
            // A RUN longer than a page is not compared with every file (bounded work).
            (inst.keyword == Keyword::Run && run.len() <= MAX_RUN_TEXT && installs(run))
                .then_some((i, run))
        })
        .take(MAX_INSTALLERS)
        .collect();
    // Built only when an installer is found: most files never need it.
    let mut lines: Option<LineIndex> = None;
    for e in &a.files.final_image.files {
        let Some(bytes) = e.size.filter(|&b| b > 0) else {
            continue;
        };
        let line = e.provenance.line;
        if let Some((_, what)) = CACHES.iter().find(|(p, _)| *p == e.path) {
            out.push(Diagnostic::new(
                &RULE,
                e.provenance.span,
                format!(
                    "`{}` (≈ {}, {what} on line {line}) ships in the final image: clean it in \
                     the same RUN or use a cache mount",
                    e.path,
                    human_size(bytes)
                ),
            ));
            continue;
        }
        if !matches!(
            e.provenance.kind,
            FileKind::CopyFromStage | FileKind::Context
        ) {
            continue;
        }
        let Some(copied) = e.provenance.instruction else {
            continue;
        };
        // A later RUN of the target that installs from the copied path.
        let installer = installers
            .iter()
            .find(|&&(i, run)| i > copied && installs_from(run, &e.path))
            .map(|&(i, _)| i);
        if let Some(i) = installer {
            let start = a.instructions.get(i).map_or(0, |inst| inst.span.start);
            let lines = lines.get_or_insert_with(|| LineIndex::new(ctx.text));
            let run_line = lines.line(start);
            out.push(Diagnostic::new(
                &RULE,
                e.provenance.span,
                format!(
                    "`{}` (≈ {}, copied on line {line}) stays in the final image after the RUN \
                     on line {run_line} installed from it: mount it for that RUN \
                     (`--mount=type=bind,...`) instead of copying it",
                    e.path,
                    human_size(bytes)
                ),
            ));
        }
    }
}

/// How many installing RUNs of the target each copied file is compared with, and the
/// longest RUN text compared.
const MAX_INSTALLERS: usize = 16;
const MAX_RUN_TEXT: usize = 4096;

/// True when a RUN's text installs packages (`pip install`, `apk add`, `dpkg -i`, ...).
fn installs(run: &str) -> bool {
    [
        "pip install",
        "pip3 install",
        "apk add",
        "dpkg -i",
        "npm install",
        "rpm -i",
    ]
    .iter()
    .any(|c| run.contains(c))
}

/// True when an installing RUN's text names `path` as a word or a directory prefix
/// (`pip install /wheels/*`, `dpkg -i /debs/*.deb`).
fn installs_from(run: &str, path: &str) -> bool {
    run.match_indices(path).any(|(i, _)| {
        let next = run.get(i + path.len()..).and_then(|t| t.chars().next());
        matches!(next, None | Some('/' | ' ' | '\n' | '"' | '\''))
    })
}
