//! The examples gallery: each example is a Dockerfile with its build context and a short
//! "what to notice".

use crate::analysis::Builder;

use super::share::{ShareState, View};

/// One example of the gallery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    /// One line for the gallery card.
    pub summary: &'static str,
    pub dockerfile: &'static str,
    /// The build context listing, one path a line with an optional size.
    pub context: &'static str,
    pub dockerignore: &'static str,
    /// `KEY=VALUE` lines.
    pub build_args: &'static str,
    /// The `--target` the example opens with.
    pub target: Option<&'static str>,
    pub notice: &'static str,
}

const NONE: Example = Example {
    id: "",
    title: "",
    summary: "",
    dockerfile: "",
    context: "",
    dockerignore: "",
    build_args: "",
    target: None,
    notice: "",
};

/// The Go `href-counter` example of Docker's multi-stage build note: the default page.
pub const GO_HREF_COUNTER: Example = Example {
    id: "go-href-counter",
    title: "Go: href-counter",
    summary: "golang:1.16 builds a static binary; alpine ships only the binary.",
    dockerfile: "FROM golang:1.16\n\
WORKDIR /go/src/github.com/alexellis/href-counter/\n\
RUN go get -d -v golang.org/x/net/html\n\
COPY app.go ./\n\
RUN CGO_ENABLED=0 go build -a -installsuffix cgo -o app .\n\
\n\
FROM alpine:latest\n\
RUN apk --no-cache add ca-certificates\n\
WORKDIR /root/\n\
COPY --from=0 /go/src/github.com/alexellis/href-counter/app ./\n\
CMD [\"./app\"]\n",
    context: "app.go 2KB\n",
    notice: "The first stage has the whole Go SDK; the second starts from a small alpine image and \
copies only the compiled `app` binary from stage 0 (`--from=0` names a stage by its index). The SDK \
and `app.go` are left behind, so the final image is about 15 MB instead of hundreds of megabytes.",
    ..NONE
};

/// The Python wheels example of Docker's multi-stage build note.
pub const PYTHON_WHEELS: Example = Example {
    id: "python-wheels",
    title: "Python: wheels",
    summary: "Wheels compiled in python:3.9, installed into python:3.9-slim.",
    dockerfile: "FROM python:3.9 AS builder\n\
COPY requirements.txt .\n\
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels -r requirements.txt\n\
\n\
FROM python:3.9-slim\n\
COPY --from=builder /wheels /wheels\n\
RUN pip install --no-cache /wheels/*\n",
    context: "requirements.txt 1KB\n",
    notice: "Wheels are compiled in the full `python:3.9` image, which has compilers and headers; \
the slim final image only installs the finished wheels from `/wheels`. The compilers never reach \
the image you ship.",
    ..NONE
};

const NODE_NGINX: Example = Example {
    id: "node-nginx",
    title: "Node + nginx",
    summary: "A front-end built with npm, served by nginx:alpine.",
    dockerfile: "# syntax=docker/dockerfile:1\n\
FROM node:20-alpine AS deps\n\
WORKDIR /app\n\
COPY package.json package-lock.json ./\n\
RUN npm ci\n\
\n\
FROM deps AS build\n\
COPY . .\n\
RUN npm run build\n\
\n\
FROM nginx:alpine\n\
COPY nginx.conf /etc/nginx/conf.d/default.conf\n\
COPY --from=build /app/dist /usr/share/nginx/html\n\
EXPOSE 80\n",
    context: "package.json 2KB\npackage-lock.json 180KB\nsrc/main.ts 6KB\nsrc/App.vue 4KB\nindex.html 1KB\nnginx.conf 1KB\nnode_modules/react/index.js 20MB\n",
    dockerignore: "node_modules\n.git\n",
    notice: "`build` starts FROM `deps`, so it inherits `node_modules` without reinstalling. The \
final stage is nginx: only `/app/dist` crosses over, and `node_modules` (ignored by \
`.dockerignore`, then installed by `npm ci`) stays behind.",
    ..NONE
};

