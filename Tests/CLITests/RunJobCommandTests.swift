import Foundation
import Testing

/// `streamlab run --job`: the stateful operators of Dataflow/Stateful on a
/// scenario, with exact output, and one-line errors with exit code 2.
@Suite struct RunJobCommandTests {
    @Test func fraudJobCatchesThePlantedCardsBeforeTheirTransactionsClear() throws {
        let result = try StreamlabProcess.run(["run", "card-transactions", "--engine", "record", "--job", "fraud", "--events", "20000", "--seed", "3"])
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run card-transactions --engine record --preset flink --job fraud --seed 3 --events 20000
            job: fraud: 3 transactions from 3 places within 300 s per card (FraudRuleFunction), watermark delay 5 s
            preset: flink: record-at-a-time, event time, periodic watermarks every 200 ms, exactly-once checkpoints
            cost model: 5 µs per record, 0.000 ms per batch (parallelism 1)
            results: 5 alerts; first 5:
              card-3713 places 8,9,10 from 00:02:12.973, completed at 00:03:32.313, alerted at 00:03:33.847
              card-888 places 1,2,3 from 00:02:02.013, completed at 00:03:36.842, alerted at 00:03:37.089
              card-1975 places 37,38,39 from 00:02:52.992, completed at 00:05:31.354, alerted at 00:05:31.861
              card-3713 places 8,11,12 from 00:04:39.584, completed at 00:06:00.497, alerted at 00:06:01.183
              card-888 places 0,4,5 from 00:04:45.986, completed at 00:06:11.618, alerted at 00:06:11.919
            business: 3 of 3 planted fraud cards with a burst in these events caught (8 planted in all), 3 before the payment cleared (30 s after it happened); 0 cards flagged that were not planted
            state: peak 4765 cards with buffered transactions (sampled 402 times), 0 at the end
            triad:
              throughput: 20000 events in 396594.685 ms simulated = 50.429 events/s (capacity 200000 events/s)
              latency (from the transaction that completed the pattern to the alert): p50 506.314 ms, p99 1533.693 ms over 5 results
              correctness: 0 of 3 oracle flagged cards differ (0 missing, 0 extra); 0 late events not counted

            """#)
    }

    @Test func sessionTimeoutJobClosesSessionsAndAgreesWithTheOracle() throws {
        let result = try StreamlabProcess.run(["run", "clickstream-sessions", "--engine", "record", "--job", "session-timeout", "--events", "10000", "--seed", "2"])
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run clickstream-sessions --engine record --preset flink --job session-timeout --seed 2 --events 10000
            job: session-timeout: a session per key ends after 300 s without an event (SessionTimeoutFunction), watermark delay 5 s
            preset: flink: record-at-a-time, event time, periodic watermarks every 200 ms, exactly-once checkpoints
            cost model: 5 µs per record, 0.000 ms per batch (parallelism 1)
            results: 674 sessions closed; first 8:
              user-881 [00:00:03.030, 00:05:03.030) count=1, closed at 00:05:08.400
              user-729 [00:00:14.032, 00:05:14.032) count=1, closed at 00:05:19.200
              user-81 [00:00:15.852, 00:05:15.852) count=1, closed at 00:05:21.000
              user-1184 [00:00:24.315, 00:05:24.756) count=2, closed at 00:05:30.000
              user-97 [00:00:25.505, 00:05:25.505) count=1, closed at 00:05:31.000
              user-1224 [00:00:11.616, 00:05:27.957) count=4, closed at 00:05:33.200
              user-190 [00:00:30.861, 00:05:30.861) count=1, closed at 00:05:36.000
              user-49 [00:00:18.222, 00:05:39.551) count=2, closed at 00:05:44.800
            business: 674 sessions closed, 10000 events in them (mean 14.8, longest 573); 478 closed by the end-of-input watermark before their timeout; 0 oracle sessions not closed by the job
            state: peak 486 keys with an open session (sampled 402 times), 0 at the end
            triad:
              throughput: 10000 events in 666162.934 ms simulated = 15.011 events/s (capacity 200000 events/s)
              latency (from last event + gap to the session's emission, sessions that timed out before the input ended): p50 5239.533 ms, p99 5564.816 ms over 196 results
              correctness: 0 of 674 oracle sessions differ (0 missing, 0 extra); 0 late events not counted

            """#)
    }

