import SimKernel
import Workloads

/// The one window operator every engine runs: assigns each record to its
/// windows, keeps one `Accumulator` per (key, window), and emits results
/// when the rules of the engine's real system say so.
///
/// The engine sets `context.watermark` before calling `process`:
/// - on Flink rules it is the current watermark, and `advanceWatermark`
///   fires windows whose `maxTimestamp <= watermark` and cleans up those whose
///   `maxTimestamp + allowedLateness <= watermark`;
/// - on Spark rules it is the *previous* batch's watermark (late-row filter),
///   and the engine calls `advanceWatermark` exactly once at the end of every
///   micro-batch with the *current* batch's watermark (eviction), even when
///   that watermark did not move, because that call is where append, update
///   and complete mode emit their rows (Spark's two watermarks, DESIGN.md).
public struct WindowAggregateOperator: StreamOperator {
    public typealias Output = WindowResult

    public let window: WindowSpec
    public let rules: WindowRules
    let filter: (@Sendable (Event) -> Bool)?
    let map: (@Sendable (Event) -> Event)?
    let keyBy: KeySelector
    let lateness: LatenessRules
    let allowedLateness: Duration
    let lateData: LateDataPolicy
    let outputMode: OutputMode
    let size: Duration
    let slide: Duration
    let offset: Duration
    var assigned: AssignedWindowTable
    var sessions: SessionTable
    /// Tumbling windows: the start of the last window a record fell in, so
    /// the next record in the same window skips the division of
    /// `windowStart` (`Int64.max` until the first record).
    var lastTumblingStartMicros = Int64.max

    public init(query: Query, rules: WindowRules, mutation: RuleMutation? = nil) {
        window = query.window
        self.rules = rules
        filter = query.filter
        map = query.map
        keyBy = query.keyBy
        lateness = LatenessRules(mutation: mutation)
        switch rules {
        case .flink(let allowed, let policy):
            allowedLateness = allowed
            lateData = policy
            outputMode = .append
        case .spark(let mode):
            allowedLateness = .zero
            lateData = query.lateData
            outputMode = mode
        }
        let keepsValues = query.aggregates.needsValues
        assigned = AssignedWindowTable(keepsValues: keepsValues)
        if case .session(let gap) = query.window {
            sessions = SessionTable(gap: gap, keepsValues: keepsValues)
            (size, slide, offset) = (.zero, .zero, .zero)
        } else {
            sessions = SessionTable(gap: .zero, keepsValues: keepsValues)
            (size, slide, offset) = query.window.slidingParameters!
        }
    }

    /// Windows currently holding state (for state-size metrics and tests).
    public var openWindowCount: Int { window.isSession ? sessions.liveCount : assigned.liveCount }

    public mutating func process(_ event: Event, context: inout OperatorContext<WindowResult>) {
        if let filter, !filter(event) { return }
        // Two calls rather than `var event = event` and an assignment: the
        // copy of the 56-byte record stalled store forwarding on every
        // record (perf annotate: half of this function's samples).
        if let map { route(map(event), context: &context) } else { route(event, context: &context) }
    }

    @inline(__always)
    mutating func route(_ event: Event, context: inout OperatorContext<WindowResult>) {
        let key = keyBy.key(of: event)
        switch (rules, window.isSession) {
        case (.flink, false): flinkProcessAssigned(event, key: key, context: &context)
        case (.flink, true): flinkProcessSession(event, key: key, context: &context)
        case (.spark, false): sparkProcessAssigned(event, key: key, context: &context)
        case (.spark, true): sparkProcessSession(event, key: key, context: &context)
        }
    }

    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<WindowResult>) {
        switch rules {
        case .flink: flinkAdvance(to: watermark, context: &context)
        case .spark: sparkEndBatch(evictionWatermark: watermark, context: &context)
        }
    }

    /// A record too late for every window it belongs to: to the side output
    /// or counted as dropped (Flink's `sideOutputLateData` /
    /// `numLateRecordsDropped`; Spark's `numRowsDroppedByWatermark`).
    @inline(__always)
    mutating func reportLate(_ event: Event, context: inout OperatorContext<WindowResult>) {
        switch lateData {
        case .sideOutput: context.lateSideOutput.append(event)
        case .drop: context.droppedLateCount += 1
        }
    }
}
