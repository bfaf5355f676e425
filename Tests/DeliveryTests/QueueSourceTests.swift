import Delivery
import Engines
import SimKernel
import Testing
import Workloads

/// `--source queue`: the pipelines read through a RabbitMQ-like queue.
@Suite struct QueueSourceTests {
    func run(_ engine: SmallEngine, _ guarantee: Guarantee, plan: String, source: SourceKind, events: [Event]) throws -> DeliveryRunResult {
        var configuration = try configuration(engine, guarantee, plan: plan)
        configuration.source = source
        return configuration.run(events: events)
    }

    @Test func aCrashRedeliversExactlyTheUnackedMessagesWhichIsWhereTheLogWouldReplayFrom() throws {
        let events = TinyWorkload.events(seed: 11, count: 300)
        for engine in [smallFlink, smallSpark] {
            let fromLog = try run(engine, .atLeastOnce, plan: "at:1500ms,after-sink-write:40", source: .log, events: events)
            let fromQueue = try run(engine, .atLeastOnce, plan: "at:1500ms,after-sink-write:40", source: .queue, events: events)
            let queue = try #require(fromQueue.queueStatistics)
            let replayed = fromLog.crashes.reduce(0) { $0 + ($1.readUpToOffset - $1.resumedAtOffset) }
            #expect(fromQueue.crashes.count == 2)
            #expect(replayed > 0)
            #expect(queue.redeliveredCount == replayed, "\(engine.name): redelivered \(queue.redeliveredCount), log replayed \(replayed)")
            #expect(fromQueue.sink.visible == fromLog.sink.visible)
            #expect(fromLog.queueStatistics == nil)
        }
    }

    @Test func ackedMessagesAreDeletedSoNothingIsLeftToReprocessFromTheBeginning() throws {
        let events = TinyWorkload.events(seed: 12, count: 200)
        for engine in [smallFlink, smallSpark] {
            let result = try run(engine, .exactlyOnce, plan: "at:1s", source: .queue, events: events)
            let queue = try #require(result.queueStatistics)
            #expect(result.finished)
            #expect(queue.ackedCount == 200)
            #expect(queue.remainingCount == 0)
        }
    }

    @Test func autoAckAtMostOnceRedeliversNothing() throws {
        // Arrivals outpace the 100 µs per record, so the buffer holds a backlog when each crash strikes.
        let events = TinyWorkload.events(seed: 13, count: 3_000, ratePerSecond: 20_000)
        let result = try run(smallFlink, .atMostOnce, plan: "at:30ms,at:250ms", source: .queue, events: events)
        let queue = try #require(result.queueStatistics)
        #expect(result.crashes.count == 2)
        #expect(queue.redeliveredCount == 0)
        #expect(result.crashes.contains { $0.inFlightRecords > 0 })
    }

    @Test func unknownSourceNameIsAnInputError() {
        #expect(throws: InputError.self) { try SourceKind.parse("kafka", field: "--source") }
        #expect((try? SourceKind.parse("queue", field: "--source")) == .queue)
    }
}
