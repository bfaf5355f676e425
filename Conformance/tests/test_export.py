"""Every exported job runs locally on the real engine and gives the same rows
as the lab (`streamlab replay`) on the same data."""
import glob
import json
import os
import subprocess
import tempfile
import unittest

from support import PYTHON, STREAMLAB
from compare import difference, format_difference
from flink_runner import JAVA_OPTIONS, flink_lib


def read_rows(path):
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


SCENARIOS = ["card-transactions", "clickstream-sessions", "iot-sensors", "nexmark", "onoff-bursts", "reference",
             "theworldshop-viral-night"]


class ExportedJobs(unittest.TestCase):
    def export(self, directory, *arguments):
        result = subprocess.run([STREAMLAB, "export", *arguments, "--out", directory], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)

    def lab_rows(self, directory, engine):
        result = subprocess.run([STREAMLAB, "replay", "--engine", engine, "--query", os.path.join(directory, "query.json"),
                                 "--events", os.path.join(directory, "events.jsonl")], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]

    def assert_same_rows(self, real_name, real, lab):
        only_real, only_lab = difference(real, lab)
        self.assertFalse(only_real or only_lab, "\n" + format_difference(real_name, only_real, only_lab))
        self.assertGreater(len(real), 0)

    def run_spark_export(self, directory):
        subprocess.run([PYTHON, os.path.join(directory, "job.py")], check=True, capture_output=True, timeout=900)
        self.assert_same_rows("spark", read_rows(os.path.join(directory, "output.jsonl")),
                              self.lab_rows(directory, "microbatch"))

    def test_exported_spark_job_matches_the_lab(self):
        with tempfile.TemporaryDirectory(prefix="streamlab-export-spark-") as directory:
            self.export(directory, "iot-sensors", "--to", "spark", "--seed", "5", "--events", "400",
                        "--window", "sliding:5000:2000", "--watermark-delay-ms", "1000", "--output-mode", "update")
            self.run_spark_export(directory)

    def test_exported_flink_job_matches_the_lab(self):
        with tempfile.TemporaryDirectory(prefix="streamlab-export-flink-") as directory:
            self.export(directory, "clickstream-sessions", "--to", "flink", "--seed", "5", "--events", "600",
                        "--window", "session:20000", "--watermark-delay-ms", "3000", "--allowed-lateness-ms", "5000")
            self.run_flink_export(directory)

    @unittest.skipUnless(os.environ.get("STREAMLAB_EXPORT_ALL") == "1",
                         "every scenario on both engines runs in the full suite (scripts/conformance-run.sh)")
    def test_every_scenario_exports_jobs_that_match_the_lab_on_both_engines(self):
        for scenario in SCENARIOS:
            for engine in ("spark", "flink"):
                with self.subTest(scenario=scenario, engine=engine), \
                        tempfile.TemporaryDirectory(prefix=f"streamlab-export-{engine}-") as directory:
                    # Update mode on Spark: a short bounded input never closes its last windows in
                    # append mode (Spark has no final watermark), and an empty comparison proves nothing.
                    mode = ["--output-mode", "update"] if engine == "spark" else []
                    self.export(directory, scenario, "--to", engine, "--seed", "11", "--events", "800", *mode)
                    if engine == "spark":
                        self.run_spark_export(directory)
                    else:
                        self.run_flink_export(directory)

    def run_flink_export(self, directory):
        library = os.path.join(flink_lib(None), "*")
        subprocess.run(["javac", "-nowarn", "-cp", library, "StreamLabJob.java"], cwd=directory, check=True,
                       capture_output=True, timeout=600)
        log_config = os.path.join(os.path.dirname(flink_lib.__code__.co_filename), "flink", "log4j2.properties")
        subprocess.run(["java", *JAVA_OPTIONS, "-Dlog4j.configurationFile=" + log_config,
                        "-cp", library + os.pathsep + ".", "StreamLabJob", "."],
                       cwd=directory, check=True, capture_output=True, timeout=900)
        self.assertTrue(glob.glob(os.path.join(directory, "*.class")))
        self.assert_same_rows("flink", read_rows(os.path.join(directory, "output.jsonl")),
                              self.lab_rows(directory, "record"))


if __name__ == "__main__":
    unittest.main()
