"""Drives the real Flink runner (flink/FlinkReplay.java): one JVM for a whole
suite, fed job lines on stdin, so Flink's start-up cost is paid once."""
import json
import os
import shutil
import subprocess
import tempfile

from cases import case_to_files

HERE = os.path.dirname(os.path.abspath(__file__))
JAVA_OPTIONS = ["--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED"]
REPLY_PREFIX = "@@streamlab "


def flink_lib(python=None):
    import importlib.util

    spec = importlib.util.find_spec("pyflink")
    return os.path.join(os.path.dirname(spec.origin), "lib")


class FlinkReplay:
    """Runs replay cases on real Flink; `run_many` puts several cases in one job."""

    def __init__(self, classes_dir=None, work_dir=None):
        classes_dir = classes_dir or os.environ.get("STREAMLAB_FLINK_CLASSES") or os.path.join(HERE, ".venv", "flink-classes")
        self.work_dir = work_dir or tempfile.mkdtemp(prefix="streamlab-flink-")
        classpath = os.path.join(flink_lib(None), "*") + os.pathsep + classes_dir
        log_config = os.path.join(HERE, "flink", "log4j2.properties")
        self.process = subprocess.Popen(
            ["java", *JAVA_OPTIONS, "-Dlog4j.configurationFile=" + log_config, "-cp", classpath, "FlinkReplay"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.counter = 0

    def stop(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=60)
        shutil.rmtree(self.work_dir, ignore_errors=True)

    def run(self, case):
        return self.run_many([case])[0]

    def run_many(self, cases):
        """Rows per case, in the order given."""
        directories = []
        for case in cases:
            self.counter += 1
            directory = os.path.join(self.work_dir, "case-%06d" % self.counter)
            os.makedirs(directory)
            case_to_files(case, directory)
            directories.append(directory)
        self.process.stdin.write("\t".join(directories) + "\n")
        self.process.stdin.flush()
        reply = self._reply()
        if not reply.startswith("done"):
            raise RuntimeError("Flink runner: " + reply)
        results = []
        for directory in directories:
            with open(os.path.join(directory, "flink.jsonl")) as handle:
                results.append([json.loads(line) for line in handle if line.strip()])
            shutil.rmtree(directory, ignore_errors=True)
        return results

    def _reply(self):
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("Flink runner exited with code %s" % self.process.wait())
            if line.startswith(REPLY_PREFIX):
                return line[len(REPLY_PREFIX):].strip()
