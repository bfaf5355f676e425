import Delivery
import Engines
import SimKernel
import Testing
import Workloads

/// Counts how often each identity is visible (append/transactional) or
/// present (upsert), with its latest value.
func visibleCounts(_ result: DeliveryRunResult) -> [OutputIdentity: (count: Int, value: Double)] {
    var counts: [OutputIdentity: (count: Int, value: Double)] = [:]
    if result.sink.kind == .upsert {
        for (identity, output) in result.sink.upsertTable { counts[identity] = (1, output.value) }
        return counts
    }
    for visible in result.sink.visible {
        counts[visible.output.identity, default: (0, 0)].count += 1
        counts[visible.output.identity]!.value = visible.output.value
    }
    return counts
}

/// A preset of the catalog, shrunk so a few hundred events exercise it.
struct SmallEngine {
    var name: String
    var perRecordMicros: Int64
    var bufferCapacity = 1_000

    func engine(_ guarantee: Guarantee) throws -> DeliveryEngine {
        var engine = try DeliveryEngine.named(name, guarantee: guarantee)
        engine.bufferCapacity = bufferCapacity
        switch engine.model {
        case .record:
            engine.costs = EngineCosts(perRecord: Duration(micros: perRecordMicros))
            if engine.checkpointInterval != nil { engine.checkpointInterval = .millis(200) }
            engine.snapshotPause = .millis(1)
            engine.checkpointCompletion = .millis(20)
        case .microBatch, .batch:
            engine.costs = EngineCosts(perRecord: Duration(micros: perRecordMicros), perBatch: .millis(20))
            engine.triggerInterval = .millis(100)
        }
        return engine
    }
}

func configuration(_ engine: SmallEngine, _ guarantee: Guarantee, plan: String = "none", seed: UInt64 = 1) throws -> DeliveryRunConfiguration {
    DeliveryRunConfiguration(engine: try engine.engine(guarantee), query: QuerySettingsFixture.query,
                             crashPlan: try CrashPlan.parse(plan), recoveryDelay: .constant(0.05), seed: seed)
}

let smallFlink = SmallEngine(name: "flink", perRecordMicros: 100)
let smallSpark = SmallEngine(name: "spark-structured-streaming", perRecordMicros: 10)
/// DStreams: the micro-batch preset that offers at-most-once.
let smallDStream = SmallEngine(name: "spark-dstream", perRecordMicros: 10)

@Suite struct PipelineTests {
    @Test func crashFreeRunWritesOneOutputPerEventAndClosesEveryWindow() throws {
        let events = TinyWorkload.events(seed: 5, count: 200)
        for engine in [smallFlink, smallSpark] {
            let result = try configuration(engine, .atLeastOnce).run(events: events)
            #expect(result.finished)
            let counts = visibleCounts(result)
            let perEvent = counts.keys.filter { $0.kind == .perEvent }
            #expect(perEvent.count == 200)
            #expect(counts.values.allSatisfy { $0.count == 1 })
            let windowTotal = counts.filter { $0.key.kind == .window }.reduce(0) { $0 + $1.value.value }
            #expect(Int(windowTotal) + result.droppedLateCount == 200)
        }
    }

    @Test func exactlyOnceCrashDuringACheckpointMatchesTheCrashFreeRun() throws {
        let events = TinyWorkload.events(seed: 9, count: 300)
        for engine in [smallFlink, smallSpark] {
            let clean = try configuration(engine, .exactlyOnce).run(events: events)
            let crashed = try configuration(engine, .exactlyOnce, plan: "during-checkpoint:3,at:2s").run(events: events)
            #expect(crashed.crashes.count == 2)
            #expect(crashed.finished)
            let cleanCounts = visibleCounts(clean).mapValues(\.value)
            let crashedCounts = visibleCounts(crashed)
            #expect(crashedCounts.values.allSatisfy { $0.count == 1 })
            #expect(crashedCounts.mapValues(\.value) == cleanCounts)
        }
    }

