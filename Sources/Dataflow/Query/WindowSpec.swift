import SimKernel

/// A time window `[start, end)`: start inclusive, end exclusive, as both
/// Flink's `TimeWindow` and Spark's `window` struct define it
/// (../shared/DESIGN.md, "Windows are [start, end)").
@frozen
public struct TimeWindow: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var start: Instant
    public var end: Instant

    @inlinable public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }

    /// Flink: `TimeWindow.maxTimestamp() = end - 1`, the last instant inside
    /// the window; the event-time trigger compares this with the watermark.
    @inlinable public var maxTimestamp: Instant { Instant(micros: end.micros &- 1) }

    @inlinable public func contains(_ time: Instant) -> Bool { start <= time && time < end }

    /// Flink: `TimeWindow.intersects` is `start <= other.end && end >= other.start`,
    /// so windows that only touch (`end == other.start`) still merge.
    @inlinable public func intersects(_ other: TimeWindow) -> Bool {
        start <= other.end && end >= other.start
    }

    /// Flink: `TimeWindow.cover`, the smallest window spanning both.
    @inlinable public func cover(_ other: TimeWindow) -> TimeWindow {
        TimeWindow(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    @inlinable public static func < (lhs: TimeWindow, rhs: TimeWindow) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    public var description: String { "[\(start.micros), \(end.micros))" }

    /// The one group of an unwindowed aggregate: all of time. Its end is never
    /// reached by a watermark, so nothing is late and nothing is evicted.
    public static let unbounded = TimeWindow(start: .min, end: .max)
}

/// Which windows a record belongs to. One definition serves every engine;
/// the engines only decide *when* a window is emitted.
public enum WindowSpec: Equatable, Sendable {
    /// Fixed, non-overlapping windows of `size`, aligned to `offset`.
    case tumbling(size: Duration, offset: Duration = .zero)
    /// Overlapping windows of `size` starting every `slide`, aligned to `offset`.
    case sliding(size: Duration, slide: Duration, offset: Duration = .zero)
    /// Per-key activity sessions closed by `gap` of inactivity.
    case session(gap: Duration)
    /// No window: one running aggregate per key for all time, Spark's
    /// `groupBy(key).count()`. Its one "window" is `TimeWindow.unbounded`;
    /// with no event-time column among the grouping keys Spark neither drops
    /// late rows nor evicts state, and refuses append mode
    /// (`UnsupportedOperationChecker`), so it runs in update or complete mode.
    case unwindowed
    /// Kafka Streams' sliding windows (`SlidingWindows.ofTimeDifferenceAndGrace`):
    /// defined by the records, `[ts − timeDifference, ts]` inclusive for each
    /// record plus the window starting just after it; the grace period is the
    /// query's watermark delay. Rules: `KafkaSlidingTable`. Record engine
    /// (kafka-streams preset) only.
    case kafkaSliding(timeDifference: Duration)

    public var isSession: Bool {
        if case .session = self { return true }
        return false
    }

    /// Checks the sizes a user supplied; `field` names the offending value.
    public func validate() throws(InputError) {
        switch self {
        case .tumbling(let size, _):
            guard size > .zero else { throw InputError(file: "", field: "window.size", reason: "must be positive") }
        case .sliding(let size, let slide, _):
            guard size > .zero else { throw InputError(file: "", field: "window.size", reason: "must be positive") }
            guard slide > .zero else { throw InputError(file: "", field: "window.slide", reason: "must be positive") }
        case .session(let gap):
            guard gap > .zero else { throw InputError(file: "", field: "window.gap", reason: "must be positive") }
        case .unwindowed:
            break
        case .kafkaSliding(let difference):
            guard difference > .zero else { throw InputError(file: "", field: "window.time_difference", reason: "must be positive") }
        }
    }
}
