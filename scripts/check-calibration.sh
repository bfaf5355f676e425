#!/usr/bin/env bash
# The presets against the committed calibration (issue 18), throughput
# searches included: the release build runs `streamlab calibrate --check` on
# Datasets/calibration/measurements.json and its output, exit code last,
# must equal Tests/HarnessTests/Fixtures/calibrate-check.txt. The debug
# tests check the latencies (CalibrationDataTests); the searches replay the
# stream at up to 160,000 events/s and belong to a release build.
#
# Usage: scripts/check-calibration.sh [--bless]
#   --bless  write the fresh output as the pinned one (after a preset change
#            or a new measurements file; review the diff before committing).
# Environment: STREAMLAB_SCRATCH  the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${STREAMLAB_SCRATCH:-.build}"
expected=Tests/HarnessTests/Fixtures/calibrate-check.txt

scripts/ensure-deps.sh
swift build -c release --product streamlab --scratch-path "$scratch" >&2
actual="$(mktemp)"
trap 'rm -f "$actual"' EXIT
set +e
"$scratch/release/streamlab" calibrate --check --jobs 2 > "$actual"
code=$?
set -e
echo "[exit $code]" >> "$actual"
if [[ "${1:-}" == "--bless" ]]; then
    cp "$actual" "$expected"
    echo "check-calibration: wrote $expected"
    exit 0
fi
if ! diff -u "$expected" "$actual"; then
    echo "check-calibration: the check's output differs from $expected (above)" >&2
    exit 1
fi
echo "check-calibration: the presets' predictions match the pinned check ($(grep -c ' ok$' "$actual") within their bounds)"
