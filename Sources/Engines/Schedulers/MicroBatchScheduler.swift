import Dataflow
import SimKernel
import Workloads

/// The micro-batch scheduler: the one piece of code that decides what a
/// Spark-style micro-batch does and how its clocks move. `MicroBatchEngine`
/// (`run`, `replay`, the teaching lab) plans batches from a trigger over the
/// whole input; the Delivery layer plans the same batches into an offset log
/// and re-runs a logged batch after a crash with the very watermarks it was
/// planned with, as Spark's `MicroBatchExecution` does.
///
/// A batch over `records`, started by a trigger at `triggerTime`, starts when
/// the previous batch has ended, costs `perBatch` plus `perRecord` per record,
/// filters late rows with the previous batch's watermark, evicts with its
/// own (`SparkBatchProgress`), and emits its rows when it commits, at its end,
/// stamped with its batch id.
///
/// A value, like the record scheduler: the state store's version N is a copy.
public struct MicroBatchScheduler<Op: StreamOperator> {
    public var op: Op
    public var context: OperatorContext<Op.Output>
    /// (Settable only so the inlined `runBatch` can move it.)
    public var progress: SparkBatchProgress
    /// When the last batch ended (`Instant.min` before the first). (Settable
    /// only so the inlined `runBatch` can move it.)
    public var clock: Instant = .min
    public let costs: EngineCosts
    public let timeDomain: MicroBatchEngine.TimeDomain
    public let noDataBatches: Bool
    /// True when the operator evicts nothing by the watermark (complete
    /// mode, a running aggregate without a window), so Spark never plans a
    /// no-data batch for it (`StreamOperator.plansNoDataBatches`).
    public let isCompleteMode: Bool

    public init(op: Op, engine: MicroBatchEngine, isCompleteMode: Bool) {
        self.op = op
        context = OperatorContext<Op.Output>(watermark: .zero, processingTime: .zero)
        // A complete-mode table streams out in parts of this size.
        context.outputLimit = EngineRun<Op.Output>.drainThreshold
        progress = SparkBatchProgress(delay: engine.watermarkDelay, mutation: engine.mutation)
        costs = engine.costs
        timeDomain = engine.timeDomain
        noDataBatches = engine.noDataBatches
        self.isCompleteMode = isCompleteMode
    }

    /// Whether Spark would run a batch now with no new data.
    public var needsNoDataBatch: Bool {
        progress.shouldRunNoDataBatch(noDataBatchesEnabled: noDataBatches, isCompleteMode: isCompleteMode)
    }

    /// The (late-row, eviction) watermarks a batch planned now runs with.
    /// DStreams have none: every record is on time, and a batch closes the
    /// windows that end by its time.
    public func plannedWatermarks(batchTime: Instant) -> (late: Instant, eviction: Instant) {
        timeDomain == .processingTime ? (.min, batchTime) : progress.nextBatchWatermarks
    }

    /// When a batch of `recordCount` records triggered at `triggerTime` ends.
    @inlinable
    public func batchEnd(recordCount: Int, triggeredAt triggerTime: Instant) -> Instant {
        Swift.max(clock, triggerTime) + costs.perBatch + costs.perRecord * Int64(recordCount)
    }

    /// Runs one planned batch. `watermarks` are the ones fixed at planning
    /// (a re-run batch reuses its logged ones). `@inlinable` so the record
    /// loop is specialised for the caller's operator, as the other
    /// schedulers' are: unspecialised, every record went through witness
    /// tables (the Delivery layer's Spark crash run spent about 30 % more CPU).
    @inlinable
    public mutating func runBatch<Records: Collection>(
        _ records: Records, id batchId: Int, triggeredAt triggerTime: Instant,
        watermarks: (late: Instant, eviction: Instant), into run: inout EngineRun<Op.Output>
    ) where Records.Element == Event {
        let end = batchEnd(recordCount: records.count, triggeredAt: triggerTime)
        context.processingTime = end
        context.watermark = watermarks.late
        for record in records {
            var event = record
            // DStreams: a record's time is its batch's time; `- 1µs` puts it
            // inside windows ending at the batch time ([start, end)).
            if timeDomain == .processingTime { event.eventTime = triggerTime - Duration(micros: 1) }
            progress.observe(event.eventTime)
            op.process(event, context: &context)
            run.drainIfFull(&context, batch: batchId)
        }
        run.recordsProcessed += records.count
        context.watermark = watermarks.eviction
        op.advanceWatermark(to: watermarks.eviction, context: &context)
        run.drainAll(&op, &context, batch: batchId)
        // Processing-time timers (Spark: `ProcessingTimeTimeout`) are checked
        // once per batch, after its data; what they emit commits with the batch.
        run.advanceProcessingTime(&op, to: end, busyUntil: end, context: &context, batch: batchId)
        run.batchCount += 1
        if records.isEmpty { run.noDataBatchCount += 1 }
        clock = end
        progress.endBatch(evictedWith: watermarks.eviction)
    }

    /// Continuous processing moves the clock per record, not per batch.
    mutating func advanceClock(to time: Instant) {
        if time > clock { clock = time }
    }

    /// A restarted driver cannot have run anything while it was down.
    public mutating func restart(at time: Instant) {
        if time > clock { clock = time }
    }

    /// Whether a batch at `triggerTime` would fire a processing-time timer.
    public mutating func timerFires(inBatchAt triggerTime: Instant) -> Bool {
        guard let timer = op.nextProcessingTimeTimer() else { return false }
        return timer <= Swift.max(clock, triggerTime) + costs.perBatch
    }

    /// Spark's `ProcessingTimeExecutor`: the next trigger is the next multiple
    /// of the interval after this one, or now if the batch overran it.
    public func nextTrigger(after triggerTime: Instant, interval: Duration) -> Instant {
        Swift.max(triggerTime + interval, clock)
    }
}

/// Schedule arithmetic shared by triggers and job schedules.
public enum ScheduleClock {
    /// The first multiple of `step` at or after `value`.
    public static func ceilMultiple(_ value: Int64, _ step: Int64) -> Int64 {
        let quotient = value / step
        return (quotient * step >= value ? quotient : quotient + 1) * step
    }
}
