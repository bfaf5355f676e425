"""Complex-event pattern cases (issue 17, item 4): curated edge cases, one Flink CEP rule each,
with rows computed by hand, and a seeded random case generator.

A pattern case is a replay case whose query has a "pattern" field (`streamlab replay --engine
record` runs it with Flink CEP's rules; flink/CepCase.java runs it on real Flink CEP 2.3). Rows:
one `{"key", "match": [{"stage", "id", "ts_ms", "value"}, ...]}` per match, where `id` is the
event's position in events.jsonl, plus `{"late": true, ...}` for the late side output.
"""
import random

from cases import random_timestamp

ENGINE = "cep"


def stage(name, where=None, contiguity=None, times=None, consecutive=None):
    item = {"name": name}
    if contiguity:
        item["contiguity"] = contiguity
    if where:
        item["where"] = where
    if times:
        item["times"] = times
    if consecutive:
        item["consecutive"] = True
    return item


def pattern_query(stages, within_ms=None, delay_ms=0):
    query = {"pattern": stages, "watermark_delay_ms": delay_ms}
    if within_ms is not None:
        query["within_ms"] = within_ms
    return query


def cep_events(rows):
    """(key, ts_ms, value[, kind]) tuples to event dicts."""
    events = []
    for row in rows:
        event = {"key": row[0], "ts_ms": row[1], "value": row[2]}
        if len(row) > 3:
            event["kind"] = row[3]
        events.append(event)
    return events


def match(events, *taken):
    """The row of a match: `taken` is (stage, event id) pairs; times and values come from `events`."""
    key = events[taken[0][1]]["key"]
    return {"key": key, "match": [{"stage": name, "id": index, "ts_ms": events[index]["ts_ms"],
                                   "value": events[index]["value"]} for name, index in taken]}


def late(event):
    return {"late": True, "key": event["key"], "ts_ms": event["ts_ms"], "value": event["value"]}


SMALL = {"value_below": 5}
LARGE = {"value_above": 10}


def cep_edge_cases():
    cases = []

    def case(name, query, rows, expected):
        events = cep_events(rows)
        cases.append({"name": name, "engine": ENGINE, "query": query, "events": events,
                      "expected": expected(events)})

    def small_then_large(contiguity, within_ms=None, delay_ms=0):
        return pattern_query([stage("small", SMALL), stage("large", LARGE, contiguity)], within_ms, delay_ms)

    # next = strict: the 7 between small@1000 and large@3000 kills the partial match; 2@4000, 30@5000 match.
    case("cep-next-is-broken-by-an-event-in-between", small_then_large("next"),
         [("k", 1000, 1), ("k", 2000, 7), ("k", 3000, 20), ("k", 4000, 2), ("k", 5000, 30)],
         lambda e: [match(e, ("small", 3), ("large", 4))])
    # followedBy = relaxed (SKIP_TILL_NEXT): the 7 is skipped, so 1@1000 → 20@3000 matches too.
    case("cep-followed-by-skips-an-event-in-between", small_then_large("followed_by"),
         [("k", 1000, 1), ("k", 2000, 7), ("k", 3000, 20), ("k", 4000, 2), ("k", 5000, 30)],
         lambda e: [match(e, ("small", 0), ("large", 2)), match(e, ("small", 3), ("large", 4))])
    # SKIP_TILL_NEXT takes the first matching event and never skips it: no second match with 30@3000.
    case("cep-followed-by-takes-only-the-first-matching-event", small_then_large("followed_by"),
         [("k", 1000, 1), ("k", 2000, 20), ("k", 3000, 30)],
         lambda e: [match(e, ("small", 0), ("large", 1))])
    # noSkip (the default after-match strategy): both smalls end in the same large, two matches.
    case("cep-overlapping-matches-are-all-emitted", small_then_large("followed_by"),
         [("k", 1000, 1), ("k", 2000, 2), ("k", 3000, 20)],
         lambda e: [match(e, ("small", 0), ("large", 2)), match(e, ("small", 1), ("large", 2))])
    # Strict contiguity is per key: b's event between k's small and large does not break k's match.
    case("cep-next-is-per-key", small_then_large("next"),
         [("k", 1000, 1), ("b", 1500, 7), ("k", 2000, 20)],
         lambda e: [match(e, ("small", 0), ("large", 2))])
    # times(3): relaxed between the three (9 is skipped); every small starts a partial match.
    case("cep-times-three-is-relaxed-inside", pattern_query([stage("low", SMALL, times=3)]),
         [("k", 1000, 1), ("k", 2000, 9), ("k", 3000, 2), ("k", 4000, 3), ("k", 5000, 4)],
         lambda e: [match(e, ("low", 0), ("low", 2), ("low", 3)), match(e, ("low", 2), ("low", 3), ("low", 4))])
    # times(3).consecutive(): the 9 breaks the first run.
    case("cep-times-three-consecutive-is-strict-inside", pattern_query([stage("low", SMALL, times=3, consecutive=True)]),
         [("k", 1000, 1), ("k", 2000, 9), ("k", 3000, 2), ("k", 4000, 3), ("k", 5000, 4)],
         lambda e: [match(e, ("low", 2), ("low", 3), ("low", 4))])
    # within(1000): timed out when ts − start >= 1000. Key a: exactly 1000 apart (no match);
    # key b: 999 apart (match); key c: 1001 apart (no match).
    case("cep-within-times-out-at-exactly-the-window", small_then_large("followed_by", within_ms=1000),
         [("a", 1000, 1), ("b", 1000, 1), ("c", 1000, 1), ("b", 1999, 20), ("a", 2000, 20), ("c", 2001, 20)],
         lambda e: [match(e, ("small", 1), ("large", 3))])
    # within counts from the first event (WithinType.FIRST_AND_LAST): on key a the third small is
    # 2500 after the first (timed out) though 1000 after the second; on key b all three lie within 1999.
    case("cep-within-counts-from-the-first-event", pattern_query([stage("low", SMALL, times=3)], within_ms=2000),
         [("a", 0, 1), ("b", 0, 1), ("a", 1500, 2), ("b", 1500, 2), ("b", 1999, 3), ("a", 2500, 3)],
         lambda e: [match(e, ("low", 1), ("low", 3), ("low", 4))])
    # The fraud shape: 3 failures of a card within 60 s, then a success. card-2's success is 60 s after
    # its first failure (timed out); its later partial matches never see a third failure.
    case("cep-three-failures-then-success-within-a-minute",
         pattern_query([stage("failure", {"kind": "failure"}, times=3),
                        stage("success", {"kind": "success"}, "followed_by")], within_ms=60000),
         [("card-1", 0, 5, "failure"), ("card-2", 0, 5, "failure"), ("card-1", 10000, 5, "failure"),
          ("card-1", 20000, 5, "failure"), ("card-2", 30000, 5, "failure"), ("card-1", 30000, 9, "success"),
          ("card-2", 50000, 5, "failure"), ("card-2", 60000, 9, "success")],
         lambda e: [match(e, ("failure", 0), ("failure", 2), ("failure", 3), ("success", 5))])
    # Out of order, delay 5 s: large@2000 arrives before small@1000; both wait in the buffer and the
    # NFA sees them in event-time order, so the strict pattern matches.
    case("cep-out-of-order-input-is-matched-in-event-time-order", small_then_large("next", delay_ms=5000),
         [("k", 2000, 20), ("k", 1000, 1)],
         lambda e: [match(e, ("small", 1), ("large", 0))])
    # Equal timestamps are fed in arrival order: small then large at 5000 match.
    case("cep-equal-timestamps-keep-arrival-order", small_then_large("next"),
         [("k", 5000, 1), ("k", 5000, 20)],
         lambda e: [match(e, ("small", 0), ("large", 1))])
    # Late: after 5000 the watermark is 4999 and 3000 is late; after 6000 it is 5999 and an event AT
    # the watermark (5999) is late too (CepOperator buffers only ts > watermark). The watermark is per
    # stream: b@4000 is late although key b has seen nothing.
    case("cep-late-events-go-to-the-side-output", small_then_large("next"),
         [("k", 5000, 1), ("k", 3000, 20), ("k", 6000, 30), ("k", 5999, 2), ("b", 4000, 1)],
         lambda e: [match(e, ("small", 0), ("large", 2)), late(e[1]), late(e[3]), late(e[4])])
    return cases


