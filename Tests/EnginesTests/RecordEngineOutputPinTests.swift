import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// Pins everything the record engine hands out on the reference scenario:
/// every emitted row with all its accumulator fields (not only the ones the
/// query asks for) and its processing-time stamp, the late side output and
/// the late-drop count. The per-record path is tuned for speed; these digests
/// were taken before that tuning, so any change in what it emits, or when,
/// shows up here.
@Suite struct RecordEngineOutputPinTests {
    static func referenceEvents(_ count: Int) throws -> [Event] {
        let scenario = try ScenarioCatalog.load("reference")
        return Array(scenario.makeGenerator(seed: 1, maxEvents: count))
    }

    /// FNV-1a over every field of every output, in order.
    static func digest(_ run: EngineRun<WindowResult>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func fold(_ word: UInt64) { hash = (hash ^ word) &* 0x0000_0100_0000_01b3 }
        for emitted in run.outputs {
            let row = emitted.output
            let aggregates = row.aggregates
            for word in [UInt64(bitPattern: Int64(row.key)), UInt64(bitPattern: row.window.start.micros),
                         UInt64(bitPattern: row.window.end.micros), UInt64(bitPattern: aggregates.count),
                         aggregates.sum.bitPattern, aggregates.min.bitPattern, aggregates.max.bitPattern,
                         UInt64(bitPattern: aggregates.latestEventTime.micros),
                         UInt64(bitPattern: aggregates.latestArrivalTime.micros),
                         UInt64((aggregates.values?.count ?? -1) + 1), UInt64(row.emission),
                         UInt64(bitPattern: emitted.processingTime.micros)] {
                fold(word)
            }
        }
        for event in run.lateSideOutput { fold(event.id) }
        fold(UInt64(run.droppedLateCount))
        fold(UInt64(run.recordsProcessed))
        fold(UInt64(bitPattern: run.finishTime.micros))
        return hash
    }

    static func run(_ query: Query, costs: EngineCosts = .free, events: [Event]) -> EngineRun<WindowResult> {
        RecordAtATimeEngine(watermark: query.watermark, costs: costs).run(query: query, events: events)
    }

    @Test func referenceCountWithPerEventWatermarkIsUnchanged() throws {
        let events = try Self.referenceEvents(60_000)
        let query = Query(watermark: WatermarkStrategy(delay: .millis(200), emission: .perEvent), keyBy: .constant,
                          window: .tumbling(size: .seconds(1)), aggregates: AggregateSpec([.count]), lateData: .drop)
        let run = Self.run(query, events: events)
        #expect(run.outputs.count == 7)
        #expect(Self.digest(run) == 3949002936206632575)
    }

    @Test func keyedSlidingWindowsWithLatenessAndSideOutputAreUnchanged() throws {
        let events = try Self.referenceEvents(30_000)
        let query = Query(watermark: WatermarkStrategy(delay: .millis(40), emission: .perEvent), keyBy: .key,
                          window: .sliding(size: .millis(500), slide: .millis(200)), allowedLateness: .millis(30),
                          lateData: .sideOutput)
        let run = Self.run(query, costs: EngineCosts(perRecord: Duration(micros: 90)), events: events)
        #expect(Self.digest(run) == 16131458174793722743)
    }

    @Test func keyedTumblingWindowsWithPeriodicWatermarkAndCostsAreUnchanged() throws {
        let events = try Self.referenceEvents(30_000)
        let query = Query(watermark: .flinkDefault(delay: .millis(60)), keyBy: .key,
                          window: .tumbling(size: .millis(100)), aggregates: AggregateSpec([.count, .collect]),
                          allowedLateness: .millis(20), lateData: .drop)
        let run = Self.run(query, costs: EngineCosts(perRecord: Duration(micros: 120)), events: events)
        #expect(Self.digest(run) == 9361645778535861146)
    }

    @Test func sessionWindowsWithSideOutputAreUnchanged() throws {
        let events = try Self.referenceEvents(20_000)
        let query = Query(watermark: WatermarkStrategy(delay: .millis(30)), keyBy: .key, window: .session(gap: .millis(3)),
                          allowedLateness: .millis(10), lateData: .sideOutput)
        let run = Self.run(query, costs: EngineCosts(perRecord: Duration(micros: 50)), events: events)
        #expect(Self.digest(run) == 1599445316570881225)
    }
}
