#!/usr/bin/env bash
# Builds streamlab in release mode, generates every pinned dataset of
# Tests/WorkloadsTests/Fixtures/digests.txt and compares SHA-256 digests with
# the pinned ones, which the debug-build tests (DeterminismTests) check too:
# together they show debug and release builds write identical bytes.
#
# Usage: scripts/check-release-determinism.sh [--print]
#   --print  print freshly computed digest lines instead of comparing
#            (to re-pin after an intended change to generation).
# Environment: STREAMLAB_SCRATCH  the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${STREAMLAB_SCRATCH:-.build}"
digests=Tests/WorkloadsTests/Fixtures/digests.txt
mode="${1:-check}"

scripts/ensure-deps.sh
swift build -c release --product streamlab --scratch-path "$scratch" >&2
binary="$scratch/release/streamlab"
export STREAMLAB_DATASETS="$PWD/Datasets"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
checked=0
while read -r scenario seed events format pinned; do
  case "$scenario" in ''|'#'*) continue ;; esac
  out="$work/$scenario-$seed-$events.$format"
  "$binary" generate "$scenario" --seed "$seed" --events "$events" --format "$format" --out "$out" >/dev/null
  actual="$(sha256sum "$out" | cut -d' ' -f1)"
  if [ "$mode" = "--print" ]; then
    echo "$scenario $seed $events $format $actual"
  elif [ "$actual" = "$pinned" ]; then
    checked=$((checked + 1))
  else
    echo "MISMATCH $scenario seed $seed events $events $format: release $actual, pinned $pinned" >&2
    failures=$((failures + 1))
  fi
done < "$digests"

if [ "$mode" != "--print" ]; then
  if [ "$failures" -ne 0 ]; then
    echo "release determinism: $failures of $((checked + failures)) datasets differ from the pinned digests" >&2
    exit 1
  fi
  echo "release determinism: $checked datasets match the pinned digests"
fi
