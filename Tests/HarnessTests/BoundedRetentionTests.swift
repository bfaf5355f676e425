import Delivery
import Engines
import SimKernel
import Testing
import Workloads
@testable import Harness

/// Issue 14, "nothing materializes the stream": a run over the live
/// generator keeps in its log only what a restore can still seek back to,
/// and gets the same verdict as ever.
@Suite struct BoundedRetentionTests {
    func run(_ guarantee: Guarantee, crashes: String) throws -> Measurement {
        let scenario = try ScenarioCatalog.load("reference")
        let workload = CompareWorkload(scenario: scenario, seed: 3, duration: .seconds(20), windowSizeMicros: 1_000_000,
                                       watermarkDelayMicros: 200_000, clearingMicros: 2_000_000)
        var engine = try DeliveryEngine.named("flink", guarantee: guarantee)
        engine.checkpointInterval = .seconds(1)
        return measure(workload, engine: engine, crashPlan: try CrashPlan.parse(crashes), recoveryDelay: .constant(1), seed: 3)
    }

    @Test func exactlyOnceKeepsAboutACheckpointIntervalOfRecords() throws {
        let measured = try run(.exactlyOnce, crashes: "at:7s")
        let result = measured.result
        #expect(result.inputCount > 150_000)
        #expect(result.crashes.count == 1)
        // 1 s checkpoints at about 10,000 records/s: the log holds a few seconds, never the stream.
        #expect(result.peakRetainedRecords < result.inputCount / 4, "peak \(result.peakRetainedRecords) of \(result.inputCount)")
        let c = measured.row.metrics.correctness
        #expect(c.eventsLost == 0 && c.eventsDuplicated == 0 && c.eventValuesWrong == 0 && c.windowsWrong == 0 && c.windowsMissing == 0)
    }

    @Test func atMostOnceKeepsOnlyTheBuffer() throws {
        let result = try run(.atMostOnce, crashes: "none").result
        // Nothing is replayed: a processed record is dropped at once (the
        // engine's read-ahead buffer and the arrivals not yet read remain).
        #expect(result.peakRetainedRecords <= 2_000, "peak \(result.peakRetainedRecords)")
    }

    /// A nightly job replays from its last committed run, the whole input
    /// before the first: the log and the checker hold at most
    /// `maxHeldRecords` and re-read the rest from a generator started again
    /// from the seed. Every engine kind and guarantee, under crashes, gets
    /// the same row, run, latencies and crash marks as when everything is held.
    @Test(arguments: [("hive", Guarantee.atLeastOnce), ("hive", .exactlyOnce), ("spark-batch", .exactlyOnce), ("spark-dstream", .atMostOnce),
                      ("spark-structured-streaming", .exactlyOnce), ("spark-dstream", .atLeastOnce), ("flink", .atLeastOnce),
                      ("kafka-streams", .exactlyOnce)])
    func aRunThatHoldsLittleReReadsAndMeasuresTheSame(preset: String, guarantee: Guarantee) throws {
        let (workload, engine, plan) = try MeasurementFixtures.referenceRun(preset: preset, guarantee: guarantee, seed: 5)
        func run(held: Int) -> Measurement {
            measure(workload, engine: engine, crashPlan: plan, recoveryDelay: .constant(1), seed: 5, collectsMarks: true,
                    maxHeldRecords: held)
        }
        let whole = run(held: 1 << 30), little = run(held: 500)
        #expect(little.result.peakRetainedRecords <= 500)
        #expect(whole.result.peakRetainedRecords > 500)
        #expect(little.row == whole.row)
        #expect(little.result.crashes == whole.result.crashes)
        #expect(little.result.inputCount == whole.result.inputCount && little.result.inputCount > 150_000)
        #expect(MeasurementFixtures.latencyPoints(little) == MeasurementFixtures.latencyPoints(whole))
        #expect(little.check.lostArrivals == whole.check.lostArrivals && little.check.duplicateTimes == whole.check.duplicateTimes)
    }

    /// The same on a shop: the business figures (oversold units, staleness)
    /// come from arrivals re-read in order and from totals made visible at
    /// one instant merged per key, and do not change.
    @Test(arguments: [("hive", Guarantee.exactlyOnce), ("spark-structured-streaming", .atLeastOnce), ("flink", .atMostOnce)])
    func aShopRunThatHoldsLittleKeepsItsBusinessFigures(preset: String, guarantee: Guarantee) throws {
        let workload = try ExperimentOptions(scenario: "theworldshop-viral-night", seed: 42, crashes: "at:20s,at:50s", recovery: "5s",
                                             batchSchedule: .seconds(30), duration: nil, overrides: [], window: .seconds(60),
                                             watermarkDelay: .seconds(10)).workload()
        let engine = try DeliveryEngine.named(preset, guarantee: guarantee)
        let plan = try CrashPlan.parse("at:20s,at:50s")
        func run(held: Int) -> Measurement {
            var scheduled = engine
            if scheduled.model == .batch { scheduled.triggerInterval = .seconds(30) }
            return measure(workload, engine: scheduled, crashPlan: plan, recoveryDelay: .constant(5), seed: 42, collectsMarks: true,
                           maxHeldRecords: held)
        }
        let whole = run(held: 1 << 30), little = run(held: 16)
        #expect(whole.result.peakRetainedRecords > 16 && little.result.peakRetainedRecords <= 16)
        #expect(little.row == whole.row)
        #expect(whole.row.business.unitsOversold > 0 || whole.row.business.skusSoldOut > 0)
    }

    /// The crash timeline's marks do not grow with the stream: one per 0.1 s
    /// (the chart's dot), not one per lost or duplicated event.
    @Test func theTimelineKeepsOneMarkPerTenthOfASecond() throws {
        let scenario = try ScenarioCatalog.load("reference")
        let workload = CompareWorkload(scenario: scenario, seed: 3, duration: .seconds(20), windowSizeMicros: 1_000_000,
                                       watermarkDelayMicros: 200_000, clearingMicros: 2_000_000)
        func marks(_ guarantee: Guarantee) throws -> Measurement {
            var engine = try DeliveryEngine.named("flink", guarantee: guarantee)
            engine.checkpointInterval = .seconds(5)
            return measure(workload, engine: engine, crashPlan: try CrashPlan.parse("at:9s,at:16s"), recoveryDelay: .constant(1), seed: 3,
                           collectsMarks: true)
        }
        let duplicating = try marks(.atLeastOnce)
        #expect(duplicating.row.metrics.correctness.eventsDuplicated > 10_000)
        for times in [duplicating.check.duplicateTimes] {
            #expect(!times.isEmpty && times.count <= 250)
            let start = duplicating.result.firstArrival
            let tenths = times.map { Int64((CompareRun.seconds($0, from: start) * 10).rounded()) }
            #expect(zip(tenths, tenths.dropFirst()).allSatisfy { $0 < $1 })
        }
    }
}
