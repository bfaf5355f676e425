import Dataflow
import SimKernel

extension RecordEnginePipeline {
    /// The coordinator injects a barrier behind the records already read; the
    /// source's snapshot is its read position at that moment.
    func injectBarrier() {
        checkpointPending = true
        buffer.append(.barrier(checkpointID: nextCheckpointID, position: position))
        nextCheckpointID += 1
        pump()
    }

    /// The barrier reached the operator: every record before it is processed
    /// and none after it, so the state copy is consistent with the position.
    /// Flink 2PC step one: pre-commit the open transaction under this id.
    func alignBarrier(id: Int, position barrierPosition: Int) {
        checkpointsStarted += 1
        inFlightCheckpoint = Snapshot(checkpointID: id, position: barrierPosition, state: state)
        if state.flushed, barrierPosition == source.count { finalCheckpointID = id }
        core.sink.preCommit(checkpointID: id)
        if injector.crashesDuringCheckpoint(checkpointsStarted) {
            crash(.duringCheckpoint(checkpointsStarted))
            return
        }
        busy = true
        let sync = Duration(micros: configuration.engine.snapshotSyncCostMicros)
        simulation.schedule(after: sync, .engine(.resume(attempt: core.attempt)))
        simulation.schedule(after: sync + Duration(micros: configuration.engine.checkpointAsyncCostMicros),
                            .engine(.checkpointComplete(id: id, attempt: core.attempt)))
    }

    /// Flink 2PC step two: the checkpoint is complete, so commit every pending
    /// transaction with id <= it, and commit the offsets to the log.
    func completeCheckpoint(_ id: Int) {
        guard let snapshot = inFlightCheckpoint, snapshot.checkpointID == id else { return }
        lastCompleted = snapshot
        inFlightCheckpoint = nil
        checkpointPending = false
        completedCheckpoints += 1
        core.sink.commit(upTo: id, at: now, attempt: core.attempt)
        core.acknowledge(before: snapshot.position)
        if finalCheckpointID == id {
            core.markCaughtUp()
            core.finished = true
            return
        }
        pump()
    }

    /// All input is read and processed: apply the end-of-input +∞ watermark
    /// once (a bounded source's final watermark), then, with checkpoints, take
    /// a final checkpoint so a transactional sink commits the tail.
    func finishInput() {
        if !state.flushed {
            state.flushed = true
            var context = OperatorContext<PipelineOutput>(watermark: .max, processingTime: now)
            state.query.advanceWatermark(to: .max, context: &context)
            state.watermark = .max
            write(context.outputs)
            return
        }
        guard usesCheckpoints else {
            core.markCaughtUp()
            core.finished = true
            return
        }
        if !checkpointPending { injectBarrier() }
    }

    /// The job dies: memory is gone (buffer, current record, checkpoint in flight).
    func crash(_ cause: CrashRecord.Cause) {
        guard core.takeDown() else { return }
        let inFlight = bufferedRecords + (current == nil ? 0 : 1)
        buffer.removeAll()
        bufferedRecords = 0
        current = nil
        busy = false
        checkpointPending = false
        inFlightCheckpoint = nil
        finalCheckpointID = nil
        core.recordCrash(cause, inFlightRecords: inFlight, readUpToOffset: position)
    }

    /// Restart from the last complete checkpoint (or from nothing), and let the
    /// 2PC sink commit what that checkpoint had pending and abort the rest.
    /// At-most-once resumes at the committed (already read) offsets with its
    /// externally kept state.
    func recover() {
        core.bringUp()
        if usesCheckpoints {
            let restored = lastCompleted
            state = restored?.state ?? initialState
            position = restored?.position ?? 0
            core.sink.restore(checkpointID: restored?.checkpointID ?? 0, at: now, attempt: core.attempt)
            core.crashes[core.crashes.count - 1].restoredFrom = restored?.checkpointID ?? -1
        }
        core.crashes[core.crashes.count - 1].resumedAtOffset = position
        core.resume(at: position)
        pump()
    }
}
