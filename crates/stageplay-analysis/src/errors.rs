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

/// What it does: `${NAME:?message}` (or `${NAME?message}`) with NAME unset (or empty, with
/// the colon). Why: BuildKit's shell lexer stops the build with the message
/// (`shell/lex.go`, `processDollar`), when it expands the instruction.
pub const REQUIRED_VARIABLE: Rule = Rule {
    name: "RequiredVariable",
    severity: Severity::Error,
    buildkit: false,
    explanation: "`${NAME:?message}` demands a value: when NAME is unset (or, with the colon, \
        empty) BuildKit stops the build with \"NAME: message\" (\"is not allowed to be unset\" \
        without a message). It fails when the instruction is built: in a FROM line or a global \
        ARG always, elsewhere only in a stage the target needs. Give the variable a default or \
        pass --build-arg NAME=value.",
    bad: "FROM alpine\nARG VERSION\nENV VERSION=\"${VERSION:?pass --build-arg VERSION}\"\n",
    good: "FROM alpine\nARG VERSION=1.0\nENV VERSION=\"${VERSION:?pass --build-arg VERSION}\"\n",
};

/// What it does: a quote opened and never closed in a word BuildKit expands: FROM and a
/// global ARG's default, and when it builds the stage ARG, ENV, LABEL, COPY, ADD, WORKDIR,
/// USER, VOLUME, STOPSIGNAL, EXPOSE. Why: its shell lexer fails there (`shell/lex.go`,
/// `processSingleQuote`, `processDoubleQuote`), from `dispatch` in
/// `dockerfile2llb/convert.go` (`SupportsSingleWordExpansion`, `dispatchExpose`).
pub const UNTERMINATED_QUOTE: Rule = Rule {
    name: "UnterminatedQuote",
    severity: Severity::Error,
    buildkit: false,
    explanation: "FROM, a global ARG's default, and ARG, ENV, LABEL, COPY, ADD, WORKDIR, \
        USER, VOLUME, STOPSIGNAL and EXPOSE when the stage is built, read their words as a \
        shell does: quotes group and are removed. A quote that is opened and never closed \
        fails there (\"unexpected end of statement while looking for matching \
        single-quote\"), and an apostrophe counts: ENV GREETING=it's fails. Close the \
        quote, or wrap the value in the other kind of quote. COPY, ADD and VOLUME split \
        their arguments at spaces first, so a quoted path with a space (COPY \"my file\" \
        /dst/) is cut into two halves with a quote each: paths with spaces need the JSON \
        form, COPY [\"my file\", \"/dst/\"]. RUN and CMD are left to the shell in the image \
        and are not checked here.",
    bad: "FROM alpine\nENV GREETING=it's\n",
    good: "FROM alpine\nENV GREETING=\"it's\"\n",
};

/// What it does: a `${...}` BuildKit cannot read in a word it expands (FROM, ARG, ENV,
/// LABEL, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL, EXPOSE): a `${` never closed, `${}`,
/// a modifier it does not know. Why: its shell lexer fails there (`shell/lex.go`,
/// `processDollar`).
pub const BAD_SUBSTITUTION: Rule = Rule {
    name: "BadSubstitution",
    severity: Severity::Error,
    buildkit: false,
    explanation: "FROM, ARG, ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL and \
        EXPOSE expand ${NAME} and its forms ${NAME:-default}, ${NAME:+alt}, ${NAME:?message}, \
        ${NAME#pattern}, ${NAME%pattern} and ${NAME/from/to}. Anything else fails the build \
        where the instruction is expanded: a ${ never closed (\"syntax error: missing '}'\"), \
        an empty ${} (\"bad substitution\"), or another character after the name \
        (\"unsupported modifier (:x) in substitution\"; when the word ends right after the \
        name, as in ${NAME, Docker prints the end of the text as \"\u{FFFD}\"). A FROM fails \
        every build; other \
        instructions fail the stages that are built. Close the brace, or write a literal $ \
        as $$ or \\$.",
    bad: "FROM alpine\nENV PATH=${PATH:/opt/bin\n",
    good: "FROM alpine\nENV PATH=${PATH}:/opt/bin\n",
};

