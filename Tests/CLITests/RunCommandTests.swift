import Foundation
import Testing

/// `streamlab run`: exact output for each engine, and one-line errors with
/// exit code 2 for bad input.
@Suite struct RunCommandTests {
    @Test func recordEngineRunPrintsExcerptAndTriadForTheDefaultQuery() throws {
        let result = try StreamlabProcess.run(["run", "reference", "--engine", "record", "--events", "3000", "--seed", "5"])
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run reference --engine record --preset flink --seed 5 --events 3000
            query: event count per key per 1 s tumbling window, watermark delay 1 s
            preset: flink: record-at-a-time, event time, periodic watermarks every 200 ms, exactly-once checkpoints
            cost model: 5 µs per record, 0.000 ms per batch (parallelism 1)
            results: 950 rows (final value per key and window); first 8:
              key=k0 window=[0.000, 1.000) s count=3 sum=75.922 min=1.405 max=41.903
              key=k1 window=[0.000, 1.000) s count=1 sum=81.105 min=81.105 max=81.105
              key=k2 window=[0.000, 1.000) s count=6 sum=377.864 min=33.131 max=86.439
              key=k3 window=[0.000, 1.000) s count=6 sum=306.896 min=2.488 max=87.397
              key=k4 window=[0.000, 1.000) s count=1 sum=61.173 min=61.173 max=61.173
              key=k5 window=[0.000, 1.000) s count=3 sum=155.546 min=38.376 max=68.275
              key=k6 window=[0.000, 1.000) s count=4 sum=252.697 min=28.273 max=85.977
              key=k7 window=[0.000, 1.000) s count=6 sum=199.371 min=2.162 max=71.588
            triad:
              throughput: 3000 events in 346.813 ms simulated = 8650.195 events/s (capacity 200000 events/s)
              latency (event time, first emission of each final row): p50 120.242 ms, p99 348.191 ms over 950 results
              correctness: 0 of 950 oracle rows differ (0 missing, 0 of them still open at end of input; 0 wrong; 0 extra); 0 late events not counted

            """#)
    }

    @Test func microBatchRunReadsAQueryFileWithRunsExtensions() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let query = #"{"window":{"type":"sliding","size_ms":60000,"slide_ms":30000},"watermark_delay_ms":2000,"aggregates":["count","avg","max"],"key_by":"attribute","output_mode":"update"}"#
        try (query + "\n").write(to: directory.appendingPathComponent("q.json"), atomically: true, encoding: .utf8)
        let result = try StreamlabProcess.run(
            ["run", "iot-sensors", "--engine", "microbatch", "--query", "q.json", "--events", "2000", "--seed", "2"], in: directory)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == #"""
            streamlab run iot-sensors --engine microbatch --preset spark-structured-streaming --query q.json --seed 2 --events 2000
            query: count, avg, max of events by attribute over 60000 ms windows sliding every 30000 ms, watermark delay 2000 ms
            preset: spark-structured-streaming: micro-batch every 1 s, event-time watermark, exactly-once
            cost model: 9 µs per record, 276.000 ms per batch (parallelism 1)
            results: 24 rows (final value per key and window); first 8:
              attribute=0 window=[-30.000, 30.000) s count=157 avg=21.210 max=28.573
              attribute=0 window=[0.000, 60.000) s count=157 avg=21.210 max=28.573
              attribute=1 window=[-30.000, 30.000) s count=163 avg=21.047 max=27.778
              attribute=1 window=[0.000, 60.000) s count=163 avg=21.047 max=27.778
              attribute=2 window=[-30.000, 30.000) s count=150 avg=21.232 max=29.411
              attribute=2 window=[0.000, 60.000) s count=150 avg=21.232 max=29.411
              attribute=3 window=[-30.000, 30.000) s count=171 avg=20.578 max=28.340
              attribute=3 window=[0.000, 60.000) s count=171 avg=20.578 max=28.340
            triad:
              throughput: 2000 events in 21073.367 ms simulated = 94.907 events/s (capacity 111111 events/s)
              latency (event time, first emission of each final row): p50 1280.710 ms, p99 1536.878 ms over 24 results
              correctness: 2 of 26 oracle rows differ (2 missing, 0 of them still open at end of input; 0 wrong; 0 extra); 2 late events not counted

            """#)
    }

    @Test func batchPresetShowsStalenessOfItsNightlySchedule() throws {
        let result = try StreamlabProcess.run(
            ["run", "clickstream-sessions", "--engine", "batch", "--preset", "mapreduce", "--events", "2000", "--seed", "4"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == #"""
            streamlab run clickstream-sessions --engine batch --preset mapreduce --seed 4 --events 2000
            query: clicks per user session (gap 300 s), watermark delay 10 s
            preset: mapreduce: nightly MapReduce job, about 12 s of job overhead
            cost model: 6 µs per record, 12000.000 ms per batch (parallelism 1)
            results: 277 rows (final value per key and window); first 8:
              key=user-0 window=[11.915, 515.603) s count=115 sum=115.000 min=1.000 max=1.000
              key=user-1 window=[31.491, 515.049) s count=79 sum=79.000 min=1.000 max=1.000
              key=user-2 window=[2.011, 505.488) s count=25 sum=25.000 min=1.000 max=1.000
              key=user-3 window=[4.098, 514.491) s count=38 sum=38.000 min=1.000 max=1.000
              key=user-4 window=[47.211, 510.233) s count=25 sum=25.000 min=1.000 max=1.000
              key=user-5 window=[25.768, 515.535) s count=31 sum=31.000 min=1.000 max=1.000
              key=user-6 window=[25.809, 516.620) s count=18 sum=18.000 min=1.000 max=1.000
              key=user-7 window=[57.163, 515.766) s count=18 sum=18.000 min=1.000 max=1.000
            triad:
              throughput: 2000 events in 86410840.687 ms simulated = 0.023 events/s (capacity 166667 events/s)
              latency (event time, first emission of each final row): p50 86216660.843 ms, p99 86394008.945 ms over 277 results
              correctness: 0 of 277 oracle rows differ (0 missing, 0 of them still open at end of input; 0 wrong; 0 extra); 0 late events not counted

            """#)
    }

    @Test(arguments: [
        (["run", "reference", "--engine", "recrd"],
         "error: <command line>: --engine: unknown engine 'recrd' (known: record, microbatch, batch)\n"),
        (["run", "reference", "--engine", "record", "--preset", "flnk"],
         "error: <command line>: --preset: unknown preset 'flnk' (did you mean 'flink'?); known: flink, kafka-streams, "
            + "storm, samza, spark-structured-streaming, spark-dstream, spark-batch, hive, mapreduce\n"),
        (["run", "reference", "--engine", "record", "--preset", "hive"],
         "error: <command line>: --preset: 'hive' runs on the batch engine, not record\n"),
        (["run", "reference", "--engine", "batch", "--events", "0"],
         "error: <command line>: --events: must be at least 1, got 0\n"),
        (["run", "reference", "--engine", "record", "--parallelism", "0", "--events", "10"],
         "error: <command line>: --parallelism: must be between 1 and 4096, got 0\n"),
    ])
    func badCommandLineIsOneLineAndExitCodeTwo(arguments: [String], message: String) throws {
        let result = try StreamlabProcess.run(arguments)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == message)
    }

    @Test func unknownQueryFieldIsOneLineAndExitCodeTwo() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let query = #"{"window":{"type":"tumbling","size_ms":1000},"watermark_delay_ms":0,"colour":"red"}"#
        try query.write(to: directory.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let result = try StreamlabProcess.run(["run", "reference", "--engine", "record", "--query", "bad.json"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: bad.json: colour: unknown field (known: window, watermark_delay_ms, "
            + "output_mode, allowed_lateness_ms, aggregates, key_by, kind)\n")
    }

    @Test func sameSeedGivesByteIdenticalOutput() throws {
        let arguments = ["run", "nexmark", "--engine", "record", "--preset", "kafka-streams", "--events", "4000", "--seed", "9"]
        let first = try StreamlabProcess.run(arguments)
        let second = try StreamlabProcess.run(arguments)
        #expect(first.exitCode == 0)
        #expect(first.standardOutput == second.standardOutput)
        #expect(first.standardOutput.hasPrefix("streamlab run nexmark --engine record --preset kafka-streams --seed 9 --events 4000\n"))
    }
}
