"""The Spark side of StreamLab's conformance suite: real Apache Spark 4.3
Structured Streaming, run on replay cases (issue 3, section 9).

Model: one local[1] SparkSession (one shuffle partition, UI off) serves the
whole suite; each case is one streaming query, run to completion before the
next starts. A case's micro-batches become files in a fresh source directory,
written before the query starts with strictly increasing modification times,
and the file source reads them with maxFilesPerTrigger=1, so file k is batch
k, in order (Spark's FileStreamSource sorts new files by modification time
and takes at most maxFilesPerTrigger per batch).
`processAllAvailable()` then also runs the trailing no-data batch that Spark
plans when the watermark would move (MicroBatchExecution: a batch runs when
new data is available or the last execution "requires another batch").
foreachBatch records every emitted row with its batch id.
"""
import json
import os
import shutil
import tempfile
import time

EVENT_SCHEMA = "key STRING, ts_ms BIGINT, value BIGINT"


def group_batches(events):
    """Events grouped by their `batch` field, in batch order (the field is non-decreasing)."""
    batches = []
    last = None
    for event in events:
        if last is None or event["batch"] != last:
            batches.append([])
            last = event["batch"]
        batches[-1].append(event)
    return batches


class SparkReplay:
    """Runs replay cases on real Spark, one streaming query per case, in one JVM."""

    def __init__(self, work_dir=None):
        from pyspark.sql import SparkSession

        self.work_dir = work_dir or tempfile.mkdtemp(prefix="streamlab-spark-")
        self.spark = (
            SparkSession.builder.master("local[1]")
            .appName("streamlab-conformance")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.sql.streaming.minBatchesToRetain", "2")
            .config("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true")
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")
        self.counter = 0

    def stop(self):
        self.spark.stop()
        shutil.rmtree(self.work_dir, ignore_errors=True)

    def run(self, query, events):
        """Returns (rows, batch_ids): rows are replay output dicts with "batch"; batch_ids are every batch Spark ran."""
        self.counter += 1
        case_dir = os.path.join(self.work_dir, "case-%06d" % self.counter)
        source_dir = os.path.join(case_dir, "source")
        os.makedirs(source_dir)
        write_batch_files(source_dir, group_batches(events))
        try:
            return self._run_query(query, source_dir, os.path.join(case_dir, "checkpoint"))
        finally:
            shutil.rmtree(case_dir, ignore_errors=True)

    def _run_query(self, query, source_dir, checkpoint_dir):
        rows, batch_ids = [], []

        def record(frame, batch_id):
            # Spark: foreachBatch gets each micro-batch's output with its batch id,
            # also for no-data batches (which then carry no rows).
            batch_ids.append(batch_id)
            for row in frame.collect():
                item = row.asDict()
                item["batch"] = batch_id
                rows.append(item)

        stream = (
            self.aggregated(query, source_dir)
            .writeStream.outputMode(query["output_mode"])
            .option("checkpointLocation", checkpoint_dir)
            .foreachBatch(record)
            .start()
        )
        try:
            stream.processAllAvailable()
        finally:
            stream.stop()
        return rows, batch_ids

    def aggregated(self, query, source_dir):
        """The replay query: withWatermark on ts_ms, then window by key, then count/sum/min/max of value."""
        from pyspark.sql import functions as F

        frame = (
            self.spark.readStream.schema(EVENT_SCHEMA)
            .option("maxFilesPerTrigger", 1)
            .json(source_dir)
            .withColumn("ts", F.timestamp_millis("ts_ms"))
            .withWatermark("ts", "%d milliseconds" % query["watermark_delay_ms"])
        )
        aggregates = [
            F.count("*").alias("count"),
            F.sum("value").alias("sum"),
            F.min("value").alias("min"),
            F.max("value").alias("max"),
        ]
        if query["window"]["type"] == "none":
            # A running aggregate, groupBy(key) with no window: rows carry no window columns.
            return frame.groupBy("key").agg(*aggregates).select("key", "count", "sum", "min", "max")
        window = window_column(query["window"])
        return (
            frame.groupBy("key", window.alias("w"))
            .agg(*aggregates)
            .select(
                "key",
                F.unix_millis("w.start").alias("window_start_ms"),
                F.unix_millis("w.end").alias("window_end_ms"),
                "count",
                "sum",
                "min",
                "max",
            )
        )


def window_column(window):
    from pyspark.sql import functions as F

    kind = window["type"]
    if kind == "tumbling":
        return F.window("ts", "%d milliseconds" % window["size_ms"])
    if kind == "sliding":
        return F.window("ts", "%d milliseconds" % window["size_ms"], "%d milliseconds" % window["slide_ms"])
    if kind == "session":
        return F.session_window("ts", "%d milliseconds" % window["gap_ms"])
    raise ValueError("query.json: window.type: unknown type %r" % kind)


def write_batch_files(source_dir, batches):
    """One JSON file per micro-batch, modification times one second apart and in batch order.

    Files are written under a hidden name (the file source skips names starting
    with "."), then renamed, so the source never lists a partial file.
    """
    base_seconds = int(time.time()) - 10 * len(batches) - 60
    for index, batch in enumerate(batches):
        name = "batch-%06d.json" % index
        hidden = os.path.join(source_dir, "." + name)
        with open(hidden, "w") as handle:
            for event in batch:
                handle.write(json.dumps({"key": event["key"], "ts_ms": event["ts_ms"], "value": event["value"]}) + "\n")
        stamp = base_seconds + index
        os.utime(hidden, (stamp, stamp))
        os.rename(hidden, os.path.join(source_dir, name))
