import Dataflow
import SimKernel
import Workloads

extension RecordEnginePipeline {
    func handle(engine step: EngineStep) {
        switch step {
        case .wake:
            wakeAt = nil
            pump()
        case .processed(let stepAttempt):
            if stepAttempt == core.attempt { finishRecord() }
        case .resume(let stepAttempt):
            if stepAttempt == core.attempt {
                busy = false
                pump()
            }
        case .checkpointTrigger:
            simulation.schedule(after: Duration(micros: configuration.engine.checkpointIntervalMicros), .engine(.checkpointTrigger))
            if core.up, !checkpointPending, !state.flushed { injectBarrier() }
        case .checkpointComplete(let id, let stepAttempt):
            if stepAttempt == core.attempt { completeCheckpoint(id) }
        }
    }

    /// Reads what has arrived into the buffer, starts the next item, and
    /// arranges to wake at the next arrival when idle.
    func pump() {
        guard core.up, !core.finished else { return }
        let arrived = source.arrivedCount(by: now)
        while bufferedRecords < configuration.engine.bufferCapacity, position < arrived {
            buffer.append(.record(position))
            core.read(position)
            position += 1
            bufferedRecords += 1
        }
        if !busy, let item = buffer.popFirst() {
            start(item)
            return
        }
        if position < source.count, position >= arrived {
            let next = source.events[position].arrivalTime
            if wakeAt != next {
                wakeAt = next
                simulation.schedule(at: next, .engine(.wake))
            }
        }
        if !busy, buffer.isEmpty, position == source.count { finishInput() }
    }

    func start(_ item: BufferItem) {
        switch item {
        case .record(let index):
            bufferedRecords -= 1
            current = index
            busy = true
            simulation.schedule(after: Duration(micros: configuration.engine.perRecordCostMicros), .engine(.processed(attempt: core.attempt)))
        case .barrier(let id, let barrierPosition):
            alignBarrier(id: id, position: barrierPosition)
        }
    }

    /// The operator finished one record: crash before its write if planned,
    /// else apply it, move the watermark, write, and crash after the write if planned.
    func finishRecord() {
        guard let index = current else { preconditionFailure("processed with no current record") }
        if injector.crashesAfterRecord(core.processedCount + 1) {
            core.processedCount += 1
            crash(.afterRecords(core.processedCount))
            return
        }
        current = nil
        busy = false
        core.processedCount += 1
        let event = source.events[index]
        var context = OperatorContext<PipelineOutput>(watermark: state.watermark, processingTime: now)
        state.query.process(event, context: &context)
        state.maxEventTime = max(state.maxEventTime, event.eventTime)
        // Flink: bounded out-of-orderness watermark = max − delay − 1; Kafka
        // Streams' stream time − grace closes a window when end <= that time.
        let lag = configuration.query.watermarkDelayMicros + (configuration.engine.windowRule == .flink ? 1 : 0)
        let watermark = state.maxEventTime - Duration(micros: lag)
        if watermark > state.watermark {
            state.watermark = watermark
            context.watermark = watermark
            state.query.advanceWatermark(to: watermark, context: &context)
        }
        core.noteProcessed(upTo: index)
        write(context.outputs)
    }

    /// One sink write, then the planned after-sink-write crash (before any
    /// offset or checkpoint commit could cover it), else carry on.
    func write(_ outputs: [PipelineOutput]) {
        if outputs.isEmpty {
            pump()
            return
        }
        core.sink.write(outputs, at: now, attempt: core.attempt)
        if injector.crashesAfterSinkWrite(core.sink.writeCount) {
            crash(.afterSinkWrite(core.sink.writeCount))
            return
        }
        pump()
    }
}
