import Foundation
import Testing

/// Issue 17's use cases as CLI runs: server health alerting (a heartbeat
/// timer per key on iot-sensors), clicks per page per 10 s, the IoT
/// average and maximum per device, and TheWorldShop's dashboard job. Exact
/// output; the query files live in Datasets/queries/.
@Suite struct UseCaseCommandTests {
    @Test func heartbeatAlertOnIotSensorsSeparatesRealSilencesFromDelayedHeartbeats() throws {
        let result = try StreamlabProcess.run(["run", "iot-sensors", "--engine", "record", "--job", "heartbeat-alert", "--events", "30000", "--seed", "1"], in: ExerciseFixtures.repositoryRoot)
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run iot-sensors --engine record --preset flink --job heartbeat-alert --seed 1 --events 30000
            job: heartbeat-alert: alert when a key sends no event for 30 s of event time (HeartbeatTimeoutFunction), watermark delay 5 s
            preset: flink: record-at-a-time, event time, periodic watermarks every 200 ms, exactly-once checkpoints
            cost model: 5 µs per record, 0.000 ms per batch (parallelism 1)
            results: 44 alerts; first 8:
              device-382 silent since 00:00:03.520, deadline 00:00:33.520, alerted at 00:00:33.965
              device-200 silent since 00:00:03.821, deadline 00:00:33.821, alerted at 00:00:35.092
              device-377 silent since 00:00:03.496, deadline 00:00:33.496, alerted at 00:00:38.800
              device-407 silent since 00:00:06.529, deadline 00:00:36.529, alerted at 00:00:39.163
              device-265 silent since 00:00:08.420, deadline 00:00:38.420, alerted at 00:00:41.139
              device-440 silent since 00:00:09.445, deadline 00:00:39.445, alerted at 00:00:44.600
              device-157 silent since 00:00:13.537, deadline 00:00:43.537, alerted at 00:00:48.800
              device-367 silent since 00:00:18.199, deadline 00:00:48.199, alerted at 00:00:50.619
            business: 44 alerts on 42 servers; 42 for a real silence of 30 s, 2 while heartbeats were delayed (the backlog later showed the server alive), 0 silences never alerted
            state: peak 500 servers watched (sampled 402 times), 500 at the end
            triad:
              throughput: 30000 events in 281424.290 ms simulated = 106.601 events/s (capacity 200000 events/s)
              latency (from the heartbeat deadline to the alert): p50 4920.517 ms, p99 5361.252 ms over 44 results
              correctness: 2 of 42 oracle silences differ (0 missing, 2 extra); 0 late events not counted

            """#)
    }

    @Test func clicksPerPagePer10SecondsAgreesWithTheOracleOnTheRecordEngine() throws {
        let result = try StreamlabProcess.run(["run", "clickstream-sessions", "--engine", "record", "--query", "Datasets/queries/clicks-per-page.json", "--events", "5000", "--seed", "1"], in: ExerciseFixtures.repositoryRoot)
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run clickstream-sessions --engine record --preset flink --query Datasets/queries/clicks-per-page.json --seed 1 --events 5000
            query: count of events of kind page-view by attribute over 10000 ms tumbling windows, watermark delay 2000 ms
            preset: flink: record-at-a-time, event time, periodic watermarks every 200 ms, exactly-once checkpoints
            cost model: 5 µs per record, 0.000 ms per batch (parallelism 1)
            results: 812 rows (final value per key and window); first 8:
              attribute=0 window=[30.000, 40.000) s count=2
              attribute=0 window=[40.000, 50.000) s count=3
              attribute=0 window=[50.000, 60.000) s count=3
              attribute=0 window=[60.000, 70.000) s count=1
              attribute=0 window=[70.000, 80.000) s count=2
              attribute=0 window=[80.000, 90.000) s count=2
              attribute=0 window=[90.000, 100.000) s count=2
              attribute=0 window=[110.000, 120.000) s count=1
            triad:
              throughput: 5000 events in 424036.146 ms simulated = 11.791 events/s (capacity 200000 events/s)
              latency (event time, first emission of each final row): p50 3917.327 ms, p99 11261.424 ms over 812 results
              correctness: 0 of 812 oracle rows differ (0 missing, 0 of them still open at end of input; 0 wrong; 0 extra); 0 late events not counted

            """#)
    }

