# The two commands of the README:
#   make run    install, build, load the example into a fresh database, show it
#   make test   install, build with ASan+UBSan, run every test
# Other targets: build, lint (clang-format check, clang-tidy, cppcheck, banned
# functions, README names, publiccode.yml: scripts/lint.sh; exit 1 on any
# finding), fuzz (long libFuzzer runs), bench (bench/run.sh at SCALE percent,
# default 10: make bench SCALE=100), torture (the full fault-injection sweep,
# tests/torture/), format (apply .clang-format), clean.

BUILD      ?= build
TESTBUILD  ?= build-test
FUZZBUILD  ?= build-fuzz
LINTBUILD  ?= build-lint
DB         ?= ivp.db
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build run test lint format fuzz bench torture clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVP_TESTS=OFF >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) >/dev/null

run: build
	@scripts/run-example.sh $(BUILD)/ivp $(DB)

test: deps
	@scripts/test.sh $(TESTBUILD)

lint: deps
	@LINT_BUILD=$(LINTBUILD) scripts/lint.sh

format:
	@scripts/format.sh

fuzz: deps
	@scripts/fuzz.sh $(FUZZBUILD) $(or $(SECONDS),60)

# every N, failing the Nth allocation only, then the Nth and all after it
torture: deps
	@cmake -S . -B $(TESTBUILD) -DCMAKE_BUILD_TYPE=Debug -DIVP_SANITIZE=ON -DIVP_TESTS=ON -DIVP_FAULT=ON >/dev/null
	@cmake --build $(TESTBUILD) -j $(JOBS) --target torture >/dev/null
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(TESTBUILD)/tests/torture --src . --full
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(TESTBUILD)/tests/torture --src . --full --persist

bench: deps
	@bench/run.sh $(or $(SCALE),10)

clean:
	rm -rf $(BUILD) $(TESTBUILD) $(FUZZBUILD) $(LINTBUILD) build-tsan
