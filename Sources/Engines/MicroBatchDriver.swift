import Dataflow
import SimKernel
import Workloads

/// One run of `MicroBatchEngine` over a whole input: the trigger loop and
/// batch planning from offsets. What a batch does is `MicroBatchScheduler`'s.
struct MicroBatchDriver<Op: StreamOperator> {
    let engine: MicroBatchEngine
    let events: [Event]
    var run = EngineRun<Op.Output>()
    var scheduler: MicroBatchScheduler<Op>
    /// The first offset not yet read by a batch.
    var committedOffset = 0
    var nextBatchId = 0

    init(engine: MicroBatchEngine, op: Op, events: [Event], isCompleteMode: Bool) {
        self.engine = engine
        self.events = events
        scheduler = MicroBatchScheduler(op: op, engine: engine, isCompleteMode: isCompleteMode)
    }

    var needsNoDataBatch: Bool { scheduler.needsNoDataBatch }
    var clock: Instant { scheduler.clock }
    var lastArrival: Instant { events.last.map(\.arrivalTime) ?? .zero }

    mutating func runAll() {
        switch engine.trigger {
        case .explicit(let sizes):
            precondition(sizes.reduce(0, +) == events.count, "batch sizes must cover every record")
            for size in sizes {
                let upper = committedOffset + size
                let arrived = upper > committedOffset ? events[upper - 1].arrivalTime : .zero
                runBatch(upTo: upper, at: Swift.max(clock, arrived))
            }
            if needsNoDataBatch { runBatch(upTo: committedOffset, at: clock) }
        case .once:
            runBatch(upTo: events.count, at: lastArrival)
        case .availableNow:
            // Bounded: each batch reads at least one record.
            while committedOffset < events.count { runBatch(upTo: cappedUpper(events.count), at: Swift.max(clock, lastArrival)) }
            if needsNoDataBatch { runBatch(upTo: committedOffset, at: Swift.max(clock, lastArrival)) }
        case .fixedInterval(let interval):
            runFixedInterval(interval: interval)
        case .asSoonAsPreviousEnds(let pollingDelay):
            runBackToBack(pollingDelay: pollingDelay)
        case .continuous(let checkpointInterval):
            runContinuous(checkpointInterval: checkpointInterval)
        }
        if engine.timeDomain == .processingTime { flushProcessingTimeWindows() }
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

    mutating func runFixedInterval(interval: Duration) {
        let step = interval.micros
        var triggerTime = Instant(micros: ScheduleClock.ceilMultiple(Swift.max(events.first?.arrivalTime.micros ?? 0, 0), step))
        let everyInterval = engine.timeDomain == .processingTime
        // Bounded: every pass reads a record, runs the single no-data batch a
        // watermark change allows, runs a timer batch at a trigger before the
        // next arrival (at most one per interval), or jumps forward.
        while true {
            let upper = cappedUpper(availableOffset(at: triggerTime))
            let inputLeft = committedOffset < events.count
            if upper > committedOffset || needsNoDataBatch || (everyInterval && inputLeft)
                || (inputLeft && timerFires(inBatchAt: triggerTime)) {
                runBatch(upTo: upper, at: triggerTime)
                triggerTime = scheduler.nextTrigger(after: triggerTime, interval: interval)
                continue
            }
            guard inputLeft else { break }
            var wakeUp = ScheduleClock.ceilMultiple(events[committedOffset].arrivalTime.micros, step)
            if let timer = scheduler.op.nextProcessingTimeTimer() {
                // The first trigger whose batch ends at or after the timer.
                wakeUp = Swift.min(wakeUp, ScheduleClock.ceilMultiple((timer - engine.costs.perBatch).micros, step))
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
    mutating func timerFires(inBatchAt triggerTime: Instant) -> Bool {
        scheduler.timerFires(inBatchAt: triggerTime)
    }

    /// Runs one micro-batch over offsets `committedOffset..<upper`.
    mutating func runBatch(upTo upper: Int, at triggerTime: Instant, evictionOverride: Instant? = nil) {
        var watermarks = scheduler.plannedWatermarks(batchTime: triggerTime)
        if let evictionOverride { watermarks.eviction = evictionOverride }
        scheduler.runBatch(events[committedOffset..<upper], id: nextBatchId, triggeredAt: triggerTime, watermarks: watermarks, into: &run)
        nextBatchId += 1
        committedOffset = upper
    }

    /// DStreams have no watermark: when the input ends, one last batch at the
    /// next interval closes every open window (a graceful stop).
    mutating func flushProcessingTimeWindows() {
        guard case .fixedInterval(let interval) = engine.trigger, clock != .min else { return }
        runBatch(upTo: committedOffset, at: clock + interval, evictionOverride: .max)
    }
}