    @Test func iotAverageAndMaximumPerDeviceCountLateBacklogsOnMicroBatch() throws {
        let result = try StreamlabProcess.run(["run", "iot-sensors", "--engine", "microbatch", "--query", "Datasets/queries/iot-avg-max.json", "--events", "30000", "--seed", "1"], in: ExerciseFixtures.repositoryRoot)
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run iot-sensors --engine microbatch --preset spark-structured-streaming --query Datasets/queries/iot-avg-max.json --seed 1 --events 30000
            query: count, avg, max of events by key over 60000 ms tumbling windows, watermark delay 10000 ms
            preset: spark-structured-streaming: micro-batch every 1 s, event-time watermark, exactly-once
            cost model: 5 µs per record, 276.000 ms per batch (parallelism 1)
            results: 1998 rows (final value per key and window); first 8:
              key=device-0 window=[0.000, 60.000) s count=15 avg=20.970 max=26.544
              key=device-0 window=[60.000, 120.000) s count=22 avg=20.415 max=25.397
              key=device-0 window=[120.000, 180.000) s count=11 avg=22.483 max=27.204
              key=device-0 window=[180.000, 240.000) s count=11 avg=20.893 max=26.512
              key=device-1 window=[0.000, 60.000) s count=12 avg=19.855 max=23.534
              key=device-1 window=[60.000, 120.000) s count=8 avg=20.153 max=23.112
              key=device-1 window=[120.000, 180.000) s count=19 avg=20.755 max=25.167
              key=device-1 window=[180.000, 240.000) s count=15 avg=20.275 max=25.706
            triad:
              throughput: 30000 events in 283086.462 ms simulated = 105.975 events/s (capacity 200000 events/s)
              latency (event time, first emission of each final row): p50 15306.474 ms, p99 34552.794 ms over 1998 results
              correctness: 503 of 2499 oracle rows differ (501 missing, 496 of them still open at end of input; 2 wrong; 0 extra); 27 late events not counted

            """#)
    }

    @Test func dashboardJobShowsWhenEachMinutesRightOrderCountBecameVisible() throws {
        let result = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--engine", "microbatch", "--job", "dashboard", "--events", "20000", "--seed", "1"], in: ExerciseFixtures.repositoryRoot)
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run theworldshop-viral-night --engine microbatch --preset spark-structured-streaming --job dashboard --seed 1 --events 20000
            job: dashboard: orders per minute (1-min tumbling count of kind order, all SKUs), update mode on micro-batch, watermark delay 5 s
            preset: spark-structured-streaming: micro-batch every 1 s, event-time watermark, exactly-once
            cost model: 5 µs per record, 276.000 ms per batch (parallelism 1)
            results: 1319 dashboard rows; first 8:
              [22:30:00.000, 22:31:00.000) orders=1, right at 22:30:46.276
              [22:31:00.000, 22:32:00.000) orders=17, right at 22:31:59.276
              [22:32:00.000, 22:33:00.000) orders=30, right at 22:33:01.276
              [22:33:00.000, 22:34:00.000) orders=36, right at 22:33:59.276
              [22:34:00.000, 22:35:00.000) orders=58, right at 22:34:58.276
              [22:35:00.000, 22:36:00.000) orders=65, right at 22:35:58.276
              [22:36:00.000, 22:37:00.000) orders=60, right at 22:37:01.276
              [22:37:00.000, 22:38:00.000) orders=59, right at 22:37:59.276
            business: 34 minutes with orders; 34 shown with the right count within 10 s of the minute's end, 0 never right
            state: peak 2 open windows (sampled 402 times), 1 at the end
            triad:
              throughput: 20000 events in 1988642.549 ms simulated = 10.057 events/s (capacity 200000 events/s)
              latency (from the minute's end to the first time the sink shows its right count): p50 276.040 ms, p99 5276.045 ms over 34 results
              correctness: 0 of 34 oracle minutes differ (0 missing, 0 extra); 0 late events not counted

            """#)
    }

    @Test func aHeartbeatTimeoutOfZeroInTheScenarioIsOneLineNamingTheField() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heartbeat-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try String(contentsOf: ExerciseFixtures.repositoryRoot.appendingPathComponent("Datasets/scenarios/iot-sensors.json"), encoding: .utf8)
        let file = directory.appendingPathComponent("iot.json").path
        try source.replacingOccurrences(of: "\"heartbeat_timeout_s\": 30", with: "\"heartbeat_timeout_s\": 0").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try StreamlabProcess.run(["run", file, "--engine", "record", "--job", "heartbeat-alert", "--events", "100"])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: \(file): parameters.heartbeat_timeout_s: must be a whole number of seconds from 1 to 86400, got 0.0\n")
    }
}
