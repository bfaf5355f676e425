import SimKernel

/// The stable identity of one output, which is what a sink de-duplicates or
/// upserts on and what the harness compares with the oracle.
///
/// A replay after a crash recomputes the *same* identity for the same input
/// (the operator is deterministic and restarts from a consistent snapshot), so
/// "the same identity twice in an append sink" is exactly a duplicate.
public struct OutputIdentity: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: UInt8, Sendable { case perEvent = 0, window = 1 }
    public var kind: Kind
    /// The input event id for a per-event output; 0 for a window.
    public var eventID: UInt64
    public var key: Int32
    /// The window's start in µs; 0 for a per-event output.
    public var windowStartMicros: Int64

    public static func event(_ id: UInt64, key: Int32) -> OutputIdentity {
        OutputIdentity(kind: .perEvent, eventID: id, key: key, windowStartMicros: 0)
    }

    public static func window(key: Int32, startMicros: Int64) -> OutputIdentity {
        OutputIdentity(kind: .window, eventID: 0, key: key, windowStartMicros: startMicros)
    }

    public static func < (lhs: OutputIdentity, rhs: OutputIdentity) -> Bool {
        (lhs.kind.rawValue, lhs.key, lhs.windowStartMicros, lhs.eventID)
            < (rhs.kind.rawValue, rhs.key, rhs.windowStartMicros, rhs.eventID)
    }

    public var description: String {
        switch kind {
        case .perEvent: return "event #\(eventID) (key \(key))"
        case .window: return "window key \(key) @\(windowStartMicros / 1_000)ms"
        }
    }
}

/// One record the pipeline hands to its sink.
public struct PipelineOutput: Equatable, Sendable {
    public var identity: OutputIdentity
    public var key: Int32
    /// A per-event output carries the key's running total after the event;
    /// a window carries its count.
    public var value: Double
    /// For a window, its sum of values; for a per-event output, the event's value.
    public var sum: Double
    /// The latest event behind this output (Karimov et al.: a window's
    /// latency is measured from its latest event).
    public var latestEventTime: Instant
    public var latestArrivalTime: Instant

    public init(identity: OutputIdentity, key: Int32, value: Double, sum: Double, latestEventTime: Instant, latestArrivalTime: Instant) {
        self.identity = identity
        self.key = key
        self.value = value
        self.sum = sum
        self.latestEventTime = latestEventTime
        self.latestArrivalTime = latestArrivalTime
    }
}

extension PipelineOutput: SinkRecord {
    public var sinkIdentity: OutputIdentity { identity }
}

/// A delivery-query output as the outside world sees it.
public typealias VisibleOutput = Visible<PipelineOutput>

/// An output as the outside world sees it: committed, with the instant it
/// became visible to a `read_committed` reader.
public struct Visible<Record> {
    public var output: Record
    public var visibleAt: Instant
    /// Which engine attempt (0 = before the first crash) produced it.
    public var attempt: Int

    public init(output: Record, visibleAt: Instant, attempt: Int) {
        self.output = output
        self.visibleAt = visibleAt
        self.attempt = attempt
    }
}

extension Visible: Equatable where Record: Equatable {}
extension Visible: Sendable where Record: Sendable {}
