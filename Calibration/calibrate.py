"""`make calibrate`: measures real Spark and Flink on the calibration workload
and writes Datasets/calibration/measurements.json (issue 18; see README.md).

    calibrate.py --streamlab BIN --out FILE [--quick] [--only ID] [--repeats N]

Every configuration is fed the same generated stream (the reference
scenario's disorder, 100 keys) live at a fixed rate; the sustainable
throughput of two configurations is searched by doubling the rate until the
latency stops being bounded, then bisecting.

The configurations are measured REPEATS times, in rounds (every configuration
once, then every configuration again), each time in a fresh engine process.
A measurement keeps every repeat (each with its own clocks, which the lab
replays) and reports the median of the repeats' percentiles: real Spark's
micro-batch durations on a small machine vary from one process to the next
by more than the check's bounds.
"""
import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feeder import Feeder, FileFeeder, Workload, released_us  # noqa: E402
import metrics  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKLOAD = {"scenario": "reference", "seed": 11, "keys": 100, "window_ms": 1000,
            "watermark_delay_ms": 200, "warmup_ms": 15000, "feed_seconds": 40, "drain_seconds": 12,
            "search_start_per_s": 10000, "search_cap_per_s": 160000, "repeats": 3}

# (id, lab engine, configuration) — the configurations issue 18 names.
CONFIGURATIONS = [
    ("spark-default", "spark-structured-streaming", {"trigger": "default"}),
    ("spark-100ms", "spark-structured-streaming", {"trigger_ms": 100}),
    ("spark-1s", "spark-structured-streaming", {"trigger_ms": 1000}),
    ("spark-5s", "spark-structured-streaming", {"trigger_ms": 5000}),
    ("flink-direct", "flink", {"checkpoint_ms": 0}),
    ("flink-2pc-1s", "flink", {"checkpoint_ms": 1000}),
    ("flink-2pc-10s", "flink", {"checkpoint_ms": 10000}),
]
RATES = [1000, 10000]
THROUGHPUT_SEARCHES = ["spark-default", "flink-direct"]


def machine():
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as handle:
        memory_kib = int(handle.readline().split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"cores": os.cpu_count(), "cpu_model": model, "memory_gib": round(memory_kib / 2**20, 1),
            "os": platform.platform(), "java": java, "python": platform.python_version()}


def versions():
    return {"spark": importlib.metadata.version("pyspark"), "flink": importlib.metadata.version("apache-flink")}


def generate(streamlab, rate, directory):
    path = os.path.join(directory, f"workload-{rate}-{WORKLOAD['feed_seconds']}s.csv")
    if not os.path.exists(path):
        subprocess.run([streamlab, "generate", WORKLOAD["scenario"], "--seed", str(WORKLOAD["seed"]),
                        "--duration", f"{WORKLOAD['feed_seconds']}s", "--format", "csv", "--out", path,
                        "--set", f"arrivals.rate_per_s={rate}", "--set", f"key_space.count={WORKLOAD['keys']}"],
                       check=True, stdout=subprocess.DEVNULL)
    return Workload(path)


def engine_command(engine, configuration, port, out, scratch):
    """Flink reads the feeder's socket (PORT); Spark the feeder's files (scratch/source)."""
    if engine == "flink":
        lib = os.path.join(os.path.dirname(importlib.util.find_spec("pyflink").origin), "lib")
        classes = os.environ.get("STREAMLAB_CALIBRATION_CLASSES", os.path.join(ROOT, "out", "calibration-classes"))
        return ["java", "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Dlog4j.configurationFile=" + os.path.join(ROOT, "Conformance", "flink", "log4j2.properties"),
                "-cp", os.path.join(lib, "*") + os.pathsep + classes, "CalibrationJob", str(port), out,
                str(configuration["checkpoint_ms"]), str(WORKLOAD["watermark_delay_ms"]), str(WORKLOAD["window_ms"])]
    trigger = configuration.get("trigger_ms", "default")
    return [sys.executable, os.path.join(ROOT, "Calibration", "spark_job.py"), os.path.join(scratch, "source"), out,
            str(trigger), str(WORKLOAD["watermark_delay_ms"]), str(WORKLOAD["window_ms"]), os.path.join(scratch, "stop"),
            os.path.join(scratch, "progress.jsonl"), os.path.join(scratch, "checkpoint"), os.path.join(scratch, "ready")]


