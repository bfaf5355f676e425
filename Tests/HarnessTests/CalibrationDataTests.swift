import Engines
import Foundation
import SimKernel
import Testing
@testable import Harness

/// Issue 18 on the committed measurements (Datasets/calibration/
/// measurements.json: `make calibrate` with Spark listing each batch's files
/// serially, every configuration three times and the median kept): they
/// cover at least eight configurations with the real engines' versions, the
/// presets predict every latency within its bound, and a preset constant
/// moved away from the fitted value is reported. The three earlier runs kept
/// beside it are pinned too, so that a change to an engine's driver which
/// moves a prediction on any of them is seen. (The throughput searches replay
/// tens of millions of events; `.ci/run` checks them with the release build.)
@Suite struct CalibrationDataTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets/calibration")
    static let file = directory.appendingPathComponent("measurements.json").path

    func data() throws -> CalibrationData { try CalibrationData.load(path: Self.file) }

    @Test func theMeasurementsCoverAtLeastEightConfigurationsOfBothEngines() throws {
        let data = try data()
        #expect(data.sparkVersion == "4.3.0")
        #expect(data.flinkVersion == "2.3.0")
        #expect(data.workload.repeats == 3 && data.measurements.allSatisfy { $0.runs.count == 3 })
        let configurations = Set(data.measurements.map { "\($0.engine) \($0.configuration) \($0.ratePerSecond)" })
        #expect(configurations.count >= 8)
        #expect(Set(data.measurements.map(\.engine)) == ["flink", "spark-structured-streaming"])
        #expect(Set(data.searches.map(\.engine)) == ["flink", "spark-structured-streaming"])
    }

    /// All 28 latencies within their bounds, and Spark's within 15 %: on a
    /// quiet machine a constant per-batch cost follows Spark's medians and
    /// its p99s (each within 1.4 times its p50 in this run).
    @Test func thePresetsPredictEveryMeasuredLatencyWithinItsBound() throws {
        let check = CalibrationCheck.run(try data(), latencyOnly: true, jobs: 2)
        #expect(check.comparisons.count == 2 * check.data.measurements.count)
        #expect(check.failures.map { "\($0.id) \($0.quantity)" } == [])
        #expect(check.comparisons.filter { $0.id.hasPrefix("spark-") }.allSatisfy { abs($0.relativeError) < 0.15 })
    }

    /// The run before, same setup, on a busier day: every phase of Spark's
    /// batches took two to three times as long (`triggerExecution` 0.65-1.45 s).
    /// Its own fit, 861.087 ms per batch (a quarter-octave below 1,024 ms),
    /// predicts every latency within its bound but one p99, which two of the
    /// three runs' stalls pushed to twice its p50; the presets fitted to the
    /// committed run are too fast for it.
    static let serialListing = directory.appendingPathComponent("serial-listing-2026-12-04.json").path

    @Test func theBusierSerialListingRunIsWithinItsBoundsButOneTailWithItsOwnFit() throws {
        let data = try CalibrationData.load(path: Self.serialListing)
        #expect(data.workload.repeats == 3 && data.measurements.allSatisfy { $0.runs.count == 3 })
        var spark = CostModel.sparkStructuredStreaming
        spark.perBatch = Duration(micros: 861_087)
        let check = CalibrationCheck.run(data, costModels: ["spark-structured-streaming": spark], latencyOnly: true, jobs: 2)
        #expect(check.failures.map { "\($0.id) \($0.quantity)" } == ["spark-1s-10k p99"])
        let tail = try #require(data.measurements.first { $0.id == "spark-1s-10k" })
        #expect(tail.processingTime.p99Millis > 1.9 * tail.processingTime.p50Millis)
        let withPresets = CalibrationCheck.run(data, latencyOnly: true, jobs: 2).failures
        #expect(withPresets.allSatisfy { $0.id.hasPrefix("spark-") && $0.relativeError < -0.25 })
        #expect(withPresets.count == 11)
    }

    /// The first fitted run (one round per configuration, Spark listing each
    /// batch's files with a Spark job) with its own fit, 1,024 ms per batch:
    /// all twelve Flink figures and twelve of Spark's sixteen within their
    /// bounds. The four misses were the real engine's noise, which no
    /// constant can follow: the default trigger and a 100 ms trigger run the
    /// same schedule once batches take longer than 100 ms, yet their medians
    /// at 1,000 events/s were 1,436 and 2,626 ms, and no prediction is within
    /// 25 % of both.
    static let runA = directory.appendingPathComponent("one-round-run-a.json").path

    @Test func theFirstRunWithItsFittedPerBatchCostMissesFourOfSparksFigures() throws {
        let data = try CalibrationData.load(path: Self.runA)
        var spark = CostModel.sparkStructuredStreaming
        spark.perBatch = .millis(1_024)
        let check = CalibrationCheck.run(data, costModels: ["spark-structured-streaming": spark], latencyOnly: true, jobs: 2)
        #expect(check.failures.map { "\($0.id) \($0.quantity)" }
            == ["spark-default-1k p50", "spark-100ms-1k p99", "spark-100ms-10k p99", "spark-1s-10k p50"])
        let medians = Dictionary(uniqueKeysWithValues: data.measurements.map { ($0.id, $0.processingTime.p50Millis) })
        let defaultTrigger = try #require(medians["spark-default-1k"]), shortTrigger = try #require(medians["spark-100ms-1k"])
        #expect(shortTrigger * 0.75 > defaultTrigger * 1.25, "no single prediction can be within 25 % of both")
    }

    /// The three-round run taken while Spark still listed with a job: the
    /// presets predict every Flink median within its bound, and Spark's 5 s
    /// trigger; Spark's short triggers were slower that day (the lab too
    /// fast by more than 25 %), the listing job's feedback loop.
    static let threeRounds = directory.appendingPathComponent("three-rounds-2026-12-04.json").path

    @Test func theThreeRoundRunKeepsFlinkWithinItsBoundsAndShowsSparksShortTriggersSlower() throws {
        let data = try CalibrationData.load(path: Self.threeRounds)
        #expect(data.workload.repeats == 3)
        #expect(data.measurements.count == 14 && data.measurements.allSatisfy { $0.runs.count == 3 })
        let failures = CalibrationCheck.run(data, latencyOnly: true, jobs: 2).failures
        #expect(!failures.contains { $0.id.hasPrefix("flink-") })
        #expect(failures.allSatisfy { $0.id.hasPrefix("spark-") && !$0.id.hasPrefix("spark-5s") && $0.relativeError < -0.25 })
        #expect(failures.count == 12)
    }

    /// "Honest": each fitted latency constant, doubled, puts predictions
    /// that were within their bounds outside them, all too slow, and only on
    /// the engine whose constant moved.
    @Test func aPresetConstantMovedFromItsFittedValueIsReported() throws {
        let data = try data()
        let before = Set(CalibrationCheck.run(data, latencyOnly: true, jobs: 2).failures.map { "\($0.id) \($0.quantity)" })
        func newFailures(_ engine: String, _ model: CostModel) -> [CalibrationCheck.Comparison] {
            CalibrationCheck.run(data, costModels: [engine: model], latencyOnly: true, jobs: 2).failures
                .filter { !before.contains("\($0.id) \($0.quantity)") }
        }
        var spark = CostModel.sparkStructuredStreaming
        spark.perBatch = spark.perBatch * 2
        let sparkFailures = newFailures("spark-structured-streaming", spark)
        #expect(sparkFailures.count >= 4)
        #expect(sparkFailures.allSatisfy { $0.id.hasPrefix("spark-") && $0.relativeError > 0.25 })
        var flink = CostModel.flink
        flink.checkpointCompletion = flink.checkpointCompletion * 2 + .millis(500)
        let flinkFailures = newFailures("flink", flink)
        #expect(Set(flinkFailures.map(\.id)) == ["flink-2pc-1s-1k", "flink-2pc-1s-10k"])
        #expect(flinkFailures.allSatisfy { $0.relativeError > 0.25 })
    }

    /// The presets are the fit of the committed measurements: their per-record
    /// work stays within the sustainable-throughput bound, and no latency
    /// constant a quarter-octave away (or 0.5 ms, from zero) predicts the
    /// measurements better (`calibrate --from` searches that grid).
    @Test func thePresetsAreTheFitOfTheCommittedMeasurements() throws {
        let data = try data()
        for (engine, preset) in [("flink", CostModel.flink), ("spark-structured-streaming", CostModel.sparkStructuredStreaming)] {
            let search = try #require(data.searches.first { $0.engine == engine })
            #expect(preset.perRecord.micros + preset.perStateAccess.micros <= 1_000_000 / Int64(search.eventsPerSecond))
            let measurements = CalibrationFit.relevantMeasurements(data.measurements, engine: engine)
            func error(_ model: CostModel) -> Double {
                CalibrationFit.latencyError(model, engine: engine, measurements: measurements, workload: data.workload, jobs: 2)
            }
            let best = error(preset)
            for knob in CalibrationFit.knobs(engine: engine) {
                let micros = Double(preset[keyPath: knob.keyPath].micros)
                for neighbour in micros == 0 ? [500] : [micros * pow(2, -0.25), micros * pow(2, 0.25)] {
                    var moved = preset
                    moved[keyPath: knob.keyPath] = Duration(micros: Int64(neighbour.rounded()))
                    #expect(error(moved) >= best, "\(engine) \(knob.name) at \(neighbour) µs predicts better than the preset")
                }
            }
        }
    }
}
