import SimKernel

/// Flink's `BoundedOutOfOrdernessWatermarks` (../shared/DESIGN.md, "Apache
/// Flink"): the watermark is `maxTimestamp − outOfOrderness − 1`, from
/// `Long.MIN_VALUE` before the first record, and it is emitted either after
/// every record (a punctuated generator emitting in `onEvent`) or every
/// `pipeline.auto-watermark-interval` of processing time (200 ms by default).
///
/// This is the only place the formula lives: the record-at-a-time scheduler
/// (and through it `run`, `replay`, `compare` and `crash`) asks this type.
public struct FlinkWatermarkGenerator: Sendable, Equatable {
    /// The out-of-orderness bound in µs.
    public let outOfOrdernessMicros: Int64
    /// The largest timestamp seen (`Int64.min` before any record).
    public private(set) var maxTimestampMicros: Int64 = .min

    public init(outOfOrderness: Duration) {
        precondition(outOfOrderness >= .zero, "the out-of-orderness bound cannot be negative")
        outOfOrdernessMicros = outOfOrderness.micros
    }

    /// `onEvent`: records a timestamp; true when it raised the maximum, the
    /// only case in which the watermark can move.
    @inlinable @inline(__always)
    public mutating func observe(_ eventTime: Instant) -> Bool {
        guard eventTime.micros > maxTimestampMicros else { return false }
        setMaximum(eventTime.micros)
        return true
    }

    @usableFromInline mutating func setMaximum(_ micros: Int64) { maxTimestampMicros = micros }

    /// `onPeriodicEmit` / the punctuated emission: the current watermark.
    @inlinable public var currentWatermark: Instant {
        Self.watermark(maxTimestampMicros: maxTimestampMicros, outOfOrdernessMicros: outOfOrdernessMicros)
    }

    /// `maxTimestamp − outOfOrderness − 1`, `Long.MIN_VALUE` before any record
    /// (and, rather than wrapping, on overflow near the bottom of the range).
    @inlinable
    public static func watermark(maxTimestampMicros: Int64, outOfOrdernessMicros: Int64) -> Instant {
        if maxTimestampMicros == .min { return .min }
        let (value, overflow) = maxTimestampMicros.subtractingReportingOverflow(outOfOrdernessMicros &+ 1)
        return overflow ? .min : Instant(micros: value)
    }

    /// Flink's periodic emission runs on processing-time ticks a whole number
    /// of intervals from `origin` (zero: multiples of the interval): the
    /// first tick strictly after `time`.
    @inlinable
    public static func firstPeriodicTick(after time: Instant, interval: Duration, origin: Duration = .zero) -> Instant {
        let micros = Swift.max(time.micros - origin.micros, 0)
        return Instant(micros: origin.micros + (micros / interval.micros + 1) * interval.micros)
    }
}