const RUST_CHEF: Example = Example {
    id: "rust-cargo-chef",
    title: "Rust: cargo-chef",
    summary: "Dependencies cached in their own layer; debian-slim runtime.",
    dockerfile: "FROM rust:1.79 AS chef\n\
RUN cargo install cargo-chef\n\
WORKDIR /app\n\
\n\
FROM chef AS planner\n\
COPY . .\n\
RUN cargo chef prepare --recipe-path recipe.json\n\
\n\
FROM chef AS builder\n\
COPY --from=planner /app/recipe.json recipe.json\n\
RUN cargo chef cook --release --recipe-path recipe.json\n\
COPY . .\n\
RUN cargo build --release --bin app\n\
\n\
FROM debian:bookworm-slim AS runtime\n\
WORKDIR /app\n\
COPY --from=builder /app/target/release/app /usr/local/bin/app\n\
ENTRYPOINT [\"/usr/local/bin/app\"]\n",
    context: "Cargo.toml 1KB\nCargo.lock 40KB\nsrc/main.rs 8KB\nsrc/lib.rs 12KB\n",
    notice: "`planner` and `builder` both start FROM `chef`, and BuildKit builds `planner` first \
because `builder` copies its `recipe.json`. Only the release binary reaches `runtime`; the Rust \
toolchain and the `target/` directory are left behind.",
    ..NONE
};

const JAVA_MAVEN: Example = Example {
    id: "java-maven",
    title: "Java: Maven + JRE",
    summary: "maven builds the jar; eclipse-temurin JRE runs it.",
    dockerfile: "FROM maven:3.9-eclipse-temurin-21 AS build\n\
WORKDIR /src\n\
COPY pom.xml .\n\
RUN mvn -B dependency:go-offline\n\
COPY src ./src\n\
RUN mvn -B package -DskipTests\n\
\n\
FROM eclipse-temurin:21-jre\n\
WORKDIR /app\n\
COPY --from=build /src/target/app.jar app.jar\n\
ENTRYPOINT [\"java\", \"-jar\", \"app.jar\"]\n",
    context: "pom.xml 4KB\nsrc/main/java/com/example/App.java 3KB\nsrc/test/java/com/example/AppTest.java 2KB\n",
    notice: "The JDK, Maven and the local repository in `~/.m2` stay in `build`; the final image \
is a JRE plus one jar. The relative `COPY ... app.jar` lands in WORKDIR `/app`.",
    ..NONE
};

const DOTNET: Example = Example {
    id: "dotnet",
    title: ".NET: sdk → aspnet",
    summary: "dotnet publish in the SDK image; the ASP.NET runtime ships it.",
    dockerfile: "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\n\
WORKDIR /source\n\
COPY *.csproj .\n\
RUN dotnet restore\n\
COPY . .\n\
RUN dotnet publish -c Release -o /app --no-restore\n\
\n\
FROM mcr.microsoft.com/dotnet/aspnet:8.0\n\
WORKDIR /app\n\
COPY --from=build /app .\n\
ENTRYPOINT [\"dotnet\", \"aspnetapp.dll\"]\n",
    context: "aspnetapp.csproj 1KB\nProgram.cs 2KB\nappsettings.json 1KB\nwwwroot/site.css 3KB\n",
    notice: "`COPY *.csproj .` uses a wildcard, so its destination must be a directory. \
`dotnet publish -o /app` writes the output that the `aspnet` stage copies; the SDK (hundreds of \
megabytes) is left behind.",
    ..NONE
};

