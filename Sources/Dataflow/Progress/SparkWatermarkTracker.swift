import SimKernel

/// Spark Structured Streaming's event-time watermark for one query with one
/// `withWatermark` (`WatermarkTracker` with a single operator).
///
/// - The watermark is `max event time seen − delay`; it only moves forward
///   and starts at 0 (`OffsetSeqMetadata.batchWatermarkMs` defaults to 0).
/// - It is updated at the end of batch N from the rows batch N read (late
///   ones included: `EventTimeWatermarkExec` sits below the aggregate), and
///   batch N+1 runs with it (../shared/DESIGN.md).
public struct SparkWatermarkTracker: Sendable, Equatable {
    public let delay: Duration
    /// The watermark the next batch will run with.
    public private(set) var current: Instant = .zero
    private var maxEventTimeInBatch: Instant = .min

    public init(delay: Duration) { self.delay = delay }

    /// Records a row read by the running batch.
    @inlinable public mutating func observe(_ eventTime: Instant) {
        if eventTime > maxEventTimeInBatchValue { setMax(eventTime) }
    }

    @usableFromInline var maxEventTimeInBatchValue: Instant { maxEventTimeInBatch }
    @usableFromInline mutating func setMax(_ time: Instant) { maxEventTimeInBatch = time }

    /// Ends the running batch: `updateWatermark` after the batch, advancing
    /// only when the batch had rows and the new value is larger.
    public mutating func endBatch() {
        defer { maxEventTimeInBatch = .min }
        guard maxEventTimeInBatch != .min else { return }
        let candidate = Self.watermark(maxEventTime: maxEventTimeInBatch, delay: delay)
        if candidate > current { current = candidate }
    }

    /// `max event time − delay` (`EventTimeWatermarkExec`); `Instant.min`
    /// before any row.
    public static func watermark(maxEventTime: Instant, delay: Duration) -> Instant {
        maxEventTime == .min ? .min : maxEventTime - delay
    }
}
