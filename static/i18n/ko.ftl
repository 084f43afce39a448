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
