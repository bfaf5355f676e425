import Collections
import Dataflow
import Engines
import SimKernel
import Workloads

/// A record-at-a-time engine under crashes, with Flink's checkpoints: a
/// fault-tolerance layer around `RecordAtATimeScheduler`, which alone decides
/// when the operator runs and how processing time and watermarks move.
///
/// Model: a source task reads the log into a bounded buffer (a full buffer
/// stops reading: backpressure, seen as consumer lag); the scheduler's single
/// server takes records from it in order. A record read before a crash and
/// replayed after it is available again at the restart.
///
/// Checkpoints are aligned barriers (Carbone et al. 2015; ../shared/DESIGN.md):
/// every checkpoint interval a barrier is injected behind the records already
/// read, with the source position at that point. When the server reaches it,
/// the checkpoint copies the scheduler (operator state, watermark generator,
/// clocks: a value copy), the 2PC sink pre-commits, the server pauses for the
/// synchronous part, and the checkpoint completes after the asynchronous
/// part; then the sink commits every pending transaction with id <= it and
/// the offsets are committed. One checkpoint is in flight at a time. Kafka
/// Streams' and Samza's commits, and Storm's state checkpoints, are the same
/// mechanism with their own intervals.
///
/// The watermark generator's maximum is part of the copy. Flink restarts
/// source watermarks at `Long.MIN_VALUE`; the lab restores them with the
/// state so a replay sees the data the original run saw, which is what lets
/// an exactly-once replay reproduce the crash-free rows (Conformance/FINDINGS.md).
///
/// At-most-once (Flink without checkpoints, Storm without acking): offsets
/// are committed as records are read, and nothing is restored, so a crash
/// loses the records in flight and every bit of operator state.
final class RecordFaultTolerantRun<Op: StreamOperator>: DeliveryPipeline where Op.Output: SinkRecord {
    enum EngineStep {
        case wake
        case recordDone(attempt: Int)
        case checkpointTrigger
        case checkpointComplete(id: Int, attempt: Int)
    }

    /// What a checkpoint keeps: the scheduler and the source position.
    struct Snapshot {
        var checkpointID: Int
        var position: Int
        var scheduler: RecordAtATimeScheduler<Op>
        /// Late records dropped so far: counted state, rolled back on restore.
        var droppedLateCount: Int
    }

    var core: PipelineCore<EngineStep, Op.Output>
    var scheduler: RecordAtATimeScheduler<Op>
    let initialScheduler: RecordAtATimeScheduler<Op>
    /// Scratch for the scheduler's outputs; emptied after every step.
    var outputs = EngineRun<Op.Output>()
    /// The next record the server takes.
    var position = 0
    /// How many records the source has read (the buffer holds `position..<readCount`).
    var readCount = 0
    /// Records before this index become available at `restartAvailability` (replays).
    var replayUpTo = 0
    var restartTime = Instant.min
    var busy = false
    var wakeAt: Instant?
    var pendingBarrier: (id: Int, position: Int)?
    var nextCheckpointID = 1
    var checkpointsStarted = 0
    var inFlight: Snapshot?
    var lastCompleted: Snapshot?
    var finalCheckpointID: Int?
    var completedCheckpoints = 0
    /// With `checkpointEveryRecords`: the position of the last barrier placed.
    var lastRecordBarrier = 0
    let preparesProcessingTime: Bool

    init(configuration: DeliveryRunConfiguration, op: Op, events: [Event]) {
        core = PipelineCore(configuration: configuration, events: events)
        let engine = configuration.engine.recordEngine(watermarkDelay: Duration(micros: configuration.query.watermarkDelayMicros))
        scheduler = RecordAtATimeScheduler(op: op, watermark: engine.watermark, costs: engine.costs)
        initialScheduler = scheduler
        preparesProcessingTime = configuration.engine.preset.timeDomain == .processingTime
    }

    var readOffset: Int { readCount }
    /// Whether this run checkpoints at all (at-most-once never does).
    var takesCheckpoints: Bool {
        configuration.guarantee.usesCheckpoints
            && (configuration.engine.checkpointInterval != nil || configuration.checkpointEveryRecords != nil)
    }
    /// The timer that triggers checkpoints, unless they come every N records.
    var checkpointInterval: Duration? {
        takesCheckpoints && configuration.checkpointEveryRecords == nil ? configuration.engine.checkpointInterval : nil
    }

