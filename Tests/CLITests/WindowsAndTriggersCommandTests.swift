import Foundation
import Testing

/// Issue 17 items 5 and 7 on the command line: `run --trigger`, running
/// aggregates (window type none), Kafka Streams' sliding windows
/// (time_difference_ms), and `crash --trigger continuous`. Exact output.
@Suite struct WindowsAndTriggersCommandTests {
    func runInDirectory(_ query: String, _ arguments: [String]) throws -> StreamlabProcess.Result {
        let directory = try StreamlabProcess.temporaryDirectory()
        try (query + "\n").write(to: directory.appendingPathComponent("q.json"), atomically: true, encoding: .utf8)
        return try StreamlabProcess.run(arguments, in: directory)
    }

    @Test func defaultTriggerRunsARunningAggregateInUpdateMode() throws {
        let result = try runInDirectory(
            #"{"window":{"type":"none"},"watermark_delay_ms":0,"output_mode":"update","aggregates":["count"]}"#,
            ["run", "theworldshop-viral-night", "--engine", "microbatch", "--query", "q.json", "--events", "1500", "--seed", "4",
             "--trigger", "default"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == #"""
            streamlab run theworldshop-viral-night --engine microbatch --preset spark-structured-streaming --query q.json --seed 4 --trigger default --events 1500
            query: count of events by key over no window (a running aggregate), watermark delay 0 ms
            preset: spark-structured-streaming: spark-structured-streaming with no trigger set (the next batch starts when the previous one ends)
            cost model: 5 µs per record, 276.000 ms per batch (parallelism 1)
            results: 173 rows (final value per key and window); first 8:
              key=sku-0 window=none count=233
              key=sku-1 window=none count=117
              key=sku-2 window=none count=70
              key=sku-3 window=none count=72
              key=sku-4 window=none count=46
              key=sku-5 window=none count=48
              key=sku-6 window=none count=32
              key=sku-7 window=none count=43
            triad:
              throughput: 1500 events in 325993.598 ms simulated = 4.601 events/s (capacity 200000 events/s)
              latency (event time, first emission of each final row): p50 635.100 ms, p99 1753.279 ms over 173 results
              correctness: 0 of 173 oracle rows differ (0 missing, 0 of them still open at end of input; 0 wrong; 0 extra); 0 late events not counted

            """#)
    }

    @Test func kafkaStreamsSlidingWindowsPrintInclusiveEnds() throws {
        let result = try runInDirectory(
            #"{"window":{"type":"sliding","time_difference_ms":5000},"watermark_delay_ms":1000,"aggregates":["count"]}"#,
            ["run", "iot-sensors", "--engine", "record", "--preset", "kafka-streams", "--query", "q.json", "--events", "1500", "--seed", "4"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == #"""
            streamlab run iot-sensors --engine record --preset kafka-streams --query q.json --seed 4 --events 1500
            query: count of events by key over Kafka Streams sliding windows (time difference 5000 ms, both ends inclusive), watermark delay 1000 ms
            preset: kafka-streams: record-at-a-time, stream time plus a grace period (the query's delay), commits every 30 s
            cost model: 29 µs per record, 0.000 ms per batch (parallelism 1)
            results: 2118 rows (final value per key and window); first 8:
              key=device-0 window=[0.000, 5.000] s count=2
              key=device-0 window=[2.276, 7.276] s count=1
              key=device-0 window=[8.023, 13.023] s count=1
              key=device-1 window=[0.000, 5.000] s count=1
              key=device-1 window=[3.297, 8.297] s count=2
              key=device-1 window=[3.411, 8.411] s count=1
              key=device-1 window=[3.540, 8.540] s count=2
              key=device-1 window=[6.390, 11.390] s count=3
            triad:
              throughput: 1500 events in 15348.066 ms simulated = 97.732 events/s (capacity 34483 events/s)
              latency (event time, first emission of each final row): p50 1216.915 ms, p99 5916.262 ms over 2118 results
              correctness: 19 of 2136 oracle rows differ (18 missing, 0 of them still open at end of input; 1 wrong; 0 extra); 7 late events not counted

            """#)
    }

    @Test(arguments: [
        (#"{"window":{"type":"sliding","time_difference_ms":0},"watermark_delay_ms":0}"#, ["--preset", "kafka-streams"],
         "error: q.json: window.time_difference_ms: must be at least 1\n"),
        (#"{"window":{"type":"sliding","time_difference_ms":1000,"size_ms":1000},"watermark_delay_ms":0}"#, ["--preset", "kafka-streams"],
         "error: q.json: window.size_ms: unknown field for a sliding window\n"),
        (#"{"window":{"type":"sliding","time_difference_ms":1000},"watermark_delay_ms":0}"#, [String](),
         "error: q.json: window.time_difference_ms: Kafka Streams' sliding windows (time_difference_ms) run on --preset kafka-streams, not flink\n"),
        (#"{"window":{"type":"none"},"watermark_delay_ms":0,"output_mode":"update"}"#, [String](),
         "error: q.json: window.type: none (a running aggregate) follows Spark's update and complete modes: run it on a micro-batch event-time preset or a batch preset, not flink\n"),
        (#"{"window":{"type":"none"},"watermark_delay_ms":0}"#, [String](),
         "error: q.json: output_mode: must be update or complete for a running aggregate (window type none); Spark refuses append for an aggregation without an event-time window\n"),
    ])
    func badWindowIsOneLineAndExitCodeTwo(query: String, extra: [String], message: String) throws {
        let result = try runInDirectory(query, ["run", "reference", "--engine", "record", "--query", "q.json", "--events", "10"] + extra)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == message)
    }

    @Test(arguments: [
        (["run", "reference", "--engine", "microbatch", "--trigger", "continuous"],
         "error: <command line>: --trigger: continuous processing supports only map-like queries (select, where, map), not a windowed aggregation; Spark's UnsupportedOperationChecker rejects it\n"),
        (["run", "reference", "--engine", "microbatch", "--trigger", "interval:0s"],
         "error: <command line>: --trigger: the duration must be positive\n"),
        (["run", "reference", "--engine", "microbatch", "--trigger", "soon"],
         "error: <command line>: --trigger: must be default, interval:DURATION, continuous or continuous:DURATION, got 'soon'\n"),
        (["run", "reference", "--engine", "record", "--trigger", "default"],
         "error: <command line>: --trigger: applies to Spark Structured Streaming presets only, not flink\n"),
        (["crash", "reference", "--engine", "spark-structured-streaming", "--trigger", "continuous", "--guarantee", "exactly-once"],
         "error: <command line>: --guarantee: continuous processing (Trigger.Continuous) offers at-least-once only, not exactly-once (Spark's guide, Continuous Processing)\n"),
        (["crash", "reference", "--engine", "spark-structured-streaming", "--trigger", "continuous", "--guarantee", "at-least-once"],
         "error: <command line>: --trigger: continuous processing supports only map-like queries (select, where, map), not the crash pipeline's per-key running totals; Spark's UnsupportedOperationChecker rejects it\n"),
    ])
    func badTriggerIsOneLineAndExitCodeTwo(arguments: [String], message: String) throws {
        let result = try StreamlabProcess.run(arguments)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == message)
    }
}
