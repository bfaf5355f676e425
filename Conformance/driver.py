#!/usr/bin/env python3
"""StreamLab's differential conformance driver.

Runs replay cases (curated edge cases, then seeded random ones) through real
Apache Spark and Apache Flink (windows) and real Flink CEP (patterns: the
"cep" engine, cep_cases.py) and through `streamlab replay`, and compares
the multisets of output rows (per batch for Spark). On a difference it
shrinks the case to a small one that still differs and prints the diff.
With --real-only it runs only the real engines and checks the edge cases
against their hand-computed rows, which validates the runners themselves.

Exit code: 0 when every case agrees, 1 otherwise.
"""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from cases import case_to_files, random_case  # noqa: E402
from cep_cases import cep_edge_cases, random_cep_case  # noqa: E402
from compare import canonical, difference, format_difference  # noqa: E402
from edge_cases import flink_cases, spark_cases  # noqa: E402
from shrink import shrink  # noqa: E402

FLINK_CASES_PER_JOB = 20


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="spark,flink,cep", help="comma-separated: spark, flink, cep (Flink CEP patterns)")
    parser.add_argument("--random", type=int, default=200, help="random cases per engine")
    parser.add_argument("--spark-random", type=int, default=None, help="random Spark cases (default: --random)")
    parser.add_argument("--flink-random", type=int, default=None, help="random Flink cases (default: --random)")
    parser.add_argument("--cep-random", type=int, default=None, help="random Flink CEP pattern cases (default: --random)")
    parser.add_argument("--real-cache", default=None,
                        help="JSON file of real-engine rows by case; read if present, updated after the run")
    parser.add_argument("--seed-start", type=int, default=1, help="first random case seed")
    parser.add_argument("--no-edge", action="store_true", help="skip the curated edge cases")
    parser.add_argument("--streamlab", default=os.path.join(HERE, "..", ".build", "debug", "streamlab"),
                        help="the streamlab binary to test")
    parser.add_argument("--mutate", default=None, help="run the lab with a deliberately wrong rule (STREAMLAB_MUTATE)")
    parser.add_argument("--real-only", action="store_true", help="run only the real engines, check hand-computed rows")
    parser.add_argument("--no-shrink", action="store_true", help="report differences without shrinking them")
    parser.add_argument("--shrink-budget", type=int, default=120, help="maximum real-engine runs per shrink")
    parser.add_argument("--stop-after", type=int, default=0, help="stop after this many differing cases (0: never)")
    parser.add_argument("--save-failures", default=None, help="directory for minimal failing cases")
    parser.add_argument("--report", default=None, help="write a JSON summary here")
    parser.add_argument("--crash-path", action="store_true",
                        help="also replay every case through the crash path: exactly-once under three crash plans must "
                             "print the real rows, at-least-once must end with the real value of every window, and "
                             "at-most-once must change some result")
    parser.add_argument("--crash-path-only", action="store_true",
                        help="check only the crash path (implies --crash-path); for the mutation tests")
    return parser.parse_args(argv)


def build_cases(engine, arguments):
    edge_builder = {"spark": spark_cases, "flink": flink_cases, "cep": cep_edge_cases}[engine]
    edge = [] if arguments.no_edge else edge_builder()
    count = getattr(arguments, engine + "_random")
    count = arguments.random if count is None else count
    seeds = range(arguments.seed_start, arguments.seed_start + count)
    if engine == "cep":
        return edge, [random_cep_case(seed) for seed in seeds]
    return edge, [random_case(engine, seed) for seed in seeds]


def runs_on_flink(engine):
    """Window cases on Flink and pattern cases on Flink CEP share the one Flink runner."""
    return engine in ("flink", "cep")


class LazyEngine:
    """Starts the real engine's JVM only when a case is not in the cache (shrinking always needs it).
    Flink and Flink CEP cases run in the same kind of JVM (flink/FlinkReplay.java)."""

    def __init__(self, engine):
        self.engine = engine
        self.runner = None

    def get(self):
        if self.runner is None:
            if self.engine == "spark":
                from spark_runner import SparkReplay

                self.runner = SparkReplay()
            else:
                from flink_runner import FlinkReplay

                self.runner = FlinkReplay()
        return self.runner

    def run(self, *arguments):
        return self.get().run(*arguments)

    def run_many(self, cases):
        return self.get().run_many(cases)

    def stop(self):
        if self.runner is not None:
            self.runner.stop()


def cache_key(case):
    return json.dumps({"engine": case["engine"], "query": case["query"], "events": case["events"]}, sort_keys=True)


def load_cache(path):
    if path and os.path.exists(path):
        with open(path) as handle:
            return json.load(handle)
    return {}


def save_cache(path, cache):
    if not path:
        return
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        json.dump(cache, handle, sort_keys=True)
    os.replace(temporary, path)