    @Test func atLeastOnceCrashAfterASinkWriteDuplicatesTheReplayedOutputs() throws {
        let events = TinyWorkload.events(seed: 11, count: 300)
        for engine in [smallFlink, smallSpark] {
            let crashed = try configuration(engine, .atLeastOnce, plan: "after-sink-write:40").run(events: events)
            let counts = visibleCounts(crashed)
            #expect(counts.keys.filter { $0.kind == .perEvent }.count == 300, "nothing lost")
            #expect(counts.values.contains { $0.count > 1 }, "\(engine.name): the replay re-wrote outputs")
        }
    }

    @Test func atMostOnceCrashLosesTheRecordsInFlightAndNeverDuplicates() throws {
        let events = TinyWorkload.events(seed: 13, count: 300)
        for engine in [smallFlink, smallDStream] {
            let crashed = try configuration(engine, .atMostOnce, plan: "after:50").run(events: events)
            let counts = visibleCounts(crashed)
            #expect(counts.values.allSatisfy { $0.count == 1 })
            let lost = 300 - counts.keys.filter { $0.kind == .perEvent }.count
            #expect(lost >= 1)
            #expect(lost == crashed.crashes[0].inFlightRecords)
        }
    }

    @Test func microBatchRestartRerunsTheUncommittedBatchWithItsLoggedOffsets() throws {
        let events = TinyWorkload.events(seed: 17, count: 200)
        let crashed = try configuration(smallSpark, .exactlyOnce, plan: "after-sink-write:5").run(events: events)
        let crash = try #require(crashed.crashes.first)
        #expect(crash.cause == .afterSinkWrite(5))
        // The re-run batch is skipped by the sink: it had committed that batch id.
        #expect(crashed.sink.skippedBatchCount == 1)
        #expect(crash.resumedAtOffset < crash.readUpToOffset)
    }

    @Test func twoPhaseCommitDelaysVisibilityToTheCheckpoint() throws {
        let events = TinyWorkload.events(seed: 19, count: 200)
        let transactional = try configuration(smallFlink, .exactlyOnce).run(events: events)
        let append = try configuration(smallFlink, .atLeastOnce).run(events: events)
        func meanDelay(_ result: DeliveryRunResult) -> Double {
            let delays = result.sink.visible.filter { $0.output.identity.kind == .perEvent }.map { Double(($0.visibleAt - $0.output.latestArrivalTime).micros) }
            return delays.reduce(0, +) / Double(delays.count)
        }
        #expect(meanDelay(append) < 5_000)
        #expect(meanDelay(transactional) > 50_000)
        #expect(transactional.sink.visible.filter { $0.output.identity.kind == .perEvent }.allSatisfy { ($0.visibleAt - $0.output.latestArrivalTime).micros <= 200_000 + 21_000 + 100_000 })
    }

    @Test func aSlowEngineBuildsConsumerLag() throws {
        let events = TinyWorkload.events(seed: 23, count: 400, ratePerSecond: 400)
        var slow = smallFlink
        slow.perRecordMicros = 5_000
        slow.bufferCapacity = 10
        let result = try configuration(slow, .atLeastOnce).run(events: events)
        let fast = try configuration(smallFlink, .atLeastOnce).run(events: events)
        #expect(result.lagSamples.map(\.lagRecords).max()! > 100)
        #expect(fast.lagSamples.map(\.lagRecords).max()! < 20)
    }

    @Test func sameSeedGivesTheSameRun() throws {
        let events = TinyWorkload.events(seed: 29, count: 200)
        let first = try configuration(smallFlink, .atLeastOnce, plan: "mtbf:1s", seed: 7).run(events: events)
        let second = try configuration(smallFlink, .atLeastOnce, plan: "mtbf:1s", seed: 7).run(events: events)
        #expect(first.crashes == second.crashes)
        #expect(first.sink.visible == second.sink.visible)
    }
}
