import Dataflow
import SimKernel
import Workloads

/// The record-at-a-time scheduler: the one piece of code that decides when a
/// record-at-a-time engine runs its operator and how its clocks move.
/// `RecordAtATimeEngine.run` drives it over a whole input; the Delivery
/// layer's fault-tolerant run drives it record by record between crashes,
/// checkpoints and restores, so `run`, `replay`, `compare` and `crash` share
/// every rule.
///
/// Model (Flink, parallelism 1): a single server. A record starts at
/// `max(clock, availableAt)` — `availableAt` is its arrival, or the restart
/// time for a record replayed after a crash — and takes `perRecord`. Event
/// time comes from `FlinkWatermarkGenerator` (per event, or at processing-time
/// ticks every `interval`); processing time is driven into the operator so a
/// timer fires at its due time, or when the record in hand is done.
///
/// It is a value: a checkpoint is a copy of it, and a restore is an
/// assignment, so a restore can never be partial.
public struct RecordAtATimeScheduler<Op: StreamOperator> {
    public var op: Op
    public var context: OperatorContext<Op.Output>
    /// When the server is next free; `Instant.min` before the first record.
    /// (Settable only so the inlined per-record path can move it.)
    public var clock: Instant = .min
    public var generator: FlinkWatermarkGenerator
    public let emission: WatermarkStrategy.Emission
    public let perRecord: Duration
    /// Where the periodic ticks are anchored (`WatermarkStrategy.tickOrigin`).
    public let tickOrigin: Duration
    /// The next periodic-emission tick (`Instant.min` until the first record).
    @usableFromInline var nextTick: Instant = .min
    /// Whether the end-of-input +∞ watermark has been applied.
    public private(set) var inputFinished = false

    public init(op: Op, watermark: WatermarkStrategy, costs: EngineCosts) {
        self.op = op
        context = OperatorContext<Op.Output>(watermark: .min, processingTime: .zero)
        generator = FlinkWatermarkGenerator(outOfOrderness: watermark.delay)
        emission = watermark.emission
        tickOrigin = watermark.tickOrigin
        perRecord = costs.perRecord
    }

    /// When a record available at `availableAt` would be finished.
    @inlinable public func finishTime(availableAt: Instant) -> Instant {
        Swift.max(clock, availableAt) + perRecord
    }

    /// One record, in whichever emission mode the scheduler has; outputs go to `run`.
    @inlinable
    public mutating func process(_ event: Event, availableAt: Instant, into run: inout EngineRun<Op.Output>) {
        switch emission {
        case .perEvent: processPerEvent(event, availableAt: availableAt, into: &run)
        case .periodic(let interval): processPeriodic(event, availableAt: availableAt, interval: interval, into: &run)
        }
        run.recordsProcessed += 1
    }

    /// A punctuated generator: the watermark follows every record that raised
    /// the maximum timestamp, at the same processing time (one drain stamps
    /// the record's and the watermark's outputs, in order).
    @inlinable @inline(__always)
    public mutating func processPerEvent(_ event: Event, availableAt: Instant, into run: inout EngineRun<Op.Output>) {
        handle(event, availableAt: availableAt, run: &run)
        if generator.observe(event.eventTime) { raise(generator.currentWatermark) }
        run.drain(&context, batch: nil)
    }

    /// A periodic generator: every tick before this record would emit the
    /// same watermark (no record came in between), so one emission stands for all.
    @inlinable @inline(__always)
    public mutating func processPeriodic(_ event: Event, availableAt: Instant, interval: Duration, into run: inout EngineRun<Op.Output>) {
        let start = Swift.max(clock, availableAt)
        if nextTick == .min { nextTick = FlinkWatermarkGenerator.firstPeriodicTick(after: start, interval: interval, origin: tickOrigin) }
        if nextTick <= start {
            let tickTime = Swift.max(nextTick, clock)
            run.advanceProcessingTime(&op, to: tickTime, busyUntil: clock, context: &context, batch: nil)
            emit(generator.currentWatermark, into: &run)
            nextTick = FlinkWatermarkGenerator.firstPeriodicTick(after: start, interval: interval, origin: tickOrigin)
        }
        handle(event, availableAt: availableAt, run: &run)
        run.drain(&context, batch: nil)
        _ = generator.observe(event.eventTime)
    }

    /// The server stops for `time` (a checkpoint's synchronous snapshot):
    /// processing time moves to its end, firing what fell due.
    public mutating func pause(until time: Instant, into run: inout EngineRun<Op.Output>) {
        guard time > clock else { return }
        if clock == .min { clock = time }
        run.advanceProcessingTime(&op, to: time, busyUntil: clock, context: &context, batch: nil)
        clock = time
    }

    /// A restored job cannot have worked while it was down: the server is
    /// free from `time` on.
    public mutating func restart(at time: Instant) {
        if time > clock { clock = time }
    }

    /// End of a bounded input: timers due by the time the last record finished
    /// fire, then the source's final +∞ watermark, then any timer its
    /// event-time callbacks set for no later than now. Flink quiesces the
    /// processing-time service when a bounded input ends, so later timers do
    /// not fire.
    public mutating func finishInput(into run: inout EngineRun<Op.Output>) {
        guard !inputFinished else { return }
        inputFinished = true
        if clock != .min { run.advanceProcessingTime(&op, to: clock, busyUntil: clock, context: &context, batch: nil) }
        emit(.max, into: &run)
        if clock != .min { run.advanceProcessingTime(&op, to: clock, busyUntil: clock, context: &context, batch: nil) }
        run.finishTime = context.processingTime
    }

    /// One record on the single server: processing time moves to its start
    /// (firing what fell due), then past its cost, and the operator takes it.
    @inlinable @inline(__always)
    mutating func handle(_ event: Event, availableAt: Instant, run: inout EngineRun<Op.Output>) {
        let start = Swift.max(clock, availableAt)
        run.advanceProcessingTime(&op, to: start, busyUntil: clock, context: &context, batch: nil)
        clock = start + perRecord
        context.processingTime = clock
        op.process(event, context: &context)
    }

    /// Advances the operator's watermark if `candidate` is newer, and drains what it fired.
    @inlinable
    mutating func emit(_ candidate: Instant, into run: inout EngineRun<Op.Output>) {
        raise(candidate)
        run.drain(&context, batch: nil)
    }

    /// Advances the operator's watermark if `candidate` is newer; watermarks
    /// never regress. The caller drains.
    @inlinable @inline(__always)
    mutating func raise(_ candidate: Instant) {
        guard candidate > context.watermark else { return }
        context.watermark = candidate
        op.advanceWatermark(to: candidate, context: &context)
    }
}
