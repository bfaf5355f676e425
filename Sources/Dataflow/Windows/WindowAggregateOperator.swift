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

    /// Spark's complete mode: the whole table every batch, never evicted.
    public var emitsCompleteTable: Bool { rules == .spark(outputMode: .complete) }

    /// An unwindowed aggregate evicts nothing, so Spark plans no no-data batch for it.
    public var plansNoDataBatches: Bool { !emitsCompleteTable && window != .unwindowed }
    let filter: (@Sendable (Event) -> Bool)?
    let map: (@Sendable (Event) -> Event)?
    @usableFromInline let keyBy: KeySelector
    /// False for a non-keyed window (`.constant`), so the hot path skips
    /// extracting a key: a four-way switch, an indirect jump per record.
    @usableFromInline let isKeyed: Bool
    @usableFromInline let lateness: LatenessRules
    let allowedLateness: Duration
    let lateData: LateDataPolicy
    let outputMode: OutputMode
    let size: Duration
    let slide: Duration
    let offset: Duration
    @usableFromInline var assigned: AssignedWindowTable
    @usableFromInline var sessions: SessionTable
    /// Kafka Streams' record-defined sliding windows; nil for every other window.
    var kafkaSliding: KafkaSlidingTable?
    /// Tumbling windows: the start of the last window a record fell in, so
    /// the next record in the same window skips the division of
    /// `windowStart` (`Int64.max` until the first record).
    @usableFromInline var lastTumblingStartMicros = Int64.max
    /// Whether `prefetch(for:)` has anything to do: tumbling windows on an
    /// unmapped stream (a mapped record's key is known only after the map).
    @usableFromInline let prefetchesTumbling: Bool
    /// Likewise for session windows.
    @usableFromInline let prefetchesSessions: Bool
    @usableFromInline let tumblingSizeMicros: Int64
    @usableFromInline let tumblingOffsetMicros: Int64
    /// The watermark below which `advanceWatermark` has nothing to do: under
    /// Flink rules at most the earliest pending window timer (`Int64.max`
    /// with none); under Spark rules `Int64.min`, since the end-of-batch call
    /// always emits or evicts. With a per-event watermark this turns the call
    /// after almost every record into one comparison.
    @usableFromInline var watermarkIdleBelowMicros: Int64

    public init(query: Query, rules: WindowRules, mutation: RuleMutation? = nil) {
        window = query.window
        self.rules = rules
        filter = query.filter
        map = query.map
        keyBy = query.keyBy
        isKeyed = query.keyBy != .constant
        lateness = LatenessRules(mutation: mutation)
        switch rules {
        case .flink(let allowed, let policy):
            allowedLateness = allowed
            lateData = policy
            outputMode = .append
            watermarkIdleBelowMicros = .max
        case .spark(let mode):
            allowedLateness = .zero
            lateData = query.lateData
            outputMode = mode
            watermarkIdleBelowMicros = .min
        }
        let keepsValues = query.aggregates.needsValues
        assigned = AssignedWindowTable(keepsValues: keepsValues)
        switch query.window {
        case .session(let gap):
            sessions = SessionTable(gap: gap, keepsValues: keepsValues)
            (size, slide, offset) = (.zero, .zero, .zero)
        case .kafkaSliding(let difference):
            if case .spark = rules { preconditionFailure("Kafka Streams' sliding windows run on the record engine only") }
            kafkaSliding = KafkaSlidingTable(timeDifference: difference, keepsValues: keepsValues)
            sessions = SessionTable(gap: .zero, keepsValues: keepsValues)
            (size, slide, offset) = (.zero, .zero, .zero)
        case .unwindowed:
            if case .flink = rules { preconditionFailure("an unwindowed running aggregate follows Spark's rules only") }
            sessions = SessionTable(gap: .zero, keepsValues: keepsValues)
            (size, slide, offset) = (.zero, .zero, .zero)
        case .tumbling, .sliding:
            sessions = SessionTable(gap: .zero, keepsValues: keepsValues)
            (size, slide, offset) = query.window.slidingParameters!
        }
        prefetchesTumbling = map == nil && kafkaSliding == nil && size > .zero && slide == size
        prefetchesSessions = map == nil && query.window.isSession
        (tumblingSizeMicros, tumblingOffsetMicros) = (size.micros, offset.micros)
    }

    /// Event-time windows only: the default no-op `advanceProcessingTime` and no timers.
    @inlinable public static var reactsToProcessingTime: Bool { false }

    /// Windows currently holding state (for state-size metrics and tests).
    public var openWindowCount: Int {
        if let kafkaSliding { return kafkaSliding.liveCount }
        return window.isSession ? sessions.liveCount : assigned.liveCount
    }

    /// Inlinable so an engine specialised for this operator runs the hot
    /// tumbling-window path inside its own loop; everything else is a call.
    @inlinable @inline(__always)
    public mutating func process(_ event: Event, context: inout OperatorContext<WindowResult>) {
        if flinkAddToHotWindow(event, context: &context) { return }
        processAnyPath(event, context: &context)
    }

    /// The hint for a coming record: on tumbling windows, the bucket of its
    /// key in its window's pane and the free slot a new window would take;
    /// on session windows, the bucket of its key's list of sessions.
    /// `RecordAtATimeEngine` gives it three records ahead when its input is
    /// in memory (`bench keys`: 10^6 keys, −20 %). While no pane's key map
    /// is large (`AssignedWindowTable.hintsLookups`), or below 2^13 open
    /// sessions, the state stays in the cache: nothing to hint.
    @inlinable @inline(__always)
    public mutating func prefetch(for event: Event) {
        if prefetchesSessions && sessions.liveCount >= 1 << 13 { sessions.prefetchList(of: keyBy.key(of: event)) }
        guard prefetchesTumbling && assigned.hintsLookups else { return }
        assigned.prefetch(key: keyBy.key(of: event), start: tumblingStart(containing: event.eventTime.micros))
    }

    /// True once a hint has something to load (`prefetch(for:)`).
    @inlinable
    public var wantsPrefetch: Bool {
        (prefetchesSessions && sessions.liveCount >= 1 << 13) || (prefetchesTumbling && assigned.hintsLookups)
    }

    /// The start of the tumbling window holding `ts`
    /// (`TumblingEventTimeWindows.assignWindows`): the last record's window
    /// when `ts` falls in it, which skips the division of `windowStart`.
    @inlinable @inline(__always)
    func tumblingStart(containing ts: Int64) -> Int64 {
        let last = lastTumblingStartMicros
        if last != .max && ts >= last && UInt64(bitPattern: ts &- last) < UInt64(tumblingSizeMicros) { return last }
        return WindowAssigner.windowStart(timestamp: ts, offset: tumblingOffsetMicros, size: tumblingSizeMicros)
    }

    @usableFromInline
    mutating func processAnyPath(_ event: Event, context: inout OperatorContext<WindowResult>) {
        if let filter, !filter(event) { return }
        // Two calls rather than `var event = event` and an assignment: the
        // copy of the 56-byte record stalled store forwarding on every
        // record (perf annotate: half of this function's samples).
        if let map { route(map(event), context: &context) } else { route(event, context: &context) }
    }

    @inline(__always)
    mutating func route(_ event: Event, context: inout OperatorContext<WindowResult>) {
        let key = keyBy.key(of: event)
        if kafkaSliding != nil {
            kafkaSlidingProcess(event, key: key, context: &context)
            return
        }
        switch (rules, window.isSession) {
        case (.flink, false): flinkProcessAssigned(event, key: key, context: &context)
        case (.flink, true): flinkProcessSession(event, key: key, context: &context)
        case (.spark, false): sparkProcessAssigned(event, key: key, context: &context)
        case (.spark, true): sparkProcessSession(event, key: key, context: &context)
        }
    }

    @inlinable @inline(__always)
    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<WindowResult>) {
        if watermark.micros < watermarkIdleBelowMicros { return }
        advanceWatermarkWithWork(to: watermark, context: &context)
    }

    @usableFromInline
    mutating func advanceWatermarkWithWork(to watermark: Instant, context: inout OperatorContext<WindowResult>) {
        switch rules {
        case .flink: flinkAdvance(to: watermark, context: &context)
        case .spark: sparkEndBatch(evictionWatermark: watermark, context: &context)
        }
    }

    /// Sizes the window slots for the windows `count` records can open: a
    /// batch job at 10^6 keys opens one per record, and growing the slot
    /// array by doubling copied every window once more and faulted in twice
    /// the pages (perf: a fifth of the job). Tumbling and sliding windows
    /// only; sessions keep their own lists.
    public mutating func reserveCapacity(forRecords count: Int) {
        guard kafkaSliding == nil, !window.isSession, window != .unwindowed, slide > .zero else { return }
        let windowsPerRecord = Int((size.micros + slide.micros - 1) / slide.micros)
        assigned.reserveSlots(forNewWindows: count.multipliedReportingOverflow(by: windowsPerRecord).overflow ? .max : count * windowsPerRecord)
    }

    /// The rest of a complete-mode table that `advanceWatermark` left
    /// pending at `context.outputLimit` rows (`StreamOperator.continueOutput`):
    /// true whenever this call emitted rows, even the last of them.
    public mutating func continueOutput(context: inout OperatorContext<WindowResult>) -> Bool {
        guard assigned.hasPendingRows else { return false }
        _ = assigned.emitPendingRows(into: &context.outputs, limit: context.outputLimit)
        return true
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
