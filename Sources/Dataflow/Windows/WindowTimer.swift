/// A pending window deadline: fire (Flink's event-time trigger timer),
/// cleanup (Flink's cleanup timer at `maxTimestamp + allowedLateness`) or
/// evict (Spark's `window.end <= watermark`).
///
/// Timers live in a min-heap so advancing the watermark costs O(log n) per
/// window that is due, never a scan of all windows. Ties are ordered by
/// (key, window start, kind), so output order never depends on heap layout.
public struct WindowTimer: Comparable, Sendable {
    public enum Kind: UInt8, Sendable {
        case fire = 0
        case cleanup = 1
    }

    public var time: Int64
    public var key: Int32
    public var start: Int64
    public var end: Int64
    public var kind: Kind

    @inlinable
    public init(time: Int64, key: Int32, start: Int64, end: Int64, kind: Kind) {
        self.time = time
        self.key = key
        self.start = start
        self.end = end
        self.kind = kind
    }

    @inlinable
    public static func < (lhs: WindowTimer, rhs: WindowTimer) -> Bool {
        if lhs.time != rhs.time { return lhs.time < rhs.time }
        if lhs.key != rhs.key { return lhs.key < rhs.key }
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        if lhs.kind != rhs.kind { return lhs.kind.rawValue < rhs.kind.rawValue }
        return lhs.end < rhs.end
    }
}
