# Stageplay: `make serve` serves the playground on http://127.0.0.1:8080, `make test` runs
# every test. Both install what is missing first (scripts/setup.sh). `make dev` is the fast
# edit loop: a debug build, 3.6 times larger and 7 times slower to analyse (docs/performance.md).
.PHONY: serve dev test setup build bench cli

export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

# The release build, the page measured in docs/budgets.md, rebuilt when a file changes.
serve: setup
	trunk serve --release

# A debug build: compiles in seconds after a change, but is not the page users get.
dev: setup
	trunk serve

test:
	scripts/test.sh

setup:
	scripts/setup.sh

build: setup
	trunk build --release

bench:
	cargo bench

# The CLI as it ships: target/release/stageplay, a static PIE on Linux with glibc
# (docs/cli.md#building).
cli:
	scripts/build-cli.sh
