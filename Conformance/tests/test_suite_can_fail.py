"""The suite can fail: with a deliberately wrong rule swapped into the lab
(`STREAMLAB_MUTATE`), the differential driver must report a difference.

Real-engine rows come from the quick run's cache when it exists (the real
engines are deterministic, so their rows do not depend on the lab); the
Flink test also shrinks, which starts Flink's JVM.
"""
import os
import unittest

from support import OUT, run_driver

CACHE = os.path.join(OUT, "real-cache-quick.json")


class SuiteCanFail(unittest.TestCase):
    def assert_detected(self, engine, mutation, *extra):
        code, output = run_driver("--engines", engine, "--mutate", mutation, "--%s-random" % engine, "10",
                                  "--random", "0", "--real-cache", CACHE, *extra)
        self.assertEqual(code, 1, "the suite did not fail with mutation %s:\n%s" % (mutation, output[-3000:]))
        self.assertIn("DIFF ", output)
        return output

    def test_spark_late_rule_with_less_than_instead_of_less_or_equal_is_detected(self):
        self.assert_detected("spark", "spark-late-lt", "--no-shrink")

    def test_spark_late_filter_with_the_current_watermark_is_detected(self):
        self.assert_detected("spark", "spark-current-watermark", "--no-shrink")

    def test_flink_trigger_with_less_than_is_detected_and_shrunk(self):
        output = self.assert_detected("flink", "flink-trigger-lt", "--stop-after", "1", "--shrink-budget", "40")
        self.assertIn("shrunk in", output)

    def test_cep_within_with_greater_than_instead_of_greater_or_equal_is_detected(self):
        self.assert_detected("cep", "cep-within-gt", "--no-shrink")

    def test_cep_matching_in_arrival_order_instead_of_event_time_order_is_detected(self):
        # No shrinking: it would start Flink's JVM, and CI time matters (the Flink test above shrinks).
        self.assert_detected("cep", "cep-arrival-order", "--no-shrink")

    def test_a_wrong_rule_fails_the_crash_path_too(self):
        """The crash path runs the same schedulers and rules as replay: one mutation breaks both."""
        for engine, mutation in (("flink", "flink-trigger-lt"), ("spark", "spark-current-watermark")):
            code, output = run_driver("--engines", engine, "--mutate", mutation, "--%s-random" % engine, "10",
                                      "--random", "0", "--real-cache", CACHE, "--no-shrink", "--crash-path-only")
            self.assertEqual(code, 1, "the crash path did not fail with mutation %s:\n%s" % (mutation, output[-3000:]))
            self.assertIn("crash path, exactly-once", output)

    def test_unmutated_lab_agrees_on_the_same_cases(self):
        for engine in ("spark", "flink", "cep"):
            code, output = run_driver("--engines", engine, "--%s-random" % engine, "10", "--random", "0",
                                      "--real-cache", CACHE, "--no-shrink")
            self.assertEqual(code, 0, output[-3000:])


if __name__ == "__main__":
    unittest.main()
