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
analysis-failed = 분석을 실행하지 못했습니다: { $why }.
analysis-retry = 다시 시도

## 임베드

embed-open = Stageplay에서 열기 ↗
embed-unknown-views = 알 수 없는 보기 { $count }개를 무시했습니다: { $views }. 쓸 수 있는 보기: { $known }.

## 예제

example-go-href-counter-title = Go: href-counter
example-go-href-counter-summary = golang:1.16에서 정적 바이너리를 빌드하고, alpine에는 바이너리만 담습니다.
example-go-href-counter-notice = 첫 번째 스테이지에는 Go SDK 전체가 들어 있습니다. 두 번째 스테이지는 작은 alpine 이미지에서 시작해, 0번 스테이지에서 컴파일된 `app` 바이너리만 복사합니다(`--from=0`은 스테이지를 번호로 가리킵니다). SDK와 `app.go`는 남겨지므로 최종 이미지는 수백 MB가 아니라 15 MB 정도에 그칩니다.
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

## Share links that cannot be opened

link-error-title = 공유 링크를 열 수 없습니다.
link-error-draft-kept = 대신 작성하던 초안을 그대로 보여 줍니다. 초안은 바뀌지 않았습니다.
dismiss = 닫기
link-error-version = 이 공유 링크의 형식("{ $version }")은 이 버전의 Stageplay가 알지 못합니다.
link-error-base64 = 이 공유 링크는 손상되었습니다: 데이터의 { $position }번째 문자는 링크에 쓸 수 없는 문자입니다.
link-error-truncated = 이 공유 링크는 불완전합니다. 복사할 때 잘린 것 같습니다. 링크 전체를 복사해 다시 시도하세요.
link-error-deflate = 이 공유 링크는 손상되었습니다: 데이터의 압축을 풀 수 없습니다.
link-error-too-large = 이 공유 링크에는 { $kib } KiB가 넘는 글이 들어 있어 Stageplay가 열 수 있는 크기를 넘습니다.
link-error-json = 이 공유 링크는 손상되었습니다: 데이터가 Stageplay 상태가 아닙니다({ $detail }).
link-error-field = 이 공유 링크의 { $field } 값이 올바르지 않습니다({ $reason }).
link-field-target = 타겟
link-field-builder = 빌더
link-field-view = 보기
link-field-lesson = 레슨 단계
link-reason-empty = 비어 있음
link-reason-too-long = 길이 { $chars }자, 최대 { $max }자
link-reason-control = 제어 문자가 들어 있음
link-reason-not-a-builder = "{ $value }": "buildkit"이나 "legacy"가 아님
link-reason-not-a-view = "{ $value }": { $views } 중 하나가 아님
link-reason-no-step = 단계 번호 없음(id/N 형식이어야 함)
link-reason-not-a-lesson = "{ $value }": 레슨 ID가 아님
link-reason-not-a-step = "{ $value }": 1부터 { $max }까지의 단계 번호가 아님
link-json-ends-early = 중간에 끝남
link-json-syntax = { $column }번째 열부터 JSON이 아님
link-json-unreadable = 읽을 수 없음

## Share, Embed and Export

