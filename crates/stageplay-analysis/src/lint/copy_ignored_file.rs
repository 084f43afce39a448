//! CopyIgnoredFile: a COPY or ADD source that `.dockerignore` excludes.
//!
//! What it does: flags a COPY/ADD source matched by a `.dockerignore` pattern.
//! Why is this bad? The file is never sent to the builder, so the instruction copies
//! nothing or fails.
//! Example: `*.md` in `.dockerignore` with `COPY README.md /docs/`.
//!
//! Only the documentation lives here for now: no pass reports this rule yet (it needs the
//! build context and `.dockerignore`, which the file simulation reads), so its row in the
//! table has no check.

use super::Rule;
use crate::diagnostic::Severity;

pub const RULE: Rule = Rule {
    name: "CopyIgnoredFile",
    severity: Severity::Warning,
    buildkit: true,
    explanation: "A COPY or ADD source matches a pattern in .dockerignore, so the file is not \
        sent to the builder and the instruction copies nothing (or fails). Either remove the \
        pattern from .dockerignore or stop copying the file.",
    bad: "# .dockerignore: *.md\nFROM alpine\nCOPY README.md /docs/\n",
    good: "# .dockerignore: *.md\n#   !README.md\nFROM alpine\nCOPY README.md /docs/\n",
};
