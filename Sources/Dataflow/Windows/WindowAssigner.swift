import SimKernel

/// Assigns a timestamp to its tumbling or sliding windows. Session windows
/// are assigned `[ts, ts + gap)` and then merged by `SessionSet`.
///
/// Flink and Spark describe the same set of windows in two ways, and both
/// are implemented literally so tests can check they agree:
/// - Flink (`SlidingEventTimeWindows.assignWindows`): from
///   `lastStart = TimeWindow.getWindowStartWithOffset(ts, offset, slide)`
///   down while `start > ts − size`;
/// - Spark (`TimeWindowing`): `lastStart = ts − ((ts − offset) mod slide)`, the
///   windows `lastStart − i·slide` for `i < ceil(size/slide)`, each kept if
///   `start <= ts < end`.
public enum WindowAssigner {
    /// Flink: `TimeWindow.getWindowStartWithOffset` is
    /// `ts − (ts − offset + size) % size`. Java's `%` truncates, so for a
    /// timestamp more than one size below the offset that formula would give a
    /// start above `ts`; the floored modulo used here is what the formula is
    /// meant to compute and equals it for every `ts >= offset − size`.
    @inlinable
    public static func windowStart(timestamp: Int64, offset: Int64, size: Int64) -> Int64 {
        let remainder = (timestamp &- offset) % size
        return timestamp &- (remainder < 0 ? remainder &+ size : remainder)
    }

    /// Calls `body` for each window containing `timestamp`, latest start first
    /// (Flink's order). Tumbling windows are sliding windows with `slide == size`.
    @inlinable
    public static func forEachWindow(
        containing timestamp: Instant, size: Duration, slide: Duration, offset: Duration,
        _ body: (TimeWindow) -> Void
    ) {
        let ts = timestamp.micros
        var start = windowStart(timestamp: ts, offset: offset.micros, size: slide.micros)
        // Flink: `for (start = lastStart; start > timestamp - size; start -= slide)`.
        // Bounded: at most ceil(size / slide) iterations.
        while start > ts &- size.micros {
            body(TimeWindow(start: Instant(micros: start), end: Instant(micros: start &+ size.micros)))
            start &-= slide.micros
        }
    }

    /// Spark's formulation, used by tests to pin that both give the same set.
    public static func sparkWindows(containing timestamp: Instant, size: Duration, slide: Duration, offset: Duration) -> [TimeWindow] {
        let ts = timestamp.micros
        let lastStart = windowStart(timestamp: ts, offset: offset.micros, size: slide.micros)
        let overlapping = (size.micros + slide.micros - 1) / slide.micros  // ceil(size / slide)
        var windows: [TimeWindow] = []
        for index in 0..<overlapping {
            let start = lastStart - index * slide.micros
            let end = start + size.micros
            if start <= ts && ts < end { windows.append(TimeWindow(start: Instant(micros: start), end: Instant(micros: end))) }
        }
        return windows
    }
}

extension WindowSpec {
    /// The (size, slide, offset) of a tumbling or sliding window.
    @inlinable public var slidingParameters: (size: Duration, slide: Duration, offset: Duration)? {
        switch self {
        case .tumbling(let size, let offset): return (size, size, offset)
        case .sliding(let size, let slide, let offset): return (size, slide, offset)
        case .session, .unwindowed, .kafkaSliding: return nil
        }
    }
}
