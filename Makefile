# Stageplay: `make serve` serves the playground on http://127.0.0.1:8080, `make test` runs
# every test. Both install what is missing first (scripts/setup.sh).
.PHONY: serve test setup build bench

export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

serve: setup
	trunk serve

test:
	scripts/test.sh

setup:
	scripts/setup.sh

build: setup
	trunk build --release

bench:
	cargo bench