/// What it does: a `--flag` the instruction does not know, given twice, or without the
/// value it needs. Why: BuildKit's `instructions.Parse` rejects it before building anything
/// (`instructions/bflag.go`, `BFlags.Parse`).
pub const INVALID_FLAG: Rule = Rule {
    name: "InvalidFlag",
    severity: Severity::Error,
    buildkit: false,
    explanation: "Each instruction knows a fixed set of flags (COPY: --from, --chown, --chmod, \
        --link, --parents, --exclude; ADD also --checksum, --keep-git-dir, --unpack; RUN: \
        --mount, --network, --security, --device; FROM: --platform). An unknown flag, a flag \
        given twice (but --exclude and --mount), a flag without its value or a boolean flag \
        with another value than true or false fails the build, even in a stage that is not \
        built: BuildKit parses every instruction first. Flag names are case-sensitive.",
    bad: "FROM alpine AS build\nFROM alpine\nCOPY --form=build /app /app\n",
    good: "FROM alpine AS build\nFROM alpine\nCOPY --from=build /app /app\n",
};

/// What it does: a variable in `RUN --mount=...,from=`. Why: BuildKit refuses it while it
/// parses the instruction (`instructions/commands_runmount.go`, `parseMount`).
pub const MOUNT_FROM_VARIABLE: Rule = Rule {
    name: "MountFromVariable",
    severity: Severity::Error,
    buildkit: false,
    explanation: "The from= of a RUN --mount is not expanded: BuildKit fails with \"'from' \
        doesn't support variable expansion, define alias stage instead\", even in a stage that \
        is not built. Select the stage with a FROM ${VAR} AS alias stage and mount from the alias.",
    bad: "ARG SRC=build\nFROM alpine AS build\nFROM alpine\nRUN --mount=from=$SRC,target=/src ls /src\n",
    good: "ARG SRC=build\nFROM alpine AS build\nFROM ${SRC} AS src\nFROM alpine\nRUN --mount=from=src,target=/src ls /src\n",
};

/// What it does: a COPY/ADD `--chmod` that is neither an octal mode up to 07777 nor a
/// symbolic one. Why: BuildKit fails when it dispatches the instruction
/// (`dockerfile2llb/convert_copy.go`, `dispatchCopy`).
pub const INVALID_CHMOD: Rule = Rule {
    name: "InvalidChmod",
    severity: Severity::Error,
    buildkit: false,
    explanation: "--chmod takes an octal mode between 0 and 07777 (755, 0644) or a symbolic \
        one (u+x, a=rX,u+w). Anything else fails the build when the stage is built: \
        \"invalid chmod parameter: ... it should be octal string and between 0 and 07777\" for \
        a value that starts with a digit, \"invalid syntax\" otherwise.",
    bad: "FROM alpine\nCOPY --chmod=0o755 run.sh /run.sh\n",
    good: "FROM alpine\nCOPY --chmod=755 run.sh /run.sh\n",
};

/// What it does: `ADD --checksum` on a local source or on several sources. Why: BuildKit
/// can only verify one HTTP(S) or Git source and fails otherwise (`dispatchCopy`).
pub const INVALID_CHECKSUM: Rule = Rule {
    name: "InvalidChecksum",
    severity: Severity::Error,
    buildkit: false,
    explanation: "ADD --checksum verifies a download: it needs exactly one source, an HTTP(S) \
        URL or a Git repository. On a file of the build context BuildKit fails with \
        \"checksum requires HTTP(S) or Git sources\", with several sources \"checksum can't \
        be specified for multiple sources\", when the stage is built.",
    bad: "FROM alpine\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d app.tar.gz /app/\n",
    good: "FROM alpine\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tar.gz /app/\n",
};

