//! The errors that fail a build, as [`Rule`] constants: parse, stages, graph and the target
//! resolution (in plan) report them while they build the analysis, so they have no check
//! of their own. Their rows in `lint::TABLE` let the Problems panel explain them. They live
//! outside `lint` so that the passes do not depend on the checks that read their output.

use crate::diagnostic::{Rule, Severity};

/// What it does: reports text BuildKit's parser rejects (unknown instruction, missing
/// arguments, bad JSON, unterminated heredoc). Why: the build fails before it starts;
/// Stageplay keeps everything before the error so the graph stays visible.
pub const PARSE_ERROR: Rule = Rule {
    name: "ParseError",
    severity: Severity::Error,
    buildkit: false,
    explanation: "The Dockerfile cannot be parsed past this point: an unknown instruction, a \
        missing argument, or a heredoc that never ends. Docker refuses to build it. Stageplay \
        still shows what it understood before the error.",
    bad: "FROM alpine\nCOPY\n",
    good: "FROM alpine\nCOPY app /app\n",
};

/// What it does: a stage name must match `^[a-z][a-z0-9-_.]*$`. Why: BuildKit rejects it.
pub const INVALID_STAGE_NAME: Rule = Rule {
    name: "InvalidStageName",
    severity: Severity::Error,
    buildkit: false,
    explanation: "Stage names must start with a letter and contain only letters, digits, \
        '-', '_' and '.'. Docker fails with \"invalid name for build stage\".",
    bad: "FROM alpine AS 1st-stage\n",
    good: "FROM alpine AS first-stage\n",
};

/// What it does: a FROM whose image expands to nothing. Why: BuildKit expands every FROM
/// first and fails, even for a stage that is never built.
pub const INVALID_BASE_NAME: Rule = Rule {
    name: "InvalidBaseName",
    severity: Severity::Error,
    buildkit: false,
    explanation: "The FROM image expands to an empty string, usually because a global ARG has \
        no default and no --build-arg was given. BuildKit expands every FROM before building \
        anything, so this fails the build even if the stage is not needed.",
    bad: "ARG IMAGE\nFROM $IMAGE\n",
    good: "ARG IMAGE=alpine:3.20\nFROM $IMAGE\n",
};

/// What it does: `--target` names no stage. Why: the build fails at once.
pub const UNKNOWN_TARGET: Rule = Rule {
    name: "UnknownTarget",
    severity: Severity::Error,
    buildkit: false,
    explanation: "The --target option names a stage that does not exist (names are compared \
        case-insensitively). Stageplay suggests the closest stage name.",
    bad: "FROM golang AS builder\n# docker build --target buidler .\n",
    good: "FROM golang AS builder\n# docker build --target builder .\n",
};

/// What it does: `COPY --from=N` with N past the last stage. Why: BuildKit fails.
pub const INVALID_STAGE_INDEX: Rule = Rule {
    name: "InvalidStageIndex",
    severity: Severity::Error,
    buildkit: false,
    explanation: "A number in COPY --from is a 0-based stage index, and there is no stage with \
        that index. Prefer stage names: they survive reordering.",
    bad: "FROM golang\nFROM alpine\nCOPY --from=2 /app /app\n",
    good: "FROM golang AS build\nFROM alpine\nCOPY --from=build /app /app\n",
};

/// What it does: a variable in `COPY --from`. Why: BuildKit does not expand `--from`.
pub const COPY_FROM_VARIABLE: Rule = Rule {
    name: "CopyFromVariable",
    severity: Severity::Error,
    buildkit: false,
    explanation: "COPY --from is not expanded: a variable there is taken literally and names \
        no stage. Use a stage name, or select the source with a FROM ${VAR} stage.",
    bad: "ARG SRC=build\nFROM golang AS build\nFROM alpine\nCOPY --from=$SRC /app /app\n",
    good: "ARG SRC=build\nFROM golang AS build\nFROM ${SRC} AS src\nFROM alpine\nCOPY --from=src /app /app\n",
};

