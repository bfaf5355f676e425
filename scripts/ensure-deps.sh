#!/usr/bin/env bash
# Installs what StreamLab needs to build, when it is missing:
# libgsl-dev and pkg-config (apt-get, when run as root; otherwise a message
# saying what to install), and bubblewrap, which the grader's sandbox uses
# (optional: without it grading falls back to an unprivileged user or to
# resource limits, and says so). Safe to run repeatedly; prints nothing when
# all is there.
set -euo pipefail

missing=()
command -v swift >/dev/null 2>&1 || {
  echo "streamlab: the Swift toolchain (6.0 or later) is not on PATH; install it from swift.org, then retry." >&2
  exit 1
}
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists gsl 2>/dev/null; then missing+=(libgsl-dev); fi
optional=()
command -v bwrap >/dev/null 2>&1 || optional+=(bubblewrap)

if [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] && [ ${#missing[@]} -eq 0 ]; then
  echo "streamlab: bubblewrap is not installed; grading sandboxes student code with resource limits only. Install with: sudo apt-get install bubblewrap" >&2
  exit 0
fi
missing+=("${optional[@]}")

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "streamlab: installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "streamlab: missing ${missing[*]}. Install with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
