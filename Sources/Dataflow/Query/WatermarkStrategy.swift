import SimKernel

/// How a source derives event-time progress from the events it reads.
///
/// Both engines use a bounded out-of-orderness `delay`, but they turn it
/// into a watermark differently (../shared/DESIGN.md):
/// - Flink: `maxTimestamp − outOfOrderness − 1`, emitted per event or
///   periodically (`pipeline.auto-watermark-interval`, 200 ms by default);
/// - Spark: `max event time seen − delay`, computed at the end of a batch and
///   used by the next one. `emission` does not apply to Spark.
public struct WatermarkStrategy: Equatable, Sendable {
    public enum Emission: Equatable, Sendable {
        /// A punctuated generator: a watermark after every event.
        case perEvent
        /// A periodic generator, every `interval` of simulated processing time.
        case periodic(interval: Duration)
    }

    public var delay: Duration
    public var emission: Emission
    /// Periodic emission: the processing time of one tick; the others fall a
    /// whole number of intervals from it. Zero aligns ticks to multiples of
    /// the interval; a calibration replays the phase a real run's timer had
    /// (Flink arms its first tick when the operator opens, so the phase is
    /// the run's, not the interval's).
    public var tickOrigin: Duration = .zero

    public init(delay: Duration, emission: Emission = .perEvent) {
        precondition(delay >= .zero, "the out-of-orderness bound cannot be negative")
        if case .periodic(let interval) = emission { precondition(interval > .zero, "interval must be positive") }
        self.delay = delay
        self.emission = emission
    }

    /// Flink's default: 200 ms periodic emission.
    public static func flinkDefault(delay: Duration) -> WatermarkStrategy {
        WatermarkStrategy(delay: delay, emission: .periodic(interval: .millis(200)))
    }
}