def real_rows(engine, runner, cases, cache):
    """Real-engine rows for every case, from the cache or the engine, plus Spark's batch ids."""
    missing = [case for case in cases if cache_key(case) not in cache]
    if missing:
        rows, batch_ids = run_real(engine, runner, missing)
        for case, case_rows, batches in zip(missing, rows, batch_ids):
            cache[cache_key(case)] = {"rows": case_rows, "batches": batches}
    entries = [cache[cache_key(case)] for case in cases]
    return [entry["rows"] for entry in entries], [entry["batches"] for entry in entries]


def run_real(engine, runner, cases):
    """Real-engine rows for every case (Flink batches many cases per job), plus Spark's batch ids."""
    if runs_on_flink(engine):
        rows = []
        for start in range(0, len(cases), FLINK_CASES_PER_JOB):
            rows.extend(runner.run_many(cases[start:start + FLINK_CASES_PER_JOB]))
        return rows, [None] * len(cases)
    results = [runner.run(case["query"], case["events"]) for case in cases]
    return [rows for rows, _ in results], [batches for _, batches in results]


def run_single(engine, runner, case):
    if runs_on_flink(engine):
        return runner.run(case)
    return runner.run(case["query"], case["events"])[0]


def check_expected(case, rows, batch_ids):
    """Differences between a real engine and the case's hand-computed rows (the runner check)."""
    problems = []
    if "expected" in case:
        only_real, only_expected = difference(rows, case["expected"])
        if only_real or only_expected:
            problems.append("real engine differs from the hand-computed rows:\n"
                            + format_difference(case["engine"], only_real, only_expected, "hand"))
    if "expected_batches" in case and batch_ids is not None and batch_ids != case["expected_batches"]:
        problems.append("Spark ran batches %s, expected %s" % (batch_ids, case["expected_batches"]))
    return problems


def describe(case):
    batches = len({event.get("batch", 0) for event in case["events"]})
    return "%s %s" % (json.dumps(case["query"], sort_keys=True), "(%d events, %d batches)" % (len(case["events"]), batches))


def print_case(case):
    print("    query.json:   " + json.dumps(case["query"], sort_keys=True))
    print("    events.jsonl:")
    for event in case["events"]:
        print("      " + json.dumps(event))


def report_difference(engine, runner, lab, case, real, lab_rows, arguments):
    only_real, only_lab = difference(real, lab_rows)
    print("DIFF %s %s" % (case["name"], describe(case)))
    print(format_difference(engine, only_real, only_lab))
    if arguments.no_shrink:
        return

    def fails(candidate):
        try:
            return bool(sum(map(len, difference(run_single(engine, runner, candidate), lab.run(candidate)))))
        except RuntimeError:
            return True

    smallest, attempts = shrink(case, fails, budget=arguments.shrink_budget)
    real_small, lab_small = run_single(engine, runner, smallest), safe_lab(lab, smallest)
    print("  shrunk in %d runs to %d events:" % (attempts, len(smallest["events"])))
    print_case(smallest)
    print(format_difference(engine, *difference(real_small, lab_small)))
    if arguments.save_failures:
        directory = os.path.join(arguments.save_failures, case["name"])
        os.makedirs(directory, exist_ok=True)
        case_to_files(smallest, directory)
        with open(os.path.join(directory, engine + ".jsonl"), "w") as handle:
            for row in real_small:
                handle.write(json.dumps(row, sort_keys=True) + "\n")


def safe_lab(lab, case, guarantee=None, crashes=None):
    try:
        return lab.run(case, guarantee, crashes)
    except RuntimeError as error:
        return [{"error": str(error)}]


def check_case(engine, runner, lab, case, real, batches, arguments):
    """Problems with one case: the runner check against hand-computed rows, then the lab check."""
    problems = check_expected(case, real, batches)
    if lab is not None and not problems and not arguments.crash_path_only:
        lab_rows = safe_lab(lab, case)
        if sum(map(len, difference(real, lab_rows))):
            problems.append("lab")
            report_difference(engine, runner, lab, case, real, lab_rows, arguments)
    crash_path = (arguments.crash_path or arguments.crash_path_only) and engine != "cep"  # no crash path for patterns
    if lab is not None and not problems and crash_path:
        problems += crash_path_problems(engine, lab, case, real, arguments)
    for problem in problems:
        if problem != "lab":
            print("FAIL %s: %s" % (case["name"], problem))
    if not problems:
        print("ok   %s %s -> %d rows" % (case["name"], describe(case), len(real)))
    return problems


