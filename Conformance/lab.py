"""Runs `streamlab replay` on a case: the system under test."""
import json
import os
import subprocess
import tempfile

from cases import case_to_files

ENGINE_FOR = {"spark": "microbatch", "flink": "record", "cep": "record"}


class LabReplay:
    def __init__(self, binary, mutate=None):
        self.binary = binary
        self.mutate = mutate

    def run(self, case, guarantee=None, crashes=None):
        """The rows `streamlab replay` prints for the case; raises RuntimeError if it fails.

        With `guarantee` the replay goes through the crash path (source,
        checkpoints or offset/commit logs, restore, sink) under `crashes`."""
        with tempfile.TemporaryDirectory(prefix="streamlab-lab-") as directory:
            case_to_files(case, directory)
            command = [self.binary, "replay", "--engine", ENGINE_FOR[case["engine"]],
                       "--query", os.path.join(directory, "query.json"),
                       "--events", os.path.join(directory, "events.jsonl")]
            if guarantee:
                command += ["--guarantee", guarantee, "--crashes", crashes or "none"]
            environment = dict(os.environ)
            if self.mutate:
                environment["STREAMLAB_MUTATE"] = self.mutate
            result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
        if result.returncode != 0:
            raise RuntimeError("streamlab replay exited %d: %s" % (result.returncode, result.stderr.strip()))
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
