import Delivery
import Engines
import Foundation
import SimKernel

/// `streamlab calibrate --from FILE`: the presets' constants refitted to a
/// machine's (or a cluster's) measurements.
///
/// Two constants per engine carry what the measurements can see:
/// - the per-record work (`perRecord` + one `perStateAccess`, split in the
///   preset's proportion) is the inverse of the measured sustainable
///   throughput: one slot keeps up while a record costs less than 1/rate;
/// - the latency constants: Spark's `perBatch` (planning, scheduling and the
///   offset and commit logs of every micro-batch), Flink's `perCheckpoint`
///   and `checkpointCompletion` (from the barrier to the committer
///   publishing). Each is searched on a grid (0, then factor 2 from 0.5 ms to
///   8 s, then factor 2^¼ around the best), one after the other, twice, for
///   the least mean absolute log error of the predicted p50 and p99 over that
///   engine's measurements.
/// Everything else (trigger and watermark intervals, the runs' timer phases)
/// is configuration or replayed, not fitted.
public enum CalibrationFit {
    public struct Fitted: Sendable {
        public var engine: String
        public var costModel: CostModel
        /// What each constant was fitted from, for the printed report.
        public var notes: [String]
    }

    public static func fit(_ data: CalibrationData, jobs: Int) -> [Fitted] {
        let engines = Array(Set(data.measurements.map(\.engine) + data.searches.map(\.engine))).sorted()
        return engines.compactMap { name in
            guard let preset = try? PresetRegistry.preset(named: name, field: "engine") else { return nil }
            var model = preset.costModel, notes: [String] = []
            if let search = data.searches.first(where: { $0.engine == name && $0.eventsPerSecond > 0 }) {
                // A search that never failed bounds the work from above only:
                // the preset keeps its own figure when that is already cheaper.
                let fitted = perRecordWork(model, sustainableRate: search.eventsPerSecond, roundingDown: search.isLowerBound)
                if !search.isLowerBound || work(fitted) < work(model) {
                    model = fitted
                    notes.append("per-record work \(model.perRecord.micros) + \(model.perStateAccess.micros) µs from \(search.id)"
                        + " (\(search.isLowerBound ? "at least " : "")\(search.eventsPerSecond) events/s)")
                }
            }
            if let latency = latencyConstants(model, engine: name, measurements: data.measurements, workload: data.workload, jobs: jobs) {
                model = latency.model
                notes += latency.notes
            }
            return Fitted(engine: name, costModel: model, notes: notes)
        }
    }

    /// `model` with per-record work 1/rate, split as the preset splits it
    /// (whole µs; rounded down when the rate is a lower bound, so the work
    /// stays within what was measured).
    static func perRecordWork(_ model: CostModel, sustainableRate: Int, roundingDown: Bool = false) -> CostModel {
        let work = Double(model.parallelism) * 1_000_000 / Double(sustainableRate)
        let share = Double(model.perRecord.micros) / Double(Swift.max(1, model.perRecord.micros + model.perStateAccess.micros))
        let rule: FloatingPointRoundingRule = roundingDown ? .down : .toNearestOrAwayFromZero
        var fitted = model
        fitted.perRecord = Duration(micros: Swift.max(1, Int64((work * share).rounded(rule))))
        fitted.perStateAccess = Duration(micros: Swift.max(0, Int64((work * (1 - share)).rounded(rule))))
        return fitted
    }

    static func work(_ model: CostModel) -> Int64 { model.perRecord.micros + model.perStateAccess.micros }

    /// A latency constant the fit may move.
    struct Knob {
        var name: String
        var keyPath: WritableKeyPath<CostModel, Duration>
    }

    /// Flink: the checkpoint's synchronous pause and its completion (barrier
    /// to commit); Spark: the per-batch overhead.
    static func knobs(engine: String) -> [Knob] {
        engine == "flink"
            ? [Knob(name: "checkpoint completion", keyPath: \.checkpointCompletion), Knob(name: "checkpoint pause", keyPath: \.perCheckpoint)]
            : [Knob(name: "per-batch overhead", keyPath: \.perBatch)]
    }

