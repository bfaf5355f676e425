"""Curated edge cases, one DESIGN.md rule each, with rows computed by hand.

The hand-computed rows check the real-engine runners themselves (that the
runner asks Spark and Flink the question we think it asks); the differential
suite then checks `streamlab replay` against the real engine. Each case's
comment shows the arithmetic.
"""
from cases import events_of

TUMBLING_10S = {"type": "tumbling", "size_ms": 10000}


def row(key, start, end, count, total, low, high, batch=None):
    item = {"key": key, "window_start_ms": start, "window_end_ms": end,
            "count": count, "sum": total, "min": low, "max": high}
    if batch is not None:
        item["batch"] = batch
    return item


def total(key, count, total_sum, low, high, batch):
    """A running aggregate's row (window type none): no window columns."""
    return {"key": key, "count": count, "sum": total_sum, "min": low, "max": high, "batch": batch}


def late(key, ts, value):
    return {"late": True, "key": key, "ts_ms": ts, "value": value}


def spark_cases():
    def case(name, query, events, expected, batches=None):
        item = {"name": name, "engine": "spark", "query": query, "events": events_of(events), "expected": expected}
        if batches is not None:
            item["expected_batches"] = batches
        return item

    append0 = {"window": TUMBLING_10S, "watermark_delay_ms": 0, "output_mode": "append"}
    append2s = {"window": TUMBLING_10S, "watermark_delay_ms": 2000, "output_mode": "append"}
    return [
        # Windows are [start, end): ts 10000 opens [10000, 20000). Batch 0 ends with
        # watermark 10000, so the no-data batch 1 evicts [0, 10000) (10000 <= 10000).
        case("spark-event-exactly-at-window-end", append0,
             [("a", 0, 1, 0), ("a", 10000, 2, 0)],
             [row("a", 0, 10000, 1, 1, 1, 1, batch=1)]),
        # Two watermarks: batch 2 evicts with 10000 (end of batch 1) but filters late rows
        # with 3000 (end of batch 0), so ts 9000 still counts although 10000 <= 10000.
        case("spark-two-watermark-rule-counts-row-late-only-by-current", append2s,
             [("a", 5000, 1, 0), ("a", 12000, 2, 1), ("a", 9000, 4, 2)],
             [row("a", 0, 10000, 2, 5, 1, 4, batch=2)]),
        # Batch 3 filters late rows with 10000 (the watermark batch 2 evicted with):
        # ts 9000's window end 10000 <= 10000, so it is dropped.
        case("spark-watermark-exactly-at-window-end-drops-late-row", append2s,
             [("a", 5000, 1, 0), ("a", 12000, 2, 1), ("b", 13000, 1, 2), ("a", 9000, 4, 3)],
             [row("a", 0, 10000, 1, 1, 1, 1, batch=2)]),
        # Update mode emits every changed row each batch; the no-data batch 2 evicts
        # [0, 10000) silently.
        case("spark-update-mode-emits-changed-rows-each-batch",
             {"window": TUMBLING_10S, "watermark_delay_ms": 0, "output_mode": "update"},
             [("a", 1000, 1, 0), ("a", 2000, 2, 0), ("a", 3000, 3, 1), ("b", 15000, 5, 1)],
             [row("a", 0, 10000, 2, 3, 1, 2, batch=0), row("a", 0, 10000, 3, 6, 1, 3, batch=1),
              row("b", 10000, 20000, 1, 5, 5, 5, batch=1)]),
        # Sessions [1000, 2000) and [2000, 3000) touch and merge (start <= currentEnd).
        case("spark-touching-sessions-merge",
             {"window": {"type": "session", "gap_ms": 1000}, "watermark_delay_ms": 0, "output_mode": "append"},
             [("a", 1000, 1, 0), ("a", 2000, 2, 0), ("b", 5000, 7, 1)],
             [row("a", 1000, 3000, 2, 3, 1, 2, batch=2)]),
        # ts 5000 with size 10 s and slide 5 s belongs to [0, 10000) and [5000, 15000).
        case("spark-sliding-window-membership",
             {"window": {"type": "sliding", "size_ms": 10000, "slide_ms": 5000}, "watermark_delay_ms": 0,
              "output_mode": "append"},
             [("a", 5000, 1, 0), ("b", 30000, 0, 1)],
             [row("a", 0, 10000, 1, 1, 1, 1, batch=2), row("a", 5000, 15000, 1, 1, 1, 1, batch=2)]),
        # No data batches in update mode with nothing to evict: one batch per file, then one
        # no-data batch (the watermark moved), which emits nothing.
        case("spark-no-data-batch-after-last-file",
             {"window": TUMBLING_10S, "watermark_delay_ms": 0, "output_mode": "update"},
             [("a", 25000, 1, 0)],
             [row("a", 20000, 30000, 1, 1, 1, 1, batch=0)], batches=[0, 1]),
        # Spark plans a no-data batch whenever the watermark would move
        # (StateStoreSaveExec.shouldRunAnotherBatch: newInputWatermark > eventTimeWatermarkForEviction),
        # even when no state would be evicted: [20000, 30000) stays open, yet batch 1 runs.
        case("spark-no-data-batch-runs-when-watermark-moves-without-eviction", append0,
             [("a", 25000, 1, 0)], [], batches=[0, 1]),
        # Update mode also drops late rows: batch 2 filters with 15000 (the watermark batch 1
        # used), and ts 5000's window end 10000 <= 15000.
        case("spark-update-mode-drops-late-row",
             {"window": TUMBLING_10S, "watermark_delay_ms": 0, "output_mode": "update"},
             [("a", 15000, 1, 0), ("a", 20000, 2, 1), ("a", 5000, 3, 2)],
             [row("a", 10000, 20000, 1, 1, 1, 1, batch=0), row("a", 20000, 30000, 1, 2, 2, 2, batch=1)],
             batches=[0, 1, 2]),
        # Size 5 s, slide 2 s: ts 4500 is in [0, 5000), [2000, 7000) and [4000, 9000); ts 5500 only
        # in the last two (Spark keeps a candidate window only if start <= ts < end).
        case("spark-sliding-window-slide-not-dividing-size",
             {"window": {"type": "sliding", "size_ms": 5000, "slide_ms": 2000}, "watermark_delay_ms": 0,
              "output_mode": "append"},
             [("a", 4500, 1, 0), ("a", 5500, 2, 0), ("b", 30000, 0, 1)],
             [row("a", 0, 5000, 1, 1, 1, 1, batch=1), row("a", 2000, 7000, 2, 3, 1, 2, batch=2),
              row("a", 4000, 9000, 2, 3, 1, 2, batch=2)]),
        # A running aggregate (groupBy(key), no window) in update mode: each batch emits only
        # the keys it changed. ts 500 after watermark 3000 still counts (no window, so nothing
        # is late), and no no-data batch follows although the watermark moved: nothing is
        # evicted by it (real Spark 4.3 ran batches 0, 1, 2 only).
        case("spark-running-aggregate-update-emits-changed-keys",
             {"window": {"type": "none"}, "watermark_delay_ms": 0, "output_mode": "update"},
             [("a", 1000, 1, 0), ("b", 2000, 2, 0), ("a", 3000, 3, 1), ("a", 500, 4, 2)],
             [total("a", 1, 1, 1, 1, 0), total("b", 1, 2, 2, 2, 0), total("a", 2, 4, 1, 3, 1),
              total("a", 3, 8, 1, 4, 2)], batches=[0, 1, 2]),
        # Complete mode: the whole result table every batch, b included after it stops changing.
        case("spark-running-aggregate-complete-emits-whole-table",
             {"window": {"type": "none"}, "watermark_delay_ms": 0, "output_mode": "complete"},
             [("a", 1000, 1, 0), ("b", 2000, 2, 0), ("a", 3000, 3, 1), ("a", 500, 4, 2)],
             [total("a", 1, 1, 1, 1, 0), total("b", 1, 2, 2, 2, 0), total("a", 2, 4, 1, 3, 1),
              total("b", 1, 2, 2, 2, 1), total("a", 3, 8, 1, 4, 2), total("b", 1, 2, 2, 2, 2)],
             batches=[0, 1, 2]),
    ]


