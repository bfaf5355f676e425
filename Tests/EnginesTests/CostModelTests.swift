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

    @Test func flinkDefaultsReproduceTheNexmarkPerCoreThroughputRange() {
        // NEXMark on Flink 1.13: q0 (no state) 155 K/s per core; q5 (5 sliding
        // windows per bid) 22 K/s per core. The defaults must land near both.
        let passThrough = CostModel.flink.capacityEventsPerSecond(stateAccessesPerRecord: 0)
        let hotItems = CostModel.flink.capacityEventsPerSecond(stateAccessesPerRecord: 5)
        #expect(passThrough > 140_000 && passThrough < 175_000, "q0-like capacity \(passThrough)")
        #expect(hotItems > 18_000 && hotItems < 26_000, "q5-like capacity \(hotItems)")
    }

    @Test func sparkStructuredStreamingBatchFloorIsTheGuidesHundredMilliseconds() {
        #expect(CostModel.sparkStructuredStreaming.engineCosts().perBatch == .millis(100))
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
