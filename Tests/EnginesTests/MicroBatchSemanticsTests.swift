import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

@Suite struct MicroBatchSemanticsTests {
    /// Runs records tagged with their batch number, the way `replay` does.
    func run(_ records: [(key: Int32, tsMillis: Int64, value: Double, batch: Int)], delayMillis: Int64 = 0,
             mode: OutputMode = .append, window: WindowSpec = .tumbling(size: .millis(10_000)),
             mutation: RuleMutation? = nil, noDataBatches: Bool = true) -> EngineRun<WindowResult> {
        let events = stream(records.map { ($0.key, $0.tsMillis, $0.value) })
        let engine = MicroBatchEngine(trigger: .explicit(batchSizes: batchSizes(records.map(\.batch))),
                                      watermarkDelay: .millis(delayMillis), outputMode: mode,
                                      noDataBatches: noDataBatches, mutation: mutation)
        let query = Query(watermark: WatermarkStrategy(delay: .millis(delayMillis)), window: window, outputMode: mode)
        return engine.run(query: query, events: events)
    }

    @Test func watermarkExactlyAtWindowEndEvictsTheWindow() {
        // Watermark after batch 1 is 10 000 = end of [0, 10 000): `end <= watermark` evicts it in
        // the trailing no-data batch 2.
        let result = run([(1, 5_000, 1, 0), (1, 10_000, 2, 1)])
        #expect(result.rows == [Row(1, 0, 10_000, count: 1, sum: 1, batch: 2)])
        #expect(result.batchCount == 3)
        #expect(result.noDataBatchCount == 1)
    }

    @Test func strictComparisonMutationKeepsTheBoundaryWindowOpen() {
        let result = run([(1, 5_000, 1, 0), (1, 10_000, 2, 1)], mutation: .sparkLateLessThan)
        #expect(result.rows.isEmpty)
    }

    @Test func eventLateByCurrentWatermarkButNotByPreviousIsStillCounted() {
        // Batch 0 moves the watermark to 12 000. Batch 1 filters late rows with batch 0's
        // watermark (0), so ts 5 000 is counted, then evicts [0, 10 000) with 12 000 and emits it.
        let result = run([(1, 12_000, 1, 0), (1, 5_000, 4, 1), (1, 6_000, 8, 2)])
        #expect(result.rows == [Row(1, 0, 10_000, count: 1, sum: 4, batch: 1)])
        // Batch 2 filters with batch 1's watermark (12 000): ts 6 000 is late and reported.
        #expect(result.lateSideOutput.map(\.eventTime) == [.millis(6_000)])
    }

    @Test func currentWatermarkMutationDropsTheRowSparkCounts() {
        let result = run([(1, 12_000, 1, 0), (1, 5_000, 4, 1)], mutation: .sparkCurrentWatermark)
        #expect(result.rows.isEmpty)
        #expect(result.lateSideOutput.map(\.eventTime) == [.millis(5_000)])
    }

    @Test func noDataBatchRunsOnlyWhenTheWatermarkWouldAdvance() {
        let advancing = run([(1, 1_000, 1, 0), (1, 2_000, 1, 1)])
        #expect(advancing.batchCount == 3)
        #expect(advancing.noDataBatchCount == 1)
        // Batch 1 holds an older record: the watermark stays at 5 000, no trailing batch.
        let stalled = run([(1, 5_000, 1, 0), (1, 1_000, 1, 1)])
        #expect(stalled.batchCount == 2)
        #expect(stalled.noDataBatchCount == 0)
        let disabled = run([(1, 1_000, 1, 0), (1, 2_000, 1, 1)], noDataBatches: false)
        #expect(disabled.batchCount == 2)
    }

    @Test func completeModeNeverRunsNoDataBatches() {
        // Spark's StateStoreSaveExec.shouldRunAnotherBatch holds only in append and update mode.
        let complete = run([(1, 1_000, 1, 0), (1, 2_000, 1, 1)], mode: .complete)
        #expect(complete.batchCount == 2)
        #expect(complete.noDataBatchCount == 0)
    }

