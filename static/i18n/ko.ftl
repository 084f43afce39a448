# 페이지의 한국어 메시지. 한국어를 고르면 페이지가 이 파일을 같은 출처에서 받아 옵니다.
# 키와 $인자는 en.ftl과 같아야 합니다(다르면 테스트가 실패합니다). 용어는 docs/i18n.md의 용어집을 따릅니다.
# 이름 뒤에는 조사(은/는, 이/가)를 붙이지 않고 명사(스테이지, 파일)를 둡니다: 이름의 받침을 몰라도 자연스럽게 읽힙니다.

-stage = 스테이지
-target = 타겟

## 언어 전환, 언어 메시지 불러오기

lang-switch = 언어
lang-loading = 한국어 메시지를 불러오는 중… (Loading Korean…)
lang-failed = 한국어 메시지를 불러오지 못해 영어로 보여 줍니다. (Korean could not be loaded; the page stays in English.)
lang-retry = 다시 시도 (Retry)

## 헤더

tagline = Dockerfile 멀티 스테이지 빌드 놀이터
header-actions = 페이지 동작
examples-button = 예제
drafts-button = 초안
drafts-button-title = 이 브라우저에 남아 있는 예전 초안
theme-system = 시스템
theme-light = 밝게
theme-dark = 어둡게
theme-system-label = 테마: 시스템 설정
theme-light-label = 테마: 밝게
theme-dark-label = 테마: 어둡게
how-link = 작동 방식
how-href = how.ko.html

## Output views

output-label = 결과
view-graph = 그래프
view-plan = 빌드 계획
view-files = 최종 이미지
view-problems = 문제
view-steps = 단계별 실행

## Input tabs

input-label = 입력
tab-dockerfile = Dockerfile
tab-context = 빌드 컨텍스트
tab-dockerignore = .dockerignore
tab-buildargs = 빌드 인자

## Input panels

help-context = 빌드 컨텍스트의 파일을 한 줄에 하나씩 적습니다. 경로 뒤에 크기를 붙여도 됩니다(src/main.go 4KB).
note-context-inferred = 빌드 컨텍스트가 없어서 COPY와 ADD의 소스에서 짐작해 만들었습니다.
help-dockerignore = .dockerignore 패턴입니다. Docker의 규칙대로 적용됩니다(**, ! 예외, 마지막에 맞는 패턴이 이깁니다).
help-buildargs = --build-arg처럼 KEY=VALUE를 한 줄에 하나씩 적습니다. ARG의 기본값을 덮어씁니다.

## The page

toast-dockerfile-copied = Dockerfile을 복사했습니다
toast-copy-refused = 복사가 거부되었습니다. 내려받기를 쓰세요
example-notice-title = { $title } — 눈여겨볼 점
analysing = 분석하는 중…

## 임베드

embed-open = Stageplay에서 열기 ↗
embed-unknown-views = 알 수 없는 보기 { $count }개를 무시했습니다: { $views }. 쓸 수 있는 보기: { $known }.

## 예제

