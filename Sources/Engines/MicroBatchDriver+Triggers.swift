import Dataflow
import SimKernel
import Workloads

/// Spark's two triggers without a fixed interval: the default one (no
/// trigger set) and continuous processing. Both are cited on
/// `MicroBatchEngine.Trigger`.
extension MicroBatchDriver {
    /// The default trigger, `ProcessingTime(0)`: `ProcessingTimeExecutor`
    /// with `intervalMs == 0` never waits for a multiple of an interval, so
    /// the next batch is planned the moment the previous one has committed.
    /// A plan that finds nothing to do (no new offsets, no no-data batch due
    /// by `shouldRunAnotherBatch`) sleeps `pollingDelay` and plans again
    /// (`MicroBatchExecution`: `Thread.sleep(pollingDelayMs)`), so an idle
    /// query wakes on the first poll at or after the next arrival.
    mutating func runBackToBack(pollingDelay: Duration) {
        // The query starts at time zero, or at the first arrival if earlier.
        var planTime = Swift.min(Instant.zero, events.first?.arrivalTime ?? .zero)
        // Bounded: every pass runs a batch that reads a record or the single
        // no-data batch a watermark change allows, or polls forward to the
        // next arrival; input is finite.
        while true {
            let now = Swift.max(planTime, clock)
            let upper = cappedUpper(availableOffset(at: now))
            if upper > committedOffset || needsNoDataBatch {
                runBatch(upTo: upper, at: now)
                planTime = clock
                continue
            }
            guard committedOffset < events.count else { break }
            planTime = Self.firstPoll(from: now, reaching: events[committedOffset].arrivalTime, every: pollingDelay)
        }
    }

    /// The first of `start`, `start + delay`, `start + 2·delay`, … that is at
    /// or after `target`.
    static func firstPoll(from start: Instant, reaching target: Instant, every delay: Duration) -> Instant {
        guard target > start else { return start }
        let polls = ScheduleClock.ceilMultiple((target - start).micros, delay.micros) / delay.micros
        return start + Duration(micros: polls * delay.micros)
    }

    /// `Trigger.Continuous`: each record is handled by a long-running task as
    /// it arrives (or when the task is free), costing only the per-record
    /// work; there is no batch planning and no watermark. The outputs carry
    /// their epoch: the number of `checkpointInterval`s of processing time
    /// elapsed, as `EpochCoordinator` advances the epoch on that schedule.
    /// Each epoch that saw records counts as one committed "batch".
    mutating func runContinuous(checkpointInterval: Duration) {
        var lastEpoch: Int64 = .min
        for offset in committedOffset..<events.count {
            let handledAt = scheduler.processContinuously(events[offset], into: &run) { time in
                Int(Self.epoch(at: time, checkpointInterval: checkpointInterval))
            }
            let epoch = Self.epoch(at: handledAt, checkpointInterval: checkpointInterval)
            if epoch != lastEpoch {
                run.batchCount += 1
                lastEpoch = epoch
            }
        }
        committedOffset = events.count
    }

    /// Epoch `n` covers processing time `[n·interval, (n+1)·interval)`.
    static func epoch(at time: Instant, checkpointInterval: Duration) -> Int64 {
        let step = checkpointInterval.micros
        let micros = Swift.max(time.micros, 0)
        return micros / step
    }
}

extension MicroBatchScheduler {
    /// Continuous processing: one record, handled at its arrival or when the
    /// task finishes the previous one, emitted as soon as it is processed.
    /// Returns when it was done.
    mutating func processContinuously(
        _ record: Event, into run: inout EngineRun<Op.Output>, epochAt: (Instant) -> Int
    ) -> Instant {
        let done = Swift.max(clock, record.arrivalTime) + costs.perRecord
        context.processingTime = done
        op.process(record, context: &context)
        run.drain(&context, batch: epochAt(done))
        run.recordsProcessed += 1
        advanceClock(to: done)
        return done
    }
}
