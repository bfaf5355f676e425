import Dataflow
import Engines
import SimKernel

extension RecordFaultTolerantRun {
    /// The coordinator injects a barrier behind the records already read;
    /// the source's part of the snapshot is that read position.
    func injectBarrier() {
        read()
        pendingBarrier = (nextCheckpointID, readCount)
        nextCheckpointID += 1
        pump()
    }

    /// The server reached the barrier: every record before it is processed
    /// and none after it, so the scheduler's copy is consistent with the
    /// position. Flink 2PC step one: pre-commit the open transaction.
    func alignBarrier(id: Int) {
        pendingBarrier = nil
        checkpointsStarted += 1
        inFlight = Snapshot(checkpointID: id, position: position, scheduler: scheduler, droppedLateCount: outputs.droppedLateCount)
        if scheduler.inputFinished, source.isEnd(position) { finalCheckpointID = id }
        core.sink.preCommit(checkpointID: id)
        if injector.crashesDuringCheckpoint(checkpointsStarted) {
            crash(.duringCheckpoint(checkpointsStarted))
            return
        }
        let pauseEnd = Swift.max(now, scheduler.clock) + configuration.engine.snapshotPause
        scheduler.pause(until: pauseEnd, into: &outputs)
        simulation.schedule(at: pauseEnd + configuration.engine.checkpointCompletion,
                            .engine(.checkpointComplete(id: id, attempt: core.attempt)))
        // Timers that fell due during the pause wrote nothing yet.
        if writeOutputs() { pump() }
    }

    /// Flink 2PC step two: the checkpoint is complete, so commit every pending
    /// transaction with id <= it, and commit the offsets (a queue acks).
    func completeCheckpoint(_ id: Int) {
        guard let snapshot = inFlight, snapshot.checkpointID == id else { return }
        lastCompleted = snapshot
        inFlight = nil
        completedCheckpoints += 1
        core.sink.commit(upTo: id, at: now, attempt: core.attempt)
        core.acknowledge(before: snapshot.position)
        // A restore seeks back to this checkpoint at the earliest.
        core.release(before: snapshot.position)
        if finalCheckpointID == id {
            core.markCaughtUp()
            core.finished = true
            return
        }
        pump()
    }

    /// All input is processed: the scheduler applies the end of input (a
    /// bounded source's final +∞ watermark), then, with checkpoints, a final
    /// checkpoint lets a transactional sink commit the tail.
    func finishInput() {
        if !scheduler.inputFinished {
            scheduler.finishInput(into: &outputs)
            if writeOutputs() { pump() }
            return
        }
        guard takesCheckpoints else {
            core.markCaughtUp()
            core.finished = true
            return
        }
        if pendingBarrier == nil, inFlight == nil { injectBarrier() }
    }

    /// The job dies: memory is gone (buffer, record in hand, checkpoint in flight).
    func crash(_ cause: CrashRecord.Cause) {
        // What had arrived was read until the moment of the crash.
        if core.up, !core.finished { read() }
        guard core.takeDown() else { return }
        let inFlightRecords = readCount - position
        busy = false
        pendingBarrier = nil
        inFlight = nil
        finalCheckpointID = nil
        outputs.outputs.removeAll()
        core.recordCrash(cause, inFlightRecords: inFlightRecords, readUpToOffset: readCount)
    }

    /// Restart. With checkpoints: from the last complete one (or from
    /// nothing), the 2PC sink committing what it had pending and aborting the
    /// rest, and the records after its position replayed. At-most-once: from
    /// the committed (already read) offsets with empty state.
    func recover() {
        core.bringUp()
        let index = core.crashes.count - 1
        replayUpTo = readCount
        restartTime = now
        if takesCheckpoints {
            let restored = lastCompleted
            scheduler = restored?.scheduler ?? initialScheduler
            outputs.droppedLateCount = restored?.droppedLateCount ?? 0
            position = restored?.position ?? 0
            core.sink.restore(checkpointID: restored?.checkpointID ?? 0, at: now, attempt: core.attempt)
            core.crashes[index].restoredFrom = restored?.checkpointID ?? -1
        } else {
            scheduler = initialScheduler
            position = readCount
        }
        readCount = position
        lastRecordBarrier = position
        scheduler.restart(at: now)
        core.crashes[index].resumedAtOffset = position
        core.resume(at: position)
        pump()
    }
}
