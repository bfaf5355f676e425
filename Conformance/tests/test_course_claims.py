"""Claims from the course material, put to real Spark 4.3.0 (issue 17, item 10).

Each test runs the configuration the claim implies on real Spark (`local[1]`,
a `rate` source) and asserts what Spark does: the lesson
"What the course gets wrong" (Notebooks-md) quotes these outcomes, and this
file is where they are shown to be Spark's, not the lab's.
"""
import shutil
import tempfile
import unittest


class SparkClaims(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from pyspark.sql import SparkSession, functions
        cls.F = functions
        cls.spark = (SparkSession.builder.master("local[1]").appName("streamlab-claims")
                     .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate())
        cls.spark.sparkContext.setLogLevel("ERROR")
        cls.rate = cls.spark.readStream.format("rate").option("rowsPerSecond", 20).load()

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()

    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="streamlab-claims-")

    def tearDown(self):
        shutil.rmtree(self.directory, ignore_errors=True)

    def start(self, writer):
        return writer.option("checkpointLocation", self.directory + "/checkpoint").start()

    def failure(self, writer):
        """The message Spark raises when the query is started (or its first batch runs)."""
        try:
            query = self.start(writer)
            query.processAllAvailable()
            query.stop()
        except Exception as error:  # pyspark raises its own exception classes
            return str(error)
        self.fail("Spark accepted the query")

    def windowed_counts(self):
        F = self.F
        keyed = self.rate.withColumn("key", F.col("value") % 3)
        return keyed.withWatermark("timestamp", "1 second").groupBy(F.window("timestamp", "1 second"), "key").count()

    def test_a_parquet_file_sink_refuses_update_mode(self):
        """"Write the running totals to Parquet in update mode": the file sink is append-only."""
        writer = self.windowed_counts().writeStream.format("parquet").outputMode("update").option("path", self.directory + "/out")
        message = self.failure(writer)
        self.assertIn("STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE", message)
        self.assertIn("parquet", message)

    def test_there_is_no_jdbc_streaming_sink(self):
        """"writeStream.format('jdbc')": JDBC is a batch source and sink only; streams use foreachBatch."""
        message = self.failure(self.rate.writeStream.format("jdbc"))
        self.assertIn("does not support streamed writing", message)

    def test_continuous_processing_runs_no_aggregation(self):
        """Continuous processing (about 1 ms) runs map-like queries only."""
        writer = self.windowed_counts().writeStream.format("memory").queryName("continuous_counts") \
            .outputMode("update").trigger(continuous="1 second")
        self.assertIn("Continuous processing does not support", self.failure(writer))

    def test_micro_batches_have_watermarks_and_session_windows(self):
        """"Micro-batch has no watermarks and limited windowing": keyed session windows with a
        watermark run in append mode, and the watermark finalises them."""
        F = self.F
        keyed = self.rate.withColumn("key", F.col("value") % 3)
        sessions = keyed.withWatermark("timestamp", "1 second").groupBy(F.session_window("timestamp", "2 seconds"), "key").count()
        query = self.start(sessions.writeStream.format("memory").queryName("sessions").outputMode("append"))
        try:
            query.processAllAvailable()
            self.assertIsNone(query.exception())
            self.assertIn("eventTime", query.lastProgress or {"eventTime": {}})
        finally:
            query.stop()


if __name__ == "__main__":
    unittest.main()
