import Dataflow
import Engines
import SimKernel
import Workloads

/// A micro-batch engine (Spark Structured Streaming, DStreams) or a scheduled
/// batch job under crashes, with Spark's recovery logs: a fault-tolerance
/// layer around `MicroBatchScheduler` or `BatchScheduler`, which alone decide
/// what a batch does and when it ends.
///
/// Model (`MicroBatchExecution`): at each trigger the driver plans a batch —
/// the offsets from the end of the last batch to what has arrived (at most
/// `maxRecordsPerTrigger`) and the watermarks it runs with — and writes it to
/// the *offset log* (a write-ahead log) before running it. When the batch
/// ends, its outputs go to the sink, the state store writes version
/// `batch + 1`, and the *commit log* records the batch. On restart, the last
/// batch in the offset log is re-run with the same offsets, watermarks and
/// id from state version `batch` if the commit log lacks it; otherwise the
/// query continues after it. A batch that overran its interval makes the
/// next one start at once. A scheduled batch job is the same with the
/// schedule as the trigger.
///
/// At-most-once (DStreams without checkpointing): the batch is recorded as
/// done when it is planned, and nothing is restored: a crash loses the batch
/// in progress and all state.
final class BatchFaultTolerantRun<Stepper: BatchStepper>: DeliveryPipeline where Stepper.Op.Output: SinkRecord {
    typealias Op = Stepper.Op

    enum EngineStep {
        case trigger
        case batchDone(batchID: Int, attempt: Int)
    }

    struct PlannedBatch {
        var start: Int
        var end: Int
        var triggerTime: Instant
        var watermarks: BatchWatermarks
    }

    // Stored properties skip the runtime exclusivity checks (as `Simulation`
    // and `StreamGenerator` do): single-threaded, and no method hands out an
    // inout access that another re-enters; the checks were ~30 % of a crash
    // run's instructions in callgrind (issue 14).
    let core: PipelineCore<EngineStep, Op.Output>
    @exclusivity(unchecked) var stepper: Stepper
    let initialStepper: Stepper
    @exclusivity(unchecked) var outputs = EngineRun<Op.Output>()
    @exclusivity(unchecked) var offsetLog: [Int: PlannedBatch] = [:]
    @exclusivity(unchecked) var lastPlannedBatchID = -1
    @exclusivity(unchecked) var commitLog: Set<Int> = []
    /// Version v is the state after batch v − 1 (with its late-record count);
    /// version 0 is the initial state. Only the last two are kept.
    @exclusivity(unchecked) var stateStore: [Int: (stepper: Stepper, droppedLateCount: Int)] = [:]
    @exclusivity(unchecked) var nextStart = 0
    @exclusivity(unchecked) var running: Int?
    @exclusivity(unchecked) var triggerMissed = false
    @exclusivity(unchecked) var commitsStarted = 0
    @exclusivity(unchecked) var finalCommitted = false

    init(configuration: DeliveryRunConfiguration, stepper: Stepper, input: RunInput, sink: TransactionalSink<Op.Output>?) {
        core = PipelineCore(configuration: configuration, input: input, sink: sink)
        self.stepper = stepper
        initialStepper = stepper
        stateStore[0] = (stepper, 0)
    }

    var readOffset: Int { nextStart }
    var interval: Duration { configuration.engine.triggerInterval ?? .seconds(1) }

    func run() -> FaultTolerantRunResult<Op.Output> {
        // Bound: ten minutes past the last arrival plus three triggers.
        core.scheduleFaultsAndLagSamples()
        if configuration.explicitBatchSizes != nil {
            scheduleExplicitTrigger()
        } else {
            // Spark's ProcessingTimeExecutor aligns triggers to multiples of the
            // interval (so a nightly schedule fires at midnight); a calibration
            // moves that grid to the phase the real run's wall clock had.
            let origin = configuration.engine.timerPhases.trigger
            let first = origin == .zero
                ? Instant(micros: ScheduleClock.ceilMultiple(Swift.max(now.micros, 0) + 1, interval.micros))
                : TimerPhases.next(after: Instant(micros: Swift.max(now.micros, 0)), interval: interval, origin: origin)
            simulation.schedule(at: first, .engine(.trigger))
        }
        runSimulation(extraBound: interval * 3, stepsPerRecord: 4)
        return core.result(droppedLateCount: outputs.droppedLateCount, completedCheckpointCount: commitLog.count)
    }

    func handle(engine step: EngineStep) {
        switch step {
        case .trigger:
            if configuration.explicitBatchSizes == nil { simulation.schedule(after: interval, .engine(.trigger)) }
            guard core.up else { return }
            if running != nil { triggerMissed = true } else { planBatch(at: now) }
        case .batchDone(let batchID, let stepAttempt):
            if stepAttempt == core.attempt { finishBatch(batchID) }
        }
    }

    /// Plans the next batch and writes it to the offset log, or does nothing
    /// when the engine would run none now.
    func planBatch(at triggerTime: Instant) {
        if finalCommitted {
            // Restarted after the final batch had committed: nothing left to do.
            core.markCaughtUp()
            core.finished = true
            return
        }
        let arrived = source.arrivedCount(by: now)
        let end = explicitEnd(after: nextStart)
            ?? nextStart + Swift.min(arrived - nextStart, configuration.engine.maxRecordsPerTrigger)
        let inputDone = end == arrived && source.isEnd(arrived)
        let inputLeft = source.hasRecord(at: nextStart)
        guard let watermarks = stepper.plan(recordCount: end - nextStart, at: triggerTime, inputDone: inputDone,
                                            inputLeft: inputLeft, flushAtEnd: configuration.flushAtEnd) else {
            if inputDone, !configuration.flushAtEnd, !inputLeft { finish() }
            return
        }
        let batchID = lastPlannedBatchID + 1
        offsetLog[batchID] = PlannedBatch(start: nextStart, end: end, triggerTime: triggerTime, watermarks: watermarks)
        lastPlannedBatchID = batchID
        // At-most-once: recorded as done before it runs.
        if !configuration.guarantee.usesCheckpoints { commitLog.insert(batchID) }
        start(batchID)
    }

    func start(_ batchID: Int) {
        let batch = offsetLog[batchID]!
        running = batchID
        nextStart = batch.end
        for position in batch.start..<batch.end { core.read(position) }
        let end = stepper.batchEnd(recordCount: batch.end - batch.start, at: batch.triggerTime)
        simulation.schedule(at: Swift.max(end, now), .engine(.batchDone(batchID: batchID, attempt: core.attempt)))
    }

    /// With explicit batches: where the batch starting at `start` ends (the
    /// same offsets whenever it is planned), or `start` once all are read.
    func explicitEnd(after start: Int) -> Int? {
        guard let sizes = configuration.explicitBatchSizes else { return nil }
        var offset = 0
        for size in sizes {
            if offset == start && size > 0 { return start + size }
            offset += size
        }
        return start
    }

    /// With explicit batches: the next batch is triggered once its last
    /// record has arrived and the driver is free.
    func scheduleExplicitTrigger() {
        let end = explicitEnd(after: nextStart) ?? nextStart
        let ready = end > nextStart ? source.event(at: end - 1).arrivalTime : now
        simulation.schedule(at: Swift.max(ready, now, stepper.clock), .engine(.trigger))
    }

    func finish() {
        core.markCaughtUp()
        core.finished = true
    }
}
