import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// Kafka Streams' sliding windows (`SlidingWindows.ofTimeDifferenceAndGrace`)
/// on the kafka-streams engine (record-at-a-time, per-event stream time).
/// Kafka Streams cannot run here (no pip package), so every expectation is
/// derived by hand from `KStreamSlidingWindowAggregate.java`; each comment
/// shows the steps. Times are milliseconds, Kafka's unit.
@Suite struct KafkaSlidingWindowTests {
    /// A row with Kafka Streams' inclusive end; the lab's half-open end is one millisecond later.
    func ks(_ key: Int32, _ startMillis: Int64, _ endMillis: Int64, count: Int64, sum: Double) -> Row {
        Row(key, startMillis, endMillis + 1, count: count, sum: sum)
    }

    func run(_ records: [(key: Int32, tsMillis: Int64, value: Double)], differenceMillis: Int64 = 10_000,
             graceMillis: Int64) -> EngineRun<WindowResult> {
        let engine = RecordAtATimeEngine(watermark: WatermarkStrategy(delay: .millis(graceMillis), emission: .perEvent))
        let query = Query(watermark: WatermarkStrategy(delay: .millis(graceMillis)),
                          window: .kafkaSliding(timeDifference: .millis(differenceMillis)))
        return engine.run(query: query, events: stream(records))
    }

    @Test func windowsIncludeBothEnds() {
        // 10 000: left window [0, 10 000]. 20 000: left window [10 000, 20 000] holds 10 000 too
        // (start inclusive); the previous record's right window [10 001, 20 001] holds only 20 000;
        // [0, 10 000] holds 10 000 (end inclusive) and closes once 10 000 < stream time 20 000.
        let result = run([(1, 10_000, 1), (1, 20_000, 2)], graceMillis: 0)
        #expect(result.rows == [ks(1, 0, 10_000, count: 1, sum: 1), ks(1, 10_000, 20_000, count: 2, sum: 3),
                                ks(1, 10_001, 20_001, count: 1, sum: 2)])
    }

    @Test func outOfOrderRecordFillsTheWindowsAroundIt() {
        // 120 000 first: [110 000, 120 000]. Then 112 000: it joins [110 000, 120 000]; its left window
        // [102 000, 112 000] holds it alone; its right window [112 001, 122 001] exists because
        // 120 000 falls in it, and holds only 120 000.
        let result = run([(1, 120_000, 1), (1, 112_000, 2)], graceMillis: 20_000)
        // All three close at the end of input, in order of their ends.
        #expect(result.rows == [ks(1, 102_000, 112_000, count: 1, sum: 2), ks(1, 110_000, 120_000, count: 2, sum: 3),
                                ks(1, 112_001, 122_001, count: 1, sum: 1)])
    }

    @Test func earlyRecordsShareTheWindowStartingAtZero() {
        // ts < time difference: `processEarly` puts both in [0, 10 000]; 3 000's right window
        // [3 001, 13 001] holds 8 000.
        let result = run([(1, 3_000, 1), (1, 8_000, 2)], graceMillis: 0)
        #expect(result.rows == [ks(1, 0, 10_000, count: 2, sum: 3), ks(1, 3_001, 13_001, count: 1, sum: 2)])
    }

    @Test func windowEndingExactlyAtCloseTimeIsStillOpen() {
        // Grace 2 000. After b@122 000 the close time is 120 000. a@110 000: 110 000 + 10 000 is not
        // below 120 000, so it is not skipped; its left window [100 000, 110 000] has closed
        // (110 000 < 120 000) and is not made, but the previous record's right window
        // [110 000, 120 000] ends exactly at the close time (120 000 >= 120 000) and takes it.
        let result = run([(1, 109_999, 1), (2, 122_000, 5), (1, 110_000, 2)], graceMillis: 2_000)
        #expect(result.rows == [ks(1, 99_999, 109_999, count: 1, sum: 1), ks(1, 110_000, 120_000, count: 1, sum: 2),
                                ks(2, 112_000, 122_000, count: 1, sum: 5)])
        #expect(result.lateSideOutput.isEmpty)
    }

    @Test func recordWhoseLatestWindowHasClosedIsDropped() {
        // Grace 2 000, close time 120 000 after b@122 000. a@109 999: 109 999 + 10 000 < 120 000,
        // skipped as expired (`windowEnd < windowCloseTime`). a@110 000 above still counted.
        let result = run([(1, 100_000, 1), (2, 122_000, 5), (1, 109_999, 3)], graceMillis: 2_000)
        #expect(result.rows == [ks(1, 90_000, 100_000, count: 1, sum: 1), ks(2, 112_000, 122_000, count: 1, sum: 5)])
        #expect(result.lateSideOutput.map(\.eventTime) == [.millis(109_999)])
    }

    @Test func graceKeepsAWindowOpenUntilStreamTimePassesItsEndPlusGrace() {
        // a@1 000 makes [0, 10 000] (early). After b@14 000 the close time is 14 000 − grace.
        // Grace 5 000: 9 000 <= 10 000, so [0, 10 000] is open and a@9 000 joins it; a@1 000's right
        // window [1 001, 11 001] is made for a@9 000 as well.
        let open = run([(1, 1_000, 1), (2, 14_000, 5), (1, 9_000, 2)], graceMillis: 5_000)
        #expect(open.rows.filter { $0.key == 1 } == [ks(1, 0, 10_000, count: 2, sum: 3), ks(1, 1_001, 11_001, count: 1, sum: 2)])
        // Grace 3 000: close time 11 000 > 10 000 closed [0, 10 000] without a@9 000, but
        // [1 001, 11 001] ends at 11 001 >= 11 000, is still open, and takes it: not a dropped record.
        let closed = run([(1, 1_000, 1), (2, 14_000, 5), (1, 9_000, 2)], graceMillis: 3_000)
        #expect(closed.rows.filter { $0.key == 1 } == [ks(1, 0, 10_000, count: 1, sum: 1), ks(1, 1_001, 11_001, count: 1, sum: 2)])
        #expect(closed.lateSideOutput.isEmpty)
        // Grace 1 000: close time 13 000 closes that window too, and a@9 000 counts nowhere.
        let dropped = run([(1, 1_000, 1), (2, 14_000, 5), (1, 9_000, 2)], graceMillis: 1_000)
        #expect(dropped.rows.filter { $0.key == 1 } == [ks(1, 0, 10_000, count: 1, sum: 1)])
        #expect(dropped.lateSideOutput.map(\.eventTime) == [.millis(9_000)])
    }

    @Test func finalWindowsMatchTheOracleOverAShuffledStream() {
        // No grace pressure (grace larger than any disorder): the engine's final windows are the
        // oracle's, built independently from the record-defined invariant.
        var records: [(key: Int32, tsMillis: Int64, value: Double)] = []
        var state: UInt64 = 7
        for index in 0..<400 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let jitter = Int64((state >> 33) % 4_000)
            records.append((Int32((state >> 20) % 3), 20_000 + Int64(index) * 500 + jitter, Double(index % 7)))
        }
        let result = run(records, differenceMillis: 3_000, graceMillis: 10_000)
        let query = Query(watermark: WatermarkStrategy(delay: .seconds(10)), window: .kafkaSliding(timeDifference: .seconds(3)))
        let oracle = Oracle.results(of: query, over: stream(records)).map(\.comparable).sorted()
        #expect(result.finalResults == oracle)
        #expect(result.lateSideOutput.isEmpty)
    }
}
