import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// Seed sweeps: with no late data every engine's final results equal the
/// oracle's; with late data the difference from the oracle is exactly the
/// late records the engine reported.
@Suite struct EngineAgreementTests {
    /// Events every 10 ms of event time on `keys` keys, each arriving after a
    /// uniform transport delay below `maxDisorderMillis`, in arrival order.
    static func generatedStream(seed: UInt64, count: Int = 1_500, keys: Int = 7, maxDisorderMillis: Int64) -> [Event] {
        let random = RandomStream(root: seed, component: "engines-tests.stream")
        var events: [Event] = []
        for index in 0..<count {
            let eventTime = Instant.millis(Int64(index) * 10 + Int64(random.nextIndex(below: 10)))
            let delay = Duration.millis(Int64(random.nextIndex(below: Int(maxDisorderMillis))))
            events.append(Event(id: UInt64(index), key: Int32(random.nextIndex(below: keys)),
                                value: Double(random.nextIndex(below: 100) + 1),
                                eventTime: eventTime, arrivalTime: eventTime + delay))
        }
        return events.sorted { ($0.arrivalTime, $0.id) < ($1.arrivalTime, $1.id) }
    }

    static let windows: [WindowSpec] = [
        .tumbling(size: .millis(1_000)),
        .sliding(size: .millis(1_000), slide: .millis(300)),
        .session(gap: .millis(40)),
    ]

    static func oracleRows(_ query: Query, _ events: [Event]) -> [ComparableRow] {
        Oracle.results(of: query, over: events).map(\.comparable).sorted()
    }

    /// The last batch's rows of a complete-mode (or batch-engine) run: the whole final table.
    static func lastTable(_ run: EngineRun<WindowResult>) -> [ComparableRow] {
        let last = run.outputs.compactMap(\.batch).max()
        return run.outputs.filter { $0.batch == last }.map(\.output.comparable).sorted()
    }

    @Test(arguments: 1...12)
    func enginesAgreeWithTheOracleWhenNothingIsLate(seed: UInt64) {
        let events = Self.generatedStream(seed: seed, maxDisorderMillis: 300)
        for window in Self.windows {
            let query = Query(watermark: WatermarkStrategy(delay: .millis(300)), window: window)
            let expected = Self.oracleRows(query, events)
            let label = "seed \(seed), \(window)"

            let record = RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: events)
            #expect(record.lateSideOutput.isEmpty, "\(label)")
            #expect(record.finalResults == expected, "record engine, \(label)")

            let complete = MicroBatchEngine(trigger: .fixedInterval(.millis(700)), watermarkDelay: .millis(300), outputMode: .complete)
                .run(query: query, events: events)
            #expect(Self.lastTable(complete) == expected, "micro-batch complete, \(label)")

            let batch = BatchEngine(schedule: .every(.seconds(4))).run(query: query, events: events)
            #expect(Self.lastTable(batch) == expected, "batch engine, \(label)")

            if !window.isSession {
                let update = MicroBatchEngine(trigger: .fixedInterval(.millis(700)), watermarkDelay: .millis(300), outputMode: .update)
                    .run(query: query, events: events)
                #expect(update.lateSideOutput.isEmpty, "\(label)")
                #expect(update.finalResults == expected, "micro-batch update, \(label)")
            }

            // Append emits only what the final watermark evicted: exactly the oracle's rows that end by it.
            let sizes = Self.randomBatchSizes(total: events.count, seed: seed)
            let append = MicroBatchEngine(trigger: .explicit(batchSizes: sizes), watermarkDelay: .millis(300), outputMode: .append)
                .run(query: query, events: events)
            let finalWatermark = (events.map(\.eventTime.micros).max() ?? 0) - 300_000
            #expect(append.finalResults == expected.filter { $0.end <= finalWatermark }, "micro-batch append, \(label)")
        }
    }

    static func randomBatchSizes(total: Int, seed: UInt64) -> [Int] {
        let random = RandomStream(root: seed, component: "engines-tests.batches")
        var sizes: [Int] = []
        var remaining = total
        while remaining > 0 {
            let size = Swift.min(remaining, 1 + random.nextIndex(below: 200))
            sizes.append(size)
            remaining -= size
        }
        return sizes
    }

    @Test(arguments: 1...12)
    func differencesFromTheOracleAreExactlyTheReportedLateEvents(seed: UInt64) {
        // Disorder up to 2 s against a 500 ms bound: some records are late.
        let events = Self.generatedStream(seed: seed, maxDisorderMillis: 2_000)
        let query = Query(watermark: WatermarkStrategy(delay: .millis(500)), window: .tumbling(size: .millis(1_000)),
                          outputMode: .update)

        let record = RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: events)
        #expect(!record.lateSideOutput.isEmpty, "seed \(seed): the sweep needs late data")
        let recordLate = Set(record.lateSideOutput.map(\.id))
        #expect(record.finalResults == Self.oracleRows(query, events.filter { !recordLate.contains($0.id) }), "record, seed \(seed)")
        #expect(record.finalResults != Self.oracleRows(query, events), "record, seed \(seed)")

        let micro = MicroBatchEngine(trigger: .fixedInterval(.millis(250)), watermarkDelay: .millis(500))
            .run(query: query, events: events)
        #expect(!micro.lateSideOutput.isEmpty, "seed \(seed): the sweep needs late data")
        let microLate = Set(micro.lateSideOutput.map(\.id))
        #expect(micro.finalResults == Self.oracleRows(query, events.filter { !microLate.contains($0.id) }), "micro-batch, seed \(seed)")
    }

    @Test func sameSeedGivesIdenticalOutputs() {
        let events = Self.generatedStream(seed: 99, maxDisorderMillis: 800)
        let query = Query(watermark: WatermarkStrategy(delay: .millis(200)), window: .sliding(size: .millis(500), slide: .millis(100)))
        let first = RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: events)
        let second = RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: Self.generatedStream(seed: 99, maxDisorderMillis: 800))
        #expect(first.outputs.map(\.output) == second.outputs.map(\.output))
        #expect(first.lateSideOutput == second.lateSideOutput)
    }
}
