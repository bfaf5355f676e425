import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// The keyed process functions run unchanged on every engine: only *when*
/// their timers fire and their outputs leave differs.
@Suite struct PresetStatefulOperatorsTests {
    static func event(_ id: Int, key: Int32, atSeconds seconds: Int64, value: Double = 1, attribute: Int32 = 0) -> Event {
        // Every event reaches the source 100 ms after it happened.
        Event(id: UInt64(id), key: key, attribute: attribute, value: value,
              eventTime: .seconds(seconds), arrivalTime: .seconds(seconds) + .millis(100))
    }

    static func run<Function: KeyedProcessFunction>(
        _ function: Function, preset name: String, events: [Event]
    ) throws -> EngineRun<Function.Output> {
        let preset = try PresetRegistry.preset(named: name)
        // Spark runs keyed functions as flatMapGroupsWithState; the others as Flink does.
        let rule: KeyedProcessOperator<Function>.TimerRule = preset.engineKind == .microbatch ? .sparkGroupState : .flink
        var op = KeyedProcessOperator(function, timerRule: rule)
        let engine = preset.makeEngine(watermarkDelay: .seconds(5), stateAccessesPerRecord: 1)
        return engine.run(&op, events: events)
    }

    @Test func sessionTimeoutEndsTheSameSessionsOnAllThreeEngines() throws {
        var events: [Event] = []
        // User 1: two sessions (a 40-minute pause); user 2: one session.
        for (index, (key, seconds)) in [(1, 0), (2, 60), (1, 600), (2, 1_200), (1, 3_000), (1, 3_100)].enumerated() {
            events.append(Self.event(index, key: Int32(key), atSeconds: Int64(seconds)))
        }
        // A much later event of another user moves every watermark past all timeouts,
        // as more data would on a stream that never ends.
        events.append(Self.event(99, key: 9, atSeconds: 20_000))
        var endsByPreset: [String: [[Int64]]] = [:]
        for name in ["flink", "spark-structured-streaming", "spark-batch"] {
            let run = try Self.run(SessionTimeoutFunction(), preset: name, events: events)
            endsByPreset[name] = run.outputs.map(\.output).filter { $0.key != 9 }
                .map { [Int64($0.key), $0.firstEventTime.micros / 1_000_000, $0.lastEventTime.micros / 1_000_000, Int64($0.eventCount)] }
                .sorted { $0.lexicographicallyPrecedes($1) }
        }
        let expected: [[Int64]] = [[1, 0, 600, 2], [1, 3_000, 3_100, 2], [2, 60, 1_200, 2]]
        for name in endsByPreset.keys.sorted() { #expect(endsByPreset[name] == expected, "\(name)") }
    }

    @Test func inventoryAlertArrivesWithinTwoMinutesOnStreamingEnginesButNotOnHourlyBatch() throws {
        // Stock of SKU 1 falls by 5 every 10 s from 60; the reading of 5 (at 110 s) is the first below 10.
        let events = (0..<15).map { Self.event($0, key: 1, atSeconds: Int64($0) * 10, value: Double(60 - 5 * $0)) }
        let lowArrival = events[11].arrivalTime
        var delays: [String: Int64] = [:]
        for name in ["flink", "kafka-streams", "spark-structured-streaming", "spark-batch"] {
            let run = try Self.run(InventoryAlertFunction(), preset: name, events: events)
            let first = try #require(run.outputs.first { $0.output.reason == .fellBelowThreshold }, "\(name)")
            #expect(first.output.readingTime == .seconds(110), "\(name)")
            delays[name] = (first.processingTime - lowArrival).micros
        }
        let twoMinutes = Duration.minutes(2).micros
        #expect(delays["flink"]! < 1_000, "flink: \(delays["flink"]!) µs")
        #expect(delays["kafka-streams"]! < 1_000)
        // At most one 1 s trigger interval plus one calibrated batch (256 + 20 ms).
        #expect(delays["spark-structured-streaming"]! <= Duration.millis(1_000 + 276).micros + 1_000)
        #expect(delays["spark-structured-streaming"]! > Duration.millis(276).micros)
        #expect(delays["spark-batch"]! > twoMinutes, "an hourly job cannot meet the 2-minute alert")
    }

    @Test func fraudRuleFlagsTheSameCardOnRecordAndMicroBatchEngines() throws {
        let events = [
            Self.event(0, key: 7, atSeconds: 0, attribute: 1), Self.event(1, key: 8, atSeconds: 10, attribute: 1),
            Self.event(2, key: 7, atSeconds: 100, attribute: 2), Self.event(3, key: 8, atSeconds: 200, attribute: 1),
            Self.event(4, key: 7, atSeconds: 500, attribute: 3), Self.event(5, key: 8, atSeconds: 300, attribute: 2),
        ]
        for name in ["flink", "spark-structured-streaming", "spark-batch"] {
            let run = try Self.run(FraudRuleFunction(), preset: name, events: events)
            #expect(run.outputs.map(\.output.key) == [7], "\(name)")
            #expect(run.outputs.map(\.output.places) == [[1, 2, 3]], "\(name)")
        }
    }

    @Test func fraudRuleFindsExactlyTheCardsTheScenarioPlanted() throws {
        let scenario = try ScenarioCatalog.load("card-transactions")
        let seed: UInt64 = 11
        let events = Array(scenario.makeGenerator(seed: seed))
        let count = Int(try #require(scenario.parameter("fraud_min_places")))
        let span = Duration.seconds(Int64(try #require(scenario.parameter("fraud_window_s"))))
        for name in ["flink", "spark-structured-streaming"] {
            let run = try Self.run(FraudRuleFunction(transactionCount: count, span: span), preset: name, events: events)
            let flagged = Set(run.outputs.map(\.output.key)).sorted()
            #expect(flagged == scenario.plantedKeys(seed: seed).sorted(), "\(name), seed \(seed)")
        }
    }
}