/// What it does: a `RUN --mount` with an unknown type or key, a bad value, or fields its
/// type does not allow. Why: BuildKit fails when it dispatches the RUN
/// (`instructions/commands_runmount.go`, `parseMount`).
pub const INVALID_MOUNT: Rule = Rule {
    name: "InvalidMount",
    severity: Severity::Error,
    buildkit: false,
    explanation: "A RUN --mount is a list of key=value fields: type (bind, cache, tmpfs, \
        secret, ssh), target, source, from, id, sharing (shared, private, locked), size \
        (tmpfs), mode/uid/gid (cache, secret, ssh), readonly, required (secret, ssh), env. \
        An unknown type or key, a value that does not parse, or a field the type does not \
        allow fails the build when the stage is built, with the closest known word as a hint.",
    bad: "FROM alpine\nRUN --mount=type=cahce,target=/root/.cache true\n",
    good: "FROM alpine\nRUN --mount=type=cache,target=/root/.cache true\n",
};

/// What it does: a `# check=` directive or `BUILDKIT_DOCKERFILE_CHECK` build arg that does
/// not parse. Why: BuildKit fails the build before anything else (moby/buildkit
/// `frontend/dockerfile/linter/linter.go` `ParseLintOptions`, called by
/// `dockerfile2llb/convert.go` `newRuleLinter` and `dockerui/config.go`).
pub const INVALID_CHECK_OPTIONS: Rule = Rule {
    name: "InvalidCheckOptions",
    severity: Severity::Error,
    buildkit: false,
    explanation: "The build check options do not parse: each part of `# check=` (or of the \
        BUILDKIT_DOCKERFILE_CHECK build arg) must be `skip=`, `experimental=` (a comma-separated \
        list of rules, or `all`) or `error=true|false`, separated by `;`. BuildKit fails the \
        build at once and runs no check.",
    bad: "# check=skip=all;errors=true\nFROM alpine\n",
    good: "# check=skip=all;error=true\nFROM alpine\n",
};

/// What it does: `error=true` in the check options and at least one build check reported.
/// Why: BuildKit fails the build with "lint violation found for rules: ..." once every
/// stage is converted (moby/buildkit `frontend/dockerfile/linter/linter.go` `Linter.Error`,
/// called by `dockerfile2llb/convert.go`).
pub const LINT_VIOLATION: Rule = Rule {
    name: "LintViolation",
    severity: Severity::Error,
    buildkit: false,
    explanation: "`error=true` in `# check=` (or in the BUILDKIT_DOCKERFILE_CHECK build arg) \
        turns BuildKit's build check warnings into a failed build: once the Dockerfile is \
        converted, BuildKit fails with the list of the rules that were reported. Fix the \
        warnings, or skip their rules with `skip=`.",
    bad: "# check=error=true\nFROM alpine as build\n",
    good: "# check=error=true\nFROM alpine AS build\n",
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

/// What it does: an ONBUILD trigger with a flag BuildKit refuses, or another error of its
/// own (`ONBUILD ARG =x`, `ONBUILD VOLUME []`), in a stage built FROM the
/// stage that declares it. Why: BuildKit parses a trigger only when it fires, at the start
/// of the child stage, and fails there (`dockerfile2llb/convert.go`, `initOnBuildTriggers`,
/// with the child's FROM as the location).
pub const INVALID_ONBUILD_TRIGGER: Rule = Rule {
    name: "InvalidOnbuildTrigger",
    severity: Severity::Error,
    buildkit: false,
    explanation: "ONBUILD stores its instruction as text; BuildKit parses it only when a \
        stage built FROM this one starts, and an unknown or malformed flag there, an \
        unknown instruction (ONBUILD CPY), or an instruction BuildKit refuses (a blank ARG \
        name, VOLUME []), fails that stage at its FROM line. A stage that is never built, or an ONBUILD no stage inherits, \
        fails nothing.",
    bad: "FROM alpine AS base\nONBUILD COPY --form=x /a /a\nFROM base\n",
    good: "FROM alpine AS base\nONBUILD COPY --from=x /a /a\nFROM base\n",
};
