import Dataflow
import SimKernel
import Workloads

/// The stateful query the delivery experiments run: per key, a running total
/// of signed values (TheWorldShop's stock level: restocks add, orders
/// subtract) emitted for every event, plus a tumbling event-time window with
/// the count and sum of its events, emitted when the watermark closes it.
///
/// The window half is the shared `WindowAggregateOperator` (issue #3: one
/// window implementation for every engine), so the delivery experiments close
/// windows exactly as `streamlab run` does; this type only adds the running
/// total and turns window rows into sink records with a replay-stable identity.
///
/// It is a value type on purpose, and so is everything it holds: a checkpoint
/// *is* a copy of this struct (copy-on-write makes the snapshot cheap), so
/// "restore the last complete checkpoint" is an assignment and can never
/// half-restore.
public struct KeyedTotalsOperator: StreamOperator {
    public typealias Output = PipelineOutput

    /// The window rules of the engine that runs it (Flink's for record
    /// presets, Spark's append mode for micro-batch, complete mode for batch).
    public let rules: WindowRules
    /// The sign applied to an event's value per `Event.kind` (kinds beyond the
    /// array count +1).
    public let kindSigns: [Double]

    /// Running totals by key, in an array for generated (dense) keys: no
    /// hashing per event (callgrind, issue 14), and a checkpoint copies one
    /// Double per key.
    var totals = KeyTable<Double>(initial: 0)
    var windows: WindowAggregateOperator
    public private(set) var droppedLateCount: Int = 0
    /// The window half's outputs for the call in progress; empty between
    /// calls. Kept rather than made per record: a fresh context cost its
    /// set-up and two releases per event (callgrind, issue 14's crash run).
    /// A checkpoint copies it empty.
    var windowScratch = OperatorContext<WindowResult>()

    /// The caller drives the watermarks: on Flink rules `process` sees the
    /// current watermark; on Spark rules it sees the previous batch's (late
    /// filter) and `advanceWatermark` gets the current one (eviction), as
    /// `MicroBatchDriver` drives the same operator.
    public init(settings: QuerySettings, rules: WindowRules, mutation: RuleMutation? = nil) {
        precondition(settings.windowSizeMicros > 0, "window size must be positive")
        self.rules = rules
        kindSigns = settings.kindSigns
        windows = WindowAggregateOperator(query: Self.windowQuery(for: settings), rules: rules, mutation: mutation)
    }

    /// The window half as a logical query, so the harness's oracle computes
    /// the exact answer of the very query the engines run.
    public static func windowQuery(for settings: QuerySettings) -> Query {
        Query(
            watermark: WatermarkStrategy(delay: Duration(micros: settings.watermarkDelayMicros)),
            keyBy: .key, window: .tumbling(size: Duration(micros: settings.windowSizeMicros)),
            aggregates: AggregateSpec([.count, .sum]), lateData: .drop, outputMode: .append)
    }

    /// The sign of `event`'s value in the running total.
    public static func sign(of event: Event, kindSigns: [Double]) -> Double {
        Int(event.kind) < kindSigns.count ? kindSigns[Int(event.kind)] : 1
    }

    public func total(of key: Int32) -> Double { totals[key] }

    public mutating func process(_ event: Event, context: inout OperatorContext<PipelineOutput>) {
        let total = totals[event.key] + Self.sign(of: event, kindSigns: kindSigns) * event.value
        totals[event.key] = total
        context.emit(PipelineOutput(
            identity: .event(event.id, key: event.key), key: event.key, value: total, sum: event.value,
            latestEventTime: event.eventTime, latestArrivalTime: event.arrivalTime))
        windowScratch.watermark = context.watermark
        windowScratch.processingTime = context.processingTime
        windows.process(event, context: &windowScratch)
        forwardScratch(to: &context)
    }

    /// Emits every window the watermark closes, in (end, key) order.
    public mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<PipelineOutput>) {
        windowScratch.watermark = watermark
        windowScratch.processingTime = context.processingTime
        windows.advanceWatermark(to: watermark, context: &windowScratch)
        forwardScratch(to: &context)
    }

    public var openWindowCount: Int { windows.openWindowCount }

    public var emitsCompleteTable: Bool { windows.emitsCompleteTable }
    public var plansNoDataBatches: Bool { windows.plansNoDataBatches }

    /// A window row becomes a sink record whose identity is (key, start): a
    /// replay recomputes the same identity, which is what makes a second copy
    /// in an append sink a duplicate. The late count is part of the state, so
    /// a restore rolls it back with everything else.
    /// The scratch is emptied (its late records, which the window half
    /// never keeps with `lateData: .drop`, are dropped).
    mutating func forwardScratch(to context: inout OperatorContext<PipelineOutput>) {
        if windowScratch.droppedLateCount != 0 {
            droppedLateCount += windowScratch.droppedLateCount
            context.droppedLateCount += windowScratch.droppedLateCount
            windowScratch.droppedLateCount = 0
        }
        guard !windowScratch.outputs.isEmpty || !windowScratch.lateSideOutput.isEmpty else { return }
        for row in windowScratch.outputs {
            context.emit(PipelineOutput(
                identity: .window(key: row.key, startMicros: row.window.start.micros), key: row.key,
                value: Double(row.aggregates.count), sum: row.aggregates.sum,
                latestEventTime: row.aggregates.latestEventTime, latestArrivalTime: row.aggregates.latestArrivalTime))
        }
        windowScratch.outputs.removeAll(keepingCapacity: true)
        windowScratch.lateSideOutput.removeAll(keepingCapacity: true)
    }
}