def random_condition(rng):
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.35:
        return {"kind": rng.choice(["x", "y"])}
    field = rng.choice(["value_above", "value_at_least", "value_below", "value_at_most"])
    condition = {field: rng.choice([4, 6, 8, 8, 10])}
    if rng.random() < 0.15:
        condition["kind"] = rng.choice(["x", "y"])
    return condition


def random_pattern(rng):
    stages = []
    for index in range(rng.choice([1, 2, 2, 2, 3, 3])):
        times = rng.choice([1, 1, 1, 2, 3])
        stages.append(stage("s%d" % index, random_condition(rng),
                            None if index == 0 else rng.choice(["next", "followed_by"]),
                            times if times > 1 else None,
                            times > 1 and rng.random() < 0.3))
    if len(stages) == 1 and "times" not in stages[0]:
        stages[0]["times"] = 2
    return stages


def random_cep_timestamp(rng, progress_ms, disorder_ms, watermark_ms):
    """Mostly on time, on a 250 ms grid (equal timestamps, and gaps of exactly `within_ms`, are common);
    one in five at or next to the watermark, where `<` versus `<=` decides lateness."""
    if rng.random() < 0.2:
        return random_timestamp(rng, progress_ms, disorder_ms, watermark_ms)
    ts = max(0, progress_ms - rng.randint(0, disorder_ms))
    return ts - ts % 250 if rng.random() < 0.8 else ts


def random_cep_case(seed):
    """The random pattern case `seed`; the same seed always gives the same case."""
    rng = random.Random("cep-%d" % seed)
    delay_ms = rng.choice([0, 0, 500, 1000, 2000])
    within_ms = rng.choice([None, 500, 1000, 1000, 2000, 3000])
    query = pattern_query(random_pattern(rng), within_ms, delay_ms)
    count = rng.randint(3, 30)
    key_count = rng.randint(1, 3)
    disorder_ms = rng.choice([0, 500, 1000, 2000])
    step_ms = rng.choice([250, 250, 500, 1000])
    with_kinds = rng.random() < 0.7
    progress_ms = rng.choice([0, 1000])
    max_ms = None
    events = []
    for _ in range(count):
        progress_ms += rng.choice([0, step_ms, step_ms, 2 * step_ms])
        watermark_ms = (max_ms if max_ms is not None else progress_ms) - delay_ms
        event = {"key": "abc"[rng.randrange(key_count)],
                 "ts_ms": random_cep_timestamp(rng, progress_ms, disorder_ms, watermark_ms),
                 "value": rng.randint(0, 15)}
        if with_kinds:
            event["kind"] = rng.choice(["x", "x", "y"])
        max_ms = event["ts_ms"] if max_ms is None else max(max_ms, event["ts_ms"])
        events.append(event)
    return {"name": "cep-random-%d" % seed, "engine": ENGINE, "query": query, "events": events}
