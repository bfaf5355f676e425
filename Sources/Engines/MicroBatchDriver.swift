import Dataflow
import SimKernel
import Workloads

/// One run of `MicroBatchEngine`: the trigger loop, batch planning from
/// offsets, and the two watermarks of each batch.
struct MicroBatchDriver<Op: StreamOperator> {
    let engine: MicroBatchEngine
    let events: [Event]
    var run = EngineRun<Op.Output>()
    var context = OperatorContext<Op.Output>(watermark: .zero, processingTime: .zero)
    var tracker: SparkWatermarkTracker
    /// The first offset not yet read by a batch.
    var committedOffset = 0
    var clock = Instant.min
    var nextBatchId = 0
    /// The eviction watermark of the last batch run (nil before the first).
    var lastEvictionWatermark: Instant?

    /// Complete mode never evicts, so Spark never plans a no-data batch for it.
    let isCompleteMode: Bool

    init(engine: MicroBatchEngine, events: [Event], isCompleteMode: Bool) {
        self.engine = engine
        self.events = events
        self.isCompleteMode = isCompleteMode
        tracker = SparkWatermarkTracker(delay: engine.watermarkDelay)
    }

    /// Spark: `MicroBatchExecution.constructNextBatch` runs a batch without new
    /// data only when `lastExecution.shouldRunAnotherBatch(newMetadata)`, which
    /// for a stateful aggregation (`StateStoreSaveExec`) is: append or update
    /// mode, and `newWatermark > eventTimeWatermarkForEviction`.
    var needsNoDataBatch: Bool {
        guard engine.noDataBatches, !isCompleteMode, let last = lastEvictionWatermark else { return false }
        return tracker.current > last
    }

    var lastArrival: Instant { events.last.map(\.arrivalTime) ?? .zero }

    mutating func runAll(_ op: inout Op) {
        switch engine.trigger {
        case .explicit(let sizes):
            precondition(sizes.reduce(0, +) == events.count, "batch sizes must cover every record")
            for size in sizes {
                let upper = committedOffset + size
                let arrived = upper > committedOffset ? events[upper - 1].arrivalTime : .zero
                runBatch(&op, upTo: upper, at: Swift.max(clock, arrived))
            }
            if needsNoDataBatch { runBatch(&op, upTo: committedOffset, at: clock) }
        case .once:
            runBatch(&op, upTo: events.count, at: lastArrival)
        case .availableNow:
            // Bounded: each batch reads at least one record.
            while committedOffset < events.count { runBatch(&op, upTo: cappedUpper(events.count), at: Swift.max(clock, lastArrival)) }
            if needsNoDataBatch { runBatch(&op, upTo: committedOffset, at: Swift.max(clock, lastArrival)) }
        case .fixedInterval(let interval):
            runFixedInterval(&op, interval: interval)
        }
        if engine.timeDomain == .processingTime { flushProcessingTimeWindows(&op) }
        run.finishTime = Swift.max(clock, .zero)
    }

    func cappedUpper(_ available: Int) -> Int {
        guard let cap = engine.maxRecordsPerTrigger else { return available }
        return Swift.min(available, committedOffset + cap)
    }

    /// The offset after the last record that arrived by `time`.
    func availableOffset(at time: Instant) -> Int {
        var upper = committedOffset
        // Bounded by the number of records.
        while upper < events.count && events[upper].arrivalTime <= time { upper += 1 }
        return upper
    }

    mutating func runFixedInterval(_ op: inout Op, interval: Duration) {
        let step = interval.micros
        var triggerTime = Instant(micros: Self.ceilMultiple(Swift.max(events.first?.arrivalTime.micros ?? 0, 0), step))
        let everyInterval = engine.timeDomain == .processingTime
        // Bounded: every pass reads a record, runs the single no-data batch a
        // watermark change allows, runs a timer batch at a trigger before the
        // next arrival (at most one per interval), or jumps forward.
        while true {
            let upper = cappedUpper(availableOffset(at: triggerTime))
            let inputLeft = committedOffset < events.count
            if upper > committedOffset || needsNoDataBatch || (everyInterval && inputLeft)
                || (inputLeft && timerFires(&op, inBatchAt: triggerTime)) {
                runBatch(&op, upTo: upper, at: triggerTime)
                // Spark's ProcessingTimeExecutor: the next multiple of the
                // interval after the trigger time, or now if the batch overran.
                triggerTime = Swift.max(triggerTime + interval, clock)
                continue
            }
            guard inputLeft else { break }
            var wakeUp = Self.ceilMultiple(events[committedOffset].arrivalTime.micros, step)
            if let timer = op.nextProcessingTimeTimer() {
                // The first trigger whose batch ends at or after the timer.
                wakeUp = Swift.min(wakeUp, Self.ceilMultiple((timer - engine.costs.perBatch).micros, step))
            }
            triggerTime = Instant(micros: Swift.max(triggerTime.micros + step, wakeUp))
        }
    }

    /// Whether a no-data batch at `triggerTime` would fire a processing-time
    /// timer. Spark's `FlatMapGroupsWithStateExec.shouldRunAnotherBatch` is
    /// true on every trigger for `ProcessingTimeTimeout`; the lab runs only
    /// the triggers where a timer is due, since the others emit nothing, and
    /// only while input remains: the run ends with its input, as a query
    /// that is stopped.
    mutating func timerFires(_ op: inout Op, inBatchAt triggerTime: Instant) -> Bool {
        guard let timer = op.nextProcessingTimeTimer() else { return false }
        return timer <= Swift.max(clock, triggerTime) + engine.costs.perBatch
    }

    static func ceilMultiple(_ value: Int64, _ step: Int64) -> Int64 {
        let quotient = value / step
        return (quotient * step >= value ? quotient : quotient + 1) * step
    }
}
