import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

@Suite struct SessionWindowTests {
    func query(gapMillis: Int64, delayMillis: Int64, mode: OutputMode = .append) -> Query {
        Query(watermark: WatermarkStrategy(delay: .millis(delayMillis)), window: .session(gap: .millis(gapMillis)), outputMode: mode)
    }

    @Test func touchingSessionsMergeOnEveryEngineAndTheOracle() {
        // [0, 5 000) and [5 000, 10 000) touch: Flink's `intersects` and Spark's `start <= currentEnd` merge them.
        let events = stream([(1, 0, 1), (1, 5_000, 2)])
        let query = query(gapMillis: 5_000, delayMillis: 60_000, mode: .update)
        let expected = [Row(1, 0, 10_000, count: 2, sum: 3)]
        #expect(Oracle.results(of: query, over: events).map { Row(Emitted(output: $0, processingTime: .zero)) } == expected)
        #expect(RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: events).rows == expected)
        // Complete mode: the last batch's table is the final result (update mode would also
        // keep the superseded row of the first session).
        let micro = MicroBatchEngine(trigger: .explicit(batchSizes: [1, 1]), watermarkDelay: .millis(60_000), outputMode: .complete)
            .run(query: query, events: events)
        #expect(micro.rows.filter { $0.batch == 1 }.map { var row = $0; row.batch = nil; return row } == expected)
        #expect(BatchEngine().run(query: query, events: events).rows == expected.map { var row = $0; row.batch = 0; return row })
    }

    @Test func sessionsOneMicrosecondApartStaySeparate() {
        let events = [
            Event(id: 0, key: 1, value: 1, eventTime: .zero, arrivalTime: .zero),
            Event(id: 1, key: 1, value: 2, eventTime: Instant(micros: 5_000_001), arrivalTime: Instant(micros: 1)),
        ]
        let query = query(gapMillis: 5_000, delayMillis: 60_000)
        let rows = RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: events).outputs.map(\.output.window)
        #expect(rows == [TimeWindow(start: .zero, end: .millis(5_000)),
                         TimeWindow(start: Instant(micros: 5_000_001), end: Instant(micros: 10_000_001))])
    }

    @Test func aLateRecordBridgesTwoSessionsIntoOne() {
        let events = stream([(1, 0, 1), (1, 20_000, 2), (1, 10_000, 4)])
        let query = query(gapMillis: 10_000, delayMillis: 60_000)
        #expect(RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: events).rows
            == [Row(1, 0, 30_000, count: 3, sum: 7)])
    }

    @Test func sparkDropsASessionRecordWhoseOwnWindowEndsByThePreviousWatermark() {
        // Batch 0 moves the watermark to 30 000. Batch 1 still filters with 0, so 1 000 is
        // counted (and its session evicted with 30 000). Batch 2 filters with 30 000: the record
        // at 2 000 has [2 000, 12 000), which ends before it: late.
        let events = stream([(1, 30_000, 1), (1, 1_000, 2), (1, 2_000, 4), (1, 25_000, 8)])
        let engine = MicroBatchEngine(trigger: .explicit(batchSizes: [1, 1, 2]), watermarkDelay: .zero)
        let run = engine.run(query: query(gapMillis: 10_000, delayMillis: 0), events: events)
        #expect(run.lateSideOutput.map(\.eventTime) == [.millis(2_000)])
        // 25 000 is on time ([25 000, 35 000) ends after 30 000) and merges with [30 000, 40 000),
        // which stays open: the watermark never passes 40 000.
        #expect(run.rows == [Row(1, 1_000, 11_000, count: 1, sum: 2, batch: 1)])
        #expect(run.batchCount == 3)
    }
}

extension Row {
    init(_ row: ComparableRow) {
        self.init(row.key, row.start / 1_000, row.end / 1_000, count: row.count, sum: row.sum)
    }
}