    @Test func intervalJoinOnMicroBatchDropsLatePaymentsAndSaysSo() throws {
        let result = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--engine", "microbatch", "--job", "interval-join", "--upper-bound-seconds", "60", "--events", "5000"])
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run theworldshop-viral-night --engine microbatch --preset spark-structured-streaming --job interval-join --seed 1 --events 5000
            job: interval-join: orders ⋈ payments of the same SKU, payment.ts in [order.ts, order.ts + 60 s] (IntervalJoinOperator), watermark delay 5 s
            preset: spark-structured-streaming: micro-batch every 1 s, event-time watermark, exactly-once
            cost model: 5 µs per record, 276.000 ms per batch (parallelism 1)
            results: 3369 joined pairs; first 8:
              sku-61 order 97 ⋈ payment 155 at 22:31:00.874, emitted at 22:31:02.276
              sku-10 order 184 ⋈ payment 204 at 22:31:14.212, emitted at 22:31:15.276
              sku-59 order 256 ⋈ payment 303 at 22:31:41.504, emitted at 22:31:42.276
              sku-9 order 230 ⋈ payment 318 at 22:31:44.479, emitted at 22:31:45.276
              sku-21 order 235 ⋈ payment 321 at 22:31:45.109, emitted at 22:31:46.276
              sku-1 order 273 ⋈ payment 322 at 22:31:45.413, emitted at 22:31:46.276
              sku-10 order 184 ⋈ payment 345 at 22:31:50.982, emitted at 22:31:52.276
              sku-10 order 293 ⋈ payment 345 at 22:31:50.982, emitted at 22:31:52.276
            business: 760 of 762 payments and 779 of 824 orders found a partner; 4.4 pairs per matched payment (the SKU is the only join key)
            state: peak 117 records buffered by the join (sampled 402 times), 108 at the end
            triad:
              throughput: 5000 events in 885642.549 ms simulated = 5.646 events/s (capacity 200000 events/s)
              latency (from the later of the two records to the pair's emission): p50 1032.399 ms, p99 3051.460 ms over 3369 results
              correctness: 2 of 3371 oracle pairs differ (2 missing, 0 extra); 1 late events not counted

            """#)
    }

    @Test func tableJoinOnHourlyBatchEmitsARetractingChangelogThatMaterializesToTheOracle() throws {
        let result = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--engine", "batch", "--job", "table-join", "--events", "20000"])
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run theworldshop-viral-night --engine batch --preset spark-batch --job table-join --seed 1 --events 20000
            job: table-join: stock table ⋈ latest-order table on SKU, both upserted from their changelogs; output is a changelog (TableTableJoinOperator)
            preset: spark-batch: batch job every hour over all data so far
            cost model: 2 µs per record, 2000.000 ms per batch (parallelism 1)
            results: 521 changelog rows; first 8:
              +I sku-1 stock 38 ⋈ order 16.713, emitted at 23:00:02.021
              -U sku-1 stock 38 ⋈ order 16.713, emitted at 23:00:02.021
              +U sku-1 stock 38 ⋈ order 28.276, emitted at 23:00:02.021
              -U sku-1 stock 38 ⋈ order 28.276, emitted at 23:00:02.021
              +U sku-1 stock 38 ⋈ order 17.048, emitted at 23:00:02.021
              -U sku-1 stock 38 ⋈ order 17.048, emitted at 23:00:02.021
              +U sku-1 stock 38 ⋈ order 75.628, emitted at 23:00:02.021
              -U sku-1 stock 38 ⋈ order 75.628, emitted at 23:00:02.021
            business: changelog +I 11, -U 255, +U 255, -D 0; the final table has 11 rows, so a downstream applies 47.4 changes per row it keeps
            state: peak 203 table rows held (both sides) (sampled 3 times), 203 at the end
            triad:
              throughput: 20000 events in 5400385.305 ms simulated = 3.703 events/s (capacity 500000 events/s)
              latency (from the change to the joined row): p50 1015317.785 ms, p99 3581895.328 ms over 521 results
              correctness: 0 of 11 oracle rows of the final table differ (0 missing, 0 extra); 0 late events not counted

            """#)
    }

    /// The repeat alerts are processing-time timers seen through the job's
    /// probe: on micro-batch, Spark evaluates a GroupState timeout at the
    /// first batch after it is due, so each repeat comes 2 minutes plus up
    /// to one trigger interval after the previous one. A batch (276 ms fixed
    /// cost) fits within the 1 s trigger, so batches start on the trigger's
    /// whole seconds and end 276 ms later, and the seven repeats shown come
    /// 120 or 121 s apart.
    @Test func inventoryAlertRepeatsAtTheFirstBatchAfterEachTwoMinuteTimeoutOnMicroBatch() throws {
        let result = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--engine", "microbatch", "--job", "inventory-alert"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == #"""
            streamlab run theworldshop-viral-night --engine microbatch --preset spark-structured-streaming --job inventory-alert --seed 1 (the scenario's own length: 80775 events)
            job: inventory-alert: stock starts at 1000 units per SKU, each order sells one; alert below 10 units, repeat every 2 min while low (InventoryAlertFunction)
            preset: spark-structured-streaming: micro-batch every 1 s, event-time watermark, exactly-once
            cost model: 5 µs per record, 276.000 ms per batch (parallelism 1)
            results: 43 alerts; first 8:
              sku-0 fell below 10: 9 units at 23:07:27.160, alerted at 23:07:28.276
              sku-0 still below 10: -174 units at 23:09:27.966, alerted at 23:09:29.276
              sku-0 still below 10: -344 units at 23:11:29.202, alerted at 23:11:30.276
              sku-0 still below 10: -484 units at 23:13:30.673, alerted at 23:13:31.276
              sku-0 still below 10: -597 units at 23:15:29.736, alerted at 23:15:32.276
              sku-0 still below 10: -709 units at 23:17:30.859, alerted at 23:17:32.276
              sku-0 still below 10: -826 units at 23:19:31.449, alerted at 23:19:33.276
              sku-0 still below 10: -913 units at 23:21:32.466, alerted at 23:21:33.276
            business: 2 SKUs fell below 10 units; 2 alerted within 2 minutes of simulated time; 41 repeat alerts while stock stayed low
            state: peak 200 SKUs with stock state (sampled 402 times), 200 at the end
            triad:
              throughput: 80775 events in 5399642.549 ms simulated = 14.959 events/s (capacity 200000 events/s)
              latency (from the order that truly took the SKU below the threshold to its first alert): p50 1116.217 ms, p99 1321.212 ms over 2 results
              correctness: 0 of 2 oracle SKUs below the threshold differ (0 missing, 0 extra); 0 late events not counted

            """#)
    }

    @Test(arguments: [
        (["--job", "nope"], "error: <command line>: --job: unknown job 'nope' (known: session-timeout, inventory-alert, fraud, interval-join, enrichment, table-join, dashboard, heartbeat-alert)\n"),
        (["--job", "fraud", "--upper-bound-seconds", "30"], "error: <command line>: --upper-bound-seconds: applies to --job interval-join only\n"),
        (["--upper-bound-seconds", "30"], "error: <command line>: --upper-bound-seconds: applies to --job interval-join only\n"),
        (["--job", "interval-join", "--upper-bound-seconds", "0"], "error: <command line>: --upper-bound-seconds: must be between 1 and 86400, got 0\n"),
        (["--job", "fraud", "--query", "q.json"], "error: <command line>: --job: cannot be combined with --query\n"),
        (["--job", "interval-join"], "error: <command line>: --job: interval-join needs events of kind 'order'; scenario reference has event\n"),
    ])
    func badJobOptionsAreOneLineInputErrors(extra: [String], message: String) throws {
        let result = try StreamlabProcess.run(["run", "reference", "--engine", "record", "--events", "100"] + extra)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == message)
    }

    @Test func svgChartOfJobStateIsWrittenAndByteIdenticalAcrossRuns() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let arguments = ["run", "clickstream-sessions", "--engine", "record", "--job", "session-timeout", "--events", "3000"]
        let first = try StreamlabProcess.run(arguments + ["--svg", "a.svg"], in: directory)
        let second = try StreamlabProcess.run(arguments + ["--svg", "b.svg"], in: directory)
        #expect(first.exitCode == 0 && second.exitCode == 0)
        #expect(first.standardOutput.hasSuffix("\nwrote a.svg\n"))
        let a = try String(contentsOf: directory.appendingPathComponent("a.svg"), encoding: .utf8)
        let b = try String(contentsOf: directory.appendingPathComponent("b.svg"), encoding: .utf8)
        #expect(a == b)
        #expect(a.hasPrefix("<svg "))
        #expect(a.contains("session-timeout on clickstream-sessions, flink: state over time"))
        #expect(a.contains("<polyline"))
    }

    @Test func svgChartOfAWindowQueryCountsEventsPerWindowStart() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let result = try StreamlabProcess.run(
            ["run", "reference", "--engine", "record", "--events", "2000", "--svg", "w.svg"], in: directory)
        #expect(result.exitCode == 0)
        let svg = try String(contentsOf: directory.appendingPathComponent("w.svg"), encoding: .utf8)
        #expect(svg.contains("reference on flink: events per window start"))
    }

    @Test func svgIntoAMissingFolderIsAnInputErrorAndPrintsNothing() throws {
        let result = try StreamlabProcess.run(
            ["run", "reference", "--engine", "record", "--events", "100", "--svg", "no/such/folder/x.svg"])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError.hasPrefix("error: "))
        #expect(result.standardError.contains("--svg"))
    }
}
