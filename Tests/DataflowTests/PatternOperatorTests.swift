import Testing
import SimKernel
import Workloads
@testable import Dataflow

/// Flink CEP's operator rules in event time: buffering until the watermark,
/// event-time order, late events.
@Suite struct PatternOperatorTests {
    struct Driver {
        var subject: PatternOperator
        var context = OperatorContext<PatternMatch>()
        var nextId: UInt64 = 0

        init(_ pattern: EventPattern) {
            subject = PatternOperator(pattern: pattern, conditions: PatternNFATests.conditions(pattern))
        }

        mutating func send(atMillis millis: Int64, value: Double, key: Int32 = 0) {
            subject.process(PatternNFATests.event(nextId, atMillis: millis, value: value, key: key), context: &context)
            nextId += 1
        }

        /// Advances the watermark and returns the ids of the matches it released.
        mutating func watermark(_ instant: Instant) -> [[UInt64]] {
            context.watermark = instant
            context.outputs = []
            subject.advanceWatermark(to: instant, context: &context)
            return context.outputs.map { $0.events.map(\.event.id) }
        }
    }

    @Test func eventsWaitForTheWatermarkAndMatchInEventTimeOrder() {
        var driver = Driver(PatternNFATests.smallThenLarge(.strict))
        driver.send(atMillis: 2_000, value: 20)
        driver.send(atMillis: 1_000, value: 1)
        #expect(driver.watermark(.millis(1_999)).isEmpty, "the large event at 2000 is still ahead of the watermark")
        #expect(driver.subject.bufferedEventCount == 1)
        #expect(driver.watermark(.millis(2_000)) == [[1, 0]])
        #expect(driver.subject.bufferedEventCount == 0)
    }

    @Test func anEventAtTheWatermarkIsLate() {
        var driver = Driver(PatternNFATests.smallThenLarge(.strict))
        _ = driver.watermark(.millis(5_000))
        driver.send(atMillis: 5_000, value: 1)
        driver.send(atMillis: 5_001, value: 1)
        #expect(driver.context.lateSideOutput.map(\.id) == [0])
        #expect(driver.subject.bufferedEventCount == 1)
    }

    @Test func lateEventsAreCountedWhenThereIsNoSideOutput() {
        let pattern = PatternNFATests.smallThenLarge(.strict)
        var subject = PatternOperator(pattern: pattern, conditions: PatternNFATests.conditions(pattern), lateDataToSideOutput: false)
        var context = OperatorContext<PatternMatch>(watermark: .millis(10))
        subject.process(PatternNFATests.event(0, atMillis: 3, value: 1), context: &context)
        #expect(context.droppedLateCount == 1 && context.lateSideOutput.isEmpty)
    }

    @Test func equalTimestampsKeepArrivalOrder() {
        var driver = Driver(PatternNFATests.smallThenLarge(.strict))
        driver.send(atMillis: 5_000, value: 1)
        driver.send(atMillis: 5_000, value: 20)
        driver.send(atMillis: 6_000, value: 20)
        driver.send(atMillis: 6_000, value: 1)
        #expect(driver.watermark(.max) == [[0, 1]])
    }

    @Test func strictContiguityIsPerKey() {
        var driver = Driver(PatternNFATests.smallThenLarge(.strict))
        driver.send(atMillis: 1_000, value: 1, key: 1)
        driver.send(atMillis: 1_500, value: 7, key: 2)
        driver.send(atMillis: 2_000, value: 20, key: 1)
        #expect(driver.watermark(.max) == [[0, 2]])
    }

    @Test func aTimedOutPartialMatchIsPrunedWhenItsKeyNextWakesUp() {
        var driver = Driver(PatternNFATests.smallThenLarge(.relaxed, window: .millis(1_000)))
        driver.send(atMillis: 1_000, value: 1)
        _ = driver.watermark(.millis(1_500))
        #expect(driver.subject.partialMatchCount == 1)
        _ = driver.watermark(.millis(2_000))
        #expect(driver.subject.partialMatchCount == 1, "Flink advances a key's NFA only when one of its timers fires")
        driver.send(atMillis: 2_500, value: 1)
        driver.send(atMillis: 2_600, value: 20)
        #expect(driver.watermark(.millis(2_600)) == [[1, 2]])
        #expect(driver.subject.partialMatchCount == 0)
    }
}
