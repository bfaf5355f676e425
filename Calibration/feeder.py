"""Releases a generated stream to a real engine at its simulated arrival times.

`Feeder` (Flink) listens on a local TCP port; the engine's socket source
connects and the clock starts at that moment (t0). The event that arrives at
simulated time `a` is written at wall time t0 + a, as one line
"key,event_ms". After the last event the connection stays open until
`finish()` so that the engine can drain; closing it would end Flink's source.

`FileFeeder` (Spark) releases the same lines as small files, one per 20 ms
slot, each written aside and renamed into the directory Spark's file source
watches at the slot's end: Spark's socket source is for tests only (it puts a
batch's rows into the plan, and large batches overflow the stack). An event
is released at the end of its slot, so the lab is given those release times
as arrivals (`release_us`).
"""
import os
import socket
import threading
import time


class Workload:
    """A generated stream: arrival-ordered (arrival_us, key, event_ms) rows."""

    def __init__(self, csv_path):
        self.arrival_us, self.event_ms, self.keys = [], [], []
        with open(csv_path, encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split(",")
            key_at, event_at, arrival_at = header.index("key"), header.index("event_time_ms"), header.index("arrival_time_us")
            for line in handle:
                fields = line.rstrip("\n").split(",")
                self.keys.append(fields[key_at])
                self.event_ms.append(int(fields[event_at]))
                self.arrival_us.append(int(fields[arrival_at]))
        order = sorted(range(len(self.arrival_us)), key=lambda i: self.arrival_us[i])
        self.arrival_us = [self.arrival_us[i] for i in order]
        self.event_ms = [self.event_ms[i] for i in order]
        self.keys = [self.keys[i] for i in order]

    def __len__(self):
        return len(self.arrival_us)


class FileFeeder(threading.Thread):
    SLOT_US = 20_000

    def __init__(self, workload, directory):
        super().__init__(daemon=True)
        self.workload = workload
        self.directory = directory
        self.staging = directory + ".staging"
        os.makedirs(directory, exist_ok=True)
        os.makedirs(self.staging, exist_ok=True)
        self.t0_ns = None
        self.fed = threading.Event()
        self.max_lag_ms = 0.0

    def run(self):
        self.t0_ns = time.time_ns()
        due_us, count, sent, slot = self.workload.arrival_us, len(self.workload), 0, 1
        while sent < count:
            slot_end_us = slot * self.SLOT_US
            end = sent
            while end < count and due_us[end] <= slot_end_us:
                end += 1
            if end > sent:
                name = f"part-{slot:07d}.txt"
                with open(os.path.join(self.staging, name), "w", encoding="utf-8") as handle:
                    handle.writelines(f"{self.workload.keys[i]},{self.workload.event_ms[i]}\n" for i in range(sent, end))
                wait_s = (self.t0_ns / 1000 + slot_end_us - time.time_ns() / 1000) / 1e6
                if wait_s > 0:
                    time.sleep(wait_s)
                os.rename(os.path.join(self.staging, name), os.path.join(self.directory, name))
                self.max_lag_ms = max(self.max_lag_ms, (time.time_ns() - self.t0_ns) / 1e6 - slot_end_us / 1000)
                sent = end
            slot += 1
        self.fed.set()

    def finish(self):
        pass


def released_us(arrival_us, slot_us=FileFeeder.SLOT_US):
    """When the file feeder makes an event visible: the end of its slot."""
    return [max(slot_us, -(-a // slot_us) * slot_us) for a in arrival_us]


class Feeder(threading.Thread):
    def __init__(self, workload):
        super().__init__(daemon=True)
        self.workload = workload
        self.lines = [f"{key},{event}\n".encode() for key, event in zip(workload.keys, workload.event_ms)]
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.port = self.server.getsockname()[1]
        self.t0_ns = None
        self.fed = threading.Event()
        self._finish = threading.Event()
        # The worst delay between an event's due time and its write: when the
        # feeder (or the socket's back-pressure) fell behind, the rate was not offered.
        self.max_lag_ms = 0.0

    def run(self):
        connection, _ = self.server.accept()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.t0_ns = time.time_ns()
        due_us, count, sent = self.workload.arrival_us, len(self.lines), 0
        while sent < count:
            now_us = (time.time_ns() - self.t0_ns) // 1000
            end = sent
            while end < count and due_us[end] <= now_us:
                end += 1
            if end > sent:
                connection.sendall(b"".join(self.lines[sent:end]))
                self.max_lag_ms = max(self.max_lag_ms, (now_us - due_us[sent]) / 1000)
                sent = end
            else:
                time.sleep(min(0.001, (due_us[sent] - now_us) / 1e6))
        self.fed.set()
        self._finish.wait()
        connection.close()
        self.server.close()

    def finish(self):
        self._finish.set()
