# The two commands a new user needs are `make run` and `make test`; both install what is missing first.
SWIFT ?= swift
PREFIX ?= /usr/local
# The Swift toolchain on these machines lives in /opt/swift; add it when it is not on PATH already.
export PATH := $(PATH):/opt/swift/usr/bin

RELEASE_BIN := .build/release/allies
# Release builds link the Swift runtime and Foundation statically: a copied or installed binary needs no toolchain
# beside it, and a command starts ~20 ms sooner (no dynamic linking of a dozen libraries; BENCHMARKS.md, stop 22).
RELEASE := -c release --static-swift-stdlib

.PHONY: all deps build run test lint format bench fuzz install clean

all: build

deps:
	@scripts/deps.sh

build: deps
	$(SWIFT) build $(RELEASE) --product allies

# Opens the explorer on the bundled dataset. Pass arguments with ARGS, e.g. `make run ARGS="companies"`.
run: build
	@$(RELEASE_BIN) $(ARGS)

# Everything CI runs: model, explorer and CLI tests, and the end-to-end tests of the real binary in tmux.
# The tests' scratch files (datasets, stores, caches, tmux outputs: ~0.7 GB over a day of runs) go in one folder of
# their own (TMPDIR; readable by others, as /tmp is: a test runs the binary as nobody), removed when the run ends
# however it ends.
test: deps
	$(SWIFT) build --build-tests
	@scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/allies-tests.XXXXXX") && trap 'rm -rf "$$scratch"' EXIT INT TERM && \
		chmod 755 "$$scratch" && \
		echo "TMPDIR=$$scratch $(SWIFT) test --skip-build" && TMPDIR="$$scratch" $(SWIFT) test --skip-build

# The house style (.swift-format, lines of at most 120 characters); `make format` applies the formatter.
lint:
	@scripts/lint.sh

format:
	swift format format --in-place --recursive Sources Tests Package.swift Fuzz

# The benchmark (BENCHMARKS.md): generates 1,000,000 alliances once into .bench/, then measures Allies against jq,
# python3, grep and fzf on the same data. Smaller: `make bench BENCH_ARGS="--alliances 100000 --companies 10000"`.
# The import alone (a generated 1,000,000-row CSV against a python3 csv+json peer): BENCH_ARGS="--only-import".
# Then (not with --only-*) a warm `allies search` as a whole process against sqlite3 on an FTS5 table of the same
# alliances, ranked and in rowid order (scripts/bench-sqlite-peer.py; issue #17), and SQLite as a record store
# (lookups, a company's alliances, one edit saved, checking it whole: scripts/bench-sqlite-store.py); then edits from
# the command line, made from the store, against that SQLite store's one edit (scripts/bench-cli-edit.py).
bench:
	@scripts/deps.sh jq fzf sqlite3
	$(SWIFT) build $(RELEASE) --product allies
	$(SWIFT) build $(RELEASE) --product allies-bench
	.build/release/allies-bench $(BENCH_ARGS)
	@# #17's peers for a warm CLI query, whole process: sqlite3 over an FTS5 table of the same alliances.
	@case "$(BENCH_ARGS)" in *--only-*) ;; *) python3 scripts/bench-sqlite-peer.py --bench-args "$(BENCH_ARGS)" ;; esac
	@case "$(BENCH_ARGS)" in *--only-*) ;; *) python3 scripts/bench-sqlite-store.py --bench-args "$(BENCH_ARGS)" ;; esac
	@case "$(BENCH_ARGS)" in *--only-*) ;; *) python3 scripts/bench-cli-edit.py --bench-args "$(BENCH_ARGS)" ;; esac

# The loader's fuzzing (issue #6, RELIABILITY.md): 100,000 generated broken datasets through the decoder, each
# checked against the loader's invariants, in a release build made by swiftc without SwiftPM (Fuzz/run.sh).
# More: `make fuzz FUZZ_ARGS="--big"` (the 1 GB files), `FUZZ_ARGS="--libfuzzer 600"` (libFuzzer under ASan).
fuzz:
	@Fuzz/run.sh $(FUZZ_ARGS)

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/allies

clean:
	rm -rf .build
