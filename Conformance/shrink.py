"""Shrinks a failing case to a small one that still fails.

First delta debugging over the events (Zeller's ddmin: drop chunks, halving
the chunk size when no chunk can go), then simpler parameters one at a time.
Every step keeps the case valid for the replay interface (Spark batch ids
are renumbered to stay consecutive) and the number of attempts is bounded,
because each attempt runs a real engine.
"""
import copy


def renumbered(case):
    """Spark batch ids made consecutive again after events were removed or batches merged."""
    if case["engine"] != "spark":
        return case
    mapping = {}
    for event in case["events"]:
        mapping.setdefault(event["batch"], len(mapping))
    for event in case["events"]:
        event["batch"] = mapping[event["batch"]]
    return case


def with_events(case, events):
    smaller = copy.deepcopy(case)
    smaller["events"] = copy.deepcopy(events)
    smaller.pop("expected", None)
    smaller.pop("expected_batches", None)
    return renumbered(smaller)


def parameter_variants(case):
    """Simpler versions of the case: fewer batches, smaller delays, append mode, plain values."""
    query = case["query"]
    variants = []

    def variant(change):
        simpler = copy.deepcopy(case)
        change(simpler)
        variants.append(renumbered(simpler))

    if query.get("watermark_delay_ms", 0) != 0:
        variant(lambda c: c["query"].__setitem__("watermark_delay_ms", 0))
    if query.get("allowed_lateness_ms", 0) != 0:
        variant(lambda c: c["query"].__setitem__("allowed_lateness_ms", 0))
    if query.get("output_mode") == "update":
        variant(lambda c: c["query"].__setitem__("output_mode", "append"))
    if case["engine"] == "spark":
        batches = sorted({event["batch"] for event in case["events"]})
        for batch in batches[1:]:
            def merge(c, batch=batch):
                for event in c["events"]:
                    if event["batch"] == batch:
                        event["batch"] = batch - 1
            variant(merge)
    if any(event["value"] != 1 for event in case["events"]):
        variant(lambda c: [event.__setitem__("value", 1) for event in c["events"]])
    if len({event["key"] for event in case["events"]}) > 1:
        variant(lambda c: [event.__setitem__("key", "a") for event in c["events"]])
    return variants


def shrink(case, fails, budget=120):
    """The smallest case found that still `fails`, and the number of attempts used."""
    attempts = 0

    def still_fails(candidate):
        nonlocal attempts
        attempts += 1
        return fails(candidate)

    current = with_events(case, case["events"])
    chunks = 2
    while len(current["events"]) >= 2 and attempts < budget:
        events = current["events"]
        size = max(1, len(events) // chunks)
        reduced = False
        for start in range(0, len(events), size):
            if attempts >= budget:
                break
            candidate = with_events(current, events[:start] + events[start + size:])
            if candidate["events"] and still_fails(candidate):
                current, chunks, reduced = candidate, max(chunks - 1, 2), True
                break
        if not reduced:
            if size == 1:
                break
            chunks = min(len(events), chunks * 2)
    progress = True
    while progress and attempts < budget:
        progress = False
        for candidate in parameter_variants(current):
            if attempts >= budget:
                break
            if still_fails(candidate):
                current, progress = candidate, True
                break
    return current, attempts