share-button = 공유
embed-button = 임베드
export-button = 내보내기 ▾
export-label = 내보내기
share-impossible = 이 상태는 링크로 공유할 수 없습니다. { $why }
share-copied = 링크를 클립보드에 복사했습니다.
share-copy-yourself = 아래 링크를 직접 복사하세요(클립보드를 쓸 수 없습니다).
share-copying = 복사하는 중…
share-link = 공유 링크
share-meta = { $chars }자. 상태 전체가 링크의 프래그먼트(# 뒤)에 들어 있고, 이 부분은 서버로 보내지지 않습니다.
share-long = 이 링크는 { $chars }자가 넘습니다. 채팅 도구, 메일 프로그램, 오래된 브라우저 가운데에는 긴 링크를 자르는 것이 있습니다. Dockerfile을 파일로 공유하는 것도 생각해 보세요.
embed-impossible = 임베드할 수 없습니다: { $why }
embed-copied = 임베드 코드를 복사했습니다
embed-copy-yourself = 코드를 선택해서 직접 복사하세요
embed-intro = 문서 페이지에 붙여 넣으면 이 Dockerfile을 살아 있는 화면으로 보여 줍니다.
embed-show = 보여 줄 부분
pane-editor = 편집기
pane-graph = 그래프
pane-plan = 빌드 계획
pane-files = 파일
pane-problems = 문제
pane-steps = 단계
embed-readonly = 읽기 전용
embed-theme = 테마
embed-theme-readers = 보는 사람 설정
embed-snippet = 임베드 코드
embed-copy = 코드 복사
export-markdown-copied = Markdown을 복사했습니다
export-no-clipboard = 클립보드를 쓸 수 없습니다
export-svg = 그래프를 SVG로
export-png = 그래프를 PNG로
export-mermaid = 그래프를 Mermaid로
export-dot = 그래프를 Graphviz DOT로 (영문)
export-json = 분석 결과를 JSON으로 (영문)
export-markdown = Markdown으로 복사
export-loading = (불러오는 중…)
export-failed = 내보내기 실패({ $format }): { $why }. 다시 시도하세요.

## Drafts dialog

draft-meta = { $ago } · { $reason } · { $lines }줄
draft-restore = 되돌리기
drafts-intro = 다른 글로 바뀌기 전에 이 브라우저가 남겨 둔 글입니다. 공유 링크를 고친 글, 다른 탭, 예제, 되돌리기로 바뀐 경우에 남습니다. 하나를 되돌리면 편집기에 있던 글을 먼저 여기에 남깁니다.
drafts-empty = 아직 남아 있는 예전 초안이 없습니다.
drafts-clear = 기록 지우기
draft-reason-replaced = 예전 초안
draft-reason-other-tab = 다른 탭에서
draft-reason-before-restore = 되돌리기 전
draft-reason-before-example = 예제를 열기 전
ago-now = 방금
ago-minutes = { $n }분 전
ago-hours = { $n }시간 전
ago-yesterday = 어제
ago-days = { $n }일 전

## Draft notices

draft-save-failed-title = 초안을 저장하지 못했습니다.
draft-save-failed = 이 페이지의 브라우저 저장 공간이 가득 찼거나 꺼져 있습니다. 지금 글은 이 페이지에만 있으니 내려받거나 복사해 두세요. 초안 기록을 지우면 공간이 생깁니다. 고칠 때마다 다시 저장해 봅니다.
draft-too-large = 글이 브라우저가 한 페이지에 저장하는 양(약 500만 자)보다 길어서, 새로 고치면 예전 초안이 다시 나옵니다. 남겨 두려면 내려받거나 복사하세요.
download = 내려받기
copy = 복사
draft-clear-and-retry = 기록 지우고 다시 저장
draft-other-tab-title = 다른 탭이 다른 초안을 저장했습니다.
draft-other-tab = 이 탭은 자기 글을 그대로 둡니다(고치면 다시 저장합니다). 다른 탭의 글은 초안 기록에 남아 있습니다.
draft-open-other = 다른 탭의 글 열기

## Output toolbar

target-filter = 스테이지 찾기
target-filter-label = 타겟 스테이지 목록 거르기
toast-command-copied = 명령을 복사했습니다
target = 타겟
target-label = 타겟 스테이지
target-default = 기본값(마지막 스테이지)
target-default-named = 기본값(마지막 스테이지: { $stage })
target-unnamed = { $stage } (이름이 없어 타겟이 될 수 없음)
target-unlisted = … 나머지 스테이지 { $n }개는 목록에 없음
target-no-match = "{ $query }"에 맞는 스테이지 없음
target-unknown = { $stage } (없는 스테이지)
builder = 빌더
builder-legacy = 레거시
copy-command = 명령 복사

## Long lists

list-showing = { $what } { $total }개 가운데 { $shown }개를 보여 줍니다.
list-show-all = { $total }개 모두 보기
list-built-stages = 빌드되는 스테이지
list-skipped-stages = 건너뛰는 스테이지
list-problems = 문제
list-layers = 레이어
list-paths = 경로
list-left-behind = 남겨지는 경로

## A text too large to edit

large-region = Dockerfile 읽기 전용 미리 보기
large-note = 이 Dockerfile은 { $size }, { $lines }줄입니다. 여기서 고치면 페이지가 멈출 만큼 커서 읽기 전용으로 보여 줍니다. 그래프, 빌드 계획, 최종 이미지, 문제는 파일 전체를 분석한 결과입니다.
large-no-storage = 브라우저 저장 공간에 넣기에도 너무 큽니다. 초안으로 저장되지 않으니, 새로 고치면 예전 초안이 다시 나옵니다.
large-clear = 편집기 비우기
large-edit-title = 몇 초 동안 페이지가 응답하지 않을 수 있습니다
large-edit = 그래도 고치기
large-preview = 파일의 앞부분
large-cut = 미리 보기는 파일의 앞부분만 보여 줍니다: { $size } 가운데 { $shown }, { $lines }줄 가운데 { $shown_lines }줄.

## Dropped files

drop-too-large = 그 파일은 { $size }입니다. Stageplay는 { $max }까지의 Dockerfile만 읽습니다.

## The build plan

plan-same-stages = 이 타겟에서는 BuildKit과 레거시 빌더가 같은 스테이지를 빌드합니다.
plan-list-more = { $list }, … (그 밖에 { $n }개)
plan-legacy-more = 레거시 빌더는 스테이지를 { $n }개 더 빌드합니다: { $list }.
plan-other-would-not-fail = { $stages } { $builder ->
        [legacy] 레거시 빌더
       *[buildkit] BuildKit
    }에서는 실패하지 않습니다.
plan-other-would-fail = { $stages } { $builder ->
        [legacy] 레거시 빌더
       *[buildkit] BuildKit
    }에서는 { $line }번째 줄에서 실패합니다.
plan-fails-in-stage = { $builder ->
        [legacy] 레거시 빌더
       *[buildkit] BuildKit
    }의 빌드가 `{ $stage }` 스테이지의 { $line }번째 줄에서 실패합니다.
plan-fails-before = { $builder ->
        [legacy] 레거시 빌더
       *[buildkit] BuildKit
    }의 빌드가 스테이지를 하나도 빌드하기 전에 실패합니다.
plan-fails-at = { $builder ->
        [legacy] 레거시 빌더
       *[buildkit] BuildKit
    }의 빌드가 { $line }번째 줄에서 실패합니다.
image-none-before = 이미지가 없습니다: 스테이지를 하나도 빌드하기 전에 빌드가 실패합니다.
image-none-at = 이미지가 없습니다: { $line }번째 줄에서 빌드가 실패합니다.
plan-note-parse = 무엇이든 빌드하기 전에 Dockerfile 전체를 읽습니다. 그래서 이 스테이지를 빌드하지 않더라도 빌드가 실패합니다.
plan-note-instructions = BuildKit은 빌드를 시작하기 전에 모든 스테이지의 모든 명령어를 해석합니다. 그래서 이 스테이지를 빌드하지 않더라도 빌드가 실패합니다.
plan-note-stages = BuildKit은 스테이지를 빌드하기 전에 모든 FROM을 전개합니다. 그래서 이 스테이지를 빌드하지 않더라도 빌드가 실패합니다.
plan-note-graph = BuildKit은 빌드를 시작하기 전에 모든 스테이지의 COPY --from을 찾아 둡니다. 그래서 이 스테이지를 빌드하지 않더라도 빌드가 실패합니다.
plan-note-other = 이 스테이지를 빌드하지 않더라도 빌드가 실패합니다.
target-note-unnamed = `stage-{ $index }` 스테이지에는 이름이 없어서 타겟이 될 수 없습니다. BuildKit의 `--target`은 `FROM … AS <이름>`으로 붙인 이름만 받습니다.
plan-no-stage = 빌드할 스테이지가 없습니다. FROM 줄을 추가하세요.
plan-nothing-built = 아무것도 빌드되지 않습니다. 타겟이 BuildKit이 빌드할 수 있는 스테이지를 가리키지 않습니다(위 안내를 보세요).

## 분석 엔진이 쓴 문장을 페이지가 다시 쓴 것 (page/core_text.rs)

skip-after-target = 타겟 `{ $target }` 뒤에 있음
skip-not-needed = 타겟 `{ $target }`에 필요하지 않음
skip-in-cycle = 의존성 순환의 일부
skip-after-cycle = 의존성 순환에 의존함
fix-name-it = 이름 붙이기: `AS { $name }`
fix-use = `{ $name }` 쓰기
fix-build = `{ $name }` 빌드하기
fix-replace-it = 바꾸기
fix-replace-all = { $n }개 모두 바꾸기

## Build plan view

chip-fails = 실패
chip-target = 타겟
show-in-editor = 편집기에서 보기
plan-summary = 타겟 `{ $target }`의 빌드에서 { $builder ->
    [legacy] 레거시 빌더는 스테이지 { $stages }개 가운데 { $built }개를 파일에 적힌 순서대로 하나씩 빌드합니다.
   *[buildkit] BuildKit은 스테이지 { $stages }개 가운데 { $built }개를 의존 순서대로 빌드합니다. 같은 웨이브의 스테이지는 동시에 빌드됩니다.
}
plan-summary-would = 타겟 `{ $target }`의 빌드에서 { $builder ->
    [legacy] 레거시 빌더는 스테이지 { $stages }개 가운데 { $built }개를 파일에 적힌 순서대로 하나씩 빌드하려 합니다.
   *[buildkit] BuildKit은 스테이지 { $stages }개 가운데 { $built }개를 의존 순서대로 빌드하려 합니다. 같은 웨이브의 스테이지는 동시에 빌드됩니다.
}
plan-wave = 웨이브 { $n }
plan-step = { $n }단계
plan-skipped = 건너뜀({ $n })
show-line = { $line }번째 줄 보기
buildkit-words = 영어로 된 메시지는 BuildKit이 출력하는 그대로의 원문입니다. 설명은 페이지가 덧붙인 것입니다.

## Final image view

origin-stage-line = { $stage } · { $line }번째 줄
image-base-size-unknown = { $base } (크기 모름)
image-scratch = scratch (비어 있음)
image-smaller = ≈ { $final }: `{ $stage }` 스테이지를 그대로 배포할 때(≈ { $build })보다 { $percent }% 작습니다
image-no-smaller = ≈ { $final }: `{ $stage }` 스테이지를 그대로 배포할 때(≈ { $build })보다 작지 않습니다
image-estimate = ≈ { $final } (추정)
image-size-unknown = 이 베이스 이미지의 크기는 알 수 없습니다.
image-size = 크기
image-estimate-tag = 추정
image-final-of = `{ $stage }` 스테이지의 최종 이미지
image-context-inferred = 빌드 컨텍스트가 주어지지 않아 Stageplay가 COPY와 ADD의 소스에서 짐작해 만들었습니다.
image-capped = 시뮬레이션은 경로가 { $max }개를 넘으면 더 추가하지 않습니다(다른 스테이지에서 시작한 스테이지는 물려받은 경로도 셉니다). 그래서 이 목록은 완전하지 않습니다.
image-tree = 최종 이미지의 파일
image-base-image = 베이스 이미지
image-nothing-added = 베이스 이미지 위에 더해지는 것이 없습니다.
image-left-behind = 남겨지는 것
image-left-behind-intro = 빌드되는 스테이지가 만들었지만 최종 이미지에는 들어가지 않는 것입니다.
image-left-behind-none = 없습니다. 빌드된 파일이 모두 이미지에 들어갑니다.
kind-base = 베이스
kind-context = 컨텍스트
kind-from-stage = 스테이지에서
kind-from-image = 이미지에서
kind-run = RUN
kind-inferred = 추정
kind-heredoc = heredoc
kind-download = 다운로드
kind-workdir = WORKDIR
origin-base = 베이스 { $image }
origin-line = { $line }번째 줄: { $label }

## 규칙 설명

rule-ParseError = 이 지점부터 Dockerfile을 해석할 수 없습니다. 알 수 없는 명령어, 빠진 인자, 끝나지 않는 heredoc 같은 경우입니다. Docker는 이 파일을 빌드하지 않습니다. Stageplay는 오류 앞부분까지 이해한 내용을 계속 보여 줍니다.
rule-InvalidStageName = 스테이지 이름은 영문자로 시작하고 영문자, 숫자, '-', '_', '.'만 쓸 수 있습니다. 어기면 Docker는 "invalid name for build stage" 오류로 실패합니다.
rule-InvalidBaseName = FROM의 이미지가 빈 문자열로 전개됩니다. 보통 전역 ARG에 기본값이 없고 --build-arg도 주지 않았을 때입니다. BuildKit은 무엇이든 빌드하기 전에 모든 FROM을 전개하므로, 이 스테이지가 필요 없더라도 빌드가 실패합니다.
rule-UnknownTarget = --target 옵션이 없는 스테이지를 가리킵니다. 이름은 대소문자를 구분하지 않고 비교하며, `AS`로 붙인 이름만 인정됩니다. `stage-0`이나 `0`으로는 이름 없는 스테이지를 타겟으로 삼을 수 없습니다. Stageplay는 가장 비슷한 스테이지 이름을 제안하거나, 이름 없는 스테이지에 이름을 붙이자고 제안합니다.
rule-InvalidStageIndex = COPY --from에 쓴 숫자는 0부터 세는 스테이지 번호인데, 그 번호의 스테이지가 없습니다. 스테이지 이름을 쓰는 편이 좋습니다. 순서를 바꿔도 그대로 맞습니다.
rule-CopyFromVariable = COPY --from은 변수를 전개하지 않습니다. 변수를 쓰면 글자 그대로 받아들여서 어떤 스테이지도 가리키지 않게 됩니다. 스테이지 이름을 쓰거나, FROM ${ "{" }VAR} 스테이지로 소스를 고르세요.
rule-DependencyCycle = 스테이지들이 FROM, COPY --from, RUN --mount from=, ONBUILD를 통해 서로 빙 둘러 의존하고 있어서 어느 것도 먼저 빌드할 수 없습니다. 자기 자신에서 복사하는 스테이지가 가장 작은 순환입니다.
rule-RequiredVariable = `${ "{" }NAME:?message}`는 값을 반드시 요구합니다. NAME이 설정되지 않았으면(콜론이 있으면 비어 있을 때도) BuildKit은 "NAME: message"로 빌드를 멈춥니다(메시지가 없으면 "is not allowed to be unset"). 그 명령어를 빌드할 때 실패합니다: FROM 줄이나 전역 ARG에서는 언제나, 그 밖에서는 타겟에 필요한 스테이지에서만 실패합니다. 변수에 기본값을 주거나 --build-arg NAME=value를 넘기세요.
rule-InvalidFlag = 명령어마다 쓸 수 있는 플래그가 정해져 있습니다(COPY: --from, --chown, --chmod, --link, --parents, --exclude; ADD는 여기에 --checksum, --keep-git-dir, --unpack; RUN: --mount, --network, --security, --device; FROM: --platform). 알 수 없는 플래그, 두 번 준 플래그(--exclude와 --mount는 예외), 값이 빠진 플래그, true나 false가 아닌 값을 준 불리언 플래그는 빌드를 실패시킵니다. BuildKit은 모든 명령어를 먼저 해석하므로 빌드하지 않는 스테이지에 있어도 마찬가지입니다. 플래그 이름은 대소문자를 구분합니다.
rule-UnterminatedQuote = FROM과 전역 ARG의 기본값은 언제나, ARG, ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL, EXPOSE는 스테이지를 빌드할 때 셸처럼 단어를 읽습니다. 따옴표는 단어를 묶고 지워집니다. 열고 닫지 않은 따옴표가 있으면 거기서 실패합니다("unexpected end of statement while looking for matching single-quote"). 아포스트로피도 따옴표로 셉니다: ENV GREETING=it's는 실패합니다. 따옴표를 닫거나, 값을 다른 종류의 따옴표로 감싸세요. COPY, ADD, VOLUME은 인자를 먼저 공백에서 나누므로, 공백이 든 경로를 따옴표로 감싸면(COPY "my file" /dst/) 따옴표가 하나씩 든 두 조각으로 잘립니다. 공백이 든 경로는 JSON 형식 COPY ["my file", "/dst/"]으로 쓰세요. RUN과 CMD는 이미지 안의 셸에 맡겨지므로 여기서 검사하지 않습니다.
rule-BadSubstitution = FROM, ARG, ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL, EXPOSE는 ${ "{" }NAME}과 그 변형 ${ "{" }NAME:-기본값}, ${ "{" }NAME:+대체값}, ${ "{" }NAME:?메시지}, ${ "{" }NAME#패턴}, ${ "{" }NAME%패턴}, ${ "{" }NAME/찾을것/바꿀것}을 전개합니다. 그 밖의 것은 그 명령어를 전개할 때 빌드를 실패시킵니다: 닫지 않은 ${ "{" }("syntax error: missing '}'"), 빈 ${ "{" }}("bad substitution"), 이름 뒤의 다른 문자("unsupported modifier (:x) in substitution"; ${ "{" }NAME처럼 이름 바로 뒤에서 단어가 끝나면 Docker는 그 끝을 "�"로 찍습니다). FROM에서는 모든 빌드가, 다른 명령어에서는 빌드되는 스테이지가 실패합니다. 중괄호를 닫거나, 글자 그대로의 $는 $$ 또는 \$로 쓰세요.
rule-InvalidOnbuildTrigger = ONBUILD는 명령어를 글자 그대로 저장해 둡니다. BuildKit은 이 스테이지에서 시작(FROM)하는 스테이지가 시작될 때에야 그 명령어를 해석하고, 거기에 알 수 없거나 잘못된 플래그가 있거나, 모르는 명령어(ONBUILD CPY)이거나, BuildKit이 거부하는 명령어(빈 ARG 이름, VOLUME [])이면 그 스테이지의 FROM 줄에서 실패합니다. 빌드되지 않는 스테이지나, 아무 스테이지도 물려받지 않는 ONBUILD는 아무것도 실패시키지 않습니다.
rule-MountFromVariable = RUN --mount의 from=은 변수를 전개하지 않습니다. 빌드하지 않는 스테이지에 있어도 BuildKit은 "'from' doesn't support variable expansion, define alias stage instead"로 실패합니다. FROM ${ "{" }VAR} AS alias 스테이지로 스테이지를 고르고 그 alias를 마운트하세요.
rule-InvalidChmod = --chmod에는 0부터 07777 사이의 8진수 모드(755, 0644)나 기호 모드(u+x, a=rX,u+w)를 씁니다. 그 밖의 값은 스테이지를 빌드할 때 실패합니다. 숫자로 시작하는 값이면 "invalid chmod parameter: ... it should be octal string and between 0 and 07777", 아니면 "invalid syntax"입니다.
rule-InvalidChecksum = ADD --checksum은 다운로드를 검증합니다. 소스가 정확히 하나여야 하고 HTTP(S) URL이나 Git 저장소여야 합니다. 빌드 컨텍스트의 파일에 쓰면 "checksum requires HTTP(S) or Git sources", 소스가 여럿이면 "checksum can't be specified for multiple sources"로 스테이지를 빌드할 때 실패합니다.
rule-InvalidMount = RUN --mount는 key=value 필드의 목록입니다: type(bind, cache, tmpfs, secret, ssh), target, source, from, id, sharing(shared, private, locked), size(tmpfs), mode/uid/gid(cache, secret, ssh), readonly, required(secret, ssh), env. 알 수 없는 type이나 키, 해석할 수 없는 값, 그 type에서 쓸 수 없는 필드는 스테이지를 빌드할 때 실패하며, 가장 가까운 단어를 힌트로 알려 줍니다.
rule-RequiresBuildKit = 레거시 빌더(DOCKER_BUILDKIT=0, 또는 BuildKit이 없는 Docker)는 RUN 플래그(--mount, --network, --security, --device), COPY/ADD --chmod, 소스가 heredoc뿐인 COPY나 ADD, 주소로 가리킨 Git 저장소의 ADD를 거부합니다. 레거시 빌더를 골랐을 때만, 그 빌더가 빌드하는 스테이지의 첫 해당 줄에 보고합니다. BuildKit으로 빌드하거나 그 기능 없이 작성하세요.
rule-IgnoredByLegacyBuilder = 레거시 빌더는 BuildKit 문법을 해석은 하지만 일부를 무시합니다: COPY와 ADD의 --link, --parents, --exclude, ADD --checksum, --keep-git-dir, --unpack, RUN heredoc의 본문(명령어가 본문 없이 실행됨), 다른 소스와 함께 쓴 heredoc 소스, Git URL의 ADD(파일로 내려받음), # check=(빌드 체크를 실행하지 않음). 빌드는 성공하지만 결과가 달라집니다. 레거시 빌더를 골랐을 때만 보고합니다.
rule-InvalidCheckOptions = 빌드 체크 옵션을 해석할 수 없습니다. `# check=`(또는 BUILDKIT_DOCKERFILE_CHECK 빌드 인자)의 각 부분은 `skip=`, `experimental=`(쉼표로 구분한 규칙 목록 또는 `all`), `error=true|false` 가운데 하나여야 하고 `;`로 구분합니다. BuildKit은 바로 빌드를 실패시키고 체크를 하나도 실행하지 않습니다.
rule-LintViolation = `# check=`(또는 BUILDKIT_DOCKERFILE_CHECK 빌드 인자)의 `error=true`는 BuildKit 빌드 체크 경고를 빌드 실패로 바꿉니다. Dockerfile을 변환하고 나면 BuildKit은 보고된 규칙의 목록과 함께 실패합니다. 경고를 고치거나, `skip=`으로 그 규칙을 건너뛰세요.
rule-CopySourceNotFound = COPY나 ADD의 소스가 없습니다. BuildKit은 "failed to compute cache key: failed to calculate checksum of ref …: \"/path\": not found"로 실패합니다. .dockerignore로 제외한 파일도 빌더로 보내지지 않습니다. Stageplay는 적어 준 빌드 컨텍스트와, 내용을 전부 아는 경우(FROM scratch로 이어진 스테이지) 소스 스테이지의 파일 시스템을 확인합니다. 내용을 추정만 하는 이미지에 파일이 없다고 단정하지는 않습니다. 아무것도 맞지 않는 와일드카드는 BuildKit에서는 오류가 아니지만, 레거시 빌더는 실패하고("COPY failed: no source files were specified"), 없는 파일은 "COPY failed: file not found in build context or excluded by .dockerignore"라고 알립니다.
rule-RunExecutableNotFound = RUN은 스테이지의 파일 시스템으로 컨테이너를 시작합니다. 셸 형식은 /bin/sh -c(또는 SHELL로 정한 셸)를, exec 형식은 첫 단어를 실행합니다. FROM scratch 스테이지에는 셸이 없어서 런타임이 프로세스를 시작하지 못하고, BuildKit은 "process … did not complete successfully: … exec: \"/bin/sh\": stat /bin/sh: no such file or directory"로 실패합니다. 셸이 있는 스테이지에서 빌드하고 결과만 scratch 스테이지로 COPY하세요.
rule-InvalidDockerignorePattern = .dockerignore 패턴이 Go filepath.Match 문법에 맞지 않거나(닫히지 않은 `[`, 끝에 붙은 `\`), `!` 하나뿐입니다. BuildKit은 무엇이든 빌드하기 전에 패턴을 컴파일하므로(dockerfile2llb/convert.go, dispatchStages) 타겟과 상관없이 "syntax error in pattern"이나 "illegal exclusion pattern: \"!\""로 실패합니다.
rule-InvalidPlatform = FROM --platform 값이 빈 문자열로 전개됩니다. 보통 전역 ARG의 철자가 틀렸거나, 선언하지 않았거나, 기본값이 없을 때입니다. BuildKit은 무엇이든 빌드하기 전에 모든 FROM을 전개하므로, 이 스테이지가 필요 없더라도 빌드가 실패합니다.
rule-StageNameCasing = 스테이지 이름은 --from이나 --target으로 가리킬 때는 대소문자를 구분하지 않지만, FROM 줄은 소문자로 바꾼 이름과 정확히 같을 때만 맞습니다. `AS Builder` 뒤의 `FROM Builder`는 Builder라는 이미지를 받아 옵니다. 스테이지 이름은 소문자로 쓰세요.
rule-FromAsCasing = 명령어 키워드는 대소문자를 구분하지 않지만, 대문자 FROM과 소문자 as를 섞어 쓰면(또는 그 반대) 읽기 어렵습니다. 둘 다 같은 대소문자로 쓰세요.
rule-NoEmptyContinuation = 여러 줄로 이어지는 명령어 안의 빈 줄은 지금은 무시되지만, 곧 없어질 기능이라 앞으로는 오류가 됩니다. 명령어가 의도보다 일찍 끝났다는 뜻인 경우가 많습니다. 빈 줄을 지우세요(주석 줄은 괜찮습니다).
rule-ConsistentInstructionCasing = 명령어 키워드는 대소문자를 구분하지 않지만, RUN과 run이 섞인 파일은 읽기 어렵습니다. 파일 대부분이 쓰는 방식(보통 대문자)으로 모든 키워드를 쓰세요.
rule-DuplicateStageName = 두 스테이지의 이름이 같습니다. 그러면 COPY --from, RUN --mount from=, --target은 뒤의 스테이지를 가리키고, 앞의 스테이지는 번호로만 가리킬 수 있습니다. 스테이지마다 다른 이름을 주세요.
rule-ReservedStageName = scratch(빈 이미지)와 context(빌드 컨텍스트)는 예약된 이름입니다. scratch라는 스테이지는 FROM scratch에서 절대 쓰이지 않습니다. FROM scratch는 언제나 빈 파일 시스템을 뜻하기 때문입니다. 다른 이름을 고르세요.
rule-JSONArgsRecommended = 셸 형식의 CMD와 ENTRYPOINT는 /bin/sh -c 아래에서 실행되므로, 여러분의 프로그램이 아니라 셸이 1번 프로세스가 되어 종료 시그널을 받습니다. 프로그램은 시그널을 받지 못하고 제한 시간이 지나면 강제로 종료됩니다. JSON(exec) 형식은 프로그램을 바로 실행합니다.
rule-MaintainerDeprecated = MAINTAINER는 오래전에 폐기되었습니다. 도구가 읽을 수 있는 표준 키 org.opencontainers.image.authors로 LABEL을 쓰세요.
rule-UndefinedArgInFrom = FROM 줄에서는 첫 FROM 앞에 선언한 ARG(와 BUILDPLATFORM 같은 미리 정의된 플랫폼 ARG)만 쓸 수 있습니다. 선언하지 않은 변수는 빈 문자열로 전개되어 이미지가 바뀌거나 참조가 깨집니다.
rule-WorkdirRelativePath = 상대 경로 WORKDIR은 베이스 이미지의 작업 디렉터리를 기준으로 정해지는데, 그 디렉터리는 여러분이 정하는 것이 아닙니다. 베이스 이미지의 새 버전이 파일 위치를 바꿀 수 있습니다. 적어도 스테이지의 첫 WORKDIR은 절대 경로로 쓰세요.
rule-UndefinedVar = 이 명령어 앞의 어떤 ARG나 ENV도 이 변수를 정의하지 않아서 빈 문자열로 전개됩니다. 철자를 확인하거나, ARG로 선언하고(--build-arg를 넘기고) 또는 ENV로 선언하세요.
rule-MultipleInstructionsDisallowed = 한 스테이지에 CMD, ENTRYPOINT, HEALTHCHECK가 둘 이상 있습니다. 마지막 것만 쓰이고 앞의 것은 아무 일도 하지 않으면서 읽는 사람을 헷갈리게 합니다. 하나만 남기세요.
rule-LegacyKeyValueFormat = ENV와 LABEL은 예전 형식 `ENV KEY value`도 받는데, 이때는 키 뒤의 모든 것이 값이 됩니다. `ENV A 1 B 2`는 A를 "1 B 2"로 정합니다. key=value 형식은 헷갈릴 일이 없고 한 줄에 여러 쌍을 쓸 수 있습니다.
rule-RedundantTargetPlatform = FROM에 따로 적지 않으면 모든 스테이지는 타겟 플랫폼용으로 빌드되므로 --platform=$TARGETPLATFORM은 군더더기입니다. 크로스 컴파일하면서 빌드 도구를 네이티브로 실행하려면 --platform=$BUILDPLATFORM을 쓰세요.
rule-SecretsUsedInArgOrEnv = ARG와 ENV의 값은 이미지의 히스토리와 설정에 남으므로, 그렇게 넘긴 비밀번호나 토큰은 이미지를 받아 가는 누구나 읽을 수 있습니다. 대신 시크릿 마운트(RUN --mount=type=secret)를 쓰세요.
rule-InvalidDefaultArgInFrom = --build-arg 없이는 이 FROM이 비어 있거나 잘못된 이미지 이름으로 전개되어, 그냥 docker build를 하면 실패합니다. 전역 ARG에 알맞은 기본값을 주세요.
rule-FromPlatformFlagConstDisallowed = FROM의 --platform에 고정값을 쓰면 빌드가 무엇을 요청하든 그 플랫폼으로 고정됩니다. 그래서 arm64용으로 빌드해도 이 스테이지는 amd64 바이너리를 만듭니다. 빌드 도구에는 $BUILDPLATFORM을, 결과물에는 $TARGETPLATFORM(기본값)을 쓰세요.
rule-CopyIgnoredFile = COPY나 ADD의 소스가 .dockerignore의 패턴에 걸려서, 그 파일은 빌더로 보내지지 않고 명령어는 아무것도 복사하지 않습니다(또는 실패합니다). .dockerignore에서 패턴을 지우거나 그 파일을 복사하지 마세요. BuildKit은 .dockerignore에 `!` 예외가 없을 때만 확인하고(예외는 정적으로 판단하기 어렵습니다), `COPY .`은 `*`, `**`, `**/*` 패턴에 대해서만 확인합니다.
rule-InvalidDefinitionDescription = 실험적인 BuildKit 체크로, `# check=experimental=`에 이름을 적어야 켜집니다. `FROM ... AS name`이나 `ARG name` 바로 위의 주석은 그 스테이지나 인자의 설명으로 읽히며(`docker build --call=outline`), 그 이름으로 시작해야 합니다: `# name 설명`. 다른 주석은 빈 주석 줄(`#`)로 명령어와 떼어 놓으세요. BuildKit 1.26에서는 문서와 달리 빈 줄로는 떨어지지 않습니다.
rule-ExposeProtoCasing = EXPOSE 포트의 프로토콜은 소문자로 쓰세요: tcp, udp, sctp.
rule-ExposeInvalidFormat = EXPOSE는 컨테이너가 듣는 포트를 적어 두는 것입니다. IP 주소나 host:container 매핑은 docker run -p에 쓰는 것으로, EXPOSE에서는 지금은 무시되고 앞으로의 버전에서는 오류가 됩니다.
rule-InvalidBaseImagePlatform = FROM이 가리키는 이미지가 스테이지와 다른 플랫폼용이면 BuildKit은 "Base image X was pulled with platform "A", expected "B" for current build"라고 경고합니다. 시뮬레이션하지 않습니다: 이미지의 플랫폼은 레지스트리만 알고, Stageplay는 레지스트리에 접속하지 않습니다.
rule-UnusedStage = 다른 어떤 스테이지도 이 스테이지에서 시작(FROM)하거나, 복사하거나, 마운트하지 않고, 타겟도 아닙니다. BuildKit은 이 스테이지를 건너뜁니다(레거시 빌더는 그래도 빌드합니다). --target으로 빌드하는 테스트나 디버그 스테이지라면 괜찮지만, 그렇지 않다면 쓰이지 않는 코드입니다.
rule-CopyFromLaterStage = COPY --from(또는 RUN --mount from=)이 파일에서 더 아래에 정의된 스테이지를 가리킵니다. 스테이지는 자기보다 앞에 정의된 스테이지만 쓸 수 있으므로, 이 스테이지를 빌드하면 "needs to be defined before current stage"로 실패합니다. 소스 스테이지를 위로 옮기세요.
rule-GlobalArgNotRedeclared = 첫 FROM 앞에 선언한 ARG는 전역 ARG로, FROM 줄에서만 쓸 수 있습니다. 스테이지 안에서는 그 스테이지가 `ARG NAME`으로 다시 선언하지 않으면 변수가 비어 있습니다(값 없이 선언하면 전역 기본값이나 --build-arg를 물려받습니다).
rule-HeavyFinalBase = 빌드하는 이미지(타겟)가 SDK 전체가 든 이미지에서 시작하므로 컴파일러, 패키지 캐시, 소스가 애플리케이션과 함께 배포됩니다. 그 이미지에서는 빌드만 하고, 최종 스테이지에서 가벼운 런타임 이미지로 결과물만 복사하세요.
rule-ConfusableCharacter = 공백이나 따옴표처럼 보이지만 실제로는 아닌 문자입니다: 줄 바꿈 없는 공백(no-break space), 폭이 없는 문자, 둥근 따옴표 같은 것으로, 보통 블로그나 워드 프로세서에서 붙여 넣을 때 들어옵니다. Docker는 ASCII 공백과 탭에서만 명령어와 인자를 나누므로, `RUN` 뒤에 줄 바꿈 없는 공백이 오면 알 수 없는 명령어가 됩니다. 셸은 “ ”를 따옴표가 아니라 단어의 일부로 받아들입니다. 문자를 다시 입력하거나, 모두 바꿔 주는 수정을 적용하세요.
rule-StageNameTypo = 이 이름은 Dockerfile의 스테이지가 아니어서 Docker는 받아 올 이미지로 취급합니다. 그런데 스테이지 이름과 한 글자만 다릅니다. 스테이지 이름을 잘못 쓴 COPY --from은 아마 없는 이미지에서(더 나쁘게는 실제로 있는 이미지에서) 복사하고, 그 스테이지의 파일은 이미지에 들어가지 않습니다. FROM은 소문자로 쓴 스테이지 이름과 정확히 같을 때만 맞습니다. 어떤 이름이든 이미지일 수 있으므로 Docker는 경고하지 않습니다.
rule-FinalImageWaste = 최종 이미지에 빌드할 때만 필요했던 것이 들어갑니다: 패키지 관리자의 캐시나 목록, 또는 설치하려고만 복사해 온 파일입니다. 레이어는 이미지에 그대로 남으므로 나중의 RUN에서 지워도 이미지는 작아지지 않습니다. 캐시는 그것을 채운 RUN 안에서 지우고(`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `pip install --no-cache-dir`), 파일을 복사해 오는 대신 바인드 마운트로 다른 스테이지에서 설치하세요(`RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels`). 크기는 Stageplay의 추정치입니다.
not-simulated-InvalidBaseImagePlatform = 레지스트리가 필요합니다. 베이스 이미지를 어떤 플랫폼으로 받았는지는 레지스트리가 응답해야 알 수 있는데, Stageplay는 레지스트리에 접속하지 않습니다

## Problems view

problems-none = 문제가 없습니다. ✓
problems-in-english = 문제의 메시지는 BuildKit(또는 Stageplay CLI)이 출력하는 그대로 영어로 보여 줍니다. 그대로 검색해 볼 수 있습니다. 한국어 설명은 '설명'을 누르면 나옵니다.
severity-error = 오류
severity-warning = 경고
severity-info = 정보
line-n = { $line }번째 줄
problem-hide = 접기
problem-explain = 설명
rule-unexplained = { $rule }: 기록된 설명이 없습니다.
rule-bad = 나쁜 예
rule-good = 좋은 예
rule-not-simulated = 시뮬레이션하지 않음: { $why }.
rule-buildkit = BuildKit 빌드 체크({ $semantics }):
rule-docs-link = Docker 문서의 { $rule } ↗
rule-own = Stageplay가 따로 하는 검사입니다.

## Target notice

close-note = 안내 닫기

## 그래프

graph-label = 스테이지 그래프: 스테이지 { $n }개
graph-instr = 명령어 { $n }개
graph-image = 이미지
graph-empty-fs = 빈 파일 시스템
graph-node-title = { $stage } — { $from }, { $meta } ({ $state ->
    [target] 타겟
    [built] 빌드됨
   *[skipped] 건너뜀
}). 누르면 타겟이 됩니다
graph-edge-from = { $to } 스테이지는 { $from }에서 시작(FROM)합니다
graph-edge-copy-files = { $to } 스테이지가 { $from }에서 파일을 복사합니다
graph-edge-copy = { $to } 스테이지가 { $from }에서 복사: { $paths }
graph-edge-mount = { $to } 스테이지가 RUN에서 마운트: { $from }

## Graph view

graph-find-none = 스테이지 없음
graph-find-count = { $n }개 중 { $k }번째
graph-legend = 범례
graph-built = 빌드됨
graph-skipped = 건너뜀
graph-target = 타겟
graph-find = 스테이지 찾기
graph-focus-title = { $stage } 스테이지와 그 스테이지에 필요한 스테이지만 보기(스테이지에서 F)
graph-focus = 집중
graph-focus-on = 대상: { $stage }
graph-zoom = 확대/축소
graph-zoom-out = 축소
graph-zoom-out-title = 축소(-)
graph-zoom-in = 확대
graph-zoom-in-title = 확대(+)
graph-fit-title = 화면에 맞추기(0)
graph-fit = 맞추기
graph-capped = 이 그래프는 스테이지 { $n }개 가운데 { $drawn }개만 그립니다. 타겟에 필요한 스테이지를 가까운 것부터, 그다음 파일의 마지막 스테이지들을 그립니다. 모든 스테이지는 빌드 계획 탭에 있고, 내보내기는 그래프 전체를 그립니다.
graph-focused = `{ $stage }` 스테이지와 그 스테이지에 필요한 스테이지 { $n }개에 집중합니다. 나머지는 흐리게 보입니다.
graph-show-all = 모두 보기
graph-hint = 스테이지를 누르면 타겟으로 빌드합니다 · 끌거나 휠로 이동 · Ctrl + 휠, 핀치, +/−로 확대/축소 · 스테이지에서 F를 누르면 집중
graph-card-more = … 그 밖에 { $n }개

## Step through

steps-controls = 단계 조작
steps-previous = 이전 단계
steps-next = 다음 단계
steps-play = 재생
steps-pause = 일시 정지
steps-step = 단계
steps-count = { $n }단계 중 { $k }단계
steps-wave = 웨이브 { $n }
steps-wave-parallel = 웨이브 { $n } · 동시에 빌드: { $stages }
steps-stage-of = 스테이지 { $n }개 중 { $k }번째
lines-n-m = { $first }–{ $last }번째 줄
steps-adds = 추가:
steps-more = 외 { $n }개
steps-removes = 삭제:
steps-layer = 레이어 ≈ { $size } (추정)
steps-no-change = 파일 시스템에 바뀌는 것이 없습니다.
steps-nothing-recorded = 이 단계에는 기록된 파일 시스템 변화가 없습니다.
steps-earlier = … 앞의 { $n }단계(←나 슬라이더로 이동)
steps-later = … 뒤의 { $n }단계(→나 슬라이더로 이동)
steps-nothing = 아직 빌드할 것이 없습니다.

## 편집기의 레퍼런스

ref-docs-link = Docker 레퍼런스 ↗
ref-title-healthcheck-option = HEALTHCHECK 옵션
ref-from = 새 빌드 스테이지를 베이스에서 시작합니다. 베이스는 이미지, `scratch`(빈 파일 시스템), 또는 `AS` 이름으로 가리킨 앞의 스테이지입니다. FROM마다 새 파일 시스템에서 시작합니다.
ref-run = 빌드할 때 명령을 실행하고, 바뀐 파일을 새 레이어로 저장합니다. 나중에 지운 파일도 이 레이어의 공간은 그대로 차지합니다.
ref-copy = 빌드 컨텍스트에서, 또는 `--from`으로 다른 스테이지나 이미지에서 파일을 스테이지의 파일 시스템으로 복사합니다. 상대 경로 대상은 WORKDIR 기준입니다.
ref-add = COPY와 같지만 URL을 내려받고, git 저장소를 복제하고, 로컬 tar 아카이브를 풀기도 합니다. 평범한 파일에는 COPY를 쓰세요.
ref-arg = 빌드 인자(`--build-arg`)를 선언합니다. 첫 FROM 앞에 두면 전역 ARG가 되어 FROM 줄에서만 보입니다. 스테이지 안에서 쓰려면 다시 선언(`ARG NAME`)해야 합니다.
ref-env = 스테이지의 나머지 부분과, 이 이미지로 시작한 컨테이너에서 쓸 환경 변수를 정합니다.
ref-workdir = 뒤따르는 RUN, CMD, ENTRYPOINT, COPY, ADD의 작업 디렉터리를 정하고(없으면 만듭니다).
ref-cmd = 이미지로 만든 컨테이너의 기본 명령입니다. 마지막 CMD만 유효하고, exec(JSON) 형식은 셸을 거치지 않습니다.
ref-entrypoint = 컨테이너가 실행하는 프로그램입니다. CMD는 그 기본 인자가 됩니다.
ref-expose = 컨테이너가 듣는 포트(`80/tcp`)를 적어 둡니다. 포트를 공개하지는 않습니다.
ref-label = 이미지에 key=value 메타데이터를 붙입니다.
ref-maintainer = 폐기되었습니다. 대신 `LABEL org.opencontainers.image.authors=...`를 쓰세요.
ref-onbuild = 나중에 실행할 명령어를 등록합니다. 이 스테이지에서 시작(FROM)하는 모든 스테이지에서 실행됩니다.
ref-healthcheck = 컨테이너가 아직 제대로 동작하는지 확인하는 방법을 Docker에 알려 줍니다.
ref-shell = 셸 형식의 RUN, CMD, ENTRYPOINT가 쓸 셸을 바꿉니다.
ref-stopsignal = 컨테이너를 멈출 때 보낼 시그널입니다.
ref-user = 뒤따르는 RUN, CMD, ENTRYPOINT를 실행할 사용자(와 그룹)입니다.
ref-volume = 마운트 지점을 선언합니다. 이후 빌드 단계에서 그 안을 바꾼 내용은 버려집니다.
ref-from-platform = 베이스 이미지의 플랫폼을 고릅니다. 예를 들어 `$BUILDPLATFORM`으로 네이티브 빌드하면서 크로스 컴파일할 수 있습니다.
ref-copy-from = 빌드 컨텍스트 대신 다른 스테이지(이름이나 번호)나 이미지에서 복사합니다. 경로는 그 스테이지의 WORKDIR이 아니라 루트 기준입니다. 멀티 스테이지 빌드의 이미지를 작게 만드는 핵심입니다.
ref-chown = 복사한 파일의 소유자(user:group)를 정합니다.
ref-chmod = 복사한 파일의 권한을 정합니다.
ref-link = 독립된 레이어로 복사합니다. 앞의 레이어가 바뀌어도 이 복사는 다시 쓰입니다.
ref-parents = 소스의 상위 디렉터리 구조를 대상 아래에 그대로 둡니다.
ref-exclude = 패턴에 맞는 경로를 건너뜁니다.
ref-add-checksum = 내려받은 파일을 다이제스트로 검증합니다.
ref-add-keep-git-dir = 복제한 저장소의 `.git` 디렉터리를 남겨 둡니다.
ref-run-mount = 명령이 실행되는 동안에만 무언가를 마운트합니다: `type=cache`(이미지에 저장되지 않는 지속 캐시), `type=bind`(컨텍스트의 파일, 또는 `from=`으로 다른 스테이지의 파일), `type=secret`, `type=ssh`, `type=tmpfs`.
ref-run-network = 명령의 네트워크: `default`, `none`, `host`.
ref-run-security = `insecure`는 높은 권한으로 명령을 실행합니다.
ref-healthcheck-option = `--interval`, `--timeout`, `--start-period`, `--start-interval`, `--retries`로 검사를 조정합니다.

## Editor

editor-tab-indents = 들여쓰기
editor-shift-tab-outdents = 내어쓰기
editor-then = 다음에
editor-leaves = 편집기에서 나가기

## 문서

page-title = Stageplay — Dockerfile 멀티 스테이지 빌드 놀이터

## 단계별 실행의 FROM 메모

note-base-not-simulated = 베이스 스테이지는 시뮬레이션하지 않습니다
note-scratch = scratch: 빈 파일 시스템
note-starts-from-stage = { $stage } 스테이지에서 시작합니다(그 파일 시스템 전체)
note-size-unknown = 크기 모름
note-base-image = 베이스 이미지 { $image }: { $size }
note-reference-variable = 이미지 참조에 아직 변수가 남아 있습니다
note-pinned-by-digest = 다이제스트로 고정됨: 크기는 같은 계열 태그의 크기입니다
note-platform-not-in-catalogue = --platform={ $platform }: 카탈로그에는 리눅스 이미지만 있어 크기를 알 수 없습니다
note-sizes-for-amd64 = --platform={ $platform }: 카탈로그의 크기는 linux/amd64 기준입니다
note-onbuild-triggers = 이어서 베이스 스테이지의 ONBUILD 트리거 { $n }개를 실행합니다
note-onbuild = ONBUILD: 이 이미지를 FROM으로 쓰는 스테이지에서만 실행됩니다
note-workdir-too-long = 여기서 멈춤: 작업 디렉터리가 { $max }바이트(리눅스의 PATH_MAX)보다 길어지므로 { $kept }에 머뭅니다

## 단계별 실행의 RUN과 COPY 메모

note-written-to-mount = { $kind ->
    [cache] { $path }: 캐시 마운트 { $target }에 쓰여서 이미지에 남지 않습니다
    [bind] { $path }: 바인드 마운트 { $target }에 쓰여서 이미지에 남지 않습니다
   *[other] { $path }: { $kind } 마운트 { $target }에 쓰여서 이미지에 남지 않습니다
}
note-cache-mount = 캐시 마운트 { $target }: 빌드 사이에 재사용되며 이미지에는 들어가지 않습니다
note-run-unknown = RUN이 바꾼 파일은 알 수 없습니다
note-script-truncated = 스크립트가 길어서 앞부분만 분석했습니다
note-flag-honoured = --{ $flag } 반영됨(경로는 바뀌지 않음)
note-copy-takes-no-url = COPY에는 URL을 쓸 수 없습니다({ $src }). ADD를 쓰세요
note-outside-context = { $src }: 빌드 컨텍스트 밖에 있습니다
note-invalid-pattern = { $src }: 올바른 패턴이 아닙니다
note-whole-context = 빌드 컨텍스트 전체를 복사합니다(파일 목록이 없어 어떤 파일인지는 알 수 없음)
note-excluded = { $src }: .dockerignore에서 제외됨({ $line }번째 줄)
note-not-in-context = { $src }: 빌드 컨텍스트에 없습니다
note-from-later-stage = --from={ $from }: 이 스테이지보다 앞에 정의된 스테이지가 아닙니다
note-match-budget-spent = { $src }의 매칭을 여기서 멈춤: 시뮬레이션의 와일드카드 한도(경로 { $max }개 검사)를 다 써서 일치하는 경로를 보여 주지 않습니다

## 레슨 버튼, 문제 보기의 `# check=` 요약

pane-lesson = 레슨
lessons-button = 레슨
lessons-loading = 레슨을 불러오는 중입니다…
lessons-failed = 레슨을 불러오지 못했습니다.
lessons-retry = 다시 시도
checks-hidden = 보고하지 않은 결과 { $n }개
checks-by-comments = 명령어 위의 `# check=` 주석: { $hidden }
checks-by-directive = { $line }번째 줄의 `# check=`
checks-by-build-arg = { $arg } 빌드 인자
checks-invalid = { $by }: 해석할 수 없어 빌드 검사가 하나도 실행되지 않습니다
checks-all-skipped = 규칙 { $n }개 모두 건너뜀
checks-skipped = 규칙 { $n }개 건너뜀({ $rules })
checks-experimental = 실험적 규칙 { $rules } 켬
checks-error-legacy = error=true: 레거시 빌더는 무시합니다
checks-error = error=true: 보고된 검사가 하나라도 있으면 빌드가 실패합니다
checks-unknown = 없는 규칙이라 BuildKit처럼 무시합니다: { $rules }
checks-default = 기본 검사
checks-line = { $by }: { $parts }
steps-more-lines = … { $n }줄 더 있음

## 내보내기: Markdown으로 복사, 내보낸 그래프의 범례

md-dockerfile = Dockerfile
md-command = 명령
md-stage-graph = 스테이지 그래프
md-open = Stageplay에서 열기
md-plan = **빌드 계획** ({ $builder ->
    [legacy] 레거시 빌더
   *[buildkit] BuildKit
}, 타겟 { $target })
md-plan-nothing = **빌드 계획** ({ $builder ->
    [legacy] 레거시 빌더
   *[buildkit] BuildKit
}): 빌드하는 것이 없습니다(타겟 스테이지 없음)
md-parallel = (동시에 빌드)
md-skipped = 건너뛰는 스테이지:
legend-built-stage = 빌드되는 스테이지
legend-skipped = 건너뜀
legend-target = 타겟
legend-image = 이미지
legend-mount = RUN --mount 원본

## 최종 이미지 보기에서 알 수 없는 경로의 메모

entry-unpacked-download = 빌드할 때 내려받아 압축을 풂(내용은 알 수 없음)
entry-git = git 저장소를 체크아웃함(내용은 알 수 없음)
entry-download = 빌드할 때 내려받음(크기는 알 수 없음)
entry-unpacked-here = 여기에 압축을 풂: { $archives }(내용은 알 수 없음: 파일 목록만으로는 압축 파일 안을 볼 수 없음)
entry-from-image = 이미지 { $image }의 { $path }(내용은 알 수 없음)
