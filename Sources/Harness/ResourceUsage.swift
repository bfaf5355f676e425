import Delivery
import Engines
import SimKernel

/// The cores an engine keeps busy, and the cores it holds, per simulated day
/// (issue 17 item 9: the cost of always-on streaming against a scheduled batch).
///
/// Model. The run's input arrived over a span of simulated time; busy time comes from the preset's cost model, the same charges the
/// scheduler made during the run: every record processing (replays included)
/// costs `perRecord + perStateAccess` core-µs (the delivery query touches
/// state once per record); every batch or job costs `perBatch` (plus the
/// offset and commit log write, `perCheckpoint`) on each of `parallelism`
/// cores, because the whole job waits for its driver; every checkpoint
/// pauses each core for `perCheckpoint`. Records scale to a day at the run's
/// input rate; a scheduled batch job runs `day / period` times a day; a record
/// engine checkpoints `day / interval` times; a micro-batch engine runs as
/// many batches a day as it ran per unit of simulated time.
/// Reserved: an always-on streaming job holds its `parallelism` slots 24 h a
/// day whether busy or not; a scheduled batch job holds them only while its
/// job runs, so for it reserved equals busy.
public struct ResourceUsage: Equatable, Sendable, Codable {
    public var busyCoreHoursPerDay: Double
    public var reservedCoreHoursPerDay: Double

    static let dayMicros = 86_400_000_000.0
    static let hourMicros = 3_600_000_000.0

    public init(busyCoreHoursPerDay: Double, reservedCoreHoursPerDay: Double) {
        self.busyCoreHoursPerDay = busyCoreHoursPerDay
        self.reservedCoreHoursPerDay = reservedCoreHoursPerDay
    }

    /// The usage of one run, scaled from its simulated span to a day.
    public init(engine: DeliveryEngine, processedRecords: Int, batches: Int, spanMicros: Int64) {
        let model = engine.preset.costModel
        let cores = Double(model.parallelism)
        let span = Double(max(1, spanMicros))
        let recordWork = Double(processedRecords) * Double((model.perRecord + model.perStateAccess).micros) * Self.dayMicros / span
        var overhead = 0.0
        switch engine.model {
        case .record:
            if let interval = engine.checkpointInterval {
                overhead = Self.dayMicros / Double(interval.micros) * Double(model.perCheckpoint.micros) * cores
            }
        case .microBatch:
            overhead = Double(batches) * Self.dayMicros / span * Double((model.perBatch + model.perCheckpoint).micros) * cores
        case .batch:
            let period = Double((engine.triggerInterval ?? .minutes(24 * 60)).micros)
            overhead = Self.dayMicros / period * Double((model.perBatch + model.perCheckpoint).micros) * cores
        }
        busyCoreHoursPerDay = (recordWork + overhead) / Self.hourMicros
        reservedCoreHoursPerDay = engine.model == .batch ? busyCoreHoursPerDay : cores * 24
    }

    /// The usage of a finished delivery run (batches: its committed batches),
    /// over the span its input arrived in.
    public init(result: DeliveryRunResult) {
        self.init(engine: result.configuration.engine, processedRecords: result.processedRecordCount,
                  batches: result.completedCheckpointCount, spanMicros: (result.lastArrival - result.firstArrival).micros)
    }
}
