#!/usr/bin/env python3
"""Regenerates Exercises/13-cep-pattern/checks.json and grading/checks.json.

Each check's expected lines are the lab's own output for reference/pattern.json
(`streamlab replay --engine record --query PATTERN --events STREAM`), and each
mistake's lines are the output of one catalogued wrong answer in mutants/, kept
only where it differs from the reference on that stream. Usage, from the
repository root after `swift build`: python3 scripts/exercise13-checks.py [STREAMLAB]
"""
import json, os, subprocess, sys, tempfile

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/streamlab"
DIR = "Exercises/13-cep-pattern"
S = 1000

def ev(key, ms, value):
    return json.dumps({"key": key, "ts_ms": ms, "value": value}, separators=(",", ":"))

CHECKS = [
    ("visible", "three probes then a large charge, with another payment before the large one",
     [ev("a", 0, 1), ev("a", 10 * S, 1.5), ev("a", 30 * S, 0.5), ev("a", 40 * S, 30), ev("a", 60 * S, 500)]),
    ("visible", "other payments may come between the probes",
     [ev("h", 0, 1), ev("h", 5 * S, 50), ev("h", 10 * S, 1), ev("h", 20 * S, 1), ev("h", 30 * S, 500)]),
    ("visible", "the large charge must come less than 10 minutes after the first probe",
     [ev("b", 0, 1), ev("c", 0, 1), ev("b", 60 * S, 1), ev("c", 1 * S, 1), ev("b", 120 * S, 1), ev("c", 2 * S, 1),
      ev("c", 599999, 250), ev("b", 600000, 900), ev("b", 700 * S, 20)]),
    ("hidden", "a probe out of order within the watermark delay still counts",
     [ev("d", 0, 1), ev("d", 10 * S, 1), ev("d", 14 * S, 300), ev("d", 12 * S, 1), ev("d", 20 * S, 10)]),
    ("hidden", "four probes give two overlapping matches (noSkip)",
     [ev("e", 0, 1), ev("e", 1 * S, 1), ev("e", 2 * S, 1), ev("e", 3 * S, 1), ev("e", 4 * S, 400)]),
    ("hidden", "two probes are not enough, and cards do not mix",
     [ev("f", 0, 1), ev("g", 1 * S, 1), ev("f", 2 * S, 1), ev("g", 3 * S, 1), ev("g", 4 * S, 1), ev("f", 5 * S, 800),
      ev("g", 6 * S, 5), ev("g", 7 * S, 800)]),
]

MUTANTS = {
    "next-instead-of-followed-by.json": "`next` where `followedBy` is needed: strict contiguity lets no other payment sit between the last probe and the large charge; use \"contiguity\": \"followed_by\"",
    "within-off-by-one.json": "within off by one: Flink CEP drops a partial match when ts - start >= within, so a charge exactly 10 minutes after the first probe is out; within_ms is 600000, not 600001",
    "two-probes.json": "wrong count: the pattern needs three probes (\"times\": 3), not two",
    "consecutive-probes.json": "probes made consecutive: other payments may come between the probes; drop \"consecutive\" (times is relaxed by default)",
    "no-watermark-delay.json": "no watermark delay: a probe that arrives a few seconds out of order is late and dropped; payments arrive up to 5 s late, so watermark_delay_ms is 5000",
}

def run(pattern, events):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("\n".join(events) + "\n")
        name = f.name
    try:
        r = subprocess.run([BIN, "replay", "--engine", "record", "--query", pattern, "--events", name], capture_output=True, text=True)
    finally:
        os.unlink(name)
    if r.returncode != 0:
        sys.exit(r.stderr)
    return [line for line in r.stdout.split("\n") if line.startswith("{")]

def main():
    out = {"visible": [], "hidden": []}
    for visibility, name, events in CHECKS:
        expected = run(f"{DIR}/reference/pattern.json", events)
        mistakes = []
        for mutant, message in MUTANTS.items():
            lines = run(f"{DIR}/mutants/{mutant}", events)
            if lines != expected:
                mistakes.append({"mutant": mutant, "lines": lines, "message": message})
        out[visibility].append({"name": name, "visibility": visibility, "events": events, "expected": expected, "mistakes": mistakes})
    files = [
        (f"{DIR}/checks.json", "Exercise 13's visible checks: each runs the student's pattern with the lab's CEP (as streamlab replay --query does) over the events (replay JSONL lines, arrival order) and expects these output lines; mistakes are the outputs of the catalogued wrong answers (mutants/), produced by the lab. Regenerate with scripts/exercise13-checks.py.", out["visible"]),
        (f"{DIR}/grading/checks.json", "Exercise 13's hidden checks (instructor-only; left out of the hand-out). Same format as ../checks.json.", out["hidden"]),
    ]
    for path, about, checks in files:
        with open(path + ".tmp", "w") as f:
            json.dump({"about": about, "checks": checks}, f, indent=2)
            f.write("\n")
        os.replace(path + ".tmp", path)

main()
