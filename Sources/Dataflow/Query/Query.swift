import SimKernel
import Workloads

/// Which field of an event the query groups by. Keys stay `Int32` so the
/// per-record path never builds a String.
public enum KeySelector: Equatable, Sendable {
    case key
    case attribute
    case kind
    /// One global group (key 0), for non-keyed windows.
    case constant

    @inlinable public func key(of event: Event) -> Int32 {
        switch self {
        case .key: return event.key
        case .attribute: return event.attribute
        case .kind: return Int32(event.kind)
        case .constant: return 0
        }
    }
}

/// What a record-at-a-time engine does with a record that arrives after
/// all its windows were cleaned up (Flink: `sideOutputLateData`, or the
/// `numLateRecordsDropped` counter).
public enum LateDataPolicy: Equatable, Sendable {
    case sideOutput
    case drop
}

/// Spark Structured Streaming's output modes (../shared/DESIGN.md):
/// append emits a window once when it is evicted; update emits every changed
/// row each batch and evicts silently; complete emits the whole table every
/// batch and never evicts.
public enum OutputMode: String, CaseIterable, Sendable {
    case append
    case update
    case complete
}

/// A logical windowed query, written once and run on any engine:
/// source → timestamps & watermark strategy → filter/map → keyBy → window →
/// aggregate → sink.
///
/// The engine-specific knobs (allowed lateness for Flink, output mode for
/// Spark) live here too so one query file describes a job on both; each
/// engine reads the knobs that exist in the system it models.
public struct Query: Sendable {
    public var watermark: WatermarkStrategy
    /// Keeps a record when it returns true; applied after the watermark is
    /// taken, as `withWatermark(...).filter(...)` / `assignTimestampsAndWatermarks(...).filter(...)`.
    public var filter: (@Sendable (Event) -> Bool)?
    /// Rewrites a record (its value, key or attribute) before grouping.
    public var map: (@Sendable (Event) -> Event)?
    public var keyBy: KeySelector
    public var window: WindowSpec
    public var aggregates: AggregateSpec
    /// Flink: how long a window's state is kept after it first fires.
    public var allowedLateness: Duration
    /// Flink: where records too late for every window go.
    public var lateData: LateDataPolicy
    /// Spark: which rows each micro-batch emits.
    public var outputMode: OutputMode

    public init(
        watermark: WatermarkStrategy,
        filter: (@Sendable (Event) -> Bool)? = nil,
        map: (@Sendable (Event) -> Event)? = nil,
        keyBy: KeySelector = .key,
        window: WindowSpec,
        aggregates: AggregateSpec = .countSumMinMax,
        allowedLateness: Duration = .zero,
        lateData: LateDataPolicy = .sideOutput,
        outputMode: OutputMode = .append
    ) {
        precondition(allowedLateness >= .zero, "allowed lateness cannot be negative")
        self.watermark = watermark
        self.filter = filter
        self.map = map
        self.keyBy = keyBy
        self.window = window
        self.aggregates = aggregates
        self.allowedLateness = allowedLateness
        self.lateData = lateData
        self.outputMode = outputMode
    }
}
