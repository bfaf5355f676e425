import Dataflow
import Engines
import SimKernel

extension BatchFaultTolerantRun {
    /// The batch ends: the planned crash points strike between its steps,
    /// else the scheduler runs it, then sink → state store → commit log.
    func finishBatch(_ batchID: Int) {
        let batch = offsetLog[batchID]!
        let count = batch.end - batch.start
        if let n = configuration.crashPlan.afterRecords.first(where: { $0 > core.processedCount && $0 <= core.processedCount + count }) {
            core.processedCount = n
            crash(.afterRecords(n))
            return
        }
        core.processedCount += count
        // The batch's outputs go to the sink as the batch produces them (one
        // write, at the instant the batch ends, as `writeBatch` would make
        // it): a nightly job over the whole input holds none of its output
        // (issue 14). The write opens with the first output, so a batch
        // without output writes nothing, as before.
        // The closure holds the core, not the run: through `[unowned self]`
        // every output paid a checked retain and a release (perf, `compare`).
        // It is dropped when the batch ends, so it keeps nothing alive.
        // Its flags live in a class of their own: captured `var`s are boxes
        // whose every access is checked for exclusivity at run time (7 % of
        // a micro-batch run, perf).
        let write = BatchWrite()
        let time = now, attempt = core.attempt
        let pipeline = core
        outputs.forward = { output, _, emittedBatch in
            if !write.opened {
                write.opened = true
                write.publishing = pipeline.sink.beginBatch(batchID: batchID)
            }
            if write.publishing { pipeline.sink.writeInBatch(output.stamped(batch: emittedBatch), at: time, attempt: attempt) }
        }
        stepper.runBatch(source.records(in: batch.start..<batch.end), id: batchID, at: batch.triggerTime,
                         watermarks: batch.watermarks, into: &outputs)
        outputs.forward = nil
        if count > 0 { core.noteProcessed(upTo: batch.end - 1) }
        if !outputs.lateSideOutput.isEmpty { outputs.lateSideOutput.removeAll(keepingCapacity: true) }
        if write.opened, injector.crashesAfterSinkWrite(core.sink.writeCount) {
            crash(.afterSinkWrite(core.sink.writeCount))
            return
        }
        saveState(version: batchID + 1)
        commitsStarted += 1
        if configuration.guarantee.usesCheckpoints, injector.crashesDuringCheckpoint(commitsStarted) {
            crash(.duringCheckpoint(commitsStarted))
            return
        }
        commitLog.insert(batchID)
        core.acknowledge(before: batch.end)
        // A restore replays the batches after this one at the earliest.
        core.release(before: batch.end)
        running = nil
        if batch.watermarks.isFinal {
            finalCommitted = true
            finish()
            return
        }
        if configuration.explicitBatchSizes != nil {
            scheduleExplicitTrigger()
        } else if triggerMissed {
            triggerMissed = false
            planBatch(at: now)
        }
    }

    /// The state store keeps the two newest versions: a restart needs the
    /// version after the last committed batch or the one before a re-run.
    func saveState(version: Int) {
        stateStore[version] = (stepper, outputs.droppedLateCount)
        stateStore[version - 2] = nil
    }

    /// The driver dies: the batch in progress and all in-memory state are gone.
    func crash(_ cause: CrashRecord.Cause) {
        guard core.takeDown() else { return }
        let inFlight = running.map { offsetLog[$0]!.end - offsetLog[$0]!.start } ?? 0
        running = nil
        triggerMissed = false
        outputs.outputs.removeAll()
        core.recordCrash(cause, inFlightRecords: inFlight, readUpToOffset: nextStart)
    }

    /// Restart as Spark does: re-run the last planned batch with the same
    /// offsets, watermarks and id if the commit log lacks it, else continue
    /// after it, from the state store's matching version. At-most-once
    /// restores nothing and continues after the last planned batch.
    func recover() {
        core.bringUp()
        let index = core.crashes.count - 1
        guard configuration.guarantee.usesCheckpoints else {
            stepper = initialStepper
            stepper.restart(at: now)
            core.resume(at: nextStart)
            core.crashes[index].resumedAtOffset = nextStart
            if configuration.engine.model != .batch { planBatch(at: now) }
            return
        }
        guard lastPlannedBatchID >= 0, let last = offsetLog[lastPlannedBatchID] else {
            restore(version: 0)
            nextStart = 0
            core.resume(at: 0)
            core.crashes[index].resumedAtOffset = 0
            if configuration.engine.model != .batch { planBatch(at: now) }
            return
        }
        if commitLog.contains(lastPlannedBatchID) {
            restore(version: lastPlannedBatchID + 1)
            nextStart = last.end
            core.resume(at: nextStart)
            core.crashes[index].restoredFrom = lastPlannedBatchID
            core.crashes[index].resumedAtOffset = nextStart
            // A restarted streaming query plans at once; a scheduled batch job
            // that died between runs waits for its next scheduled run.
            if configuration.engine.model != .batch { planBatch(at: now) }
        } else {
            restore(version: lastPlannedBatchID)
            core.crashes[index].restoredFrom = lastPlannedBatchID - 1
            core.crashes[index].resumedAtOffset = last.start
            core.resume(at: last.start)
            start(lastPlannedBatchID)
        }
    }

    /// The state store's version `version`, on a driver that restarts now.
    func restore(version: Int) {
        guard let saved = stateStore[version] else { preconditionFailure("state version \(version) was not kept") }
        stepper = saved.stepper
        outputs.droppedLateCount = saved.droppedLateCount
        stepper.restart(at: now)
    }
}

/// Whether a batch's sink write is open, and publishing (see `finishBatch`).
/// Single-threaded, so the flags skip the exclusivity checks.
private final class BatchWrite {
    @exclusivity(unchecked) var opened = false
    @exclusivity(unchecked) var publishing = false
}
