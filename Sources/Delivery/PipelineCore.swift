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
struct PipelineCore<EngineStep, Record: SinkRecord> {
    let configuration: DeliveryRunConfiguration
    let source: ArrivalLog
    let injector: FaultInjector
    let simulation: Simulation<PipelineStep<EngineStep>>
    var sink: TransactionalSink<Record>
    /// Bumped at every crash; a step scheduled by an earlier attempt is stale.
    var attempt = 0
    var up = true
    var finished = false
    /// The highest merged offset ever processed, to tell replay from new work.
    var highestProcessed = -1
    /// Crashes whose job has not yet processed a record it never saw before.
    var pendingCatchUp: [Int] = []
    var crashes: [CrashRecord] = []
    var ignoredCrashes = 0
    var lagSamples: [LagSample] = []
    /// Record-processings, counting replays.
    var processedCount = 0
    /// The queue the input comes through, with `--source queue`; nil for the log.
    var queue: QueueSource?

    init(configuration: DeliveryRunConfiguration, events: [Event]) {
        self.configuration = configuration
        source = ArrivalLog(events: events, partitionCount: DeliveryRunConfiguration.logPartitionCount)
        simulation = Simulation(start: events.first?.arrivalTime ?? .zero)
        injector = FaultInjector(plan: configuration.crashPlan, recoveryDelay: configuration.recoveryDelay, rootSeed: configuration.seed)
        sink = TransactionalSink(kind: configuration.guarantee.sinkKind)
        // Kafka at-most-once commits before processing; a queue's equivalent is auto-ack.
        if configuration.source == .queue { queue = QueueSource(autoAck: !configuration.guarantee.usesCheckpoints) }
    }

    var now: Instant { simulation.now }
    var lastArrival: Instant { source.events.last?.arrivalTime ?? .zero }

    /// Schedules the plan's explicit crashes up to `end`, the first Poisson
    /// crash, and the first lag sample.
    func scheduleFaultsAndLagSamples(until end: Instant) {
        let start = simulation.now
        for time in injector.explicitCrashes(from: start) where time <= end {
            simulation.schedule(at: time, .crash(.atTime))
        }
        // Random crashes strike while input flows (a drain after it is not the scenario).
        if let first = injector.nextPoissonCrash(after: start), first <= lastArrival { simulation.schedule(at: first, .crash(.poisson)) }
        simulation.schedule(at: start, .sampleLag)
    }

    /// The next Poisson crash, drawn when the previous one fires.
    func scheduleNextPoissonCrash() {
        if let next = injector.nextPoissonCrash(after: now), next <= lastArrival { simulation.schedule(at: next, .crash(.poisson)) }
    }

    /// The engine reads the record at `position`: from the log by offset, or
    /// as the queue's next delivery.
    mutating func read(_ position: Int) {
        queue?.take(position, from: source)
    }

    /// The input before `position` is covered by a completed checkpoint or a
    /// committed batch: a queue consumer acks (deletes) it now. A log
    /// consumer's offset commit is the checkpoint itself.
    mutating func acknowledge(before position: Int) {
        queue?.acknowledge(before: position)
    }

    /// A restarted job resumes reading at `position`; from a queue that must
    /// be the first unacked message, which the broker redelivers first.
    func resume(at position: Int) {
        if let queue { precondition(queue.resumePosition == position, "queue resumes at \(queue.resumePosition), job at \(position)") }
    }

    /// A new record was processed for the first time: every crash waiting for
    /// that has caught up now.
    mutating func noteProcessed(upTo offset: Int) {
        guard offset > highestProcessed else { return }
        highestProcessed = offset
        markCaughtUp()
    }

    mutating func markCaughtUp() {
        for index in pendingCatchUp { crashes[index].caughtUpAt = now }
        pendingCatchUp.removeAll()
    }

    /// Takes the job down, or returns false when the crash cannot strike (a
    /// dead job cannot die again; a finished one has nothing to lose).
    mutating func takeDown() -> Bool {
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
    mutating func recordCrash(_ cause: CrashRecord.Cause, inFlightRecords: Int, readUpToOffset: Int) {
        let delay = injector.nextRecoveryDelay()
        crashes.append(CrashRecord(
            time: now, cause: cause, inFlightRecords: inFlightRecords, restoredFrom: -1, resumedAtOffset: readUpToOffset,
            readUpToOffset: readUpToOffset, restartedAt: now + delay, caughtUpAt: nil))
        simulation.schedule(after: delay, .recover(attempt: attempt))
    }

    /// The job is back; its crash waits for the first new record.
    mutating func bringUp() {
        up = true
        pendingCatchUp.append(crashes.count - 1)
    }

    func result(droppedLateCount: Int, completedCheckpointCount: Int) -> FaultTolerantRunResult<Record> {
        FaultTolerantRunResult(
            configuration: configuration, sink: sink, crashes: crashes, ignoredCrashCount: ignoredCrashes,
            lagSamples: lagSamples, processedRecordCount: processedCount, droppedLateCount: droppedLateCount,
            completedCheckpointCount: completedCheckpointCount, inputCount: source.count,
            firstArrival: source.events.first?.arrivalTime ?? .zero, finishedAt: simulation.now, finished: finished,
            queueStatistics: queue?.statistics(inputCount: source.count))
    }
}

/// A fault-tolerant run: a scheduler from `Engines` over a `PipelineCore`.
protocol DeliveryPipeline: AnyObject {
    associatedtype EngineStep
    associatedtype Record: SinkRecord
    var core: PipelineCore<EngineStep, Record> { get set }
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
            if cause == .poisson { core.scheduleNextPoissonCrash() }
            crash(cause)
        case .recover(let stepAttempt):
            if stepAttempt == core.attempt { recover() }
        case .sampleLag:
            core.lagSamples.append(LagSample(time: now, lagRecords: source.arrivedCount(by: now) - readOffset))
            simulation.schedule(after: Duration(micros: configuration.lagSampleIntervalMicros), .sampleLag)
        }
    }

    /// Runs the DES until the pipeline finishes or a bound is hit.
    func runSimulation(until end: Instant, maxEvents: Int) {
        simulation.run(until: end, maxEvents: maxEvents, shouldStop: { self.core.finished }) { _, step in
            self.handle(step)
        }
    }
}