def run_once(engine, configuration, workload):
    """Feeds the workload to one fresh engine process; returns the measures."""
    scratch = tempfile.mkdtemp(prefix="streamlab-calibration-")
    out = os.path.join(scratch, "rows.csv")
    if engine == "flink":
        feeder = Feeder(workload)
        feeder.start()
    else:
        feeder = FileFeeder(workload, os.path.join(scratch, "source"))
    process = subprocess.Popen(engine_command(engine, configuration, getattr(feeder, "port", 0), out, scratch),
                               stdout=subprocess.DEVNULL, stderr=open(os.path.join(scratch, "stderr.log"), "w"))
    try:
        deadline = time.time() + 120 + WORKLOAD["feed_seconds"]
        if engine != "flink":
            while not os.path.exists(os.path.join(scratch, "ready")):
                if process.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"{engine} {configuration}: the query did not start (see {scratch}/stderr.log)")
                time.sleep(0.1)
            feeder.start()
        while not feeder.fed.wait(1):
            if process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"{engine} {configuration}: the engine stopped before the stream was fed "
                                   f"(see {scratch}/stderr.log)")
        time.sleep(WORKLOAD["drain_seconds"])
        rows = metrics.read_rows(out, feeder.t0_ns)
    finally:
        open(os.path.join(scratch, "stop"), "w").close()
        feeder.finish()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if engine != "flink":
        workload.arrival_us = released_us(workload.arrival_us)
    summary = metrics.summarize(workload, rows, WORKLOAD["window_ms"], WORKLOAD["watermark_delay_ms"], WORKLOAD["warmup_ms"])
    summary["events"] = len(workload)
    summary["feeder_max_lag_ms"] = round(feeder.max_lag_ms, 1)
    summary["t0_epoch_ms"] = round(feeder.t0_ns / 1e6, 3)
    summary["timers"] = run_timers(engine, configuration, scratch, out, feeder.t0_ns)
    if summary["feeder_max_lag_ms"] > 50:
        summary["sustainable"] = False
    shutil.rmtree(scratch, ignore_errors=True)
    return summary


def median(values):
    """The middle value; for an even count, the mean of the two middle ones
    (`CalibrationData.median` in the lab computes the same)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def combine(repeats):
    """One measurement from its repeats: each percentile is the median of the
    repeats' percentiles; a configuration is sustainable when every repeat was."""
    combined = {"repeats": repeats}
    for name in ("processing_time_latency_ms", "event_time_latency_ms"):
        combined[name] = {q: round(median([r[name][q] for r in repeats]), 1) for q in ("p50", "p99")}
    combined["missing_windows"] = max(r["missing_windows"] for r in repeats)
    combined["sustainable"] = all(r["sustainable"] for r in repeats)
    return combined


def run_timers(engine, configuration, scratch, out, t0_ns):
    """The run's own clocks, on the feed clock: when Flink's watermark timer
    fired and when its committer published (timer phases are random per run,
    so `calibrate --check` replays them instead of guessing), or Spark's
    micro-batches from its progress reports."""
    if engine == "flink":
        timers = {"watermark": metrics.timer_summary(metrics.read_times(out + ".ticks", t0_ns), 0)}
        if configuration["checkpoint_ms"] > 0:
            timers["barrier"] = metrics.timer_summary(metrics.read_times(out + ".barriers", t0_ns), 0)
            timers["commit"] = metrics.timer_summary(metrics.read_times(out, t0_ns), 0)
        return timers
    path = os.path.join(scratch, "progress.jsonl")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        reports = [json.loads(line) for line in handle]
    starts = [datetime.datetime.fromisoformat(r["started"].replace("Z", "+00:00")).timestamp() * 1000 - t0_ns / 1e6
              for r in reports]
    durations = sorted(r["duration_ms"].get("triggerExecution", 0) for r in reports)
    # Where a batch's time goes (getBatch, addBatch, walCommit, ...): each phase's
    # median over the batches, so a slow run can be told apart from a slow phase.
    phases = sorted({phase for r in reports for phase in r["duration_ms"]})
    return {"batch": metrics.timer_summary(starts, 0), "batches": len(reports),
            "trigger_execution_p50_ms": metrics.nearest_rank(durations, 0.5) or 0,
            "trigger_execution_p99_ms": metrics.nearest_rank(durations, 0.99) or 0,
            "phases_p50_ms": {phase: metrics.nearest_rank(sorted(r["duration_ms"].get(phase, 0) for r in reports), 0.5) or 0
                              for phase in phases}}


