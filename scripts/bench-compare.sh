#!/usr/bin/env bash
# Runs the reference workload (Poisson 10,000/s, lognormal delay median 50 ms
# sigma 0.5, 1 s tumbling count by event time) in StreamLab, in the C peer and
# in the SimPy peer, in one run on this machine, and prints the ratios.
#
# Usage: scripts/bench-compare.sh [EVENTS] [SEED]
#   EVENTS  events for StreamLab and the C peer (default 1000000)
#   SEED    root seed (default 1)
#   SIMPY_EVENTS  events for SimPy (default: EVENTS / 4; SimPy is ~100x slower
#                 and events/s is flat in the stream length)
#   COMPARE=1     also time `compare reference` on the same events (once;
#                 about 30 s at 10 M events) against bench reference
# Each program prints one JSON line {"events":..,"wall_s":..,"events_per_s":..,"peak_rss_mb":..};
# each is run REPEATS times (default 3) and the best rate is kept, since
# this machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-1000000}
SEED=${2:-1}
SIMPY_EVENTS=${SIMPY_EVENTS:-$((EVENTS / 4))}
REPEATS=${REPEATS:-3}
SCRATCH=${SCRATCH:-.build-release}
PEERS=Benchmarks/peers

echo "building streamlab (release, $SCRATCH) ..." >&2
swift build -c release --scratch-path "$SCRATCH" --product streamlab >&2
STREAMLAB="$SCRATCH/release/streamlab"

echo "building the C peer ..." >&2
mkdir -p "$SCRATCH/peers"
cc -O2 -o "$SCRATCH/peers/reference" "$PEERS/c/reference.c" -lgsl -lgslcblas -lm

if [ ! -x "$PEERS/.venv/bin/python" ]; then
  echo "creating the SimPy venv ($PEERS/.venv) ..." >&2
  python3 -m venv "$PEERS/.venv"
  "$PEERS/.venv/bin/pip" install --quiet -r "$PEERS/simpy/requirements.txt"
fi

rate() { sed -E 's/.*"events_per_s":([0-9.]+).*/\1/'; }
best() {  # best of REPEATS runs of a command: prints the line with the highest rate
  local best_line="" best_rate=0 line r
  for _ in $(seq "$REPEATS"); do
    line=$("$@")
    r=$(echo "$line" | rate)
    if awk "BEGIN{exit !($r > $best_rate)}"; then best_rate=$r; best_line=$line; fi
  done
  echo "$best_line"
}

SL=$(best "$STREAMLAB" bench reference --events "$EVENTS" --seed "$SEED")

# The crash pipeline on the same events (issue 14): the reference scenario at
# 10,000 events/s, flink exactly-once, Poisson crashes every 5 min on average,
# checkpoints every 10 s of simulated time; correctness checked as it runs.
crash_line() {
  local start end events rss
  start=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    out=$(/usr/bin/time -f "rss_kb=%M" "$STREAMLAB" crash reference --engine flink --guarantee exactly-once \
          --crashes mtbf:5m --duration "$((EVENTS / 10000))s" --seed "$SEED" 2>&1)
  else
    out=$("$STREAMLAB" crash reference --engine flink --guarantee exactly-once \
          --crashes mtbf:5m --duration "$((EVENTS / 10000))s" --seed "$SEED" 2>&1)
  fi
  end=$(date +%s%N)
  events=$(echo "$out" | sed -n -E 's/^([0-9]+) events; .*/\1/p')
  rss=$(echo "$out" | sed -n -E 's/^rss_kb=([0-9]+)$/\1/p')
  awk -v e="$events" -v ns="$((end - start))" -v kb="${rss:-0}" 'BEGIN {
    printf "{\"events\":%d,\"wall_s\":%.6f,\"events_per_s\":%.0f,\"peak_rss_mb\":%.1f}\n", e, ns / 1e9, e / (ns / 1e9), kb / 1024 }'
}
CRASH=$(best crash_line)

# The whole comparison on the same events (issue 14: within 40x the wall time
# of bench reference, under 600 MB): every engine x guarantee, the sweeps and
# the throughput searches, on every core.
compare_line() {
  local start end events rss out dir
  dir=$(mktemp -d)
  start=$(date +%s%N)
  out=$(/usr/bin/time -f "rss_kb=%M" "$STREAMLAB" compare reference --duration "$((EVENTS / 10000))s" --seed "$SEED" \
        --out "$dir/report" 2>&1)
  end=$(date +%s%N)
  rm -rf "$dir"
  events=$(echo "$out" | sed -n -E 's/^([0-9]+) events of .*/\1/p')
  rss=$(echo "$out" | sed -n -E 's/^rss_kb=([0-9]+)$/\1/p')
  awk -v e="$events" -v ns="$((end - start))" -v kb="${rss:-0}" 'BEGIN {
    printf "{\"events\":%d,\"wall_s\":%.6f,\"events_per_s\":%.0f,\"peak_rss_mb\":%.1f}\n", e, ns / 1e9, e / (ns / 1e9), kb / 1024 }'
}
COMPARE_LINE=""
if [ "${COMPARE:-0}" = 1 ]; then COMPARE_LINE=$(compare_line); fi
C=$(best "$SCRATCH/peers/reference" "$EVENTS" "$SEED")
PY=$(best "$PEERS/.venv/bin/python" "$PEERS/simpy/reference.py" "$SIMPY_EVENTS" "$SEED")

echo "streamlab: $SL"
echo "c-peer:    $C"
echo "simpy:     $PY"
echo "crash:     $CRASH"
if [ -n "$COMPARE_LINE" ]; then echo "compare:   $COMPARE_LINE"; fi
SLR=$(echo "$SL" | rate); CR=$(echo "$C" | rate); PYR=$(echo "$PY" | rate); KR=$(echo "$CRASH" | rate)
awk -v s="$SLR" -v c="$CR" -v p="$PYR" -v k="$KR" 'BEGIN {
  printf "crash / bench reference = 1/%.1f   (target >= 1/3)\n", s / k
  printf "streamlab / c-peer = %.2fx   (target >= 1.5x)\n", s / c
  printf "streamlab / simpy  = %.1fx   (target >= 35x)\n", s / p
  printf "streamlab events/s = %.2f M  (target >= 10 M)\n", s / 1e6
}'
if [ -n "$COMPARE_LINE" ]; then
  wall() { sed -E 's/.*"wall_s":([0-9.]+).*/\1/'; }
  awk -v c="$(echo "$COMPARE_LINE" | wall)" -v s="$(echo "$SL" | wall)" 'BEGIN {
    printf "compare wall / bench reference wall = %.1fx   (target <= 40x)\n", c / s }'
fi
