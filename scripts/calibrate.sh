#!/usr/bin/env bash
# `make calibrate` (issue 18; outside CI, it takes about an hour: three rounds): measures
# real Spark and Flink, from the conformance suite's pinned virtualenv, on the
# calibration workload, and writes Datasets/calibration/measurements.json.
# See Calibration/README.md for what is measured and how.
#
#   scripts/calibrate.sh [--out FILE] [--quick] [--only ID] [--repeats N]
#
# Environment: STREAMLAB_BIN (a built binary; otherwise a release build),
# STREAMLAB_CALIBRATION_CLASSES (where the Flink job is compiled).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/conformance-install.sh
PY="Conformance/.venv/bin/python"
if [[ -z "${STREAMLAB_BIN:-}" ]]; then
    swift build -c release --product streamlab >/dev/null
    STREAMLAB_BIN="$(swift build -c release --show-bin-path)/streamlab"
fi
FLINK_LIB="$("$PY" -c 'import os, pyflink; print(os.path.join(os.path.dirname(pyflink.__file__), "lib"))')"
CLASSES="${STREAMLAB_CALIBRATION_CLASSES:-out/calibration-classes}"
export STREAMLAB_CALIBRATION_CLASSES="$PWD/$CLASSES"
mkdir -p "$CLASSES"
javac -nowarn -d "$CLASSES" -cp "$FLINK_LIB/*" Calibration/flink/CalibrationJob.java
OUT="Datasets/calibration/measurements.json"
if [[ "${1:-}" == "--out" ]]; then OUT="$2"; shift 2; fi
mkdir -p "$(dirname "$OUT")"
"$PY" Calibration/calibrate.py --streamlab "$STREAMLAB_BIN" --out "$OUT" "$@"
