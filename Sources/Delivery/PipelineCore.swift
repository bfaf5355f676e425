import Engines
import SimKernel
import Workloads

/// A step of either delivery pipeline: the engine's own steps, plus the ones
/// every pipeline handles the same way (crashes, recovery, lag samples).
enum PipelineStep<EngineStep> {
    case engine(EngineStep)
    case crash(CrashRecord.Cause)
    case recover(attempt: Int)
    case sampleLag
}

/// The plumbing the record and batch fault-tolerant runs share and do not
/// model differently: the input, the fault injector, the sink, the DES clock,
/// and the bookkeeping of crashes, catch-up and consumer lag. How records are
/// processed and when time moves is the `Engines` schedulers'; how state is
/// saved and restored is each run's; this is everything else, kept once.
///
/// A class, owned by its run: as a struct in the run's stored property, each
/// call of a non-mutating method took a copy of the whole value with a
/// retain per reference in it (an at-most-once run released the log per
/// record that way: 1,500 instructions per record, half the run, callgrind,
/// issue 14). Single-threaded, so its state skips the exclusivity checks,
/// as `Simulation`'s does.
final class PipelineCore<EngineStep, Record: SinkRecord> {
    let configuration: DeliveryRunConfiguration
    let source: ArrivalLog
    let injector: FaultInjector
    let simulation: Simulation<PipelineStep<EngineStep>>
    @exclusivity(unchecked) var sink: TransactionalSink<Record>
    /// Bumped at every crash; a step scheduled by an earlier attempt is stale.
    @exclusivity(unchecked) var attempt = 0
    @exclusivity(unchecked) var up = true
    @exclusivity(unchecked) var finished = false
    /// The highest merged offset ever processed, to tell replay from new work.
    @exclusivity(unchecked) var highestProcessed = -1
    /// Crashes whose job has not yet processed a record it never saw before.
    @exclusivity(unchecked) var pendingCatchUp: [Int] = []
    @exclusivity(unchecked) var crashes: [CrashRecord] = []
    @exclusivity(unchecked) var ignoredCrashes = 0
    @exclusivity(unchecked) var lagSamples: [LagSample] = []
    /// Record-processings, counting replays.
    @exclusivity(unchecked) var processedCount = 0
    /// The queue the input comes through, with `--source queue`; nil for the log.
    @exclusivity(unchecked) var queue: QueueSource?

    init(configuration: DeliveryRunConfiguration, input: RunInput, sink: TransactionalSink<Record>?) {
        self.configuration = configuration
        source = ArrivalLog(source: input.source, observer: input.observer, maxHeldRecords: input.maxHeldRecords)
        simulation = Simulation(start: source.firstArrival ?? .zero)
        retentionObserver = input.retention
        injector = FaultInjector(plan: configuration.crashPlan, recoveryDelay: configuration.recoveryDelay, rootSeed: configuration.seed)
        self.sink = sink ?? TransactionalSink(kind: configuration.guarantee.sinkKind)
        precondition(self.sink.kind == configuration.guarantee.sinkKind, "the sink must be the guarantee's kind")
        // Kafka at-most-once commits before processing; a queue's equivalent is auto-ack.
        if configuration.source == .queue { queue = QueueSource(autoAck: !configuration.guarantee.usesCheckpoints) }
    }

    /// Told when input falls out of the replayable span (the checker finalizes it).
    let retentionObserver: RetentionObserver?

    var now: Instant { simulation.now }

    /// How long a run may go on past the last arrival before it is stopped
    /// as unfinished (a bug or an absurd plan).
    static var drainBound: Duration { .minutes(10) }

    /// Whether the run has passed its bound: the input is over and the clock
    /// is `drainBound` (plus `extra`) past the last arrival, or it handled
    /// far more DES steps than its input can need.
    func pastBound(extra: Duration = .zero, stepsPerRecord: Int) -> Bool {
        if simulation.eventsHandled > stepsPerRecord * source.pulledCount + 1_000_000 { return true }
        return source.exhausted && now > source.lastArrival + Self.drainBound + extra
    }

    /// No restore can go back before `position`: the log drops what is
    /// before it and the checker may treat the outputs of those records as final.
    func release(before position: Int) {
        source.release(before: position)
        retentionObserver?.finalized(before: position)
    }

    /// Schedules the plan's explicit crashes, the first Poisson crash, and
    /// the first lag sample.
    func scheduleFaultsAndLagSamples() {
        let start = simulation.now
        for time in injector.explicitCrashes(from: start) where time >= start {
            simulation.schedule(at: time, .crash(.atTime))
        }
        if let first = injector.nextPoissonCrash(after: start) { simulation.schedule(at: first, .crash(.poisson)) }
        simulation.schedule(at: start, .sampleLag)
    }

    /// Random crashes strike while input flows (a drain after it is not the
    /// scenario): one drawn for a time after the last arrival never fires,
    /// and no further one is drawn. The log is read live, so this is decided
    /// when the crash falls due, from whether any record arrives at or after it.
    func poissonCrashStrikes() -> Bool {
        guard source.hasArrival(atOrAfter: now) else { return false }
        if let next = injector.nextPoissonCrash(after: now) { simulation.schedule(at: next, .crash(.poisson)) }
        return true
    }

