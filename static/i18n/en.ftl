# The page's messages in English, built into the page (src/page/i18n.rs reads them).
# Every key here is in ko.ftl with the same $arguments, and the other way round: a test
# fails otherwise. Syntax: the subset of Project Fluent described in docs/i18n.md.
# Terms (-name) keep the page's wording of Docker's words in one place.

-stage = stage
-target = target

## The language switch and the loading of a language's messages. Shown before the chosen
## language's messages have arrived, so they say it in both languages.

lang-switch = Language
lang-loading = 한국어 메시지를 불러오는 중… (Loading Korean…)
lang-failed = 한국어 메시지를 불러오지 못해 영어로 보여 줍니다. (Korean could not be loaded; the page stays in English.)
lang-retry = 다시 시도 (Retry)

## Header

tagline = Dockerfile multi-stage playground
header-actions = Page actions
examples-button = Examples
drafts-button = Drafts
drafts-button-title = Earlier drafts kept in this browser
theme-system = system
theme-light = light
theme-dark = dark
theme-system-label = Theme: system
theme-light-label = Theme: light
theme-dark-label = Theme: dark
how-link = How it works
how-href = how.html

## Output views

output-label = Output
view-graph = Graph
view-plan = Build plan
view-files = Final image
view-problems = Problems
view-steps = Step through

## Input tabs

input-label = Input
tab-dockerfile = Dockerfile
tab-context = Build context
tab-dockerignore = .dockerignore
tab-buildargs = Build args

## Input panels

help-context = The files of the build context, one path a line, optionally followed by a size (src/main.go 4KB).
note-context-inferred = No context given: Stageplay infers one from the COPY and ADD sources.
help-dockerignore = Patterns of .dockerignore, applied with Docker's rules (**, ! exceptions, the last match wins).
help-buildargs = KEY=VALUE lines, as --build-arg. They override the ARG defaults.

## The page

toast-dockerfile-copied = Dockerfile copied
toast-copy-refused = Copying was refused: use Download
example-notice-title = { $title } — what to notice
analysing = Analysing…

## Embeds

embed-open = Open in Stageplay ↗
embed-unknown-views = { $count ->
    [one] Unknown view ignored: { $views }. Use { $known }.
   *[other] Unknown views ignored: { $views }. Use { $known }.
}

## The examples (the English text is examples.rs's own: a test compares them)

example-go-href-counter-title = Go: href-counter
example-go-href-counter-summary = golang:1.16 builds a static binary; alpine ships only the binary.
example-go-href-counter-notice = The first stage has the whole Go SDK; the second starts from a small alpine image and copies only the compiled `app` binary from stage 0 (`--from=0` names a stage by its index). The SDK and `app.go` are left behind, so the final image is a few megabytes instead of hundreds.
example-python-wheels-title = Python: wheels
example-python-wheels-summary = Wheels compiled in python:3.9, installed into python:3.9-slim.
example-python-wheels-notice = Wheels are compiled in the full `python:3.9` image, which has compilers and headers; the slim final image only installs the finished wheels from `/wheels`. The compilers never reach the image you ship.
example-node-nginx-title = Node + nginx
example-node-nginx-summary = A front-end built with npm, served by nginx:alpine.
example-node-nginx-notice = `build` starts FROM `deps`, so it inherits `node_modules` without reinstalling. The final stage is nginx: only `/app/dist` crosses over, and `node_modules` (ignored by `.dockerignore`, then installed by `npm ci`) stays behind.
example-rust-cargo-chef-title = Rust: cargo-chef
example-rust-cargo-chef-summary = Dependencies cached in their own layer; debian-slim runtime.
example-rust-cargo-chef-notice = `planner` and `builder` both start FROM `chef`, and BuildKit builds `planner` first because `builder` copies its `recipe.json`. Only the release binary reaches `runtime`; the Rust toolchain and the `target/` directory are left behind.
example-java-maven-title = Java: Maven + JRE
example-java-maven-summary = maven builds the jar; eclipse-temurin JRE runs it.
example-java-maven-notice = The JDK, Maven and the local repository in `~/.m2` stay in `build`; the final image is a JRE plus one jar. The relative `COPY ... app.jar` lands in WORKDIR `/app`.
example-dotnet-title = .NET: sdk → aspnet
example-dotnet-summary = dotnet publish in the SDK image; the ASP.NET runtime ships it.
example-dotnet-notice = `COPY *.csproj .` uses a wildcard, so its destination must be a directory. `dotnet publish -o /app` writes the output that the `aspnet` stage copies; the SDK (hundreds of megabytes) is left behind.
example-distroless-scratch-title = distroless and scratch finals
example-distroless-scratch-summary = One build stage, two possible finals: distroless or scratch.
example-distroless-scratch-notice = `scratch` is the empty filesystem: `minimal` holds nothing but the binary. Building the default target (`final`) skips `minimal` with BuildKit, while the legacy builder builds it anyway because it comes before the target. Pick `minimal` as the target to compare.
example-target-test-title = A --target test stage
example-target-test-summary = A test stage that only runs when you ask for it.
example-target-test-notice = With `--target test` only `base` and `test` are built: `build` and `app` are skipped. Switch the target to `app` (or the default) and BuildKit skips `test` entirely, which is why CI runs `docker build --target test` separately.
example-cache-mounts-title = BuildKit cache and bind mounts
example-cache-mounts-summary = RUN --mount=type=cache and a bind mount from another stage.
example-cache-mounts-notice = Files written to a `type=cache` mount persist between builds but never enter the image. `--mount=type=bind,from=tools` makes `build` depend on `tools` (a dotted edge in the graph) without copying anything into a layer.
example-copy-from-image-title = COPY --from an image
example-copy-from-image-summary = Binaries taken straight from published images.
example-copy-from-image-notice = `--from` can name an image that is not a stage of this file: BuildKit pulls it and copies the listed paths out of it. The graph shows those images as rounded nodes feeding the stage with dashed copy edges.
example-large-monorepo-title = Large: a monorepo
example-large-monorepo-summary = Fifteen stages: front-end, API, workers, docs, tests and two releases.
example-large-monorepo-notice = Stages fan out from two bases (`web-deps`, `go-base`) and meet again in `release`. BuildKit builds independent stages in parallel waves and skips `web-test`, `go-test` and `lint` for the default target; the legacy builder builds all of them, one after another.

