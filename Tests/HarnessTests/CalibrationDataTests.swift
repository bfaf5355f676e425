import Engines
import Foundation
import SimKernel
import Testing
@testable import Harness

/// Issue 18 on the committed measurements (Datasets/calibration/
/// measurements.json, one of two `make calibrate` runs): they cover at least
/// eight configurations with the real engines' versions, the presets predict
/// every latency within its bound, and a preset constant moved away from the
/// fitted value is reported. (The throughput searches replay tens of millions
/// of events; `.ci/run` checks them with the release build.)
@Suite struct CalibrationDataTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets/calibration/measurements.json").path

    func data() throws -> CalibrationData { try CalibrationData.load(path: Self.file) }

    /// A third `make calibrate`, a day later, three rounds of every configuration.
    static let threeRounds = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("three-rounds-2026-12-04.json").path

    /// On the three-round run the presets fitted to run A still predict every
    /// Flink median within its bound; Spark's short triggers were slower that
    /// day (the lab too fast by more than 25 %), its 5 s trigger was not.
    /// Pinned so that a preset change which moves either is seen here.
    @Test func theThreeRoundRunKeepsFlinkWithinItsBoundsAndShowsSparksShortTriggersSlower() throws {
        let data = try CalibrationData.load(path: Self.threeRounds)
        #expect(data.workload.repeats == 3)
        #expect(data.measurements.count == 14 && data.measurements.allSatisfy { $0.runs.count == 3 })
        let failures = CalibrationCheck.run(data, latencyOnly: true, jobs: 2).failures
        #expect(!failures.contains { $0.id.hasPrefix("flink-") })
        #expect(failures.allSatisfy { $0.id.hasPrefix("spark-") && !$0.id.hasPrefix("spark-5s") && $0.relativeError < -0.25 })
        #expect(failures.count == 11)
    }

    /// A fourth run, with Spark listing each batch's files serially (see
    /// `Calibration/spark_job.py`): the three rounds of Spark's short triggers
    /// now agree, and the per-batch cost `calibrate --from` fits to it
    /// (861.1 ms, a quarter-octave below the committed 1,024 ms) predicts
    /// every latency within its bound but one p99, which two of the three
    /// runs' stalls pushed to twice its p50. Pinned so that a change to the
    /// micro-batch driver which moves a prediction is seen here before the
    /// presets move to this run.
    static let serialListing = URL(fileURLWithPath: file).deletingLastPathComponent()
        .appendingPathComponent("serial-listing-2026-12-04.json").path

    @Test func theSerialListingRunIsWithinItsBoundsButOneTailWithItsFittedPerBatchCost() throws {
        let data = try CalibrationData.load(path: Self.serialListing)
        #expect(data.workload.repeats == 3 && data.measurements.allSatisfy { $0.runs.count == 3 })
        var spark = CostModel.sparkStructuredStreaming
        spark.perBatch = Duration(micros: 861_087)
        let check = CalibrationCheck.run(data, costModels: ["spark-structured-streaming": spark], latencyOnly: true, jobs: 2)
        #expect(check.failures.map { "\($0.id) \($0.quantity)" } == ["spark-1s-10k p99"])
        let tail = try #require(data.measurements.first { $0.id == "spark-1s-10k" })
        #expect(tail.processingTime.p99Millis > 1.9 * tail.processingTime.p50Millis)
    }

    @Test func theMeasurementsCoverAtLeastEightConfigurationsOfBothEngines() throws {
        let data = try data()
        #expect(data.sparkVersion == "4.3.0")
        #expect(data.flinkVersion == "2.3.0")
        let configurations = Set(data.measurements.map { "\($0.engine) \($0.configuration) \($0.ratePerSecond)" })
        #expect(configurations.count >= 8)
        #expect(Set(data.measurements.map(\.engine)) == ["flink", "spark-structured-streaming"])
        #expect(Set(data.searches.map(\.engine)) == ["flink", "spark-structured-streaming"])
    }

    /// All twelve Flink figures and twelve of Spark's sixteen are within
    /// their bounds. The four misses are the real engine's noise, which no
    /// constant can follow: the default trigger and a 100 ms trigger run the
    /// same schedule once batches take longer than 100 ms, yet their medians
    /// at 1,000 events/s were 1,436 and 2,626 ms, and no prediction is within
    /// 25 % of both. Listing them keeps the check honest both ways: a preset
    /// change that adds a miss, or removes one, fails here.
    @Test func thePresetsPredictEveryMeasuredLatencyWithinItsBoundButFourOfSparks() throws {
        let check = CalibrationCheck.run(try data(), latencyOnly: true, jobs: 2)
        #expect(check.comparisons.count == 2 * check.data.measurements.count)
        #expect(check.failures.map { "\($0.id) \($0.quantity)" }
            == ["spark-default-1k p50", "spark-100ms-1k p99", "spark-100ms-10k p99", "spark-1s-10k p50"])
        let medians = Dictionary(uniqueKeysWithValues: check.data.measurements.map { ($0.id, $0.processingTime.p50Millis) })
        let defaultTrigger = try #require(medians["spark-default-1k"]), shortTrigger = try #require(medians["spark-100ms-1k"])
        #expect(shortTrigger * 0.75 > defaultTrigger * 1.25, "no single prediction can be within 25 % of both")
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