example-go-href-counter-title = Go: href-counter
example-go-href-counter-summary = golang:1.16에서 정적 바이너리를 빌드하고, alpine에는 바이너리만 담습니다.
example-go-href-counter-notice = 첫 번째 스테이지에는 Go SDK 전체가 들어 있습니다. 두 번째 스테이지는 작은 alpine 이미지에서 시작해, 0번 스테이지에서 컴파일된 `app` 바이너리만 복사합니다(`--from=0`은 스테이지를 번호로 가리킵니다). SDK와 `app.go`는 남겨지므로 최종 이미지는 수백 MB가 아니라 몇 MB에 그칩니다.
example-python-wheels-title = Python: 휠(wheel)
example-python-wheels-summary = python:3.9에서 휠을 컴파일하고 python:3.9-slim에 설치합니다.
example-python-wheels-notice = 휠은 컴파일러와 헤더가 들어 있는 큰 `python:3.9` 이미지에서 컴파일됩니다. slim 최종 이미지는 `/wheels`에서 다 만들어진 휠만 설치합니다. 그래서 컴파일러는 배포하는 이미지에 들어가지 않습니다.
example-node-nginx-title = Node + nginx
example-node-nginx-summary = npm으로 빌드한 프런트엔드를 nginx:alpine으로 서비스합니다.
example-node-nginx-notice = `build` 스테이지는 `deps` 스테이지에서 시작(FROM)하므로 다시 설치하지 않고도 `node_modules`를 물려받습니다. 최종 스테이지는 nginx입니다. `/app/dist`만 넘어가고, `node_modules`(`.dockerignore`로 제외한 뒤 `npm ci`로 설치한 것)는 남겨집니다.
example-rust-cargo-chef-title = Rust: cargo-chef
example-rust-cargo-chef-summary = 의존성을 별도 레이어에 캐시하고, debian-slim에서 실행합니다.
example-rust-cargo-chef-notice = `planner`와 `builder` 스테이지는 모두 `chef`에서 시작합니다. `builder`가 `recipe.json`을 복사하므로 BuildKit은 `planner`를 먼저 빌드합니다. `runtime`에는 릴리스 바이너리만 들어가고, Rust 툴체인과 `target/` 디렉터리는 남겨집니다.
example-java-maven-title = Java: Maven + JRE
example-java-maven-summary = maven으로 jar를 빌드하고 eclipse-temurin JRE로 실행합니다.
example-java-maven-notice = JDK, Maven, `~/.m2`의 로컬 저장소는 `build` 스테이지에 남습니다. 최종 이미지는 JRE와 jar 하나뿐입니다. 상대 경로인 `COPY ... app.jar`는 WORKDIR `/app` 아래에 놓입니다.
example-dotnet-title = .NET: sdk → aspnet
example-dotnet-summary = SDK 이미지에서 dotnet publish를 하고, ASP.NET 런타임에 담아 배포합니다.
example-dotnet-notice = `COPY *.csproj .`는 와일드카드를 쓰므로 대상이 디렉터리여야 합니다. `dotnet publish -o /app`이 만든 결과를 `aspnet` 스테이지가 복사합니다. 수백 MB짜리 SDK는 남겨집니다.
example-distroless-scratch-title = distroless와 scratch 최종 스테이지
example-distroless-scratch-summary = 빌드 스테이지 하나에 최종 스테이지 후보가 둘: distroless 또는 scratch.
example-distroless-scratch-notice = `scratch`는 빈 파일 시스템입니다. `minimal`에는 바이너리 말고는 아무것도 없습니다. 기본 타겟(`final`)을 빌드하면 BuildKit은 `minimal`을 건너뛰지만, 레거시 빌더는 타겟보다 앞에 있다는 이유로 어차피 빌드합니다. 비교하려면 타겟을 `minimal`로 바꿔 보세요.
example-target-test-title = --target으로 고르는 test 스테이지
example-target-test-summary = 요청할 때만 실행되는 test 스테이지.
example-target-test-notice = `--target test`로 빌드하면 `base`와 `test`만 빌드되고 `build`와 `app`은 건너뜁니다. 타겟을 `app`(또는 기본값)으로 바꾸면 BuildKit은 `test`를 아예 건너뜁니다. 그래서 CI에서는 `docker build --target test`를 따로 실행합니다.
example-cache-mounts-title = BuildKit 캐시 마운트와 바인드 마운트
example-cache-mounts-summary = RUN --mount=type=cache, 그리고 다른 스테이지를 바인드 마운트하기.
example-cache-mounts-notice = `type=cache` 마운트에 쓴 파일은 빌드가 끝나도 남아 있지만 이미지에는 들어가지 않습니다. `--mount=type=bind,from=tools`를 쓰면 `build`가 `tools`에 의존하게 되지만(그래프의 점선 간선) 레이어에는 아무것도 복사되지 않습니다.
example-copy-from-image-title = 이미지에서 COPY --from
example-copy-from-image-summary = 배포된 이미지에서 바이너리를 바로 가져옵니다.
example-copy-from-image-notice = `--from`에는 이 파일의 스테이지가 아닌 이미지도 쓸 수 있습니다. BuildKit은 그 이미지를 받아 와서 적힌 경로를 복사해 옵니다. 그래프에서는 이런 이미지를 둥근 노드로, 스테이지로 이어지는 복사를 파선 간선으로 보여 줍니다.
example-large-monorepo-title = 큰 예제: 모노레포
example-large-monorepo-summary = 스테이지 열다섯 개: 프런트엔드, API, 워커, 문서, 테스트, 릴리스 두 개.
example-large-monorepo-notice = 스테이지는 두 베이스(`web-deps`, `go-base`)에서 갈라져 나와 `release`에서 다시 만납니다. BuildKit은 서로 의존하지 않는 스테이지를 여러 단계로 나누어 병렬로 빌드하고, 기본 타겟을 빌드할 때 `web-test`, `go-test`, `lint`는 건너뜁니다. 레거시 빌더는 이 스테이지를 전부 하나씩 차례로 빌드합니다.

## Examples dialog

close = 닫기
examples-intro = 예제마다 빌드 컨텍스트와 눈여겨볼 점이 함께 있습니다. 예제를 열면 편집기의 글이 바뀝니다(작성하던 초안은 입력하는 동안 저장됩니다).
