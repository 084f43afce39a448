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
    explanation: "The --target option names a stage that does not exist. Names are compared \
        case-insensitively, and only names given with `AS` count: `stage-0` or `0` cannot \
        target an unnamed stage. Stageplay offers the closest stage name, or to name the \
        unnamed stage.",
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