const DISTROLESS_SCRATCH: Example = Example {
    id: "distroless-scratch",
    title: "distroless and scratch finals",
    summary: "One build stage, two possible finals: distroless or scratch.",
    dockerfile: "FROM golang:1.22 AS build\n\
WORKDIR /src\n\
COPY go.mod go.sum ./\n\
RUN go mod download\n\
COPY . .\n\
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server\n\
\n\
FROM scratch AS minimal\n\
COPY --from=build /out/server /server\n\
ENTRYPOINT [\"/server\"]\n\
\n\
FROM gcr.io/distroless/static-debian12 AS final\n\
COPY --from=build /out/server /server\n\
USER nonroot:nonroot\n\
ENTRYPOINT [\"/server\"]\n",
    context: "go.mod 1KB\ngo.sum 12KB\ncmd/server/main.go 5KB\ninternal/api/api.go 9KB\n",
    notice: "`scratch` is the empty filesystem: `minimal` holds nothing but the binary. Building \
the default target (`final`) skips `minimal` with BuildKit, while the legacy builder builds it \
anyway because it comes before the target. Pick `minimal` as the target to compare.",
    ..NONE
};

const TARGET_TEST: Example = Example {
    id: "target-test",
    title: "A --target test stage",
    summary: "A test stage that only runs when you ask for it.",
    dockerfile: "FROM node:20 AS base\n\
WORKDIR /app\n\
COPY package*.json ./\n\
RUN npm ci\n\
COPY . .\n\
\n\
FROM base AS test\n\
RUN npm test\n\
\n\
FROM base AS build\n\
RUN npm run build\n\
\n\
FROM node:20-slim AS app\n\
WORKDIR /app\n\
COPY --from=build /app/dist ./dist\n\
COPY --from=base /app/node_modules ./node_modules\n\
CMD [\"node\", \"dist/server.js\"]\n",
    context: "package.json 2KB\npackage-lock.json 150KB\nsrc/server.ts 4KB\ntest/server.test.ts 3KB\n",
    target: Some("test"),
    notice: "With `--target test` only `base` and `test` are built: `build` and `app` are skipped. \
Switch the target to `app` (or the default) and BuildKit skips `test` entirely, which is why CI \
runs `docker build --target test` separately.",
    ..NONE
};

const CACHE_MOUNTS: Example = Example {
    id: "cache-mounts",
    title: "BuildKit cache and bind mounts",
    summary: "RUN --mount=type=cache and a bind mount from another stage.",
    dockerfile: "# syntax=docker/dockerfile:1\n\
FROM golang:1.22 AS tools\n\
RUN go install golang.org/x/tools/cmd/stringer@latest\n\
\n\
FROM golang:1.22 AS build\n\
WORKDIR /src\n\
RUN --mount=type=cache,target=/go/pkg/mod \\\n\
    --mount=type=bind,source=go.mod,target=go.mod \\\n\
    go mod download\n\
RUN --mount=type=bind,from=tools,source=/go/bin,target=/tools \\\n\
    --mount=type=cache,target=/root/.cache/go-build \\\n\
    --mount=type=bind,target=. \\\n\
    go build -o /out/app .\n\
\n\
FROM alpine:3.20\n\
COPY --from=build /out/app /usr/local/bin/app\n\
CMD [\"app\"]\n",
    context: "go.mod 1KB\ngo.sum 10KB\nmain.go 4KB\n",
    notice: "Files written to a `type=cache` mount persist between builds but never enter the \
image. `--mount=type=bind,from=tools` makes `build` depend on `tools` (a dotted edge in the \
graph) without copying anything into a layer.",
    ..NONE
};

const COPY_FROM_IMAGE: Example = Example {
    id: "copy-from-image",
    title: "COPY --from an image",
    summary: "Binaries taken straight from published images.",
    dockerfile: "FROM alpine:3.20\n\
COPY --from=docker/buildx-bin:latest /buildx /usr/libexec/docker/cli-plugins/docker-buildx\n\
COPY --from=busybox:1.36 /bin/busybox /bin/busybox\n\
RUN apk add --no-cache ca-certificates\n\
CMD [\"sh\"]\n",
    context: "",
    notice: "`--from` can name an image that is not a stage of this file: BuildKit pulls it and \
copies the listed paths out of it. The graph shows those images as rounded nodes feeding the \
stage with dashed copy edges.",
    ..NONE
};

