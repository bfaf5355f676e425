import Dataflow
import SimKernel
import Workloads

/// The record-at-a-time engine, with Apache Flink's semantics.
///
/// Model: one task, parallelism 1, handles records one by one in arrival
/// order. Its processing-time clock is a single server: a record starts at
/// `max(clock, arrival)` and takes `costs.perRecord`. The source assigns a
/// bounded-out-of-orderness watermark, `maxTimestamp − delay − 1`
/// (`BoundedOutOfOrdernessWatermarks`), either after every record (a
/// punctuated `WatermarkGenerator` emitting in `onEvent`) or every
/// `interval` of processing time (`pipeline.auto-watermark-interval`). A
/// watermark only moves forward. At the end of a bounded input a final
/// watermark of +∞ fires every remaining window and timer, as Flink's
/// bounded sources do. Window firing, allowed lateness and late side output
/// are the operator's, under `WindowRules.flink`.
///
/// Processing time moves with the cost model, and the engine drives it into
/// the operator: before each record to the record's start time, then to the
/// time the last record finished, so a processing-time timer fires at its due
/// time (or, if the task was busy then, as soon as the record in hand is
/// done) even when no record for it arrives. Timers still pending when the
/// last record has finished do not fire: Flink quiesces the processing-time
/// service when a bounded input ends. The periodic watermark is a
/// processing-time callback too, so it also waits for the record in hand.
public struct RecordAtATimeEngine: StreamEngine {
    public var watermark: WatermarkStrategy
    public var costs: EngineCosts
    public var mutation: RuleMutation?

    public init(watermark: WatermarkStrategy, costs: EngineCosts = .free, mutation: RuleMutation? = nil) {
        self.watermark = watermark
        self.costs = costs
        self.mutation = mutation
    }

    public func windowRules(for query: Query) -> WindowRules {
        .flink(allowedLateness: query.allowedLateness, lateData: query.lateData)
    }

    @inlinable
    public func run<Op: StreamOperator, Events: Sequence>(_ op: inout Op, events: Events) -> EngineRun<Op.Output>
    where Events.Element == Event {
        var run = EngineRun<Op.Output>()
        var context = OperatorContext<Op.Output>(watermark: .min, processingTime: .zero)
        var clock = Instant.min
        var maxTimestamp = Int64.min
        let delay = watermark.delay.micros
        let perRecord = costs.perRecord
        // Counted in a local, which stays in a register, and stored once.
        var recordsProcessed = 0
        // One loop per emission mode, so the per-record path tests no mode.
        switch watermark.emission {
        case .perEvent:
            var iterator = events.makeIterator()
            while let event = iterator.next() {
                Self.handle(event, costing: perRecord, op: &op, context: &context, run: &run, clock: &clock)
                recordsProcessed += 1
                // The watermark is a function of the maximum timestamp, so it
                // can only move when a record raises that maximum.
                if event.eventTime.micros > maxTimestamp {
                    maxTimestamp = event.eventTime.micros
                    Self.raise(Self.watermark(maxTimestamp: maxTimestamp, delay: delay), op: &op, context: &context)
                }
                // The record and the watermark after it share one processing
                // time, so one drain stamps both calls' outputs, in order.
                run.drain(&context, batch: nil)
            }
        case .periodic(let interval):
            var nextTick = Instant.min
            for event in events {
                let start = Swift.max(clock, event.arrivalTime)
                if nextTick == .min { nextTick = Self.firstTick(after: start, interval: interval) }
                // Every tick before this record would emit the same watermark
                // (no record arrived in between), so one emission stands for all.
                if nextTick <= start {
                    let tickTime = Swift.max(nextTick, clock)
                    run.advanceProcessingTime(&op, to: tickTime, busyUntil: clock, context: &context, batch: nil)
                    Self.emit(Self.watermark(maxTimestamp: maxTimestamp, delay: delay), op: &op, context: &context, run: &run)
                    nextTick = Self.firstTick(after: start, interval: interval)
                }
                Self.handle(event, costing: perRecord, op: &op, context: &context, run: &run, clock: &clock)
                recordsProcessed += 1
                run.drain(&context, batch: nil)
                if event.eventTime.micros > maxTimestamp { maxTimestamp = event.eventTime.micros }
            }
        }
        run.recordsProcessed = recordsProcessed
        // End of input: timers due by the time the last record finished fire,
        // then Flink's bounded source emits Long.MAX_VALUE, then any timer its
        // event-time callbacks set for no later than now.
        if clock != .min { run.advanceProcessingTime(&op, to: clock, busyUntil: clock, context: &context, batch: nil) }
        Self.emit(.max, op: &op, context: &context, run: &run)
        if clock != .min { run.advanceProcessingTime(&op, to: clock, busyUntil: clock, context: &context, batch: nil) }
        run.finishTime = context.processingTime
        return run
    }

    /// One record on the single server: processing time moves to its start
    /// (firing what fell due), then past its cost, and the operator takes it.
    /// The caller counts the record and drains the outputs.
    @inlinable @inline(__always)
    static func handle<Op: StreamOperator>(
        _ event: Event, costing perRecord: Duration, op: inout Op, context: inout OperatorContext<Op.Output>,
        run: inout EngineRun<Op.Output>, clock: inout Instant
    ) {
        let start = Swift.max(clock, event.arrivalTime)
        run.advanceProcessingTime(&op, to: start, busyUntil: clock, context: &context, batch: nil)
        clock = start + perRecord
        context.processingTime = clock
        op.process(event, context: &context)
    }

    /// Flink: `maxTimestamp − outOfOrderness − 1`, from `Long.MIN_VALUE` before any record.
    @inlinable
    static func watermark(maxTimestamp: Int64, delay: Int64) -> Instant {
        if maxTimestamp == .min { return .min }
        let (value, overflow) = maxTimestamp.subtractingReportingOverflow(delay &+ 1)
        return overflow ? .min : Instant(micros: value)
    }

    /// The first multiple of `interval` strictly after `time`.
    @inlinable
    static func firstTick(after time: Instant, interval: Duration) -> Instant {
        let micros = Swift.max(time.micros, 0)
        return Instant(micros: (micros / interval.micros + 1) * interval.micros)
    }

    /// Advances the operator's watermark if `candidate` is newer, and drains what it fired.
    @inlinable
    static func emit<Op: StreamOperator>(
        _ candidate: Instant, op: inout Op, context: inout OperatorContext<Op.Output>, run: inout EngineRun<Op.Output>
    ) {
        raise(candidate, op: &op, context: &context)
        run.drain(&context, batch: nil)
    }

    /// Advances the operator's watermark if `candidate` is newer; watermarks
    /// never regress. The caller drains.
    @inlinable @inline(__always)
    static func raise<Op: StreamOperator>(_ candidate: Instant, op: inout Op, context: inout OperatorContext<Op.Output>) {
        guard candidate > context.watermark else { return }
        context.watermark = candidate
        op.advanceWatermark(to: candidate, context: &context)
    }
}