    /// Coordinate descent, two rounds, over the engine's knobs; nil when no
    /// measurement depends on them.
    static func latencyConstants(_ model: CostModel, engine: String, measurements: [CalibrationData.Measurement],
                                 workload: CalibrationData.Workload, jobs: Int) -> (model: CostModel, notes: [String])? {
        let relevant = relevantMeasurements(measurements, engine: engine)
        guard !relevant.isEmpty else { return nil }
        func error(_ candidate: CostModel) -> Double {
            latencyError(candidate, engine: engine, measurements: relevant, workload: workload, jobs: jobs)
        }
        var best = (model: model, error: error(model))
        for _ in 0..<2 {
            for knob in knobs(engine: engine) {
                for micros in grid(around: nil) + grid(around: best.model[keyPath: knob.keyPath].micros) {
                    var candidate = best.model
                    candidate[keyPath: knob.keyPath] = Duration(micros: micros)
                    let value = error(candidate)
                    if value < best.error { best = (candidate, value) }
                }
            }
        }
        guard best.error.isFinite else { return nil }
        let notes = knobs(engine: engine).map { knob in
            "\(knob.name) \(FixedDecimal.format(Double(best.model[keyPath: knob.keyPath].micros) / 1_000, places: 1)) ms from "
                + relevant.map(\.id).joined(separator: ", ")
        }
        return (best.model, notes)
    }

    /// The measurements the latency knobs move: Flink's without checkpoints
    /// depend on none of them.
    static func relevantMeasurements(_ measurements: [CalibrationData.Measurement], engine: String) -> [CalibrationData.Measurement] {
        measurements.filter { $0.engine == engine && (engine != "flink" || $0.configuration != .flinkCheckpoints(intervalMicros: nil)) }
    }

    /// What the fit minimises: the mean absolute log ratio of predicted to
    /// measured p50 and p99 over `measurements`. Absolute, not squared: a
    /// constant cost sets the body of the distribution, and a p99 that one
    /// stalled run pushed to twice its p50 (no constant can follow it) would
    /// otherwise drag every other prediction towards it. On a run with such a
    /// tail (`Datasets/calibration/serial-listing-2026-12-04.json`) squared
    /// errors fit Spark's per-batch cost at 1,024 ms and 21 of 28 latencies
    /// within their bounds; absolute errors fit 861 ms and 27 of 28.
    static func latencyError(_ candidate: CostModel, engine: String, measurements: [CalibrationData.Measurement],
                             workload: CalibrationData.Workload, jobs: Int) -> Double {
        // A checkpoint must take less than its interval (CostModel's precondition).
        if let interval = candidate.checkpointInterval, candidate.perCheckpoint >= interval { return .infinity }
        let data = CalibrationData(file: "", sparkVersion: "", flinkVersion: "", machine: "", workload: workload,
                                   measurements: measurements, searches: [])
        let comparisons = CalibrationCheck.run(data, costModels: [engine: candidate], latencyOnly: true, jobs: jobs).comparisons
            .filter { $0.unsupported == nil && $0.measured > 0 && $0.predicted > 0 }
        guard !comparisons.isEmpty else { return .infinity }
        return comparisons.map { abs(log($0.predicted / $0.measured)) }.reduce(0, +) / Double(comparisons.count)
    }

    /// Zero and factor-2 steps from 0.5 ms to 8 s; around a value, factor 2^¼ steps.
    static func grid(around center: Int64?) -> [Int64] {
        guard let center, center > 0 else {
            return [0] + (0..<15).map { Int64(500) << $0 }
        }
        return [-3, -2, -1, 1, 2, 3].map { Int64((Double(center) * pow(2, Double($0) / 4)).rounded()) }
    }
}