## Examples dialog

close = Close
examples-intro = Each example comes with its build context and a note on what to notice. Loading one replaces the editor's text (your draft is saved as you type).

## Share links that cannot be opened

link-error-title = The share link could not be opened.
link-error-draft-kept = Your own draft is shown instead; it was not changed.
dismiss = Dismiss
link-error-version = This share link uses format "{ $version }", which this version of Stageplay does not know.
link-error-base64 = This share link is damaged: character { $position } of its data is not allowed in a link.
link-error-truncated = This share link is incomplete: it was probably cut off when it was copied. Copy the whole link and try again.
link-error-deflate = This share link is damaged: its data cannot be decompressed.
link-error-too-large = This share link holds more than { $kib } KiB of text, more than Stageplay opens.
link-error-json = This share link is damaged: its data is not a Stageplay state ({ $detail }).
link-error-field = This share link has an invalid { $field }: { $reason }.

## Share, Embed and Export

share-button = Share
embed-button = Embed
export-button = Export ▾
export-label = Export
share-impossible = This state cannot be shared as a link. { $why }
share-copied = Link copied to the clipboard.
share-copy-yourself = Copy the link below (the clipboard is not available).
share-copying = Copying…
share-link = Share link
share-meta = { $chars } characters. The whole state is in the link's fragment, which is never sent to a server.
share-long = This link is over { $chars } characters: some chat tools, mail clients and older browsers cut long links. Consider sharing the Dockerfile as a file.
embed-impossible = Cannot embed: { $why }
embed-copied = Embed snippet copied
embed-copy-yourself = Select the snippet and copy it
embed-intro = Paste this into a docs page to show a live view of this Dockerfile.
embed-show = Show
pane-editor = editor
pane-graph = graph
pane-plan = plan
pane-files = files
pane-problems = problems
pane-steps = steps
embed-readonly = read-only
embed-theme = Theme
embed-theme-readers = reader's
embed-snippet = Embed snippet
embed-copy = Copy snippet
export-markdown-copied = Markdown copied
export-no-clipboard = The clipboard is not available
export-svg = Graph as SVG
export-png = Graph as PNG
export-mermaid = Graph as Mermaid
export-dot = Graph as Graphviz DOT
export-json = Analysis as JSON
export-markdown = Copy as Markdown

## Drafts dialog

draft-meta = { $ago } · { $reason } · { $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
}
draft-restore = Restore
drafts-intro = Texts this browser kept before they were replaced: by a share link's edited text, another tab, an example or a restore. Restoring one keeps the editor's text here first.
drafts-empty = No earlier drafts yet.
drafts-clear = Clear history
draft-reason-replaced = earlier draft
draft-reason-other-tab = from another tab
draft-reason-before-restore = before a restore
draft-reason-before-example = before an example
ago-now = just now
ago-minutes = { $n } min ago
ago-hours = { $n } h ago
ago-yesterday = yesterday
ago-days = { $n } days ago

