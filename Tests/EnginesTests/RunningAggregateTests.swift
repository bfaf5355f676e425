import Foundation
import Testing
import SimKernel
import Workloads
import Dataflow
@testable import Engines

/// Unwindowed running aggregates (`groupBy(key).count()`) on the micro-batch
/// engine, with Spark's update and complete modes. The same four records as
/// the conformance edge cases, which real Spark 4.3 agreed with.
@Suite struct RunningAggregateTests {
    /// a@1000, b@2000 in batch 0; a@3000 in batch 1; a@500 in batch 2 (behind watermark 3000).
    let records: [(key: Int32, tsMillis: Int64, value: Double, batch: Int)] =
        [(1, 1_000, 1, 0), (2, 2_000, 2, 0), (1, 3_000, 3, 1), (1, 500, 4, 2)]

    func run(_ mode: OutputMode) -> EngineRun<WindowResult> {
        let engine = MicroBatchEngine(trigger: .explicit(batchSizes: batchSizes(records.map(\.batch))), watermarkDelay: .zero,
                                      outputMode: mode)
        let query = Query(watermark: WatermarkStrategy(delay: .zero), window: .unwindowed, outputMode: mode)
        return engine.run(query: query, events: stream(records.map { ($0.key, $0.tsMillis, $0.value) }))
    }

    func rows(_ run: EngineRun<WindowResult>) -> [String] {
        run.outputs.map { "\($0.batch!):k\($0.output.key) count=\($0.output.aggregates.count) sum=\($0.output.aggregates.sum)" }
    }

    @Test func updateModeEmitsOnlyTheKeysEachBatchChanged() {
        #expect(rows(run(.update)) == ["0:k1 count=1 sum=1.0", "0:k2 count=1 sum=2.0", "1:k1 count=2 sum=4.0", "2:k1 count=3 sum=8.0"])
    }

    @Test func completeModeEmitsTheWholeTableEveryBatch() {
        #expect(rows(run(.complete)) == [
            "0:k1 count=1 sum=1.0", "0:k2 count=1 sum=2.0", "1:k1 count=2 sum=4.0", "1:k2 count=1 sum=2.0",
            "2:k1 count=3 sum=8.0", "2:k2 count=1 sum=2.0",
        ])
    }

    @Test func rowBehindTheWatermarkStillCountsWithoutAWindow() {
        let result = run(.update)
        #expect(result.droppedLateCount == 0 && result.lateSideOutput.isEmpty)
        #expect(result.outputs.last?.output.window == .unbounded)
    }

    @Test func noNoDataBatchRunsSinceNothingIsEvictedByTheWatermark() {
        // The last batch moves the watermark from 1000 to 5000, which would plan a trailing
        // no-data batch for a windowed aggregate; no state waits for it here.
        let engine = MicroBatchEngine(trigger: .explicit(batchSizes: [1, 1]), watermarkDelay: .zero, outputMode: .update)
        let query = Query(watermark: WatermarkStrategy(delay: .zero), window: .unwindowed, outputMode: .update)
        let result = engine.run(query: query, events: stream([(1, 1_000, 1), (1, 5_000, 1)]))
        #expect(result.batchCount == 2)
        #expect(result.noDataBatchCount == 0)
        let windowed = MicroBatchEngine(trigger: .explicit(batchSizes: [1, 1]), watermarkDelay: .zero, outputMode: .update)
            .run(query: tumblingQuery(sizeMillis: 10_000, delayMillis: 0, outputMode: .update),
                 events: stream([(1, 1_000, 1), (1, 5_000, 1)]))
        #expect(windowed.noDataBatchCount == 1)
    }

    @Test func appendModeIsRefusedInQueryFilesAndReplay() throws {
        let scenario = try ScenarioCatalog.load("reference")
        #expect(throws: InputError(
            file: "q.json", field: "output_mode",
            reason: "must be update or complete for a running aggregate (window type none); Spark refuses append for an aggregation without an event-time window")) {
            try RunQueryFile.parse(#"{"window":{"type":"none"},"watermark_delay_ms":0}"#, file: "q.json", scenario: scenario)
        }
        let replay = try ReplayQuery.parse(Data(#"{"window":{"type":"none"},"watermark_delay_ms":0}"#.utf8), file: "q.json")
        #expect(throws: InputError(
            file: "q.json", field: "output_mode",
            reason: "append is not supported for a running aggregate without a window (as in Spark); use update or complete")) {
            try Replay.validate(engine: .microbatch, query: replay, queryFile: "q.json")
        }
    }

    @Test func runningAggregateOnTheRecordEngineIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("running-aggregate-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("q.json").path
        try #"{"window":{"type":"none"},"watermark_delay_ms":0,"output_mode":"update"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(
            file: path, field: "window.type",
            reason: "none (a running aggregate) follows Spark's update and complete modes: run it on a micro-batch event-time preset or a batch preset, not flink")) {
            try ScenarioRunner.run(RunOptions(scenario: "reference", engine: .record, queryFile: path, events: 10))
        }
        let totals = try ScenarioRunner.run(RunOptions(scenario: "reference", engine: .microbatch, queryFile: path, events: 500))
        #expect(totals.oracleDifference.total == 0)
        #expect(totals.finalRows.count == totals.oracleRows.count)
    }
}
