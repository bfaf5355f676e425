import SimKernel
import Workloads

/// The measurements `make calibrate` takes of real Spark and Flink
/// (`Datasets/calibration/measurements.json`; how they are taken:
/// `Calibration/README.md`). Read strictly: an unknown or missing field is an
/// `InputError` naming it, so a hand-edited or foreign file fails loudly.
public struct CalibrationData: Sendable {
    /// The stream every configuration was fed: a scenario at a rate.
    public struct Workload: Sendable, Equatable {
        public var scenario: String
        public var seed: UInt64
        public var keyCount: Int
        public var windowMicros: Int64
        public var watermarkDelayMicros: Int64
        /// Windows that end before this are not measured (JIT, first batches).
        public var warmupMicros: Int64
        public var feedMicros: Int64
        /// How long the real engine ran after the last event.
        public var drainMicros: Int64
        /// The sustainable-throughput search doubles from this rate...
        public var searchStartPerSecond = 5_000
        /// ...and stops, not failed, above this one (the feeder's limit).
        public var searchCapPerSecond = 320_000
        /// Runs per configuration and rate (files from before repeats: 1).
        public var repeats = 1
    }

    /// The configuration a measurement ran, as the real engine was set.
    public enum Configuration: Sendable, Equatable, CustomStringConvertible {
        /// Spark Structured Streaming: a processing-time trigger, or nil for
        /// the default trigger (the next batch as soon as one finishes).
        case sparkTrigger(intervalMicros: Int64?)
        /// Flink: checkpoints at this interval with a two-phase-commit sink,
        /// or nil for none (rows written as windows fire).
        case flinkCheckpoints(intervalMicros: Int64?)

        public var description: String {
            switch self {
            case .sparkTrigger(nil): return "default trigger"
            case .sparkTrigger(let interval?): return "trigger \(interval / 1_000) ms"
            case .flinkCheckpoints(nil): return "no checkpoints, direct sink"
            case .flinkCheckpoints(let interval?): return "checkpoints \(interval / 1_000) ms, 2PC sink"
            }
        }
    }

    /// Nearest-rank percentiles, in ms.
    public struct Percentiles: Sendable, Equatable {
        public var p50Millis: Double
        public var p99Millis: Double
    }

    /// One of the run's own clocks on the feed clock: a firing and the mean period.
    public struct Timer: Sendable, Equatable {
        public var firstMicros: Int64
        public var periodMicros: Int64
    }

    /// One run of a configuration in a fresh engine process, with the clocks
    /// it happened to have (the check replays them).
    public struct Run: Sendable {
        public var processingTime: Percentiles
        /// The feed's start on the wall clock: Spark's triggers fall on wall-clock multiples.
        public var startEpochMicros: Int64
        public var watermarkTimer: Timer?
        /// Flink: when checkpoint barriers reached the sink.
        public var barrierTimer: Timer?

        public init(processingTime: Percentiles, startEpochMicros: Int64, watermarkTimer: Timer?, barrierTimer: Timer?) {
            self.processingTime = processingTime
            self.startEpochMicros = startEpochMicros
            self.watermarkTimer = watermarkTimer
            self.barrierTimer = barrierTimer
        }
    }

    /// A configuration at a rate. With repeats, the percentiles are the
    /// medians of the runs' percentiles (`median`).
    public struct Measurement: Sendable {
        public var id: String
        public var engine: String
        public var configuration: Configuration
        public var ratePerSecond: Int
        public var processingTime: Percentiles
        public var eventTime: Percentiles
        public var windows: Int
        public var missingWindows: Int
        public var sustainable: Bool
        /// At least one; files from before repeats were taken hold one.
        public var runs: [Run]

        public init(id: String, engine: String, configuration: Configuration, ratePerSecond: Int, processingTime: Percentiles,
                    eventTime: Percentiles, windows: Int, missingWindows: Int, sustainable: Bool, runs: [Run]) {
            precondition(!runs.isEmpty, "a measurement has at least one run")
            self.id = id
            self.engine = engine
            self.configuration = configuration
            self.ratePerSecond = ratePerSecond
            self.processingTime = processingTime
            self.eventTime = eventTime
            self.windows = windows
            self.missingWindows = missingWindows
            self.sustainable = sustainable
            self.runs = runs
        }

        /// A measurement of one run.
        public init(id: String, engine: String, configuration: Configuration, ratePerSecond: Int, processingTime: Percentiles,
                    eventTime: Percentiles, windows: Int, missingWindows: Int, sustainable: Bool, startEpochMicros: Int64,
                    watermarkTimer: Timer?, barrierTimer: Timer?) {
            self.init(id: id, engine: engine, configuration: configuration, ratePerSecond: ratePerSecond, processingTime: processingTime,
                      eventTime: eventTime, windows: windows, missingWindows: missingWindows, sustainable: sustainable,
                      runs: [Run(processingTime: processingTime, startEpochMicros: startEpochMicros, watermarkTimer: watermarkTimer,
                                 barrierTimer: barrierTimer)])
        }
    }

    /// The middle value; for an even count, the mean of the two middle ones
    /// (Calibration/calibrate.py's `median`). Nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let ordered = values.sorted(), middle = ordered.count / 2
        return ordered.count % 2 == 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2
    }

    /// Per quantile, the median of `runs`' percentiles, to 0.1 ms (as the file holds them).
    public static func median(_ runs: [Percentiles]) -> Percentiles? {
        guard let p50 = median(runs.map(\.p50Millis)), let p99 = median(runs.map(\.p99Millis)) else { return nil }
        return Percentiles(p50Millis: (p50 * 10).rounded() / 10, p99Millis: (p99 * 10).rounded() / 10)
    }

    /// A sustainable-throughput search (Karimov et al.) on one configuration.
    public struct ThroughputSearch: Sendable {
        public var id: String
        public var engine: String
        public var configuration: Configuration
        public var eventsPerSecond: Int
        public var isLowerBound: Bool
    }

    public var file: String
    public var sparkVersion: String
    public var flinkVersion: String
    /// "2 cores, AMD EPYC, 23.4 GiB".
    public var machine: String
    public var workload: Workload
    public var measurements: [Measurement]
    public var searches: [ThroughputSearch]
}