## Draft notices

draft-save-failed-title = Your draft could not be saved:
draft-save-failed = the browser's storage for this page is full or disabled. The text is only on this page: download or copy it, or free space by clearing the history of drafts. Saving is tried again on every edit.
download = Download
copy = Copy
draft-clear-and-retry = Clear history and retry
draft-other-tab-title = Another tab saved a different draft.
draft-other-tab = This tab keeps its own text (saved again when you edit it); the other text is kept in Drafts.
draft-open-other = Open the other tab's text

## Output toolbar

target-filter = Filter stages
target-filter-label = Filter the target stages
toast-command-copied = Command copied
target = Target
target-label = Target stage
target-default = default (last stage)
target-default-named = default (last stage: { $stage })
target-unnamed = { $stage } (no name: not a target)
target-unlisted = … { $n } more stages, not listed
target-no-match = no stage matches "{ $query }"
target-unknown = { $stage } (unknown)
builder = Builder
builder-legacy = Legacy
copy-command = Copy the command

## Long lists

list-showing = Showing { $shown } of { $total } { $what }.
list-show-all = Show all { $total }
list-built-stages = built stages
list-skipped-stages = skipped stages
list-problems = problems
list-layers = layers
list-paths = paths
list-left-behind = left-behind paths

## A text too large to edit

large-region = Dockerfile, read-only preview
large-note = This Dockerfile is { $size } in { $lines } lines: too large to edit here without freezing the page, so it is shown read-only. The graph, plan, final image and problems are analysed from the whole file.
large-no-storage = It is also too large for the browser's storage: it is not kept as a draft, and a reload brings back your previous one.
large-clear = Clear the editor
large-edit-title = The page may stop responding for seconds
large-edit = Edit anyway
large-preview = The start of the file
large-cut = The preview shows the start of the file: { $shown } of { $size }, { $shown_lines } of { $lines } lines.

## Dropped files

drop-too-large = That file is { $size }: Stageplay reads Dockerfiles of up to { $max }.

## The build plan

plan-same-stages = BuildKit and the legacy builder build the same stages for this target.
plan-list-more = { $list }, … ({ $n } more)
plan-legacy-more = { $n ->
    [one] Legacy builds { $n } more stage: { $list }.
   *[other] Legacy builds { $n } more stages: { $list }.
}
plan-other-would-not-fail = { $stages } { $builder ->
        [legacy] The legacy builder
       *[buildkit] BuildKit
    } would not fail.
plan-other-would-fail = { $stages } { $builder ->
        [legacy] The legacy builder
       *[buildkit] BuildKit
    } would fail at line { $line }.
plan-fails-in-stage = { $builder ->
        [legacy] The legacy builder
       *[buildkit] BuildKit
    } fails at line { $line }, in stage `{ $stage }`.
plan-fails-before = { $builder ->
        [legacy] The legacy builder
       *[buildkit] BuildKit
    } fails before it builds any stage.
plan-fails-at = { $builder ->
        [legacy] The legacy builder
       *[buildkit] BuildKit
    } fails at line { $line }.
image-none-before = No image: the build fails before it builds any stage.
image-none-at = No image: the build fails at line { $line }.
plan-note-parse = The whole Dockerfile is read before anything is built, so this fails the build although the stage is not built.
plan-note-instructions = BuildKit parses every instruction of every stage before it builds any, so this fails the build although the stage is not built.
plan-note-stages = BuildKit expands every FROM before it builds any stage, so this fails the build although the stage is not built.
plan-note-graph = BuildKit resolves every COPY --from of every stage before it builds any, so this fails the build although the stage is not built.
plan-note-other = This fails the build although the stage is not built.
target-note-unnamed = `stage-{ $index }` has no name, so it cannot be a target: BuildKit's `--target` only takes a name given with `FROM … AS <name>`.
plan-no-stage = No stage to build: add a FROM line.
plan-nothing-built = Nothing is built: the target names no stage BuildKit can build (see the note above).

## The analysis core's sentences, reworded by the page (page/core_text.rs)

skip-after-target = after the target `{ $target }`
skip-not-needed = not needed by target `{ $target }`
skip-in-cycle = part of a dependency cycle
skip-after-cycle = depends on a dependency cycle
fix-name-it = Name it `AS { $name }`
fix-use = Use `{ $name }`
fix-build = Build `{ $name }`
fix-replace-it = Replace it
fix-replace-all = Replace all { $n }

## Build plan view

