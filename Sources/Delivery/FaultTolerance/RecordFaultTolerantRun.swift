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

    // Stored properties skip the runtime exclusivity checks (as `Simulation`
    // and `StreamGenerator` do): single-threaded, and no method hands out an
    // inout access that another re-enters; the checks were ~30 % of a crash
    // run's instructions in callgrind (issue 14).
    let core: PipelineCore<EngineStep, Op.Output>
    @exclusivity(unchecked) var scheduler: RecordAtATimeScheduler<Op>
    let initialScheduler: RecordAtATimeScheduler<Op>
    /// Scratch for the scheduler's outputs; emptied after every step.
    @exclusivity(unchecked) var outputs = EngineRun<Op.Output>()
    /// The next record the server takes.
    @exclusivity(unchecked) var position = 0
    /// How many records the source has read (the buffer holds `position..<readCount`).
    @exclusivity(unchecked) var readCount = 0
    /// Records before this index become available at `restartAvailability` (replays).
    @exclusivity(unchecked) var replayUpTo = 0
    @exclusivity(unchecked) var restartTime = Instant.min
    @exclusivity(unchecked) var busy = false
    @exclusivity(unchecked) var wakeAt: Instant?
    @exclusivity(unchecked) var pendingBarrier: (id: Int, position: Int)?
    @exclusivity(unchecked) var nextCheckpointID = 1
    @exclusivity(unchecked) var checkpointsStarted = 0
    @exclusivity(unchecked) var inFlight: Snapshot?
    @exclusivity(unchecked) var lastCompleted: Snapshot?
    @exclusivity(unchecked) var finalCheckpointID: Int?
    @exclusivity(unchecked) var completedCheckpoints = 0
    /// With `checkpointEveryRecords`: the position of the last barrier placed.
    @exclusivity(unchecked) var lastRecordBarrier = 0
    let preparesProcessingTime: Bool
    // What the per-record loop reads, held here: the protocol's computed
    // `configuration` copied the whole struct, with its retains, on every
    // access (callgrind, issue 14).
    let log: ArrivalLog
    let sim: Simulation<PipelineStep<EngineStep>>
    let bufferCapacity: Int
    /// Whether this run checkpoints at all (at-most-once never does).
    let takesCheckpoints: Bool
    /// `checkpointEveryRecords`.
    let barrierEveryRecords: Int?

    init(configuration: DeliveryRunConfiguration, op: Op, input: RunInput, sink: TransactionalSink<Op.Output>?) {
        core = PipelineCore(configuration: configuration, input: input, sink: sink)
        let engine = configuration.engine.recordEngine(watermarkDelay: Duration(micros: configuration.query.watermarkDelayMicros))
        scheduler = RecordAtATimeScheduler(op: op, watermark: engine.watermark, costs: engine.costs)
        initialScheduler = scheduler
        preparesProcessingTime = configuration.engine.preset.timeDomain == .processingTime
        log = core.source
        sim = core.simulation
        bufferCapacity = configuration.engine.bufferCapacity
        takesCheckpoints = configuration.guarantee.usesCheckpoints
            && (configuration.engine.checkpointInterval != nil || configuration.checkpointEveryRecords != nil)
        barrierEveryRecords = configuration.checkpointEveryRecords
    }

    var readOffset: Int { readCount }
    /// The clock, read from the class itself on the per-record path.
    var now: Instant { sim.now }
    /// The timer that triggers checkpoints, unless they come every N records.
    var checkpointInterval: Duration? {
        takesCheckpoints && configuration.checkpointEveryRecords == nil ? configuration.engine.checkpointInterval : nil
    }

    func run() -> FaultTolerantRunResult<Op.Output> {
        // Bound: no run needs more than ten minutes past the last arrival.
        core.scheduleFaultsAndLagSamples()
        if let interval = checkpointInterval {
            if let origin = configuration.engine.timerPhases.checkpoint {
                let first = TimerPhases.next(after: now, interval: interval, origin: origin)
                simulation.schedule(at: first, .engine(.checkpointTrigger))
            } else {
                simulation.schedule(after: interval, .engine(.checkpointTrigger))
            }
        }
        simulation.schedule(after: .zero, .engine(.wake))
        runSimulation(stepsPerRecord: 8)
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
    @inline(__always)
    func availability(of event: Event, at index: Int) -> Instant {
        index < replayUpTo ? Swift.max(event.arrivalTime, restartTime) : event.arrivalTime
    }

    /// Reads what has arrived and fits into the buffer.
    func read() {
        let limit = Swift.min(log.arrivedCount(by: now), position + bufferCapacity + (busy ? 1 : 0))
        while readCount < limit {
            core.read(readCount)
            readCount += 1
        }
    }

    /// Starts the next item when the server is free: the barrier if the
    /// server has reached it, else the next record, else the end of input.
    ///
    /// A record that would finish before anything else is due is completed
    /// here, with the clock moved to its end, instead of through a
    /// `recordDone` step: the DES would handle that step next anyway, so the
    /// order of everything is unchanged, and the per-record cost of
    /// scheduling and dispatching it is gone (issue 14's crash pipeline).
    func pump() {
        // Bounded: each pass completes one record, moves the clock to the
        // next arrival, or returns.
        while core.up, !core.finished, !busy {
            read()
            placeRecordCountBarrier()
            if let barrier = pendingBarrier, barrier.position == position {
                alignBarrier(id: barrier.id)
                return
            }
            guard log.hasRecord(at: position) else {
                finishInput()
                return
            }
            // Read once here: the log look-up is a fifth of the record path.
            let event = log.event(at: position)
            let available = availability(of: event, at: position)
            guard available <= now, position < readCount else {
                guard position >= readCount, wakeAt != available else { return }
                let wake = Swift.max(available, now)
                // Idle until the next record arrives: inline too when nothing
                // else is due first (the wake step would come next anyway).
                if wakeAt == nil, sim.advanceClockIfFirst(to: wake) { continue }
                wakeAt = wake
                sim.schedule(at: wake, .engine(.wake))
                return
            }
            let finish = scheduler.finishTime(availableAt: available)
            guard sim.advanceClockIfFirst(to: finish) else {
                busy = true
                sim.schedule(at: finish, .engine(.recordDone(attempt: core.attempt)))
                return
            }
            guard completeRecord(event, availableAt: available) else { return }
        }
    }

    /// With `checkpointEveryRecords`: a barrier right before every N-th
    /// record (skipped while the previous checkpoint is still in flight).
    func placeRecordCountBarrier() {
        guard takesCheckpoints, let every = barrierEveryRecords, position > 0, position % every == 0,
              position != lastRecordBarrier, pendingBarrier == nil, inFlight == nil, !scheduler.inputFinished else { return }
        lastRecordBarrier = position
        pendingBarrier = (nextCheckpointID, position)
        nextCheckpointID += 1
    }

    /// The `recordDone` step: the record in hand is finished, then on.
    func finishRecord() {
        let event = log.event(at: position)
        if completeRecord(event, availableAt: availability(of: event, at: position)) { pump() }
    }

    /// The server finished record `position`: the planned after-record crash
    /// strikes before its effects; else the scheduler applies it and its
    /// outputs go to the sink. `logged` is the log's record `position`, and
    /// `available` its availability. False when the job crashed.
    func completeRecord(_ logged: Event, availableAt available: Instant) -> Bool {
        if injector.crashesAfterRecord(core.processedCount + 1) {
            core.processedCount += 1
            crash(.afterRecords(core.processedCount))
            return false
        }
        busy = false
        core.processedCount += 1
        var event = logged
        if preparesProcessingTime { event = configuration.engine.preset.prepare(event) }
        scheduler.process(event, availableAt: available, into: &outputs)
        core.noteProcessed(upTo: position)
        position += 1
        return writeOutputs()
    }

    /// One sink write of what the last step emitted, then the planned
    /// after-sink-write crash (before any checkpoint could cover it). False
    /// when the job crashed.
    func writeOutputs() -> Bool {
        // Cleared only when something is there: `removeAll(keepingCapacity:)`
        // on an empty array with no buffer of its own makes one (per record).
        if !outputs.lateSideOutput.isEmpty { outputs.lateSideOutput.removeAll(keepingCapacity: true) }
        if outputs.outputs.isEmpty {
            releaseProcessed()
            return true
        }
        // Handed over without a copy; the scratch keeps its capacity.
        if outputs.outputs.count == 1 {
            core.sink.write(outputs.outputs[0].output, at: now, attempt: core.attempt)
        } else {
            core.sink.write(outputs.outputs.lazy.map { $0.output }, at: now, attempt: core.attempt)
        }
        outputs.outputs.removeAllKeepingCapacity()
        if injector.crashesAfterSinkWrite(core.sink.writeCount) {
            crash(.afterSinkWrite(core.sink.writeCount))
            return false
        }
        releaseProcessed()
        return true
    }

    /// Nothing is replayed without checkpoints: a record processed and
    /// written is final, and the log need not keep it.
    func releaseProcessed() {
        if !takesCheckpoints { core.release(before: position) }
    }
}
