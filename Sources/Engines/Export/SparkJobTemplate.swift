/// The PySpark script `streamlab export --to spark` writes as `job.py`.
///
/// It runs the exported query on real Spark Structured Streaming the way the
/// conformance suite does (Conformance/spark_runner.py): each micro-batch of
/// events.jsonl becomes one file with a later modification time, the file
/// source reads one file per trigger (maxFilesPerTrigger=1), and foreachBatch
/// writes every emitted row with its batch id, in the replay output format,
/// so `streamlab replay --engine microbatch` can be compared row for row.
/// On a cluster, point `--source` at a watched directory instead.
enum SparkJobTemplate {
    static let fileName = "job.py"

    static let source = #"""
#!/usr/bin/env python3
"""StreamLab export: the scenario's windowed aggregation as a PySpark Structured Streaming job.

Usage: python job.py [--master local[1]] [--dir DIR]
Reads DIR/query.json and DIR/events.jsonl (default: this script's folder) and
writes DIR/output.jsonl: one row per emitted window, with the Spark batch id.
"""
import argparse
import json
import os
import shutil
import tempfile
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def batches_of(events_path):
    batches = []
    with open(events_path) as handle:
        for line in handle:
            if not line.strip():
                continue
            event = json.loads(line)
            if not batches or batches[-1][0] != event["batch"]:
                batches.append((event["batch"], []))
            batches[-1][1].append({"key": event["key"], "ts_ms": event["ts_ms"], "value": event["value"]})
    return [events for _, events in batches]


def write_batch_files(source_dir, batches):
    # One file per micro-batch; strictly increasing modification times give one batch per file, in order.
    base = int(time.time()) - 10 * len(batches) - 60
    for index, events in enumerate(batches):
        hidden = os.path.join(source_dir, ".batch-%06d.json" % index)
        with open(hidden, "w") as handle:
            for event in events:
                handle.write(json.dumps(event) + "\n")
        os.utime(hidden, (base + index, base + index))
        os.rename(hidden, os.path.join(source_dir, "batch-%06d.json" % index))


def window_column(window):
    if window["type"] == "tumbling":
        return F.window("ts", "%d milliseconds" % window["size_ms"])
    if window["type"] == "sliding":
        return F.window("ts", "%d milliseconds" % window["size_ms"], "%d milliseconds" % window["slide_ms"])
    return F.session_window("ts", "%d milliseconds" % window["gap_ms"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", default="local[1]")
    parser.add_argument("--dir", default=os.path.dirname(os.path.abspath(__file__)))
    arguments = parser.parse_args()
    with open(os.path.join(arguments.dir, "query.json")) as handle:
        query = json.load(handle)
    work = tempfile.mkdtemp(prefix="streamlab-export-")
    source = os.path.join(work, "source")
    os.makedirs(source)
    write_batch_files(source, batches_of(os.path.join(arguments.dir, "events.jsonl")))

    spark = (SparkSession.builder.master(arguments.master).appName("streamlab-export")
             .config("spark.sql.shuffle.partitions", "1").config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC").config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    events = (spark.readStream.schema("key STRING, ts_ms BIGINT, value BIGINT")
              .option("maxFilesPerTrigger", 1).json(source)
              .withColumn("ts", F.timestamp_millis("ts_ms"))
              .withWatermark("ts", "%d milliseconds" % query["watermark_delay_ms"]))
    rows = (events.groupBy("key", window_column(query["window"]).alias("w"))
            .agg(F.count("*").alias("count"), F.sum("value").alias("sum"),
                 F.min("value").alias("min"), F.max("value").alias("max"))
            .select("key", F.unix_millis("w.start").alias("window_start_ms"),
                    F.unix_millis("w.end").alias("window_end_ms"), "count", "sum", "min", "max"))
    output = []

    def record(frame, batch_id):
        for row in frame.collect():
            item = row.asDict()
            item["batch"] = batch_id
            output.append(item)

    stream = (rows.writeStream.outputMode(query.get("output_mode", "append"))
              .option("checkpointLocation", os.path.join(work, "checkpoint"))
              .foreachBatch(record).start())
    stream.processAllAvailable()
    stream.stop()
    spark.stop()
    shutil.rmtree(work, ignore_errors=True)
    target = os.path.join(arguments.dir, "output.jsonl")
    with open(target + ".tmp", "w") as handle:
        for item in output:
            handle.write(json.dumps(item) + "\n")
    os.replace(target + ".tmp", target)
    print("wrote %d rows to %s" % (len(output), target))


if __name__ == "__main__":
    main()
"""#
}
