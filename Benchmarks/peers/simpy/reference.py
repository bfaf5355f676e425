"""The SimPy peer for StreamLab's reference workload (issue 7).

Model: the same workload as Benchmarks/peers/c/reference.c and
`streamlab bench reference`: Poisson arrivals at 10,000/s, a lognormal
transport delay (median 50 ms, sigma 0.5), delivery through SimPy's event
queue, and a 1-second tumbling count by event time with a Flink
bounded-out-of-orderness watermark (max event time - 200 ms - 1, per event).

SimPy's leanest idiom is used on purpose: no processes or generators, just
`env.timeout(delay)` with a plain callback appended to it, so the figure is
SimPy's scheduling cost and not coroutine overhead. Time is kept in integer
microseconds like the other two programs. Python's `random` is also a
Mersenne Twister (mt19937), like the C peer.

Usage: python reference.py EVENTS SEED  -> one JSON line on stdout.
"""
import json
import math
import random
import resource
import sys
import time

import simpy

WINDOW_MICROS = 1_000_000
OUT_OF_ORDERNESS_MICROS = 200_000


class TumblingCount:
    """Flink: a window fires when window.maxTimestamp (end - 1) <= watermark."""

    def __init__(self):
        self.counts = {}
        self.next_to_fire = 0
        self.max_event_time = -(1 << 63)
        self.dropped = 0
        self.fired = 0
        self.counted = 0

    def fire_ready(self, watermark):
        while self.next_to_fire + WINDOW_MICROS - 1 <= watermark:
            count = self.counts.pop(self.next_to_fire, 0)
            if count:
                self.fired += 1
                self.counted += count
            self.next_to_fire += WINDOW_MICROS

    def process(self, event_time):
        start = event_time - event_time % WINDOW_MICROS
        if start < self.next_to_fire:
            self.dropped += 1
        else:
            self.counts[start] = self.counts.get(start, 0) + 1
        if event_time > self.max_event_time:
            self.max_event_time = event_time
            self.fire_ready(event_time - OUT_OF_ORDERNESS_MICROS - 1)


def run(events, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    window = TumblingCount()
    zeta = math.log(0.050)
    state = {"generated": 0}

    def deliver(timeout):
        window.process(timeout.value)

    def generate(_):
        now = env.now
        delay = round(rng.lognormvariate(zeta, 0.5) * 1e6)
        env.timeout(delay, value=now).callbacks.append(deliver)
        state["generated"] += 1
        if state["generated"] < events:
            env.timeout(round(rng.expovariate(10_000.0) * 1e6)).callbacks.append(generate)

    env.timeout(round(rng.expovariate(10_000.0) * 1e6)).callbacks.append(generate)
    begin = time.perf_counter()
    env.run()
    last = window.max_event_time
    window.fire_ready(last - last % WINDOW_MICROS + WINDOW_MICROS - 1)
    wall = time.perf_counter() - begin
    if window.counted + window.dropped != events:
        sys.exit(f"reference.py: lost events ({window.counted} + {window.dropped} != {events})")
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "events": events, "wall_s": round(wall, 6), "events_per_s": round(events / wall),
        "peak_rss_mb": round(peak_rss_mb, 1), "windows": window.fired, "dropped": window.dropped,
    }, separators=(",", ":")))


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
