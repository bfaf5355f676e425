import Testing
import SimKernel
@testable import Engines

@Suite struct CostModelTests {
    @Test func perRecordCostAddsStateAccessesAndDividesByParallelism() {
        let model = CostModel(perRecord: Duration(micros: 6), perStateAccess: Duration(micros: 8), parallelism: 2)
        // (6 + 5 × 8) / 2 = 23 µs.
        #expect(model.engineCosts(stateAccessesPerRecord: 5).perRecord == Duration(micros: 23))
        // (6 + 8) / 4 = 3.5, rounded up so a cost never vanishes.
        var wider = model
        wider.parallelism = 4
        #expect(wider.engineCosts(stateAccessesPerRecord: 1).perRecord == Duration(micros: 4))
    }

    @Test func periodicCheckpointStretchesRecordCostByTheCapacityItTakes() {
        // A 1 s pause every 10 s leaves 90% of capacity: 9 µs of work costs 10 µs.
        let model = CostModel(
            perRecord: Duration(micros: 9), perCheckpoint: .seconds(1), checkpointInterval: .seconds(10))
        let costs = model.engineCosts(stateAccessesPerRecord: 0)
        #expect(costs.perRecord == Duration(micros: 10))
        #expect(costs.perBatch == .zero)
    }

    @Test func checkpointPerBatchJoinsTheBatchCost() {
        let model = CostModel(perRecord: Duration(micros: 3), perBatch: .millis(80), perCheckpoint: .millis(20))
        #expect(model.engineCosts().perBatch == .millis(100))
    }

    /// The calibrated presets (Datasets/calibration/measurements.json): both
    /// engines sustained the search's 160,000 events/s cap with one state
    /// access per record, so their capacity must reach it; NEXMark's split of
    /// record cost against state access (6 : 8) is kept for heavier queries.
    @Test func calibratedPresetsSustainTheMeasuredBoundWithOneStateAccess() {
        #expect(CostModel.flink.capacityEventsPerSecond(stateAccessesPerRecord: 1) >= 160_000)
        #expect(CostModel.sparkStructuredStreaming.capacityEventsPerSecond(stateAccessesPerRecord: 1) >= 160_000)
        #expect(CostModel.flink.perStateAccess > CostModel.flink.perRecord)
    }

    /// Spark's per-batch cost is the fitted 256 ms plus the 20 ms of
    /// checkpoint logs; a batch on one core is nearly three times the
    /// Programming Guide's 100 ms best case.
    @Test func sparkStructuredStreamingBatchCostIsTheCalibratedQuarterSecond() {
        #expect(CostModel.sparkStructuredStreaming.engineCosts().perBatch == .millis(276))
    }

    @Test func mapReduceJobOverheadExceedsHiveOnTezByTheTenSecondsTezRemoves() {
        let difference = CostModel.mapReduce.engineCosts().perBatch - CostModel.hive.engineCosts().perBatch
        #expect(difference == .seconds(10))
    }

    @Test func freeModelHasInfiniteCapacity() {
        #expect(CostModel.free.capacityEventsPerSecond() == .infinity)
        #expect(CostModel.free.engineCosts() == EngineCosts.free)
    }
}
