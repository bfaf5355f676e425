import Dataflow
import SimKernel
import Workloads

/// The micro-batch engine (and the scheduled batch engine) under crashes,
/// with Spark Structured Streaming's recovery logs.
///
/// Model: every trigger interval the driver plans a batch — the offsets from
/// the end of the last batch to what has arrived (at most
/// `maxRecordsPerTrigger`) — and writes it to the *offset log* (a write-ahead
/// log) before running it. The batch costs `perBatchCostMicros` plus
/// `perRecordCostMicros` per record; a batch that overruns its interval makes
/// the next one start at once. At its end the outputs go to the sink, the
/// state store writes version `batch + 1`, and the *commit log* records the
/// batch. On restart, the last batch in the offset log is re-run with the
/// same offsets from state version `batch` if the commit log lacks it;
/// otherwise the query continues after it (Spark's `MicroBatchExecution`).
///
/// Watermarks follow Spark: the watermark computed at the end of batch N
/// (`max event time − delay`, only forward) is recorded with batch N+1's
/// offsets and used by it to evict state, while late rows are filtered with
/// the previous batch's watermark. A no-data batch runs exactly when the next
/// watermark would evict state. At the end of input the harness applies a +∞
/// watermark in one final batch so every window completes (Spark itself
/// would leave the last windows open; the convention is the same for all engines).
///
/// At-most-once writes the commit-log entry right after planning, before
/// processing, so a crash mid-batch skips that batch on restart.
/// The scheduled batch engine is this model with the schedule as the trigger
/// and a job start-up cost as the per-batch cost.
final class MicroBatchPipeline: DeliveryPipeline {
    enum EngineStep {
        case trigger
        case batchDone(batchID: Int, attempt: Int)
    }

    struct PlannedBatch {
        var start: Int
        var end: Int
        var lateWatermark: Instant
        var evictionWatermark: Instant
        var isFinal: Bool
    }

    struct BatchState {
        var query: KeyedTotalsOperator
        var maxEventTime: Instant = .min
        var lastEvictionWatermark: Instant = .min
        var flushed = false
    }

    var core: PipelineCore<EngineStep>
    var state: BatchState
    var offsetLog: [Int: PlannedBatch] = [:]
    var lastPlannedBatchID = -1
    var commitLog: Set<Int> = []
    /// Version v is the state after batch v − 1; version 0 is the initial state.
    var stateStore: [Int: BatchState] = [:]
    var nextStart = 0
    var running: Int?
    var triggerMissed = false
    var commitsStarted = 0

    init(configuration: DeliveryRunConfiguration, events: [Event]) {
        core = PipelineCore(configuration: configuration, events: events)
        state = BatchState(query: KeyedTotalsOperator(settings: configuration.query, rule: configuration.engine.windowRule))
        stateStore[0] = state
    }

    var readOffset: Int { nextStart }

    func run() -> DeliveryRunResult {
        // Bound: ten minutes past the last arrival plus three triggers.
        let end = core.lastArrival + .minutes(10) + Duration(micros: 3 * configuration.engine.triggerIntervalMicros)
        core.scheduleFaultsAndLagSamples(until: end)
        // Spark's ProcessingTimeExecutor aligns triggers to multiples of the
        // interval (so a nightly schedule fires at midnight).
        let interval = configuration.engine.triggerIntervalMicros
        let firstTrigger = (now.micros / interval + 1) * interval
        simulation.schedule(at: Instant(micros: firstTrigger), .engine(.trigger))
        runSimulation(until: end, maxEvents: 4 * source.count + 1_000_000)
        return core.result(droppedLateCount: state.query.droppedLateCount, completedCheckpointCount: commitLog.count)
    }

    func handle(engine step: EngineStep) {
        switch step {
        case .trigger:
            simulation.schedule(after: Duration(micros: configuration.engine.triggerIntervalMicros), .engine(.trigger))
            guard core.up else { return }
            if running != nil { triggerMissed = true } else { planBatch() }
        case .batchDone(let batchID, let stepAttempt):
            if stepAttempt == core.attempt { finishBatch(batchID) }
        }
    }
}
