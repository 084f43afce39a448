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