def flink_cases():
    def case(name, query, events, expected):
        return {"name": name, "engine": "flink", "query": query,
                "events": events_of(events, with_batch=False), "expected": expected}

    def query(delay, lateness=0, window=TUMBLING_10S):
        return {"window": window, "watermark_delay_ms": delay, "allowed_lateness_ms": lateness}

    return [
        # ts 10000 is in [10000, 20000); its watermark 9999 fires [0, 10000) (maxTimestamp 9999 <= 9999).
        case("flink-event-exactly-at-window-end", query(0),
             [("a", 0, 1), ("a", 10000, 2)],
             [row("a", 0, 10000, 1, 1, 1, 1), row("a", 10000, 20000, 1, 2, 2, 2)]),
        # Watermark 10999 − 1000 − 1 = 9998 does not fire [0, 10000); 11000 gives 9999, which does.
        # After that ts 9000 is late (9999 + 0 <= 9999) and goes to the side output.
        case("flink-watermark-exactly-at-window-end", query(1000),
             [("a", 5000, 1), ("a", 10999, 2), ("a", 9999, 3), ("a", 11000, 4), ("a", 9000, 5)],
             [row("a", 0, 10000, 2, 4, 1, 3), late("a", 9000, 5), row("a", 10000, 20000, 2, 6, 2, 4)]),
        # Allowed lateness 2 s: ts 5000 after the first firing re-fires [0, 10000); after
        # watermark 11999 (cleanup = 9999 + 2000) ts 6000 is late.
        case("flink-allowed-lateness-refires-window", query(0, lateness=2000),
             [("a", 1000, 1), ("a", 10000, 2), ("a", 5000, 3), ("a", 12000, 4), ("a", 6000, 5)],
             [row("a", 0, 10000, 1, 1, 1, 1), row("a", 0, 10000, 2, 4, 1, 3), late("a", 6000, 5),
              row("a", 10000, 20000, 2, 6, 2, 4)]),
        # [1000, 2000) and [2000, 3000) intersect (1000 <= 3000 and 2000 >= 2000) and merge;
        # [1000, 2000) and [2001, 3001) do not. (b's first event comes first: the watermark is
        # shared by all keys, so after a's 2000 a b event at 1000 would already be late.)
        case("flink-touching-sessions-merge", query(0, window={"type": "session", "gap_ms": 1000}),
             [("b", 1000, 1), ("a", 1000, 1), ("a", 2000, 2), ("b", 2001, 2)],
             [row("a", 1000, 3000, 2, 3, 1, 2), row("b", 1000, 2000, 1, 1, 1, 1), row("b", 2001, 3001, 1, 2, 2, 2)]),
        # After ts 5000 the watermark is 4999; ts 3000 is behind it (3000 + 0 <= 4999) but its
        # window [0, 10000) is not late (maxTimestamp 9999 > 4999), so it counts and is not side-output.
        case("flink-element-behind-the-watermark-counts-in-its-open-window", query(0),
             [("a", 5000, 1), ("a", 3000, 2)],
             [row("a", 0, 10000, 2, 3, 1, 2)]),
        # ts 5000 with size 10 s and slide 5 s belongs to [0, 10000) and [5000, 15000).
        case("flink-sliding-window-membership",
             query(0, window={"type": "sliding", "size_ms": 10000, "slide_ms": 5000}),
             [("a", 5000, 1)],
             [row("a", 0, 10000, 1, 1, 1, 1), row("a", 5000, 15000, 1, 1, 1, 1)]),
        # Size 5 s, slide 2 s: ts 5500 is in [2000, 7000) and [4000, 9000) (starts from lastStart 4000
        # down while start > ts − size); ts 4500 also in [0, 5000), which watermark 5499 fires.
        case("flink-sliding-window-slide-not-dividing-size",
             query(0, window={"type": "sliding", "size_ms": 5000, "slide_ms": 2000}),
             [("a", 4500, 1), ("a", 5500, 2)],
             [row("a", 0, 5000, 1, 1, 1, 1), row("a", 2000, 7000, 2, 3, 1, 2), row("a", 4000, 9000, 2, 3, 1, 2)]),
        # WindowOperator skips each late window of an element and side-outputs the element only if
        # every window was skipped: ts 8000 after watermark 11999 misses [0, 10000) but still
        # counts in [5000, 15000), and is not a late row although 8000 + 0 <= 11999.
        case("flink-element-late-for-one-sliding-window-still-counts-in-the-other",
             query(0, window={"type": "sliding", "size_ms": 10000, "slide_ms": 5000}),
             [("a", 12000, 1), ("a", 8000, 2)],
             [row("a", 5000, 15000, 2, 3, 1, 2), row("a", 10000, 20000, 1, 1, 1, 1)]),
    ]


def all_edge_cases():
    return spark_cases() + flink_cases()
