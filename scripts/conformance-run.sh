#!/usr/bin/env bash
# StreamLab's conformance suite: installs real Spark and Flink (pinned, in
# Conformance/.venv), builds `streamlab`, and compares `streamlab replay`
# with the real engines case by case (Conformance/README.md).
#
#   scripts/conformance-run.sh           full suite: every edge case + 200 random cases per engine (spark, flink, cep), every scenario exported
#   scripts/conformance-run.sh --quick   fixed-seed subset plus the "suite can fail" and export tests (CI)
# Both replay every case through the crash path too (driver.py --crash-path).
#
# Environment: STREAMLAB_BIN (a built binary to test instead of building one),
# CONFORMANCE_SCRATCH (swift build scratch path, default .build),
# CONFORMANCE_OUT (reports and real-engine cache, default out/conformance).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="full"
if [[ "${1:-}" == "--quick" ]]; then MODE="quick"; shift; fi

bash scripts/conformance-install.sh
PY="Conformance/.venv/bin/python"
SCRATCH="${CONFORMANCE_SCRATCH:-.build}"
if [[ -z "${STREAMLAB_BIN:-}" ]]; then
    swift build --scratch-path "$SCRATCH" --product streamlab >/dev/null
    STREAMLAB_BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/streamlab"
fi
export STREAMLAB_BIN
OUT="${CONFORMANCE_OUT:-out/conformance}"
mkdir -p "$OUT"
export CONFORMANCE_OUT="$OUT"
started=$(date +%s)

if [[ "$MODE" == "quick" ]]; then
    # Fixed seeds: every edge case, 20 random Spark cases, 60 random Flink cases and 40 random Flink CEP cases.
    "$PY" Conformance/driver.py --streamlab "$STREAMLAB_BIN" --spark-random 20 --flink-random 60 --cep-random 40 --crash-path \
        --real-cache "$OUT/real-cache-quick.json" --report "$OUT/quick.json" \
        --save-failures "$OUT/failures" "$@"
    # The suite can fail (mutations of the lab's rules) and exported jobs match the lab.
    "$PY" -m unittest discover -s Conformance/tests -v
else
    "$PY" Conformance/driver.py --streamlab "$STREAMLAB_BIN" --random 200 --crash-path \
        --real-cache "$OUT/real-cache-full.json" --report "$OUT/full.json" \
        --save-failures "$OUT/failures" "$@"
    # The mutation tests, and every scenario exported to both engines (Conformance/tests/test_export.py).
    STREAMLAB_EXPORT_ALL=1 "$PY" -m unittest discover -s Conformance/tests -v
fi
echo "conformance-run ($MODE): $(( $(date +%s) - started )) s"
