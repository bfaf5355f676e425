import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// A map-like operator (Spark's continuous processing allows nothing else):
/// every record out as it comes in.
struct PassThroughOperator: StreamOperator {
    mutating func process(_ event: Event, context: inout OperatorContext<Event>) { context.emit(event) }
    mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Event>) {}
    static var reactsToProcessingTime: Bool { false }
}

/// Spark's default trigger (no trigger set: `ProcessingTime(0)`) and
/// continuous processing (`Trigger.Continuous`), on the micro-batch engine.
@Suite struct SparkTriggerTests {
    /// Three records of key 1 in one 10 s window, arriving at the given milliseconds.
    func events(arrivingAtMillis arrivals: [Int64]) -> [Event] {
        arrivals.enumerated().map { index, arrival in
            Event(id: UInt64(index), key: 1, value: 1, eventTime: .millis(1_000 + Int64(index)), arrivalTime: .millis(arrival))
        }
    }

    /// Update mode emits the window's row at the end of every batch that changed it; a
    /// 100 s watermark delay keeps the watermark at 0, so no no-data batch runs.
    func updateRun(_ trigger: MicroBatchEngine.Trigger, arrivals: [Int64]) -> EngineRun<WindowResult> {
        let engine = MicroBatchEngine(trigger: trigger, watermarkDelay: .seconds(100), outputMode: .update,
                                      costs: EngineCosts(perBatch: .millis(100)))
        let query = Query(watermark: WatermarkStrategy(delay: .seconds(100)), window: .tumbling(size: .seconds(10)), outputMode: .update)
        return engine.run(query: query, events: events(arrivingAtMillis: arrivals))
    }

    @Test func defaultTriggerStartsEachBatchWhenThePreviousOneEnds() {
        let run = updateRun(.sparkDefault, arrivals: [0, 30, 450])
        // Batch 0 at 0 ms ends at 100; batch 1 starts right then (the record of 30 ms is
        // waiting) and ends at 200; idle, the driver polls every 10 ms and finds the third
        // record at 450, so batch 2 runs 450-550.
        #expect(run.outputs.map(\.processingTime) == [.millis(100), .millis(200), .millis(550)])
        #expect(run.outputs.map(\.batch) == [0, 1, 2])
        #expect(run.outputs.map(\.output.aggregates.count) == [1, 2, 3])
        #expect(run.batchCount == 3 && run.noDataBatchCount == 0)
    }

    @Test func idleDefaultTriggerWakesOnTheFirstPollAfterAnArrival() {
        // Idle from 200 ms: polls at 210, 220, …; the record of 455 ms is found at 460.
        let run = updateRun(.sparkDefault, arrivals: [0, 30, 455])
        #expect(run.outputs.map(\.processingTime) == [.millis(100), .millis(200), .millis(560)])
        let coarse = updateRun(.asSoonAsPreviousEnds(pollingDelay: .millis(100)), arrivals: [0, 30, 455])
        #expect(coarse.outputs.map(\.processingTime) == [.millis(100), .millis(200), .millis(600)])
    }

    @Test func oneSecondTriggerWaitsForTheNextMultipleOfTheInterval() {
        // The same input under `ProcessingTime("1 second")`: the second and third records wait
        // for the trigger at 1 000 ms.
        let run = updateRun(.fixedInterval(.seconds(1)), arrivals: [0, 30, 450])
        #expect(run.outputs.map(\.processingTime) == [.millis(100), .millis(1_100)])
        #expect(run.outputs.map(\.output.aggregates.count) == [1, 3])
    }

    @Test func continuousProcessingEmitsEachRecordAsItArrivesStampedWithItsEpoch() {
        let engine = MicroBatchEngine(trigger: .continuous(checkpointInterval: .seconds(1)), watermarkDelay: .zero,
                                      costs: EngineCosts(perRecord: .millis(1), perBatch: .millis(100)))
        var op = PassThroughOperator()
        let run = engine.run(&op, events: events(arrivingAtMillis: [0, 0, 998, 1_500]))
        // No batch overhead: 1 ms of work per record; the second record waits for the first.
        #expect(run.outputs.map(\.processingTime) == [.millis(1), .millis(2), .millis(999), .millis(1_501)])
        #expect(run.outputs.map(\.batch) == [0, 0, 0, 1])
        #expect(run.batchCount == 2)
        #expect(run.recordsProcessed == 4)
    }

    @Test func continuousTriggerOffersAtLeastOnceOnlyAndRefusesExactlyOnce() throws {
        let spark = try PresetRegistry.preset(named: "spark-structured-streaming")
        let continuous = try spark.withTrigger(.continuous(checkpointInterval: .seconds(1)))
        #expect(continuous.guarantees.map(\.guarantee) == [.atLeastOnce])
        #expect(throws: InputError(file: "<command line>", field: "--guarantee",
                                   reason: "spark-structured-streaming does not offer exactly-once; it offers at-least-once")) {
            try continuous.require(.exactlyOnce)
        }
        // The default trigger keeps the micro-batch engine's guarantees.
        let backToBack = try spark.withTrigger(.sparkDefault)
        #expect(backToBack.guarantees.map(\.guarantee) == spark.guarantees.map(\.guarantee))
    }

    @Test func continuousTriggerRefusesAnAggregatingQuery() {
        let options = RunOptions(scenario: "reference", engine: .microbatch, events: 100, trigger: "continuous")
        #expect(throws: InputError(
            file: "<command line>", field: "--trigger",
            reason: "continuous processing supports only map-like queries (select, where, map), not a windowed aggregation; Spark's UnsupportedOperationChecker rejects it")) {
            try ScenarioRunner.run(options)
        }
    }

    @Test func triggerIsRefusedOnPresetsThatAreNotStructuredStreaming() {
        #expect(throws: InputError.self) { try PresetRegistry.preset(named: "spark-dstream").withTrigger(.sparkDefault) }
        #expect(throws: InputError.self) { try PresetRegistry.preset(named: "flink").withTrigger(.sparkDefault) }
    }

    @Test func triggerTextParsesEveryChoiceAndRejectsTheRest() throws {
        #expect(try SparkTriggerChoice.parse("default") == .sparkDefault)
        #expect(try SparkTriggerChoice.parse("interval:5s") == .fixedInterval(.seconds(5)))
        #expect(try SparkTriggerChoice.parse("continuous") == .continuous(checkpointInterval: .seconds(1)))
        #expect(try SparkTriggerChoice.parse("continuous:250ms") == .continuous(checkpointInterval: .millis(250)))
        for bad in ["", "once", "interval:", "interval:0s", "continuous:-1s", "interval:5"] {
            #expect(throws: InputError.self) { try SparkTriggerChoice.parse(bad) }
        }
    }
}
