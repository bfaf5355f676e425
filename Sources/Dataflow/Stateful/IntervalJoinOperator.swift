import SimKernel
import Workloads

/// Which input of a two-input operator a record belongs to. The engines feed
/// one merged stream in arrival order; a join tells its sides apart with a
/// caller-supplied classifier (by `Event.kind` in the scenarios).
public enum JoinSide: Sendable, Equatable, Comparable {
    case left, right
}

/// A stream-stream interval join, with Flink's `IntervalJoinOperator` rules.
///
/// Model (Flink `KeyedStream.intervalJoin(...).between(lower, upper)`):
/// a left record at `l` and a right record at `r` with the same key join
/// when `l + lower <= r <= l + upper`, both bounds inclusive. Each record is
/// buffered on its side and probes the other side's buffer on arrival; the
/// pair's timestamp is `max(l, r)`. A record is late, and dropped, when
/// `ts < watermark` (Flink `isLate`, strictly less). State is cleaned by
/// event-time timers: a left record at `l` leaves at watermark
/// `l + upper` (or `l` when `upper <= 0`), a right record at `r` at
/// `r - lower` (or `r` when `lower >= 0`), the same cleanup times Flink
/// registers, and timers fire while `timer <= watermark`.
///
/// Pairs are emitted in the probing record's arrival order, and within one
/// probe in (other timestamp, other arrival) order, so output is
/// deterministic.
public struct IntervalJoinOperator: StreamOperator {
    public struct Pair: Equatable, Sendable {
        public var key: Int32
        public var left: Event
        public var right: Event
        /// Flink: `max(leftTimestamp, rightTimestamp)`.
        public var timestamp: Instant
    }
    public typealias Output = Pair

    public let lower: Duration
    public let upper: Duration
    public let keyBy: KeySelector
    public let side: @Sendable (Event) -> JoinSide?

    struct BufferKey: Hashable, Comparable {
        var side: JoinSide
        var key: Int32
        static func < (lhs: BufferKey, rhs: BufferKey) -> Bool { (lhs.key, lhs.side) < (rhs.key, rhs.side) }
    }

    /// Per (side, key): records sorted by (event time, arrival sequence).
    private var buffers: [BufferKey: [Event]] = [:]
    private var cleanupTimers = TimerService<BufferKey>()
    public private(set) var stateAccessCount = 0
    public private(set) var droppedLateCount = 0

    public init(lower: Duration, upper: Duration, keyBy: KeySelector = .key, side: @escaping @Sendable (Event) -> JoinSide?) {
        precondition(lower <= upper, "an interval join needs lower <= upper (Flink rejects it otherwise)")
        self.lower = lower
        self.upper = upper
        self.keyBy = keyBy
        self.side = side
    }

    /// Records buffered on both sides, for tests and state-size metrics.
    public var bufferedCount: Int { buffers.values.reduce(0) { $0 + $1.count } }

    public mutating func process(_ event: Event, context: inout OperatorContext<Pair>) {
        guard let ourSide = side(event) else { return }
        let time = event.eventTime
        if context.watermark != .min && time < context.watermark {
            droppedLateCount += 1
            context.droppedLateCount += 1
            return
        }
        let key = keyBy.key(of: event)
        // Flink swaps and negates the bounds for the right side.
        let (relativeLower, relativeUpper) = ourSide == .left ? (lower, upper) : (Duration.zero - upper, Duration.zero - lower)
        let ours = BufferKey(side: ourSide, key: key)
        insert(event, into: ours)
        let other = BufferKey(side: ourSide == .left ? .right : .left, key: key)
        stateAccessCount += 2
        for candidate in buffers[other] ?? [] {
            let otherTime = candidate.eventTime
            if otherTime < time + relativeLower || otherTime > time + relativeUpper { continue }
            let (left, right) = ourSide == .left ? (event, candidate) : (candidate, event)
            context.emit(Pair(key: key, left: left, right: right, timestamp: max(left.eventTime, right.eventTime)))
        }
        let cleanupTime = relativeUpper > .zero ? time + relativeUpper : time
        cleanupTimers.register(.eventTime, key: ours, at: cleanupTime)
    }

    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Pair>) {
        for timer in cleanupTimers.popDue(.eventTime, upTo: watermark) {
            // Flink `onEventTime`: which buffered timestamp this timer cleans.
            let bufferedTime: Instant
            switch timer.key.side {
            case .left: bufferedTime = upper <= .zero ? timer.time : timer.time - upper
            case .right: bufferedTime = lower <= .zero ? timer.time + lower : timer.time
            }
            stateAccessCount += 1
            buffers[timer.key]?.removeAll { $0.eventTime == bufferedTime }
            if buffers[timer.key]?.isEmpty == true { buffers.removeValue(forKey: timer.key) }
        }
    }

    private mutating func insert(_ event: Event, into key: BufferKey) {
        var buffer = buffers[key] ?? []
        // After every record with the same or an earlier time: arrival order within a timestamp.
        var low = 0
        var high = buffer.count
        while low < high {
            let middle = (low + high) / 2
            if buffer[middle].eventTime <= event.eventTime { low = middle + 1 } else { high = middle }
        }
        buffer.insert(event, at: low)
        buffers[key] = buffer
    }
}
