# StreamLab's entry points. The README's two set-up commands are `make run`
# and `make test`; both install missing system packages first.
SWIFT ?= swift
CONFIG ?= release

.PHONY: deps build run test determinism calibration-check conformance conformance-quick calibrate bench bench-compare notebooks ci clean

deps:
	@bash scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product streamlab

# The main job: the triad comparison (engines x guarantees, crashes injected)
# on the default scenario, theworldshop-viral-night; writes reports/.
run: build
	$(SWIFT) run -c $(CONFIG) streamlab compare

# The whole test suite (unit, CLI exact-output, notebooks, grading self-tests).
test: deps
	$(SWIFT) test

# Release build writes the same bytes as the digests the debug tests pin.
determinism: deps
	bash scripts/check-release-determinism.sh

# The presets against the committed calibration, throughput searches included.
calibration-check: deps
	bash scripts/check-calibration.sh

# Differential suite against real Spark 4.3.0 and Flink 2.3.0 (installs them).
conformance: deps
	bash scripts/conformance-run.sh
conformance-quick: deps
	bash scripts/conformance-run.sh --quick

# Real Spark and Flink timed on the calibration workload (not in CI: about
# an hour, three rounds); writes Datasets/calibration/measurements.json.
calibrate: deps
	bash scripts/calibrate.sh

# package-benchmark suite (Benchmarks/) and the side-by-side peer comparison.
bench: deps
	cd Benchmarks && $(SWIFT) package benchmark
bench-compare: deps
	bash scripts/bench-compare.sh

notebooks: build
	$(SWIFT) run -c $(CONFIG) streamlab notebook check Notebooks-md

# What CI runs (.ci/run).
ci: test determinism calibration-check conformance-quick

clean:
	rm -rf .build out reports