def search_throughput(engine, configuration, streamlab, directory, log):
    """Karimov et al.'s sustainable throughput: double from the start rate until a
    rate is not sustainable, then three bisection steps."""
    trials, good, bad, rate = [], None, None, WORKLOAD["search_start_per_s"]
    while rate <= WORKLOAD["search_cap_per_s"]:
        summary = run_once(engine, configuration, generate(streamlab, rate, directory))
        trials.append({"rate_per_s": rate, "sustainable": summary["sustainable"],
                       "event_time_latency_ms": summary["event_time_latency_ms"]})
        log(f"  throughput trial {rate}/s: {'sustainable' if summary['sustainable'] else 'not sustainable'}")
        if not summary["sustainable"]:
            bad = rate
            break
        good, rate = rate, rate * 2
    for _ in range(3 if bad and good else 0):
        middle = (good + bad) // 2
        summary = run_once(engine, configuration, generate(streamlab, middle, directory))
        trials.append({"rate_per_s": middle, "sustainable": summary["sustainable"],
                       "event_time_latency_ms": summary["event_time_latency_ms"]})
        log(f"  throughput trial {middle}/s: {'sustainable' if summary['sustainable'] else 'not sustainable'}")
        good, bad = (middle, bad) if summary["sustainable"] else (good, middle)
    return {"events_per_s": good or 0, "is_lower_bound": bad is None, "next_unsustainable_per_s": bad, "trials": trials}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--streamlab", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true", help="one rate, no throughput search (a smoke test)")
    parser.add_argument("--only", help="run only this configuration id")
    parser.add_argument("--repeats", type=int, default=WORKLOAD["repeats"], help="runs per configuration and rate")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    WORKLOAD["repeats"] = args.repeats
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    directory = tempfile.mkdtemp(prefix="streamlab-calibration-workloads-")
    started = time.time()
    selected = [c for c in CONFIGURATIONS if args.only in (None, c[0])]
    measurements, throughput = [], []

    def write(done):
        """The file so far (an interrupted run keeps what it measured), written aside and renamed."""
        document = {"format": 1, "how": "Calibration/README.md", "versions": versions(), "machine": machine(),
                    "workload": WORKLOAD, "measurements": measurements, "sustainable_throughput": throughput,
                    "elapsed_s": round(time.time() - started)}
        if not done:
            document["incomplete"] = True
        temporary = args.out + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, sort_keys=True)
            handle.write("\n")
        os.replace(temporary, args.out)
        return document

    # The stream of each rate is generated once (`generate` keeps the file); every repeat replays it.
    workloads = RATES[:1] if args.quick else RATES
    repeats = {}
    for round_number in range(1, args.repeats + 1):
        for identifier, engine, configuration in selected:
            for rate in workloads:
                key = f"{identifier}-{rate // 1000}k"
                log(f"{key} (repeat {round_number} of {args.repeats})")
                summary = run_once(engine, configuration, generate(args.streamlab, rate, directory))
                repeats.setdefault(key, []).append(summary)
                log(f"  processing-time p50 {summary['processing_time_latency_ms']['p50']} ms, "
                    f"p99 {summary['processing_time_latency_ms']['p99']} ms, {summary['missing_windows']} missing")
                measurements[:] = [{"id": k, "engine": e, "configuration": c, "rate_per_s": r, **combine(repeats[k])}
                                   for i, e, c in selected for r in workloads
                                   for k in [f"{i}-{r // 1000}k"] if k in repeats]
            if round_number == 1 and not args.quick and identifier in THROUGHPUT_SEARCHES:
                log(f"{identifier}: sustainable throughput search")
                result = search_throughput(engine, configuration, args.streamlab, directory, log)
                throughput.append({"id": f"{identifier}-throughput", "engine": engine, "configuration": configuration, **result})
            write(done=False)
    document = write(done=True)
    shutil.rmtree(directory, ignore_errors=True)
    log(f"wrote {args.out} ({len(measurements)} measurements, {len(throughput)} throughput searches, "
        f"{document['elapsed_s']} s)")


if __name__ == "__main__":
    main()
