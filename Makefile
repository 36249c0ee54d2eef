# Steward: the two commands of the Quick start, and a few more for developers.
#   make run    set up, build (release) and serve the demo on http://127.0.0.1:8080
#   make test   set up, build (ci preset, warnings as errors) and run every test suite
SHELL := /bin/bash
PRESET_RUN ?= release
PRESET_TEST ?= ci
LISTEN ?= 127.0.0.1:8080
DATA ?= ./data

.PHONY: run test setup web build-release build-test bench bench-cmdb bench-automation bench-changes format tidy clean

setup:
	@bash tools/setup.sh

web: setup
	@bash tools/web.sh

build-release: setup web
	@cmake --preset $(PRESET_RUN) >/dev/null
	@cmake --build --preset $(PRESET_RUN)

build-test: setup web
	@cmake --preset $(PRESET_TEST) >/dev/null
	@cmake --build --preset $(PRESET_TEST)

run: build-release
	./build/$(PRESET_RUN)/steward serve --demo --listen $(LISTEN) --data $(DATA)

test: build-test
	ctest --preset $(PRESET_TEST)

bench: build-release
	bash bench/run.sh $(BENCH_ARGS)

# The CMDB benchmark: import, AQL and graphs at 200,000 objects (bench/README.md).
bench-cmdb: build-release
	./build/$(PRESET_RUN)/steward_bench_cmdb --data bench/out/cmdb $(BENCH_ARGS)

# The automation benchmark: issue events through 50 rules, beside the rules disabled.
bench-automation: build-release
	./build/$(PRESET_RUN)/steward_bench_automation --data bench/out/automation $(BENCH_ARGS)

bench-changes: build-release
	./build/$(PRESET_RUN)/steward_bench_changes --data bench/out/changes $(BENCH_ARGS)

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

tidy: build-test
	@git ls-files 'server/*.cc' | grep -v _test.cc | xargs clang-tidy -p build/$(PRESET_TEST) --quiet

clean:
	rm -rf build web/dist
