import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

@Suite struct RecordEngineSemanticsTests {
    let engine = RecordAtATimeEngine(watermark: WatermarkStrategy(delay: .zero))

    @Test func watermarkOfMaxMinusDelayMinusOneFiresWindowWhenEqualToItsMaxTimestamp() {
        // ts 10 000 gives watermark 10 000 − 0 − 1 = 9 999 = maxTimestamp of [0, 10 000): fires.
        let run = engine.run(query: tumblingQuery(sizeMillis: 10_000, delayMillis: 0),
                             events: stream([(1, 5_000, 1), (1, 10_000, 2), (1, 3_000, 4)]))
        #expect(run.rows.first == Row(1, 0, 10_000, count: 1, sum: 1))
        // The record at 3 000 came after the window fired and is late.
        #expect(run.lateSideOutput.map(\.eventTime) == [.millis(3_000)])
    }

    @Test func watermarkOneBelowMaxTimestampDoesNotFire() {
        // ts 9 999 gives watermark 9 998 < 9 999: the record at 3 000 is still on time.
        let run = engine.run(query: tumblingQuery(sizeMillis: 10_000, delayMillis: 0),
                             events: stream([(1, 5_000, 1), (1, 9_999, 2), (1, 3_000, 4)]))
        #expect(run.rows == [Row(1, 0, 10_000, count: 3, sum: 7)])
        #expect(run.lateSideOutput.isEmpty)
    }

    @Test func delaySubtractsBeforeTheMinusOne() {
        // delay 2 s: ts 12 000 → watermark 9 999 fires [0, 10 000); ts 11 999 would not.
        let query = tumblingQuery(sizeMillis: 10_000, delayMillis: 2_000)
        let engine = RecordAtATimeEngine(watermark: query.watermark)
        let fired = engine.run(query: query, events: stream([(1, 1_000, 1), (1, 12_000, 1), (1, 2_000, 1)]))
        #expect(fired.lateSideOutput.count == 1)
        let notFired = engine.run(query: query, events: stream([(1, 1_000, 1), (1, 11_999, 1), (1, 2_000, 1)]))
        #expect(notFired.lateSideOutput.isEmpty)
    }

    @Test func eventExactlyAtWindowEndOpensTheNextWindow() {
        let run = engine.run(query: tumblingQuery(sizeMillis: 10_000, delayMillis: 5_000),
                             events: stream([(1, 0, 1), (1, 10_000, 2)]))
        #expect(run.rows == [Row(1, 0, 10_000, count: 1, sum: 1), Row(1, 10_000, 20_000, count: 1, sum: 2)])
    }

    @Test func lateEventInsideAllowedLatenessRefiresWindow() {
        let query = tumblingQuery(sizeMillis: 10_000, delayMillis: 0, allowedLatenessMillis: 5_000)
        let run = RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: stream([
            (1, 1_000, 1), (1, 12_000, 10),  // watermark 11 999 fires [0, 10 000) with 1
            (1, 2_000, 2),                   // cleanup at 9 999 + 5 000 = 14 999 > 11 999: re-fires with 1 + 2
            (1, 15_000, 20),                 // watermark 14 999: cleanup time reached, state dropped
            (1, 3_000, 4),                   // window late now: side output
        ]))
        #expect(Array(run.rows.prefix(2)) == [Row(1, 0, 10_000, count: 1, sum: 1), Row(1, 0, 10_000, count: 2, sum: 3)])
        #expect(run.outputs[1].output.emission == 1)
        #expect(run.lateSideOutput.map(\.eventTime) == [.millis(3_000)])
    }

    @Test func cleanupExactlyAtMaxTimestampPlusLatenessMakesTheWindowLate() {
        let query = tumblingQuery(sizeMillis: 10_000, delayMillis: 0, allowedLatenessMillis: 5_000)
        // ts 14 999 → watermark 14 998 < 14 999: a record for [0, 10 000) is still allowed.
        let allowed = RecordAtATimeEngine(watermark: query.watermark)
            .run(query: query, events: stream([(1, 1_000, 1), (1, 14_999, 1), (1, 2_000, 1)]))
        #expect(allowed.lateSideOutput.isEmpty)
        // ts 15 000 → watermark 14 999 = cleanup time: late.
        let late = RecordAtATimeEngine(watermark: query.watermark)
            .run(query: query, events: stream([(1, 1_000, 1), (1, 15_000, 1), (1, 2_000, 1)]))
        #expect(late.lateSideOutput.count == 1)
    }

    @Test func droppedLateDataIsCountedWhenThereIsNoSideOutput() {
        var query = tumblingQuery(sizeMillis: 10_000, delayMillis: 0)
        query.lateData = .drop
        let run = engine.run(query: query, events: stream([(1, 1_000, 1), (1, 20_000, 1), (1, 2_000, 1)]))
        #expect(run.droppedLateCount == 1)
        #expect(run.lateSideOutput.isEmpty)
    }

    @Test func finalInfiniteWatermarkFiresEveryOpenWindow() {
        let run = engine.run(query: tumblingQuery(sizeMillis: 10_000, delayMillis: 60_000),
                             events: stream([(2, 1_000, 1), (1, 15_000, 2)]))
        #expect(run.rows == [Row(2, 0, 10_000, count: 1, sum: 1), Row(1, 10_000, 20_000, count: 1, sum: 2)])
    }

    @Test func periodicWatermarkWaitsForTheNextTick() {
        // Arrivals 0, 1, 2 ms … the tick every 100 ms of processing time comes after all records,
        // so the out-of-order record at 3 000 is still on time despite the per-event bound.
        let events = stream([(1, 5_000, 1), (1, 20_000, 2), (1, 3_000, 4)])
        let periodic = RecordAtATimeEngine(watermark: WatermarkStrategy(delay: .zero, emission: .periodic(interval: .millis(100))))
            .run(query: tumblingQuery(sizeMillis: 10_000, delayMillis: 0), events: events)
        #expect(periodic.lateSideOutput.isEmpty)
        #expect(periodic.rows.first == Row(1, 0, 10_000, count: 2, sum: 5))
    }

    @Test func flinkTriggerMutationChangesTheBoundaryResult() {
        let events = stream([(1, 5_000, 1), (1, 10_000, 2), (1, 3_000, 4)])
        var mutated = engine
        mutated.mutation = .flinkTriggerLessThan
        let run = mutated.run(query: tumblingQuery(sizeMillis: 10_000, delayMillis: 0), events: events)
        #expect(run.lateSideOutput.isEmpty)
        #expect(run.rows.first == Row(1, 0, 10_000, count: 2, sum: 5))
    }
}
