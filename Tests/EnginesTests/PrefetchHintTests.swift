import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// `StreamOperator.prefetch(for:)` is a hint: the record engine tells the
/// operator of the record `prefetchDistance` ahead when its input is in
/// memory, and nothing the operator emits may depend on it.
@Suite struct PrefetchHintTests {
    /// Records every hint it is given, and passes records through.
    struct HintLoggingOperator: StreamOperator {
        final class Log: @unchecked Sendable { var hinted: [UInt64] = []; var processed: [UInt64] = [] }
        let log = Log()
        mutating func prefetch(for event: Event) { log.hinted.append(event.id) }
        mutating func process(_ event: Event, context: inout OperatorContext<Event>) {
            log.processed.append(event.id)
            context.emit(event)
        }
        mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Event>) {}
        static var reactsToProcessingTime: Bool { false }
    }

    static func records(_ count: Int) -> [Event] {
        (0..<count).map { Event(id: UInt64($0), key: Int32($0 % 7), value: 1, eventTime: .millis(Int64($0)), arrivalTime: .millis(Int64($0))) }
    }

    /// Before record i is processed, the operator has heard of record i + distance, once, in order.
    @Test(arguments: [WatermarkStrategy(delay: .millis(5), emission: .perEvent), .flinkDefault(delay: .millis(5))])
    func anInMemoryInputHintsEachRecordAheadOnce(watermark: WatermarkStrategy) {
        let distance = RecordAtATimeEngine.prefetchDistance
        var op = HintLoggingOperator()
        let run = RecordAtATimeEngine(watermark: watermark).run(&op, events: Self.records(50))
        #expect(op.log.hinted == (UInt64(distance)..<50).map { $0 })
        #expect(op.log.processed == (0..<50).map { UInt64($0) })
        #expect(run.outputs.map(\.output.id) == (0..<50).map { UInt64($0) })
    }

    /// A sequence that is not in memory (a generator) is read once, with no hints.
    @Test func aStreamedInputGivesNoHints() {
        var op = HintLoggingOperator()
        let run = RecordAtATimeEngine(watermark: WatermarkStrategy(delay: .millis(5))).run(&op, events: Self.records(50).lazy.map { $0 })
        #expect(op.log.hinted.isEmpty)
        #expect(run.recordsProcessed == 50)
    }

    /// The window operator's hint changes nothing: with 10^5 keys (pane and
    /// session-list maps large enough that the hint is taken), an in-memory
    /// input and the same records streamed give the same rows, stamps and
    /// late records.
    @Test(arguments: [WindowSpec.tumbling(size: .seconds(10)), .session(gap: .seconds(5))])
    func theWindowOperatorsHintChangesNoOutput(window: WindowSpec) throws {
        let scenario = try ScenarioCatalog.load("reference", overrides: ["key_space.count": "100000"])
        let events = Array(scenario.makeGenerator(seed: 11, maxEvents: 150_000))
        let query = Query(watermark: WatermarkStrategy(delay: .millis(200), emission: .perEvent),
                          window: window, allowedLateness: .millis(300), lateData: .sideOutput)
        let engine = RecordAtATimeEngine(watermark: query.watermark)
        let inMemory = engine.run(query: query, events: events)
        let streamed = engine.run(query: query, events: events.lazy.map { $0 })
        #expect(inMemory.outputs.count > 60_000)
        #expect(inMemory.outputs == streamed.outputs)
        #expect(inMemory.lateSideOutput == streamed.lateSideOutput)
        #expect(inMemory.droppedLateCount == streamed.droppedLateCount)
    }
}
