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
    // Built only when an installer is found: most files never need it.
    let mut lines: Option<LineIndex> = None;
    for e in &a.files.final_image.files {
        let Some(bytes) = e.size.filter(|&b| b > 0) else {
            continue;
        };
        let size = human_size(bytes);
        let line = e.provenance.line;
        if let Some((_, what)) = CACHES.iter().find(|(p, _)| *p == e.path) {
            out.push(Diagnostic::new(
                &RULE,
                e.provenance.span,
                format!(
                    "`{}` (≈ {size}, {what} on line {line}) ships in the final image: clean it in \
                     the same RUN or use a cache mount",
                    e.path
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
        let installer = target.instructions.iter().find(|&&i| {
            i > copied
                && a.instructions.get(i).is_some_and(|inst| {
                    inst.keyword == Keyword::Run
                        && installs_from(inst.span.slice(ctx.text), &e.path)
                })
        });
        if let Some(&i) = installer {
            let start = a.instructions.get(i).map_or(0, |inst| inst.span.start);
            let lines = lines.get_or_insert_with(|| LineIndex::new(ctx.text));
            let run_line = lines.line(start);
            out.push(Diagnostic::new(
                &RULE,
                e.provenance.span,
                format!(
                    "`{}` (≈ {size}, copied on line {line}) stays in the final image after the RUN \
                     on line {run_line} installed from it: mount it for that RUN \
                     (`--mount=type=bind,...`) instead of copying it",
                    e.path
                ),
            ));
        }
    }
}

/// True when a RUN's text installs packages from `path` (`pip install /wheels/*`,
/// `apk add /pkgs/*.apk`, `dpkg -i /debs/*.deb`, `npm install /tarballs/x.tgz`).
fn installs_from(run: &str, path: &str) -> bool {
    let installs = [
        "pip install",
        "pip3 install",
        "apk add",
        "dpkg -i",
        "npm install",
        "rpm -i",
    ]
    .iter()
    .any(|c| run.contains(c));
    installs
        && run.match_indices(path).any(|(i, _)| {
            let next = run[i + path.len()..].chars().next();
            matches!(next, None | Some('/' | ' ' | '\n' | '"' | '\''))
        })
}
