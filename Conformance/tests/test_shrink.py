"""The shrinker keeps cases valid and finds small failing cases (no engine needed)."""
import unittest

import support  # noqa: F401  (puts Conformance/ on the path)
from cases import random_case
from shrink import shrink


class Shrink(unittest.TestCase):
    def test_shrinks_to_the_two_events_that_together_fail(self):
        case = random_case("flink", 7)
        case["events"] = [{"key": "a", "ts_ms": 1000 * i, "value": i} for i in range(30)]

        def fails(candidate):
            stamps = {event["ts_ms"] for event in candidate["events"]}
            return 4000 in stamps and 17000 in stamps

        smallest, attempts = shrink(case, fails, budget=200)
        self.assertEqual(sorted(event["ts_ms"] for event in smallest["events"]), [4000, 17000])
        self.assertLessEqual(attempts, 200)

    def test_spark_batches_stay_consecutive_after_shrinking(self):
        case = random_case("spark", 3)
        case["events"] = [{"key": "a", "ts_ms": 100 * i, "value": 1, "batch": i // 3} for i in range(24)]

        def fails(candidate):
            return any(event["ts_ms"] == 1900 for event in candidate["events"]) and len(candidate["events"]) >= 2

        smallest, _ = shrink(case, fails, budget=200)
        batches = [event["batch"] for event in smallest["events"]]
        self.assertEqual(len(smallest["events"]), 2)
        self.assertEqual(batches[0], 0)
        self.assertTrue(all(b - a in (0, 1) for a, b in zip(batches, batches[1:])), batches)

    def test_budget_bounds_the_number_of_attempts(self):
        case = random_case("flink", 11)
        calls = []
        shrink(case, lambda candidate: calls.append(1) or True, budget=5)
        self.assertLessEqual(len(calls), 5)


if __name__ == "__main__":
    unittest.main()