    @Test func updateModeEmitsChangedRowsEachBatchWhileAppendEmitsOnceOnEviction() {
        let records: [(key: Int32, tsMillis: Int64, value: Double, batch: Int)] =
            [(1, 1_000, 1, 0), (1, 2_000, 2, 1), (1, 15_000, 5, 1)]
        #expect(run(records, mode: .update).rows == [
            Row(1, 0, 10_000, count: 1, sum: 1, batch: 0),
            Row(1, 0, 10_000, count: 2, sum: 3, batch: 1),
            Row(1, 10_000, 20_000, count: 1, sum: 5, batch: 1),
        ])
        #expect(run(records, mode: .append).rows == [Row(1, 0, 10_000, count: 2, sum: 3, batch: 2)])
    }

    @Test func updateModeEmitsARowEvictedInTheSameBatch() {
        // Batch 1 evicts with 12 000, but the row for [0, 10 000) changed in batch 1: emitted, then evicted.
        let result = run([(1, 12_000, 1, 0), (1, 5_000, 4, 1), (1, 7_000, 8, 2)], mode: .update)
        #expect(result.rows == [
            Row(1, 10_000, 20_000, count: 1, sum: 1, batch: 0),
            Row(1, 0, 10_000, count: 1, sum: 4, batch: 1),
        ])
        #expect(result.lateSideOutput.count == 1)
    }

    @Test func completeModeEmitsTheWholeTableEveryBatchAndNeverDropsLateRows() {
        let result = run([(1, 12_000, 1, 0), (1, 5_000, 4, 1), (1, 6_000, 8, 2)], mode: .complete)
        #expect(result.rows == [
            Row(1, 10_000, 20_000, count: 1, sum: 1, batch: 0),
            Row(1, 0, 10_000, count: 1, sum: 4, batch: 1), Row(1, 10_000, 20_000, count: 1, sum: 1, batch: 1),
            Row(1, 0, 10_000, count: 2, sum: 12, batch: 2), Row(1, 10_000, 20_000, count: 1, sum: 1, batch: 2),
        ])
        #expect(result.lateSideOutput.isEmpty)
    }

    @Test func fixedIntervalTriggerLatencyIsAtLeastTheWaitForTheTrigger() {
        // Records arrive at 10 ms, 20 ms …; the trigger fires every second.
        let events = (0..<50).map { index in
            Event(id: UInt64(index), key: 1, value: 1, eventTime: .millis(Int64(index) * 10), arrivalTime: .millis(Int64(index) * 10 + 10))
        }
        let engine = MicroBatchEngine(trigger: .fixedInterval(.seconds(1)), watermarkDelay: .zero, outputMode: .update,
                                      costs: EngineCosts(perRecord: Duration(micros: 5), perBatch: .millis(50)))
        let result = engine.run(query: Query(watermark: WatermarkStrategy(delay: .zero), window: .tumbling(size: .seconds(1))), events: events)
        #expect(result.batchCount >= 1)
        for emitted in result.outputs {
            #expect(emitted.processingTime >= Instant.seconds(1))
            #expect(emitted.processingTime - emitted.output.aggregates.latestArrivalTime >= .millis(50))
        }
    }

    @Test func processingTimeModeGroupsRecordsByTheirBatchNotTheirEventTime() {
        // DStreams: event times are ignored; records arriving in (0, 1 s] belong to batch time 1 s.
        let events = [
            Event(id: 0, key: 1, value: 1, eventTime: .seconds(50), arrivalTime: .millis(300)),
            Event(id: 1, key: 1, value: 2, eventTime: .seconds(-7), arrivalTime: .millis(900)),
            Event(id: 2, key: 1, value: 4, eventTime: .seconds(3), arrivalTime: .millis(1_500)),
        ]
        let engine = MicroBatchEngine(trigger: .fixedInterval(.seconds(1)), watermarkDelay: .zero, timeDomain: .processingTime)
        let result = engine.run(query: Query(watermark: WatermarkStrategy(delay: .zero), window: .tumbling(size: .seconds(1))), events: events)
        #expect(result.rows == [Row(1, 0, 1_000, count: 2, sum: 3, batch: 0), Row(1, 1_000, 2_000, count: 1, sum: 4, batch: 1)])
    }
}
