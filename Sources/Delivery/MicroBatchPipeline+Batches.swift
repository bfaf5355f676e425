import Dataflow
import SimKernel

extension MicroBatchPipeline {
    /// Plans the next batch and writes it to the offset log, or does nothing
    /// when there is no new data and the watermark has not moved.
    ///
    /// Spark (`MicroBatchExecution`, `shouldRunAnotherBatch`; verified against
    /// real Spark in Conformance/FINDINGS.md): with no new data, a stateful
    /// query still runs a no-data batch whenever the watermark computed at the
    /// end of the last batch exceeds the one that batch evicted with, even if
    /// nothing is due. That batch moves the eviction watermark, and so the
    /// late-row filter of the next data batch: skipping it would let late rows
    /// through that Spark drops.
    func planBatch() {
        if state.flushed, nextStart == source.count {
            // Restarted after the final batch had committed: nothing left to do.
            core.markCaughtUp()
            core.finished = true
            return
        }
        let arrived = source.arrivedCount(by: now)
        let end = nextStart + min(arrived - nextStart, configuration.engine.maxRecordsPerTrigger)
        // Spark: the watermark computed at the end of the last batch evicts in this one.
        let delay = Duration(micros: configuration.query.watermarkDelayMicros)
        var maxEventTime = state.maxEventTime
        if configuration.engine.model == .batch {
            // A batch job sees all of its input before it computes, so the
            // cut's own data closes windows (no previous-batch watermark).
            for index in nextStart..<end { maxEventTime = max(maxEventTime, source.events[index].eventTime) }
        }
        let computed = maxEventTime == .min ? Instant.min : maxEventTime - delay
        var eviction = max(state.lastEvictionWatermark, computed)
        let inputDone = end == source.count && arrived == source.count
        let isFinal = inputDone && !state.flushed
        if isFinal && end == nextStart { eviction = .max }
        let hasData = end > nextStart
        guard hasData || eviction > state.lastEvictionWatermark || (isFinal && eviction == .max) else { return }
        let batchID = lastPlannedBatchID + 1
        let batch = PlannedBatch(start: nextStart, end: end, lateWatermark: state.lastEvictionWatermark,
                                 evictionWatermark: eviction, isFinal: isFinal && eviction == .max)
        offsetLog[batchID] = batch
        lastPlannedBatchID = batchID
        // Kafka at-most-once: commit (here, the commit log entry) before processing.
        if !configuration.guarantee.usesCheckpoints { commitLog.insert(batchID) }
        start(batchID, batch)
    }

    func start(_ batchID: Int, _ batch: PlannedBatch) {
        running = batchID
        nextStart = batch.end
        for position in batch.start..<batch.end { core.read(position) }
        let records = Int64(batch.end - batch.start)
        let cost = configuration.engine.perBatchCostMicros + configuration.engine.perRecordCostMicros * records
        simulation.schedule(after: Duration(micros: cost), .engine(.batchDone(batchID: batchID, attempt: core.attempt)))
    }

    /// Runs the operator over the batch, then sink → state store → commit log,
    /// with the planned crash points between them.
    func finishBatch(_ batchID: Int) {
        let batch = offsetLog[batchID]!
        let count = batch.end - batch.start
        if let n = configuration.crashPlan.afterRecords.first(where: { $0 > core.processedCount && $0 <= core.processedCount + count }) {
            core.processedCount = n
            crash(.afterRecords(n))
            return
        }
        core.processedCount += count
        // Spark's two watermarks: late rows are filtered with the previous
        // batch's watermark, state is evicted with this batch's.
        var context = OperatorContext<PipelineOutput>(watermark: batch.lateWatermark, processingTime: now)
        for index in batch.start..<batch.end {
            let event = source.events[index]
            state.query.process(event, context: &context)
            state.maxEventTime = max(state.maxEventTime, event.eventTime)
        }
        context.watermark = batch.evictionWatermark
        state.query.advanceWatermark(to: batch.evictionWatermark, context: &context)
        state.lastEvictionWatermark = batch.evictionWatermark
        if batch.isFinal { state.flushed = true }
        core.noteProcessed(upTo: batch.end - 1)
        // At-most-once keeps its state with its outputs (the batch is already
        // committed), so a crash after the write cannot re-emit it.
        if !configuration.guarantee.usesCheckpoints { stateStore[batchID + 1] = state }
        if !context.outputs.isEmpty {
            core.sink.writeBatch(context.outputs, batchID: batchID, at: now, attempt: core.attempt)
            if injector.crashesAfterSinkWrite(core.sink.writeCount) {
                crash(.afterSinkWrite(core.sink.writeCount))
                return
            }
        }
        stateStore[batchID + 1] = state
        commitsStarted += 1
        if injector.crashesDuringCheckpoint(commitsStarted) {
            crash(.duringCheckpoint(commitsStarted))
            return
        }
        commitLog.insert(batchID)
        core.acknowledge(before: batch.end)
        running = nil
        if state.flushed {
            core.markCaughtUp()
            core.finished = true
            return
        }
        if triggerMissed {
            triggerMissed = false
            planBatch()
        }
    }

    /// The driver dies: the batch in progress and all in-memory state are gone.
    func crash(_ cause: CrashRecord.Cause) {
        guard core.takeDown() else { return }
        let inFlight = running.map { offsetLog[$0]!.end - offsetLog[$0]!.start } ?? 0
        running = nil
        triggerMissed = false
        core.recordCrash(cause, inFlightRecords: inFlight, readUpToOffset: nextStart)
    }

    /// Spark restart: re-run the last planned batch with the same offsets if
    /// the commit log lacks it, else continue after it; state comes from the
    /// state store's matching version.
    func recover() {
        core.bringUp()
        let index = core.crashes.count - 1
        guard lastPlannedBatchID >= 0, let last = offsetLog[lastPlannedBatchID] else {
            state = stateStore[0]!
            nextStart = 0
            core.resume(at: 0)
            core.crashes[index].resumedAtOffset = 0
            if configuration.engine.model != .batch { planBatch() }
            return
        }
        if commitLog.contains(lastPlannedBatchID) {
            state = latestState(atOrBelow: lastPlannedBatchID + 1)
            nextStart = last.end
            core.resume(at: nextStart)
            core.crashes[index].restoredFrom = lastPlannedBatchID
            core.crashes[index].resumedAtOffset = nextStart
            // A restarted streaming query plans at once; a scheduled batch job
            // that died between runs waits for its next scheduled run.
            if configuration.engine.model != .batch { planBatch() }
        } else {
            state = latestState(atOrBelow: lastPlannedBatchID)
            core.crashes[index].restoredFrom = lastPlannedBatchID - 1
            core.crashes[index].resumedAtOffset = last.start
            core.resume(at: last.start)
            start(lastPlannedBatchID, last)
        }
    }

    /// At-most-once can commit a batch whose state version was never written;
    /// it then resumes from the newest version it has.
    func latestState(atOrBelow version: Int) -> BatchState {
        var candidate = version
        while candidate > 0, stateStore[candidate] == nil { candidate -= 1 }
        return stateStore[candidate]!
    }
}