def crash_plans(case):
    """The crash plans every case is replayed under: the first record, half
    the records, and the first checkpoint (record) or batch commit (micro-batch)."""
    half = max(1, len(case["events"]) // 2)
    return ["after:1", "after:%d" % half, "during-checkpoint:1"]


def final_per_window(rows):
    """The last row each window emitted (Flink re-fires a window on late data), and the set of late records
    (at-least-once may repeat a late record too)."""
    final, late = {}, []
    for row in rows:
        if row.get("late"):
            late.append(canonical(row))
        else:
            # A running aggregate's rows (window type none) have no window columns.
            window = (row["key"], row.get("window_start_ms"), row.get("window_end_ms"))
            final[window] = {name: value for name, value in row.items() if name != "batch"}
    return final, sorted(set(late))


def crash_path_problems(engine, lab, case, real, arguments):
    """The crash path against the real engine's crash-free rows."""
    problems = []
    for plan in crash_plans(case):
        rows = safe_lab(lab, case, "exactly-once", plan)
        only_real, only_lab = difference(real, rows)
        if only_real or only_lab:
            problems.append("crash path, exactly-once, crashes %s:\n%s" % (plan, format_difference(engine, only_real, only_lab)))
    plan = crash_plans(case)[1]
    real_final = final_per_window(real)
    if final_per_window(safe_lab(lab, case, "at-least-once", plan)) != real_final:
        problems.append("crash path, at-least-once, crashes %s: the final value of some window differs" % plan)
    if engine == "flink":
        CRASH_PATH_TOTALS["at_most_once_cases"] += 1
        if final_per_window(safe_lab(lab, case, "at-most-once", plan)) != real_final:
            CRASH_PATH_TOTALS["at_most_once_changed"] += 1
    return problems


CRASH_PATH_TOTALS = {"at_most_once_cases": 0, "at_most_once_changed": 0}


def run_engine(engine, arguments, lab, totals, cache):
    """Runs an engine's cases in chunks (one Flink job per chunk), comparing and caching as it goes."""
    edge, random_cases = build_cases(engine, arguments)
    cases = edge + random_cases
    runner = LazyEngine(engine)
    real_seconds = 0.0
    try:
        for start in range(0, len(cases), FLINK_CASES_PER_JOB):
            chunk = cases[start:start + FLINK_CASES_PER_JOB]
            started = time.monotonic()
            rows, batch_ids = real_rows(engine, runner, chunk, cache)
            real_seconds += time.monotonic() - started
            save_cache(arguments.real_cache, cache)
            for case, real, batches in zip(chunk, rows, batch_ids):
                problems = check_case(engine, runner, lab, case, real, batches, arguments)
                kind = "edge" if "expected" in case else "random"
                totals[engine][kind + "_" + ("failed" if problems else "passed")] += 1
                if stop_reached(arguments, totals):
                    return
    finally:
        runner.stop()
        totals[engine]["real_seconds"] = round(real_seconds, 1)


def stop_reached(arguments, totals):
    failed = sum(totals[name][kind] for name in totals for kind in ("edge_failed", "random_failed"))
    return bool(arguments.stop_after) and failed >= arguments.stop_after


def main(argv):
    sys.stdout.reconfigure(line_buffering=True)
    arguments = parse_arguments(argv)
    engines = [name for name in arguments.engines.split(",") if name]
    lab = None
    if not arguments.real_only:
        from lab import LabReplay

        lab = LabReplay(os.path.abspath(arguments.streamlab), arguments.mutate)
    totals = {name: {"edge_passed": 0, "edge_failed": 0, "random_passed": 0, "random_failed": 0} for name in engines}
    started = time.monotonic()
    cache = load_cache(arguments.real_cache)
    for engine in engines:
        run_engine(engine, arguments, lab, totals, cache)
        save_cache(arguments.real_cache, cache)
    seconds = time.monotonic() - started
    against = "hand-computed rows" if arguments.real_only else "streamlab replay"
    for engine in engines:
        t = totals[engine]
        print("conformance %s vs %s: edge %d/%d, random %d/%d agree (real engine %.1f s)" % (
            engine, against, t["edge_passed"], t["edge_passed"] + t["edge_failed"],
            t["random_passed"], t["random_passed"] + t["random_failed"], t["real_seconds"]))
    passed = sum(t["edge_passed"] + t["random_passed"] for t in totals.values())
    failed = sum(t["edge_failed"] + t["random_failed"] for t in totals.values())
    if arguments.crash_path or arguments.crash_path_only:
        changed, cases = CRASH_PATH_TOTALS["at_most_once_changed"], CRASH_PATH_TOTALS["at_most_once_cases"]
        print("crash path: exactly-once replayed under %s; at-most-once changed %d of %d Flink results"
              % (", ".join(["after:1", "after:<half>", "during-checkpoint:1"]), changed, cases))
        if cases and not changed:
            print("FAIL crash path: at-most-once never changed a result, so its crashes lose nothing")
            failed += 1
    print("conformance wall time %.1f s%s" % (seconds, " (mutation %s)" % arguments.mutate if arguments.mutate else ""))
    print("%d passed, %d failed" % (passed, failed))
    if arguments.report:
        with open(arguments.report, "w") as handle:
            json.dump({"totals": totals, "wall_seconds": round(seconds, 1), "mutate": arguments.mutate}, handle,
                      indent=2, sort_keys=True)
            handle.write("\n")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