    func run() -> FaultTolerantRunResult<Op.Output> {
        // Bound: no run needs more than ten minutes past the last arrival.
        let end = core.lastArrival + .minutes(10)
        core.scheduleFaultsAndLagSamples(until: end)
        if let interval = checkpointInterval { simulation.schedule(after: interval, .engine(.checkpointTrigger)) }
        simulation.schedule(after: .zero, .engine(.wake))
        runSimulation(until: end, maxEvents: 8 * source.count + 1_000_000)
        return core.result(droppedLateCount: outputs.droppedLateCount, completedCheckpointCount: completedCheckpoints)
    }

    func handle(engine step: EngineStep) {
        switch step {
        case .wake:
            wakeAt = nil
            pump()
        case .recordDone(let stepAttempt):
            if stepAttempt == core.attempt { finishRecord() }
        case .checkpointTrigger:
            if let interval = checkpointInterval { simulation.schedule(after: interval, .engine(.checkpointTrigger)) }
            if core.up, pendingBarrier == nil, inFlight == nil, !scheduler.inputFinished { injectBarrier() }
        case .checkpointComplete(let id, let stepAttempt):
            if stepAttempt == core.attempt { completeCheckpoint(id) }
        }
    }

    /// When record `index` can be taken: its arrival, or the restart for a replay.
    func availability(_ index: Int) -> Instant {
        let arrival = source.events[index].arrivalTime
        return index < replayUpTo ? Swift.max(arrival, restartTime) : arrival
    }

    /// Reads what has arrived and fits into the buffer.
    func read() {
        let limit = Swift.min(source.arrivedCount(by: now), position + configuration.engine.bufferCapacity + (busy ? 1 : 0))
        while readCount < limit {
            core.read(readCount)
            readCount += 1
        }
    }

    /// Starts the next item when the server is free: the barrier if the
    /// server has reached it, else the next record, else the end of input.
    func pump() {
        guard core.up, !core.finished, !busy else { return }
        read()
        placeRecordCountBarrier()
        if let barrier = pendingBarrier, barrier.position == position {
            alignBarrier(id: barrier.id)
            return
        }
        if position < source.count {
            let available = availability(position)
            guard available <= now, position < readCount else {
                if position >= readCount, wakeAt != available {
                    wakeAt = Swift.max(available, now)
                    simulation.schedule(at: wakeAt!, .engine(.wake))
                }
                return
            }
            busy = true
            simulation.schedule(at: scheduler.finishTime(availableAt: available), .engine(.recordDone(attempt: core.attempt)))
            return
        }
        finishInput()
    }

    /// With `checkpointEveryRecords`: a barrier right before every N-th
    /// record (skipped while the previous checkpoint is still in flight).
    func placeRecordCountBarrier() {
        guard takesCheckpoints, let every = configuration.checkpointEveryRecords, position > 0, position % every == 0,
              position != lastRecordBarrier, pendingBarrier == nil, inFlight == nil, !scheduler.inputFinished else { return }
        lastRecordBarrier = position
        pendingBarrier = (nextCheckpointID, position)
        nextCheckpointID += 1
    }

    /// The server finished record `position`: the planned after-record crash
    /// strikes before its effects; else the scheduler applies it and its
    /// outputs go to the sink.
    func finishRecord() {
        if injector.crashesAfterRecord(core.processedCount + 1) {
            core.processedCount += 1
            crash(.afterRecords(core.processedCount))
            return
        }
        busy = false
        core.processedCount += 1
        var event = source.events[position]
        if preparesProcessingTime { event = configuration.engine.preset.prepare(event) }
        scheduler.process(event, availableAt: availability(position), into: &outputs)
        core.noteProcessed(upTo: position)
        position += 1
        write()
    }

    /// One sink write of what the last step emitted, then the planned
    /// after-sink-write crash (before any checkpoint could cover it), else on.
    func write() {
        let emitted = outputs.outputs
        outputs.outputs.removeAll(keepingCapacity: true)
        outputs.lateSideOutput.removeAll(keepingCapacity: true)
        if emitted.isEmpty {
            pump()
            return
        }
        core.sink.write(emitted.map(\.output), at: now, attempt: core.attempt)
        if injector.crashesAfterSinkWrite(core.sink.writeCount) {
            crash(.afterSinkWrite(core.sink.writeCount))
            return
        }
        pump()
    }
}
