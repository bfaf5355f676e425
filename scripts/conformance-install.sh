#!/usr/bin/env bash
# Installs the real engines the conformance suite compares StreamLab with:
# PySpark 4.3.0 and apache-flink 2.3.0 (pinned, from PyPI only) in
# Conformance/.venv, on the system's Java 17, then compiles the Flink
# DataStream runner against the jars the apache-flink wheel ships.
# Idempotent: a second run prints one line and does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
VENV="$ROOT/Conformance/.venv"
SPARK_VERSION="4.3.0"
FLINK_VERSION="2.3.0"

if ! command -v javac >/dev/null 2>&1 || ! java -version 2>&1 | grep -q 'version "17'; then
    echo "conformance-install: installing OpenJDK 17" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi

PY="$VENV/bin/python"
installed_version() {
    "$PY" -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null || true
}
if [[ ! -x "$PY" ]]; then
    python3 -m venv "$VENV"
fi
if [[ "$(installed_version pyspark)" != "$SPARK_VERSION" || "$(installed_version apache-flink)" != "$FLINK_VERSION" ]]; then
    echo "conformance-install: pip install pyspark==$SPARK_VERSION apache-flink==$FLINK_VERSION into $VENV" >&2
    "$PY" -m pip install --quiet --disable-pip-version-check \
        "pyspark==$SPARK_VERSION" "apache-flink==$FLINK_VERSION"
fi

FLINK_LIB="$("$PY" -c 'import os, pyflink; print(os.path.join(os.path.dirname(pyflink.__file__), "lib"))')"
# STREAMLAB_FLINK_CLASSES: compile the runner elsewhere (e.g. when .venv is a shared, read-only install).
CLASSES="${STREAMLAB_FLINK_CLASSES:-$VENV/flink-classes}"
SOURCES=("$ROOT"/Conformance/flink/*.java)
stamp="$CLASSES/.stamp"
if [[ ! -f "$stamp" ]] || [[ -n "$(find "${SOURCES[@]}" -newer "$stamp" 2>/dev/null)" ]]; then
    mkdir -p "$CLASSES"
    javac -nowarn -d "$CLASSES" -cp "$FLINK_LIB/*" "${SOURCES[@]}"
    touch "$stamp"
fi
echo "conformance-install: pyspark $SPARK_VERSION, apache-flink $FLINK_VERSION, Flink runner compiled ($VENV)"
