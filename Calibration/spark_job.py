"""StreamLab's timing calibration on real Spark Structured Streaming (issue 18).

A keyed 1 s tumbling count with a watermark, read live from the files the
feeder releases into SOURCE_DIR (Spark's file source), in append mode; every micro-batch's rows are written with the wall
clock at the moment the batch wrote them (a foreachBatch sink: that is when a
reader can see them). The job runs until the driver creates STOP_FILE, then
writes the queries' progress reports (one line per micro-batch). It creates
READY_FILE once the query runs, and the driver starts feeding then.

    spark_job.py SOURCE_DIR OUT_FILE TRIGGER DELAY_MS WINDOW_MS STOP_FILE PROGRESS_FILE CHECKPOINT_DIR READY_FILE

TRIGGER is "default" (no trigger set: the next micro-batch starts as soon as
the previous one finished) or an interval in milliseconds.
"""
import json
import os
import sys
import time


def main():
    source, out, trigger, delay_ms, window_ms, stop_file, progress_file, checkpoint, ready_file = sys.argv[1:10]
    from pyspark.sql import SparkSession, functions as F

    # local[1] with one shuffle partition: one task slot, like the Flink job's
    # parallelism 1 (the driver's planning still runs on its own threads).
    # The file source builds each batch's relation over that batch's new files
    # (FileStreamSource.getBatch -> InMemoryFileIndex), and Spark lists more than
    # spark.sql.sources.parallelPartitionDiscovery.threshold paths (default 32)
    # with a Spark job of one task per file (InMemoryFileIndex.bulkListLeafFiles
    # -> HadoopFSUtils.parallelListLeafFiles). Our feeder's 20 ms files are an
    # artefact of feeding live, standing in for a Kafka topic, so that job
    # measured the feeder, not the query: with it, getBatch took a median 574 ms
    # of a 1,262 ms batch (spark-100ms, 1,000 events/s) and up to 2.7 s; without
    # it, 17 ms of 690 ms. The threshold is raised so the listing stays serial.
    spark = (SparkSession.builder.master("local[1]").appName("streamlab-calibration")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "1")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.streaming.numRecentProgressUpdates", "100000")
             .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "1000000")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    lines = spark.readStream.format("text").load(source)
    fields = F.split(lines.value, ",")
    events = lines.select(fields.getItem(0).alias("key"),
                          F.timestamp_millis(fields.getItem(1).cast("long")).alias("ts"))
    counts = (events.withWatermark("ts", f"{delay_ms} milliseconds")
              .groupBy(F.window("ts", f"{window_ms} milliseconds"), "key").count())

    def write_batch(frame, batch_id):
        rows = frame.select("key", F.unix_millis("window.start").alias("start"), "count").collect()
        now_ms = time.time_ns() // 1_000_000
        with open(out, "a", encoding="utf-8") as handle:
            handle.writelines(f"{row['key']},{row['start']},{row['count']},{now_ms}\n" for row in rows)

    writer = (counts.writeStream.outputMode("append").foreachBatch(write_batch)
              .option("checkpointLocation", checkpoint))
    if trigger != "default":
        writer = writer.trigger(processingTime=f"{int(trigger)} milliseconds")
    query = writer.start()
    open(ready_file, "w").close()
    while not os.path.exists(stop_file) and query.isActive:
        time.sleep(0.1)
    progress = query.recentProgress
    query.stop()
    with open(progress_file, "w", encoding="utf-8") as handle:
        for report in progress:
            handle.write(json.dumps({"batch": report.batchId, "rows": report.numInputRows, "started": report.timestamp,
                                     "duration_ms": report.durationMs}) + "\n")
    spark.stop()


if __name__ == "__main__":
    main()
