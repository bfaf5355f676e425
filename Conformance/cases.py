"""Replay cases for the differential suite: random ones from a seed, and
curated edge cases that pin the rules of DESIGN.md one at a time.

A case is a dict: {"name", "engine": "spark"|"flink", "query": Q.json dict,
"events": [E.jsonl dicts in arrival order], optional "expected": rows}.
Random generation uses only `random.Random(seed)`, so a seed names a case
forever.
"""
import json
import random

KEYS = ["a", "b", "c"]


def random_window(rng):
    kind = rng.choice(["tumbling", "sliding", "session"])
    if kind == "tumbling":
        return {"type": "tumbling", "size_ms": rng.choice([1000, 2000, 5000, 10000, 1500])}
    if kind == "sliding":
        size = rng.choice([2000, 4000, 5000, 10000, 3000])
        slide = rng.choice([s for s in (500, 1000, 2000, 1500, 2500, size) if s <= size])
        return {"type": "sliding", "size_ms": size, "slide_ms": slide}
    return {"type": "session", "gap_ms": rng.choice([500, 1000, 2000, 3000])}


def random_timestamp(rng, progress_ms, disorder_ms, watermark_ms):
    """A timestamp that often sits on a boundary: a 500 ms grid (window edges), or right at or
    just behind the current watermark, where `<` versus `<=` and the two Spark watermarks differ."""
    roll = rng.random()
    if roll < 0.4:
        ts = watermark_ms - rng.choice([-1, 0, 0, 1, 500, 1000, 2000])
        return max(0, ts - ts % 500 if rng.random() < 0.5 else ts)
    if roll < 0.7:
        ts = progress_ms - rng.randint(0, disorder_ms)
        return max(0, ts - ts % 500)
    return max(0, progress_ms - rng.randint(0, disorder_ms))


def random_events(rng, engine, delay_ms):
    count = rng.randint(1, 36)
    batch_count = rng.randint(1, min(count, 10))
    key_count = rng.randint(1, 3)
    disorder_ms = rng.choice([0, 500, 1000, 3000])
    step_ms = rng.choice([250, 500, 1000, 1500])
    # Each batch gets at least one event, so the batch numbers stay consecutive.
    cuts = sorted(rng.sample(range(1, count), batch_count - 1)) if batch_count > 1 else []
    progress_ms = rng.choice([0, 1000, 10000])
    max_ms = None
    events = []
    for index in range(count):
        progress_ms += rng.choice([0, step_ms, step_ms, 2 * step_ms])
        batch = sum(1 for cut in cuts if cut <= index)
        watermark_ms = (max_ms if max_ms is not None else progress_ms) - delay_ms
        event = {
            "key": KEYS[rng.randrange(key_count)],
            "ts_ms": random_timestamp(rng, progress_ms, disorder_ms, watermark_ms),
            "value": rng.randint(-3, 20),
        }
        max_ms = event["ts_ms"] if max_ms is None else max(max_ms, event["ts_ms"])
        if engine == "spark":
            event["batch"] = batch
        events.append(event)
    if engine == "spark" and rng.random() < 0.7:
        # A last batch far ahead moves the watermark past every open window, so append mode
        # emits what it holds (a bounded input never would otherwise).
        events.append({"key": "z", "ts_ms": progress_ms + 60000, "value": 0, "batch": batch_count})
    return events


def random_case(engine, seed):
    """The random case `seed` for `engine`; the same seed always gives the same case."""
    rng = random.Random("%s-%d" % (engine, seed))
    query = {
        "window": random_window(rng),
        "watermark_delay_ms": rng.choice([0, 0, 500, 1000, 1000, 999, 1001, 2000, 3000]),
    }
    if engine == "spark":
        # Spark 4.3 rejects update mode for session windows (STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION).
        mode = rng.choice(["append", "update"])
        query["output_mode"] = "append" if query["window"]["type"] == "session" else mode
    else:
        query["allowed_lateness_ms"] = rng.choice([0, 0, 500, 1000, 3000])
    return {"name": "%s-random-%d" % (engine, seed), "engine": engine, "query": query,
            "events": random_events(rng, engine, query["watermark_delay_ms"])}


def events_of(rows, with_batch=True):
    """Compact event lists: (key, ts_ms, value[, batch]) tuples to dicts."""
    names = ["key", "ts_ms", "value", "batch"] if with_batch else ["key", "ts_ms", "value"]
    return [dict(zip(names, row)) for row in rows]


def case_to_files(case, directory):
    """Writes query.json and events.jsonl for a case into `directory` (the replay interface's files)."""
    import os

    with open(os.path.join(directory, "query.json"), "w") as handle:
        json.dump(case["query"], handle, sort_keys=True)
        handle.write("\n")
    with open(os.path.join(directory, "events.jsonl"), "w") as handle:
        for event in case["events"]:
            handle.write(json.dumps(event) + "\n")
