# StreamLab's entry points. The README's two set-up commands are `make run`
# and `make test`; both install missing system packages first.
SWIFT ?= swift
CONFIG ?= release

.PHONY: deps build run test test-release clean

deps:
	@bash scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

# The main job on its default scenario.
run: build
	$(SWIFT) run -c $(CONFIG) streamlab generate theworldshop-viral-night --seed 1 --format csv --out out/theworldshop-viral-night.csv

# The whole test suite.
test: deps
	$(SWIFT) test

clean:
	rm -rf .build out