/// What it does: stages that depend on each other in a loop. Why: nothing can build first.
pub const DEPENDENCY_CYCLE: Rule = Rule {
    name: "DependencyCycle",
    severity: Severity::Error,
    buildkit: false,
    explanation: "Stages depend on each other in a circle (through FROM, COPY --from, RUN \
        --mount from= or ONBUILD), so none of them can be built first. A stage copying from \
        itself is the smallest cycle.",
    bad: "FROM alpine AS a\nCOPY --from=a /x /y\n",
    good: "FROM alpine AS base\nRUN touch /x\nFROM alpine AS a\nCOPY --from=base /x /y\n",
};

/// What it does: a COPY or ADD source that is not in the build context, or not in a source
/// stage whose whole filesystem Stageplay knows (a `FROM scratch` chain). Why: BuildKit
/// computes the source's checksum first and fails when the path does not exist
/// (`cache/contenthash/checksum.go`). Reported by the file simulation, only when the
/// context was listed (never an inferred one) and only for stages that are built.
pub const COPY_SOURCE_NOT_FOUND: Rule = Rule {
    name: "CopySourceNotFound",
    severity: Severity::Error,
    buildkit: false,
    explanation: "A COPY or ADD source does not exist: BuildKit fails with \"failed to compute \
        cache key: failed to calculate checksum of ref …: \\\"/path\\\": not found\". A file \
        excluded by .dockerignore is not sent to the builder either. Stageplay checks the \
        build context you listed, and the filesystem of a source stage when it knows all of \
        it (a FROM scratch chain); it never claims a file is missing from an image whose \
        contents it estimates. A wildcard that matches nothing is not an error for BuildKit; \
        the legacy builder fails (\"COPY failed: no source files were specified\") and words \
        a missing file \"COPY failed: file not found in build context or excluded by \
        .dockerignore\".",
    bad: "FROM scratch AS assets\nFROM scratch\nCOPY --from=assets /logo.png /logo.png\n",
    good: "FROM scratch AS assets\nCOPY <<EOF /logo.png\nPNG\nEOF\nFROM scratch\nCOPY --from=assets /logo.png /logo.png\n",
};

/// What it does: a RUN whose shell (or exec-form program) is not in a stage whose whole
/// filesystem Stageplay knows, such as `FROM scratch`. Why: the container cannot start.
pub const RUN_EXECUTABLE_NOT_FOUND: Rule = Rule {
    name: "RunExecutableNotFound",
    severity: Severity::Error,
    buildkit: false,
    explanation: "RUN starts a container with the stage's filesystem: the shell form runs \
        /bin/sh -c (or the SHELL you set), the exec form its first word. A FROM scratch \
        stage has no shell, so the runtime cannot start the process and BuildKit fails with \
        \"process … did not complete successfully: … exec: \\\"/bin/sh\\\": stat /bin/sh: no \
        such file or directory\". Build in a stage with a shell and COPY the result into the \
        scratch stage.",
    bad: "FROM scratch\nRUN echo hello > /greeting\n",
    good: "FROM alpine AS build\nRUN echo hello > /greeting\nFROM scratch\nCOPY --from=build /greeting /greeting\n",
};

/// What it does: a `.dockerignore` line that moby/patternmatcher refuses. Why: BuildKit
/// compiles the patterns before it dispatches any stage and fails the whole build.
pub const INVALID_DOCKERIGNORE_PATTERN: Rule = Rule {
    name: "InvalidDockerignorePattern",
    severity: Severity::Error,
    buildkit: false,
    explanation: "A .dockerignore pattern is not valid Go filepath.Match syntax (an unclosed \
        `[`, a trailing `\\`), or is a lone `!`. BuildKit compiles the patterns before it \
        builds anything (dockerfile2llb/convert.go, dispatchStages) and fails with \
        \"syntax error in pattern\" or \"illegal exclusion pattern: \\\"!\\\"\", whatever the \
        target.",
    bad: "FROM alpine\nCOPY . /app\n# .dockerignore: [a-\n",
    good: "FROM alpine\nCOPY . /app\n# .dockerignore: [a-z]*.log\n",
};
