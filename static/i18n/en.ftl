# The page's messages in English, built into the page (src/page/i18n.rs reads them).
# Every key here is in ko.ftl with the same $arguments, and the other way round: a test
# fails otherwise. Syntax: the subset of Project Fluent described in docs/i18n.md.
# Terms (-name) keep the page's wording of Docker's words in one place. The English of the
# examples (examples.rs), the rules' explanations (the core's lint/) and the editor's reference
# (reference.rs) is their own text, built in once; ko.ftl translates them (example-*, rule-*,
# not-simulated-*, ref-*).

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
analysis-failed = The analysis could not run: { $why }.
analysis-retry = Try again

## Embeds

embed-open = Open in Stageplay ↗
embed-unknown-views = { $count ->
    [one] Unknown view ignored: { $views }. Use { $known }.
   *[other] Unknown views ignored: { $views }. Use { $known }.
}

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
link-field-target = target
link-field-builder = builder
link-field-view = view
link-field-lesson = lesson
link-reason-empty = it is empty
link-reason-too-long = it is { $chars } characters long (at most { $max })
link-reason-control = it contains a control character
link-reason-not-a-builder = "{ $value }" is neither "buildkit" nor "legacy"
link-reason-not-a-view = "{ $value }" is not one of { $views }
link-reason-no-step = it has no step number (id/N)
link-reason-not-a-lesson = "{ $value }" is not a lesson id
link-reason-not-a-step = "{ $value }" is not a step number from 1 to { $max }
link-json-ends-early = it ends too early
link-json-syntax = invalid JSON at column { $column }
link-json-unreadable = it could not be read

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
export-loading = (loading…)
export-failed = { $format } failed: { $why }. Try again.

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
draft-too-large = the text is longer than the browser stores for a page (about 5 million characters), so a reload brings back your previous draft. Download or copy it to keep it.
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

## The editor's reference card (each instruction's text in English is reference.rs's own)

ref-docs-link = Docker reference ↗
ref-title-healthcheck-option = HEALTHCHECK option

## Editor

editor-tab-indents = indents
editor-shift-tab-outdents = outdents
editor-then = then
editor-leaves = leaves the editor

## The document

page-title = Stageplay — Dockerfile multi-stage playground

## A FROM's notes in Step through (page/core_text.rs)

note-base-not-simulated = the base stage is not simulated
note-scratch = scratch: the empty filesystem
note-starts-from-stage = starts from stage { $stage } (its whole filesystem)
note-size-unknown = size unknown
note-base-image = base image { $image }: { $size }
note-reference-variable = the reference still contains a variable
note-pinned-by-digest = pinned by digest; the size is that of its tag family
note-platform-not-in-catalogue = --platform={ $platform }: the catalogue covers linux images; size unknown
note-sizes-for-amd64 = --platform={ $platform }: catalogue sizes are for linux/amd64
note-onbuild-triggers = { $n ->
    [one] then runs its { $n } ONBUILD trigger
   *[other] then runs its { $n } ONBUILD triggers
}
note-onbuild = ONBUILD: runs only in stages built FROM this image
note-workdir-too-long = stopped here: the working directory would be longer than { $max } bytes (Linux's PATH_MAX), so it stays { $kept }

## A RUN's and a COPY's notes in Step through (page/core_text.rs)

note-written-to-mount = { $path } is written to the { $kind } mount { $target }: not persisted in the image
note-cache-mount = cache mount { $target }: reused between builds, not in the image
note-run-unknown = RUN changed files (unknown)
note-script-truncated = the script is long: only its start was analysed
note-flag-honoured = --{ $flag } honoured (no change to paths)
note-copy-takes-no-url = COPY cannot take a URL ({ $src }); use ADD
note-outside-context = { $src } is outside the build context
note-invalid-pattern = { $src } is not a valid pattern
note-whole-context = copies the whole build context (its files are unknown without a listing)
note-excluded = { $src } is excluded by .dockerignore (line { $line })
note-not-in-context = { $src } is not in the build context
note-from-later-stage = --from={ $from } names a stage that is not defined before this one
note-match-budget-spent = stopped matching { $src } here: the simulation's wildcard budget ({ $max } paths tested) is spent, so its matches are not shown

## The Lessons button; the `# check=` summary in Problems (page/core_text.rs)

pane-lesson = Lesson
lessons-button = Lessons
lessons-loading = Loading the lessons…
lessons-failed = The lessons could not be loaded.
lessons-retry = Try again
checks-hidden = { $n ->
    [one] { $n } finding not reported
   *[other] { $n } findings not reported
}
checks-by-comments = `# check=` comments above instructions: { $hidden }
checks-by-directive = `# check=` on line { $line }
checks-by-build-arg = The { $arg } build arg
checks-invalid = { $by } does not parse: no build check runs
checks-all-skipped = all { $n } rules skipped
checks-skipped = { $n ->
    [one] { $n } rule skipped ({ $rules })
   *[other] { $n } rules skipped ({ $rules })
}
checks-experimental = experimental { $rules } turned on
checks-error-legacy = error=true: ignored by the legacy builder
checks-error = error=true: a reported check fails the build
checks-unknown = no such rule, ignored as BuildKit does: { $rules }
checks-default = the default checks
checks-line = { $by }: { $parts }
steps-more-lines = { $n ->
    [one] … { $n } more line
   *[other] … { $n } more lines
}

## Exports: "Copy as Markdown" and the exported graph's legend (page/export.rs, page/graph_svg.rs)

md-dockerfile = Dockerfile
md-command = Command
md-stage-graph = Stage graph
md-open = Open in Stageplay
md-plan = **Build plan** ({ $builder ->
    [legacy] legacy builder
   *[buildkit] BuildKit
}, target { $target })
md-plan-nothing = **Build plan** ({ $builder ->
    [legacy] legacy builder
   *[buildkit] BuildKit
}): nothing is built (no target stage)
md-parallel = (in parallel)
md-skipped = Skipped:
legend-built-stage = built stage
legend-skipped = skipped
legend-target = target
legend-image = image
legend-mount = RUN --mount from

## The Final image's note on a path it cannot know (page/core_text.rs)

entry-unpacked-download = downloaded and unpacked at build time (contents unknown)
entry-git = git repository, checked out (contents unknown)
entry-download = downloaded at build time (size unknown)
entry-unpacked-here = unpacked here: { $archives } (contents unknown: a listing cannot show an archive's entries)
entry-from-image = { $path } from image { $image } (contents unknown)
