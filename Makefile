# The two commands a new user needs are `make run` and `make test`; both install what is missing first.
SWIFT ?= swift
PREFIX ?= /usr/local
# The Swift toolchain on these machines lives in /opt/swift; add it when it is not on PATH already.
export PATH := $(PATH):/opt/swift/usr/bin

RELEASE_BIN := .build/release/allies

.PHONY: all deps build run test install clean

all: build

deps:
	@scripts/deps.sh

build: deps
	$(SWIFT) build -c release --product allies

# Opens the explorer on the bundled dataset. Pass arguments with ARGS, e.g. `make run ARGS="companies"`.
run: build
	@$(RELEASE_BIN) $(ARGS)

# Everything CI runs: model, explorer and CLI tests, and the end-to-end tests of the real binary in tmux.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/allies

clean:
	rm -rf .build
