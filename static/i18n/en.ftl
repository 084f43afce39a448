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