    /// The engine reads the record at `position`: from the log by offset, or
    /// as the queue's next delivery.
    func read(_ position: Int) {
        queue?.take(position, from: source)
    }

    /// The input before `position` is covered by a completed checkpoint or a
    /// committed batch: a queue consumer acks (deletes) it now. A log
    /// consumer's offset commit is the checkpoint itself.
    func acknowledge(before position: Int) {
        queue?.acknowledge(before: position)
    }

    /// A restarted job resumes reading at `position`; from a queue that must
    /// be the first unacked message, which the broker redelivers first.
    func resume(at position: Int) {
        if let queue { precondition(queue.resumePosition == position, "queue resumes at \(queue.resumePosition), job at \(position)") }
    }

    /// A new record was processed for the first time: every crash waiting for
    /// that has caught up now.
    func noteProcessed(upTo offset: Int) {
        guard offset > highestProcessed else { return }
        highestProcessed = offset
        markCaughtUp()
    }

    func markCaughtUp() {
        // Per processed record: an empty list is left as it is (clearing
        // one still released its storage, issue 14's callgrind).
        guard !pendingCatchUp.isEmpty else { return }
        for index in pendingCatchUp { crashes[index].caughtUpAt = now }
        pendingCatchUp.removeAll()
    }

    /// Takes the job down, or returns false when the crash cannot strike (a
    /// dead job cannot die again; a finished one has nothing to lose).
    func takeDown() -> Bool {
        guard up, !finished else {
            if !finished { ignoredCrashes += 1 }
            return false
        }
        up = false
        attempt += 1
        queue?.consumerCrashed()
        return true
    }

    /// Records a crash the engine has applied and schedules its recovery
    /// after a delay from the injector.
    func recordCrash(_ cause: CrashRecord.Cause, inFlightRecords: Int, readUpToOffset: Int) {
        let delay = injector.nextRecoveryDelay()
        crashes.append(CrashRecord(
            time: now, cause: cause, inFlightRecords: inFlightRecords, restoredFrom: -1, resumedAtOffset: readUpToOffset,
            readUpToOffset: readUpToOffset, restartedAt: now + delay, caughtUpAt: nil))
        simulation.schedule(after: delay, .recover(attempt: attempt))
    }

    /// The job is back; its crash waits for the first new record.
    func bringUp() {
        up = true
        pendingCatchUp.append(crashes.count - 1)
    }

    func result(droppedLateCount: Int, completedCheckpointCount: Int) -> FaultTolerantRunResult<Record> {
        FaultTolerantRunResult(
            configuration: configuration, sink: sink, crashes: crashes, ignoredCrashCount: ignoredCrashes,
            lagSamples: lagSamples, processedRecordCount: processedCount, droppedLateCount: droppedLateCount,
            completedCheckpointCount: completedCheckpointCount, inputCount: source.pulledCount,
            firstArrival: source.firstArrival ?? .zero, lastArrival: source.lastArrival, finishedAt: simulation.now, finished: finished,
            queueStatistics: queue?.statistics(inputCount: source.pulledCount), peakRetainedRecords: source.peakRetained)
    }
}

/// A fault-tolerant run: a scheduler from `Engines` over a `PipelineCore`.
protocol DeliveryPipeline: AnyObject {
    associatedtype EngineStep
    associatedtype Record: SinkRecord
    var core: PipelineCore<EngineStep, Record> { get }
    /// The offset the engine reads next (consumer lag is arrivals minus this).
    var readOffset: Int { get }
    func handle(engine step: EngineStep)
    /// Loses what is in memory; starts with `core.takeDown()` and ends with `core.recordCrash`.
    func crash(_ cause: CrashRecord.Cause)
    /// Restarts from what survived; starts with `core.bringUp()`.
    func recover()
}

extension DeliveryPipeline {
    var configuration: DeliveryRunConfiguration { core.configuration }
    var source: ArrivalLog { core.source }
    var injector: FaultInjector { core.injector }
    var simulation: Simulation<PipelineStep<EngineStep>> { core.simulation }
    var now: Instant { core.now }

    func handle(_ step: PipelineStep<EngineStep>) {
        switch step {
        case .engine(let engineStep):
            handle(engine: engineStep)
        case .crash(let cause):
            if cause == .poisson, !core.poissonCrashStrikes() { return }
            crash(cause)
        case .recover(let stepAttempt):
            if stepAttempt == core.attempt { recover() }
        case .sampleLag:
            core.lagSamples.append(LagSample(time: now, lagRecords: source.arrivedCount(by: now) - readOffset))
            simulation.schedule(after: Duration(micros: configuration.lagSampleIntervalMicros), .sampleLag)
        }
    }

    /// Runs the DES until the pipeline finishes or passes its bound (see `PipelineCore.pastBound`).
    func runSimulation(extraBound: Duration = .zero, stepsPerRecord: Int) {
        simulation.run(shouldStop: { self.core.finished || self.core.pastBound(extra: extraBound, stepsPerRecord: stepsPerRecord) }) { _, step in
            self.handle(step)
        }
    }
}