const LARGE: Example = Example {
    id: "large-monorepo",
    title: "Large: a monorepo",
    summary: "Fifteen stages: front-end, API, workers, docs, tests and two releases.",
    dockerfile: "# syntax=docker/dockerfile:1\n\
ARG NODE_VERSION=20\n\
ARG GO_VERSION=1.22\n\
\n\
FROM node:${NODE_VERSION}-alpine AS web-deps\n\
WORKDIR /web\n\
COPY web/package.json web/package-lock.json ./\n\
RUN npm ci\n\
\n\
FROM web-deps AS web-build\n\
COPY web/ .\n\
RUN npm run build\n\
\n\
FROM web-deps AS web-test\n\
COPY web/ .\n\
RUN npm test\n\
\n\
FROM golang:${GO_VERSION} AS go-base\n\
WORKDIR /src\n\
COPY go.mod go.sum ./\n\
RUN --mount=type=cache,target=/go/pkg/mod go mod download\n\
\n\
FROM go-base AS api-build\n\
COPY . .\n\
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\
\n\
FROM go-base AS worker-build\n\
COPY . .\n\
RUN CGO_ENABLED=0 go build -o /out/worker ./cmd/worker\n\
\n\
FROM go-base AS go-test\n\
COPY . .\n\
RUN go test ./...\n\
\n\
FROM golangci/golangci-lint:v1.59 AS lint\n\
WORKDIR /src\n\
COPY . .\n\
RUN golangci-lint run\n\
\n\
FROM python:3.12-slim AS docs\n\
RUN pip install mkdocs\n\
COPY docs/ /docs\n\
RUN mkdocs build -f /docs/mkdocs.yml -d /site\n\
\n\
FROM alpine:3.20 AS migrations\n\
COPY db/migrations /migrations\n\
\n\
FROM gcr.io/distroless/static-debian12 AS api\n\
COPY --from=api-build /out/api /api\n\
COPY --from=migrations /migrations /migrations\n\
ENTRYPOINT [\"/api\"]\n\
\n\
FROM gcr.io/distroless/static-debian12 AS worker\n\
COPY --from=worker-build /out/worker /worker\n\
ENTRYPOINT [\"/worker\"]\n\
\n\
FROM nginx:alpine AS web\n\
COPY --from=web-build /web/dist /usr/share/nginx/html\n\
COPY --from=docs /site /usr/share/nginx/html/docs\n\
\n\
FROM scratch AS release\n\
COPY --from=api /api /bin/api\n\
COPY --from=worker /worker /bin/worker\n\
COPY --from=web /usr/share/nginx/html /share/html\n",
    context: "go.mod 1KB\ngo.sum 30KB\ncmd/api/main.go 6KB\ncmd/worker/main.go 4KB\ninternal/store/store.go 12KB\nweb/package.json 2KB\nweb/package-lock.json 300KB\nweb/src/main.tsx 5KB\ndocs/mkdocs.yml 1KB\ndocs/index.md 4KB\ndb/migrations/001_init.sql 2KB\n",
    dockerignore: "**/node_modules\n.git\n",
    notice: "Stages fan out from two bases (`web-deps`, `go-base`) and meet again in `release`. \
BuildKit builds independent stages in parallel waves and skips `web-test`, `go-test` and `lint` \
for the default target; the legacy builder builds all of them, one after another.",
    ..NONE
};

/// Every example, in gallery order.
pub const EXAMPLES: &[Example] = &[
    GO_HREF_COUNTER,
    PYTHON_WHEELS,
    NODE_NGINX,
    RUST_CHEF,
    JAVA_MAVEN,
    DOTNET,
    DISTROLESS_SCRATCH,
    TARGET_TEST,
    CACHE_MOUNTS,
    COPY_FROM_IMAGE,
    LARGE,
];

/// The example with this id.
pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The share state of an example (target and builder at their defaults).
pub fn example_share(ex: &Example) -> ShareState {
    ShareState {
        dockerfile: ex.dockerfile.into(),
        context: ex.context.to_string(),
        dockerignore: ex.dockerignore.to_string(),
        build_args: ex.build_args.to_string(),
        target: ex.target.map(str::to_string),
        builder: Builder::BuildKit,
        view: View::Graph,
        lesson: None,
        lang: None,
    }
}
