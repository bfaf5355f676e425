import Delivery
import Engines
import Harness
import SimKernel
import Testing
import Workloads

@Suite struct TriadMetricsTests {
    let workload = shopWorkload(seed: 7)

    func row(_ name: String, _ guarantee: Guarantee, plan: String = "none", change: (inout DeliveryEngine) -> Void = { _ in }) throws -> TriadRow {
        var engine = try DeliveryEngine.named(name, guarantee: guarantee)
        change(&engine)
        return measure(workload, engine: engine, crashPlan: try CrashPlan.parse(plan), recoveryDelay: .constant(3), seed: 1).row
    }

    @Test func crashFreeRunsMatchTheOracleOnEveryEngine() throws {
        for engine in ["flink", "kafka-streams", "spark-structured-streaming", "spark-batch", "hive", "mapreduce"] {
            let metrics = try row(engine, .exactlyOnce) { $0 = $0.scheduled(batchScheduleMicros: 60_000_000) }.metrics
            #expect(metrics.correctness.eventsLost == 0 && metrics.correctness.eventsDuplicated == 0, "\(engine)")
            #expect(metrics.correctness.eventValuesWrong == 0, "\(engine)")
            #expect(metrics.correctness.windowsWrong == 0 && metrics.correctness.windowsMissing == 0, "\(engine)")
        }
    }

    @Test func microBatchLatencyIsAtLeastItsTriggerIntervalAtTheTail() throws {
        let metrics = try row("spark-structured-streaming", .atLeastOnce) { $0.triggerInterval = .seconds(2) }.metrics
        #expect(metrics.processingTimeLatency.p99Micros >= 2_000_000)
        #expect(metrics.processingTimeLatency.p50Micros >= CostModel.sparkStructuredStreaming.engineCosts().perBatch.micros)
        let record = try row("flink", .atLeastOnce).metrics
        #expect(record.processingTimeLatency.p99Micros < 1_000)
    }

    @Test func twoPhaseCommitAddsUpToOneCheckpointIntervalOfLatency() throws {
        let append = try row("flink", .atLeastOnce).metrics.processingTimeLatency
        let transactional = try row("flink", .exactlyOnce).metrics.processingTimeLatency
        let flink = try DeliveryEngine.named("flink", guarantee: .exactlyOnce)
        let interval = try #require(flink.checkpointInterval).micros
        #expect(transactional.p50Micros > append.p50Micros + interval / 5)
        // Up to one interval, plus the checkpoint's own cost and a few ms of queueing behind the snapshot pause.
        #expect(transactional.maxMicros <= append.maxMicros + interval + flink.checkpointCompletion.micros
                + flink.snapshotPause.micros + 10_000)
    }

    @Test func aStaleBatchViewOversellsWhereTheRecordEngineDoesNot() throws {
        let batch = try row("hive", .exactlyOnce) { $0 = $0.scheduled(batchScheduleMicros: 60_000_000) }.business
        let record = try row("flink", .atLeastOnce).business
        #expect(batch.unitsOversold > 10)
        #expect(record.unitsOversold <= 1)
        #expect(batch.staleInStockMaxMicros > 10_000_000 && batch.staleInStockMaxMicros <= 60_000_000 + 30_000_000)
    }

    @Test func atLeastOnceCountsTheDuplicatesACrashAfterAWriteCauses() throws {
        let metrics = try row("flink", .atLeastOnce, plan: "after-sink-write:100").metrics
        #expect(metrics.correctness.eventsLost == 0)
        #expect(metrics.correctness.eventsDuplicated > 0)
        #expect(metrics.crashCount == 1)
        #expect(metrics.recoveryMicros.count == 1 && metrics.recoveryMicros[0] >= 3_000_000)
    }

    @Test func sustainableThroughputFindsTheCostModelsCapacity() throws {
        var engine = try DeliveryEngine.named("flink", guarantee: .atLeastOnce)
        engine.costs = EngineCosts(perRecord: Duration(micros: 100))  // 10,000 events/s of capacity
        let found = SustainableThroughput.search(engine: engine, seed: 1, maxEventsPerTrial: 40_000)
        #expect(!found.isLowerBound)
        #expect(found.eventsPerSecond >= 7_000 && found.eventsPerSecond <= 11_000, "found \(found.eventsPerSecond)")
    }
}