chip-fails = fails
chip-target = target
show-in-editor = Show in the editor
plan-summary = { $builder ->
    [legacy] The legacy builder builds
   *[buildkit] BuildKit builds
} { $built } of { $stages ->
    [one] { $stages } stage
   *[other] { $stages } stages
} for target `{ $target }`{ $builder ->
    [legacy] , one after another in file order.
   *[buildkit] , in dependency order; stages of the same wave run in parallel.
}
plan-summary-would = { $builder ->
    [legacy] The legacy builder would build
   *[buildkit] BuildKit would build
} { $built } of { $stages ->
    [one] { $stages } stage
   *[other] { $stages } stages
} for target `{ $target }`{ $builder ->
    [legacy] , one after another in file order.
   *[buildkit] , in dependency order; stages of the same wave run in parallel.
}
plan-wave = Wave { $n }
plan-step = Step { $n }
plan-skipped = Skipped ({ $n })
show-line = Show line { $line }
buildkit-words = The message in English is BuildKit's own, as it prints it; the explanation is the page's.

## Final image view

origin-stage-line = { $stage } · line { $line }
image-base-size-unknown = { $base } (size unknown)
image-scratch = scratch (empty)
image-smaller = ≈ { $final } instead of ≈ { $build } if you shipped `{ $stage }`: { $percent } % smaller
image-no-smaller = ≈ { $final }: no smaller than shipping `{ $stage }` (≈ { $build })
image-estimate = ≈ { $final } (estimate)
image-size-unknown = Size unknown for this base.
image-size = Size
image-estimate-tag = estimate
image-final-of = Final image of `{ $stage }`
image-context-inferred = No build context was given: Stageplay inferred one from the COPY and ADD sources.
image-capped = The simulation stopped adding paths after { $max } (each stage built FROM another counts the paths it inherits): these lists are incomplete.
image-tree = Files in the final image
image-base-image = base image
image-nothing-added = Nothing is added on top of the base image.
image-left-behind = Left behind
image-left-behind-intro = Produced by the stages that are built, but not in the final image.
image-left-behind-none = Nothing: every built file reaches the image.
kind-base = base
kind-context = context
kind-from-stage = from stage
kind-from-image = from image
kind-run = run
kind-inferred = inferred
kind-heredoc = heredoc
kind-download = download
kind-workdir = workdir
origin-base = base { $image }
origin-line = line { $line }: { $label }

## The rules' explanations (the core's own texts: a test compares them)

