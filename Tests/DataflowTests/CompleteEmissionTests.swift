import Testing
import SimKernel
import Workloads
@testable import Dataflow

/// Spark's complete mode streams its table out in parts (`outputLimit`,
/// `continueOutput`): the rows, their order and their emission counts must
/// be exactly those of one emission of the whole table.
@Suite struct CompleteEmissionTests {
    /// `count` events over `keys` keys and a few 1 s windows, keys drawn from `RandomStream`.
    static func events(count: Int, keys: Int, seed: UInt64) -> [Event] {
        let random = RandomStream(seed: seed)
        let draw = { (bound: Int) in Int(random.nextBits() % UInt32(bound)) }
        return (0..<count).map { id in
            let key = Int32(draw(keys)) - Int32(keys / 2)
            let millis = Int64(draw(4_000))
            return Event(id: UInt64(id), key: key, value: Double(draw(100)),
                         eventTime: .millis(millis), arrivalTime: Instant(micros: Int64(id)))
        }
    }

    static func completeOperator() -> WindowAggregateOperator {
        let query = Query(watermark: WatermarkStrategy(delay: .millis(100)), keyBy: .key,
                          window: .tumbling(size: .seconds(1)), lateData: .drop)
        return WindowAggregateOperator(query: query, rules: .spark(outputMode: .complete))
    }

    /// Runs two batches over `events` (halves) with `limit`; returns every
    /// row in order and the largest number any single call emitted.
    static func run(_ events: [Event], limit: Int) -> (rows: [WindowResult], largestPart: Int) {
        var op = completeOperator()
        var context = OperatorContext<WindowResult>(watermark: .zero, processingTime: .zero)
        context.outputLimit = limit
        var rows: [WindowResult] = []
        var largestPart = 0
        let half = events.count / 2
        for (batch, part) in [events[..<half], events[half...]].enumerated() {
            op.reserveCapacity(forRecords: part.count)
            for event in part { op.process(event, context: &context) }
            op.advanceWatermark(to: .millis(Int64(1_000 * (batch + 1))), context: &context)
            // Bounded: each call emits at least one row of a finite table.
            repeat {
                largestPart = max(largestPart, context.outputs.count)
                rows.append(contentsOf: context.outputs)
                context.outputs.removeAll()
            } while op.continueOutput(context: &context)
            let stillPending = op.continueOutput(context: &context)
            #expect(!stillPending, "nothing stays pending after the loop")
        }
        return (rows, largestPart)
    }

    @Test(arguments: [1, 7, 4_096])
    func partsGiveTheWholeTableInTheSameOrder(limit: Int) {
        let events = Self.events(count: 20_000, keys: 3_000, seed: 11)
        let whole = Self.run(events, limit: .max)
        let parts = Self.run(events, limit: limit)
        #expect(whole.rows.count > 8_000, "the table is larger than a part")
        // Counted and compared row by row, so that a failure names the first
        // row that differs instead of printing two tables of 10^4 rows.
        #expect(parts.rows.count == whole.rows.count)
        let firstDifference = zip(parts.rows, whole.rows).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "the first row that differs from one whole emission")
        #expect(parts.largestPart <= limit)
        // The second batch re-emits every row: each window's count of emissions moved.
        #expect(whole.rows.contains { $0.emission == 1 })
    }

    @Test func aHintForMoreRecordsThanWindowsChangesNothing() {
        let events = Self.events(count: 5_000, keys: 200, seed: 5)
        var hinted = Self.completeOperator()
        var plain = Self.completeOperator()
        var hintedContext = OperatorContext<WindowResult>()
        var plainContext = OperatorContext<WindowResult>()
        hinted.reserveCapacity(forRecords: 1 << 30)
        for event in events {
            hinted.process(event, context: &hintedContext)
            plain.process(event, context: &plainContext)
        }
        hinted.advanceWatermark(to: .millis(5_000), context: &hintedContext)
        plain.advanceWatermark(to: .millis(5_000), context: &plainContext)
        #expect(hintedContext.outputs == plainContext.outputs)
        #expect(hinted.assigned.slots.capacity >= AssignedWindowTable.slotReservationLimit)
    }

    @Test func hugePageArraysHoldTheSameElements() {
        let large = Array<Int64>.hugeThreshold + 5
        #expect([Int64].advisingHugePages(repeating: 7, count: large) == Array(repeating: 7, count: large))
        #expect([Int64].advisingHugePages(repeating: 3, count: 10) == Array(repeating: 3, count: 10))
        var grown: [Int64] = []
        for value in 0..<Int64(3 * large) { grown.appendAdvisingHugePages(value) }
        #expect(grown == Array(0..<Int64(3 * large)))
    }
}
