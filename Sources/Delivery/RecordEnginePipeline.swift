import Collections
import Dataflow
import SimKernel
import Workloads

/// The record-at-a-time engine under crashes, with Flink's checkpointing.
///
/// Model: one source task reads the log into a bounded buffer (a full buffer
/// stops reading: backpressure, and the log's lag grows); one operator task
/// takes records from the buffer one at a time, each costing
/// `perRecordCostMicros`, and writes its outputs to the sink. The watermark is
/// punctuated, `max event time − delay − 1` after every record (Flink's
/// bounded-out-of-orderness formula).
///
/// Checkpoints are aligned barriers (Carbone et al. 2015): every
/// `checkpointIntervalMicros` the coordinator injects a barrier behind the
/// records already read, with the source offset at that point. When the
/// operator reaches the barrier it snapshots its state (a value copy), the
/// 2PC sink pre-commits, the operator pauses for the synchronous cost, and the
/// checkpoint completes after the asynchronous cost; then the sink commits
/// every pending transaction with id <= the checkpoint and the offsets are
/// committed to the log. One checkpoint is in flight at a time. Kafka Streams'
/// commit interval is the same mechanism with its own interval.
///
/// At-most-once commits offsets as records are read, before processing, and
/// keeps state in the external store it writes with each output (Storm
/// style), so a crash loses only the records in flight.
final class RecordEnginePipeline {
    enum Step {
        case wake
        case processed(attempt: Int)
        case resume(attempt: Int)
        case checkpointTrigger
        case checkpointComplete(id: Int, attempt: Int)
        case crash(CrashRecord.Cause)
        case recover(attempt: Int)
        case sampleLag
    }

    enum BufferItem {
        case record(Int)
        case barrier(checkpointID: Int, position: Int)
    }

    struct Snapshot {
        var checkpointID: Int
        var position: Int
        var state: OperatorState
    }

    /// Everything a checkpoint captures and a crash destroys.
    struct OperatorState {
        var query: KeyedTotalsOperator
        var maxEventTime: Instant = .min
        var watermark: Instant = .min
        /// Whether the end-of-input +∞ watermark has been applied (restored with the state).
        var flushed = false
    }

    let configuration: DeliveryRunConfiguration
    let source: ArrivalLog
    let injector: FaultInjector
    let simulation: Simulation<Step>
    var state: OperatorState
    var sink: DeliverySink
    var position = 0
    var buffer: Deque<BufferItem> = []
    var bufferedRecords = 0
    var current: Int?
    var busy = false
    var up = true
    var attempt = 0
    var nextCheckpointID = 1
    var checkpointsStarted = 0
    var checkpointPending = false
    var inFlightCheckpoint: Snapshot?
    var lastCompleted: Snapshot?
    var finalCheckpointID: Int?
    var wakeAt: Instant?
    var finished = false
    let initialState: OperatorState
    /// The highest merged offset ever processed, to tell replay from new work.
    var highestProcessed = -1
    var pendingCatchUp: [Int] = []
    var crashes: [CrashRecord] = []
    var ignoredCrashes = 0
    var lagSamples: [LagSample] = []
    var processedCount = 0
    var completedCheckpoints = 0

    init(configuration: DeliveryRunConfiguration, events: [Event]) {
        self.configuration = configuration
        source = ArrivalLog(events: events, partitionCount: 4)
        simulation = Simulation(start: events.first?.arrivalTime ?? .zero)
        injector = FaultInjector(plan: configuration.crashPlan, recoveryDelay: configuration.recoveryDelay, rootSeed: configuration.seed)
        state = OperatorState(query: KeyedTotalsOperator(settings: configuration.query, rule: configuration.engine.windowRule))
        sink = DeliverySink(kind: configuration.guarantee.sinkKind)
        initialState = state
    }

    var usesCheckpoints: Bool { configuration.guarantee.usesCheckpoints && configuration.engine.checkpointIntervalMicros > 0 }

    func run() -> DeliveryRunResult {
        let lastArrival = source.events.last?.arrivalTime ?? .zero
        // Bound: no run needs more than ten minutes past the last arrival.
        let end = lastArrival + .minutes(10)
        let start = simulation.now
        for time in injector.explicitCrashes(from: start) where time <= end {
            simulation.schedule(at: time, .crash(.atTime))
        }
        // Random crashes strike while input flows (a drain after it is not the scenario).
        if let first = injector.nextPoissonCrash(after: start), first <= lastArrival { simulation.schedule(at: first, .crash(.poisson)) }
        if usesCheckpoints {
            simulation.schedule(at: start + Duration(micros: configuration.engine.checkpointIntervalMicros), .checkpointTrigger)
        }
        simulation.schedule(at: start, .sampleLag)
        simulation.schedule(at: start, .wake)
        simulation.run(until: end, maxEvents: 40 * source.count + 1_000_000, shouldStop: { self.finished }) { _, step in
            self.handle(step)
        }
        return DeliveryRunResult(
            configuration: configuration, sink: sink, crashes: crashes, ignoredCrashCount: ignoredCrashes,
            lagSamples: lagSamples, processedRecordCount: processedCount, droppedLateCount: state.query.droppedLateCount,
            completedCheckpointCount: completedCheckpoints, inputCount: source.count,
            firstArrival: source.events.first?.arrivalTime ?? .zero, finishedAt: simulation.now, finished: finished)
    }
}