rule-ParseError = The Dockerfile cannot be parsed past this point: an unknown instruction, a missing argument, or a heredoc that never ends. Docker refuses to build it. Stageplay still shows what it understood before the error.
rule-InvalidStageName = Stage names must start with a letter and contain only letters, digits, '-', '_' and '.'. Docker fails with "invalid name for build stage".
rule-InvalidBaseName = The FROM image expands to an empty string, usually because a global ARG has no default and no --build-arg was given. BuildKit expands every FROM before building anything, so this fails the build even if the stage is not needed.
rule-UnknownTarget = The --target option names a stage that does not exist. Names are compared case-insensitively, and only names given with `AS` count: `stage-0` or `0` cannot target an unnamed stage. Stageplay offers the closest stage name, or to name the unnamed stage.
rule-InvalidStageIndex = A number in COPY --from is a 0-based stage index, and there is no stage with that index. Prefer stage names: they survive reordering.
rule-CopyFromVariable = COPY --from is not expanded: a variable there is taken literally and names no stage. Use a stage name, or select the source with a FROM ${ "{" }VAR} stage.
rule-DependencyCycle = Stages depend on each other in a circle (through FROM, COPY --from, RUN --mount from= or ONBUILD), so none of them can be built first. A stage copying from itself is the smallest cycle.
rule-RequiredVariable = `${ "{" }NAME:?message}` demands a value: when NAME is unset (or, with the colon, empty) BuildKit stops the build with "NAME: message" ("is not allowed to be unset" without a message). It fails when the instruction is built: in a FROM line or a global ARG always, elsewhere only in a stage the target needs. Give the variable a default or pass --build-arg NAME=value.
rule-InvalidFlag = Each instruction knows a fixed set of flags (COPY: --from, --chown, --chmod, --link, --parents, --exclude; ADD also --checksum, --keep-git-dir, --unpack; RUN: --mount, --network, --security, --device; FROM: --platform). An unknown flag, a flag given twice (but --exclude and --mount), a flag without its value or a boolean flag with another value than true or false fails the build, even in a stage that is not built: BuildKit parses every instruction first. Flag names are case-sensitive.
rule-InvalidOnbuildTrigger = ONBUILD stores its instruction as text; BuildKit parses it only when a stage built FROM this one starts, and an unknown or malformed flag there fails that stage at its FROM line. A stage that is never built, or an ONBUILD no stage inherits, fails nothing.
rule-MountFromVariable = The from= of a RUN --mount is not expanded: BuildKit fails with "'from' doesn't support variable expansion, define alias stage instead", even in a stage that is not built. Select the stage with a FROM ${ "{" }VAR} AS alias stage and mount from the alias.
rule-InvalidChmod = --chmod takes an octal mode between 0 and 07777 (755, 0644) or a symbolic one (u+x, a=rX,u+w). Anything else fails the build when the stage is built: "invalid chmod parameter: ... it should be octal string and between 0 and 07777" for a value that starts with a digit, "invalid syntax" otherwise.
rule-InvalidChecksum = ADD --checksum verifies a download: it needs exactly one source, an HTTP(S) URL or a Git repository. On a file of the build context BuildKit fails with "checksum requires HTTP(S) or Git sources", with several sources "checksum can't be specified for multiple sources", when the stage is built.
rule-InvalidMount = A RUN --mount is a list of key=value fields: type (bind, cache, tmpfs, secret, ssh), target, source, from, id, sharing (shared, private, locked), size (tmpfs), mode/uid/gid (cache, secret, ssh), readonly, required (secret, ssh), env. An unknown type or key, a value that does not parse, or a field the type does not allow fails the build when the stage is built, with the closest known word as a hint.
rule-RequiresBuildKit = The legacy builder (DOCKER_BUILDKIT=0, or a Docker without BuildKit) refuses RUN flags (--mount, --network, --security, --device), COPY/ADD --chmod, a COPY or ADD whose only sources are heredocs, and ADD of a Git repository by address. Reported only when the Legacy builder is chosen, at the first such line of a stage it builds. Build with BuildKit, or do without the feature.
rule-IgnoredByLegacyBuilder = The legacy builder parses BuildKit's syntax but ignores part of it: COPY and ADD --link, --parents, --exclude, ADD --checksum, --keep-git-dir and --unpack, the body of a RUN heredoc (the command runs without it), heredoc sources next to other sources, an ADD of a Git URL (downloaded as a file) and # check= (no build checks run). The build succeeds with another result. Reported only when the Legacy builder is chosen.
rule-InvalidCheckOptions = The build check options do not parse: each part of `# check=` (or of the BUILDKIT_DOCKERFILE_CHECK build arg) must be `skip=`, `experimental=` (a comma-separated list of rules, or `all`) or `error=true|false`, separated by `;`. BuildKit fails the build at once and runs no check.
rule-LintViolation = `error=true` in `# check=` (or in the BUILDKIT_DOCKERFILE_CHECK build arg) turns BuildKit's build check warnings into a failed build: once the Dockerfile is converted, BuildKit fails with the list of the rules that were reported. Fix the warnings, or skip their rules with `skip=`.
rule-CopySourceNotFound = A COPY or ADD source does not exist: BuildKit fails with "failed to compute cache key: failed to calculate checksum of ref …: \"/path\": not found". A file excluded by .dockerignore is not sent to the builder either. Stageplay checks the build context you listed, and the filesystem of a source stage when it knows all of it (a FROM scratch chain); it never claims a file is missing from an image whose contents it estimates. A wildcard that matches nothing is not an error for BuildKit; the legacy builder fails ("COPY failed: no source files were specified") and words a missing file "COPY failed: file not found in build context or excluded by .dockerignore".
rule-RunExecutableNotFound = RUN starts a container with the stage's filesystem: the shell form runs /bin/sh -c (or the SHELL you set), the exec form its first word. A FROM scratch stage has no shell, so the runtime cannot start the process and BuildKit fails with "process … did not complete successfully: … exec: \"/bin/sh\": stat /bin/sh: no such file or directory". Build in a stage with a shell and COPY the result into the scratch stage.
rule-InvalidDockerignorePattern = A .dockerignore pattern is not valid Go filepath.Match syntax (an unclosed `[`, a trailing `\`), or is a lone `!`. BuildKit compiles the patterns before it builds anything (dockerfile2llb/convert.go, dispatchStages) and fails with "syntax error in pattern" or "illegal exclusion pattern: \"!\"", whatever the target.
rule-InvalidPlatform = The FROM --platform value expands to an empty string, usually because a global ARG is misspelt, undeclared or has no default. BuildKit expands every FROM before building anything, so this fails the build even if the stage is not needed.
rule-StageNameCasing = Stage names are case-insensitive when referenced with --from or --target, but a FROM line only matches the lowercased name exactly: after `AS Builder`, `FROM Builder` pulls an image called Builder. Write stage names in lowercase.
rule-FromAsCasing = Instruction keywords are case-insensitive, but mixing an uppercase FROM with a lowercase as (or the reverse) makes the line harder to read. Use the same casing for both.
rule-NoEmptyContinuation = An empty line inside a continued instruction is ignored today, but it is deprecated and will become an error. Often it means the instruction ended earlier than intended. Remove the empty line (a comment line is fine).
rule-ConsistentInstructionCasing = Instruction keywords are case-insensitive, but a file that mixes RUN and run is harder to read. Write every keyword in the casing most of the file already uses (usually uppercase).
rule-DuplicateStageName = Two stages have the same name. COPY --from, RUN --mount from= and --target then refer to the later one, and the earlier stage can only be reached by index. Give every stage its own name.
rule-ReservedStageName = The names scratch (the empty image) and context (the build context) are reserved. A stage called scratch is never used by FROM scratch, which always means the empty filesystem. Pick another name.
rule-JSONArgsRecommended = In shell form, CMD and ENTRYPOINT run under /bin/sh -c, so the shell, not your program, is process 1 and receives the stop signal; the program never sees it and is killed after the timeout. The JSON (exec) form runs the program directly.
rule-MaintainerDeprecated = MAINTAINER has been deprecated for years. Use a LABEL with the standard key org.opencontainers.image.authors, which tools can read.
rule-UndefinedArgInFrom = FROM lines can only use ARGs declared before the first FROM (and the predefined platform ARGs such as BUILDPLATFORM). An undeclared variable expands to an empty string, which changes the image or breaks the reference.
rule-WorkdirRelativePath = A relative WORKDIR is resolved against the working directory of the base image, which you do not control: a new base image version can move your files. Use an absolute path, at least for the first WORKDIR of a stage.
rule-UndefinedVar = The variable is not defined by any ARG or ENV before this instruction, so it expands to an empty string. Check the spelling, or declare it with ARG (and pass --build-arg) or ENV.
rule-MultipleInstructionsDisallowed = A stage has more than one CMD, ENTRYPOINT or HEALTHCHECK. Only the last one is used; the earlier ones do nothing and mislead readers. Keep one.
rule-LegacyKeyValueFormat = ENV and LABEL accept a legacy form, `ENV KEY value`, where everything after the key is the value: `ENV A 1 B 2` sets A to "1 B 2". The key=value form is unambiguous and allows several pairs per line.
rule-RedundantTargetPlatform = Every stage is built for the target platform unless FROM says otherwise, so --platform=$TARGETPLATFORM is redundant. To build tools natively while cross-compiling, the flag you want is --platform=$BUILDPLATFORM.
rule-SecretsUsedInArgOrEnv = Values of ARG and ENV end up in the image's history and configuration, so a password or token passed that way can be read by anyone who pulls the image. Use a secret mount (RUN --mount=type=secret) instead.
rule-InvalidDefaultArgInFrom = Without --build-arg, this FROM expands to an empty or invalid image name, so a plain docker build fails. Give the global ARG a sensible default.
rule-FromPlatformFlagConstDisallowed = A constant --platform on FROM forces that platform whatever the build asks for, so building for arm64 still produces amd64 binaries in this stage. Use $BUILDPLATFORM for build tools or $TARGETPLATFORM (the default) for the result.
rule-CopyIgnoredFile = A COPY or ADD source matches a pattern in .dockerignore, so the file is not sent to the builder and the instruction copies nothing (or fails). Either remove the pattern from .dockerignore or stop copying the file. BuildKit only checks when .dockerignore has no `!` exception (those are too hard to judge statically), and checks `COPY .` only against a `*`, `**` or `**/*` pattern.
rule-InvalidDefinitionDescription = Experimental BuildKit check, off unless `# check=experimental=` names it. A comment directly above `FROM ... AS name` or `ARG name` is read as the stage's or the argument's description (`docker build --call=outline`), and must start with that name: `# name description`. Separate other comments from the instruction with an empty comment line (`#`); in BuildKit 1.26 an empty line does not separate them, although its documentation says so.
rule-ExposeProtoCasing = The protocol of an EXPOSE port should be written in lowercase: tcp, udp or sctp.
rule-ExposeInvalidFormat = EXPOSE documents the ports the container listens on. An IP address or a host:container mapping belongs to docker run -p; in EXPOSE it is ignored today and will be an error in future versions.
rule-InvalidBaseImagePlatform = BuildKit warns "Base image X was pulled with platform "A", expected "B" for current build" when the image a FROM resolves to is for another platform than the stage. Not simulated: only the registry knows an image's platforms, and Stageplay never contacts one.
rule-UnusedStage = No other stage builds FROM this stage, copies from it or mounts it, and it is not the target. BuildKit skips it (the legacy builder still builds it). That is fine for a test or debug stage you build with --target; otherwise it is dead code.
rule-CopyFromLaterStage = COPY --from (or RUN --mount from=) names a stage that is defined further down the file. A stage can only use stages defined before it, so building this stage fails with "needs to be defined before current stage". Move the source stage up.
rule-GlobalArgNotRedeclared = An ARG declared before the first FROM is global: it can be used in FROM lines only. Inside a stage the variable is empty unless the stage declares it again with `ARG NAME` (without a value, to inherit the global default or --build-arg).
rule-HeavyFinalBase = The image you build (the target) starts from a full SDK image, so the compiler, package caches and sources ship with your application. Build in that image, then copy only the result into a slim runtime image in a final stage.
rule-ConfusableCharacter = A character that looks like a space or a quote but is not one: a no-break space, a zero-width character or a typographic quote, usually pasted from a blog or a word processor. Docker separates an instruction from its arguments only at ASCII spaces and tabs, so `RUN` followed by a no-break space is an unknown instruction; the shell takes “ ” as part of a word, not as quotes. Retype the character, or apply the fix, which replaces every one of them.
rule-StageNameTypo = This name is not a stage of the Dockerfile, so Docker treats it as an image to pull, but it is one typo away from a stage name. A COPY --from with a misspelt stage copies from an image that probably does not exist (or worse, one that does), and the stage's files never reach your image. FROM matches stage names exactly as written in lowercase. Docker does not warn: any name can be an image.
rule-FinalImageWaste = The final image ships something only the build needed: a package manager's cache or lists, or files copied in just to be installed from. Each layer stays in the image, so deleting them in a later RUN does not make it smaller. Clean a cache in the RUN that fills it (`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `pip install --no-cache-dir`), and install from another stage through a bind mount (`RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels`) instead of copying the files in. Sizes are Stageplay's estimates.
not-simulated-InvalidBaseImagePlatform = needs the registry: the platform a base image was pulled with is known only once the registry has answered, and Stageplay never contacts one

## Problems view

problems-none = No problems found. ✓
problems-in-english = Each problem's message is in English, as BuildKit (or Stageplay's CLI) prints it, so it can be searched for; Explain gives its explanation.
severity-error = error
severity-warning = warning
severity-info = info
line-n = line { $line }
problem-hide = Hide
problem-explain = Explain
rule-unexplained = { $rule }: no explanation recorded.
rule-bad = Bad
rule-good = Good
rule-not-simulated = Not simulated: { $why }.
rule-buildkit = A BuildKit build check ({ $semantics }):
rule-docs-link = { $rule } in Docker's documentation ↗
rule-own = One of Stageplay's own checks.

## Target notice

close-note = Close the note

## The graph

graph-label = Stage graph: { $n ->
    [one] { $n } stage
   *[other] { $n } stages
}
graph-instr = { $n } instr.
graph-image = image
graph-empty-fs = empty filesystem
graph-node-title = { $stage } — { $from }, { $meta } ({ $state ->
    [target] target
    [built] built
   *[skipped] skipped
}); click to make it the target
graph-edge-from = { $to } is built FROM { $from }
graph-edge-copy-files = { $to } copies files from { $from }
graph-edge-copy = { $to } copies { $paths } from { $from }
graph-edge-mount = { $to } mounts { $from } in a RUN

## Graph view

graph-find-none = no stage
graph-find-count = { $k } of { $n }
graph-legend = Legend
graph-built = built
graph-skipped = skipped
graph-target = target
graph-find = Find a stage
graph-focus-title = Show only { $stage } and the stages it needs (F on a stage)
graph-focus = Focus
graph-focus-on = on { $stage }
graph-zoom = Zoom
graph-zoom-out = Zoom out
graph-zoom-out-title = Zoom out (-)
graph-zoom-in = Zoom in
graph-zoom-in-title = Zoom in (+)
graph-fit-title = Fit to view (0)
graph-fit = Fit
graph-capped = This graph draws { $drawn } of { $n } stages: the ones the target needs, nearest first, then the last of the file. The Plan tab lists every stage; Export draws the whole graph.
graph-focused = Focused on `{ $stage }` and the { $n ->
    [one] { $n } stage
   *[other] { $n } stages
} it needs; the rest is dimmed.
graph-show-all = Show all
graph-hint = Click a stage to build it as the target · drag or wheel to pan · Ctrl + wheel, pinch or +/− to zoom · F on a stage focuses it
graph-card-more = … { $n } more

## Step through

steps-controls = Step controls
steps-previous = Previous step
steps-next = Next step
steps-play = Play
steps-pause = Pause
steps-step = Step
steps-count = Step { $k } of { $n }
steps-wave = wave { $n }
steps-wave-parallel = wave { $n } · in parallel with { $stages }
steps-stage-of = stage { $k } of { $n }
lines-n-m = lines { $first }–{ $last }
steps-adds = Adds
steps-more = +{ $n } more
steps-removes = Removes
steps-layer = Layer ≈ { $size } (estimate)
steps-no-change = No change to the filesystem.
steps-nothing-recorded = No filesystem change recorded for this step.
steps-earlier = … { $n } earlier steps (use ← or the slider)
steps-later = … { $n } later steps (use → or the slider)
steps-nothing = Nothing to build yet.

## The editor's reference (the English text is reference.rs's own: a test compares them)

ref-link = Docker reference ↗
ref-title-healthcheck-option = HEALTHCHECK option
ref-from = Starts a new build stage from a base: an image, `scratch` (empty), or an earlier stage by its `AS` name. Each FROM begins a fresh filesystem.
ref-run = Runs a command at build time and saves the files it changed as a new layer. Files deleted later still take space in this layer.
ref-copy = Copies files from the build context, or with `--from` from another stage or image, into the stage's filesystem. Relative destinations start at WORKDIR.
ref-add = Like COPY, but also downloads URLs, clones git repositories and extracts local tar archives. Prefer COPY for plain files.
ref-arg = Declares a build argument (`--build-arg`). Before the first FROM it is global and visible only in FROM lines; a stage must re-declare it (`ARG NAME`) to use it.
ref-env = Sets an environment variable for the rest of the stage and for containers started from the image.
ref-workdir = Sets (and creates) the working directory for the following RUN, CMD, ENTRYPOINT, COPY and ADD.
ref-cmd = The default command of a container from the image. Only the last CMD counts; the exec (JSON) form avoids a shell.
ref-entrypoint = The executable a container runs; CMD then supplies its default arguments.
ref-expose = Documents the ports the container listens on (`80/tcp`). It does not publish them.
ref-label = Adds key=value metadata to the image.
ref-maintainer = Deprecated: use `LABEL org.opencontainers.image.authors=...` instead.
ref-onbuild = Registers an instruction that runs later, in any stage built FROM this one.
ref-healthcheck = Tells Docker how to test that the container still works.
ref-shell = Changes the shell used by the shell form of RUN, CMD and ENTRYPOINT.
ref-stopsignal = The signal sent to the container to stop it.
ref-user = The user (and group) for the following RUN, CMD and ENTRYPOINT.
ref-volume = Declares a mount point; changes made to it by later build steps are discarded.
ref-from-platform = Picks the platform of the base image, e.g. `$BUILDPLATFORM` to build natively and cross-compile.
ref-copy-from = Copies from another stage (by name or index) or from an image instead of the build context. Paths are resolved from that stage's root, not its WORKDIR. This is what makes multi-stage builds small.
ref-chown = Sets the owner (user:group) of the copied files.
ref-chmod = Sets the permissions of the copied files.
ref-link = Copies into an independent layer, so the copy is reused even when earlier layers change.
ref-parents = Keeps the parent directories of the sources under the destination.
ref-exclude = Skips the paths matching the pattern.
ref-add-checksum = Verifies the downloaded file against a digest.
ref-add-keep-git-dir = Keeps the `.git` directory of a cloned repository.
ref-run-mount = Mounts something only while the command runs: `type=cache` (a persistent cache, not saved in the image), `type=bind` (files from the context or, with `from=`, another stage), `type=secret`, `type=ssh`, `type=tmpfs`.
ref-run-network = The network of the command: `default`, `none` or `host`.
ref-run-security = `insecure` runs the command with elevated privileges.
ref-healthcheck-option = `--interval`, `--timeout`, `--start-period`, `--start-interval` and `--retries` tune the check.

## Editor

editor-tab-indents = indents
editor-then = then
editor-leaves = leaves the editor

## The document

page-title = Stageplay — Dockerfile multi-stage playground

## A FROM's note in Step through (page/core_text.rs)

note-base-not-simulated = the base stage is not simulated
note-scratch = scratch: the empty filesystem
note-starts-from-stage = starts from stage { $stage } (its whole filesystem)
note-size-unknown = size unknown
note-base-image = base image { $image }: { $size }
