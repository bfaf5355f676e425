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
final class RecordEnginePipeline: DeliveryPipeline {
    enum EngineStep {
        case wake
        case processed(attempt: Int)
        case resume(attempt: Int)
        case checkpointTrigger
        case checkpointComplete(id: Int, attempt: Int)
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

    var core: PipelineCore<EngineStep>
    var state: OperatorState
    let initialState: OperatorState
    var position = 0
    var buffer: Deque<BufferItem> = []
    var bufferedRecords = 0
    var current: Int?
    var busy = false
    var nextCheckpointID = 1
    var checkpointsStarted = 0
    var checkpointPending = false
    var inFlightCheckpoint: Snapshot?
    var lastCompleted: Snapshot?
    var finalCheckpointID: Int?
    var wakeAt: Instant?
    var completedCheckpoints = 0

    init(configuration: DeliveryRunConfiguration, events: [Event]) {
        core = PipelineCore(configuration: configuration, events: events)
        state = OperatorState(query: KeyedTotalsOperator(settings: configuration.query, rule: configuration.engine.windowRule))
        initialState = state
    }

    var readOffset: Int { position }
    var usesCheckpoints: Bool { configuration.guarantee.usesCheckpoints && configuration.engine.checkpointIntervalMicros > 0 }

    func run() -> DeliveryRunResult {
        // Bound: no run needs more than ten minutes past the last arrival.
        let end = core.lastArrival + .minutes(10)
        core.scheduleFaultsAndLagSamples(until: end)
        if usesCheckpoints {
            simulation.schedule(after: Duration(micros: configuration.engine.checkpointIntervalMicros), .engine(.checkpointTrigger))
        }
        simulation.schedule(after: .zero, .engine(.wake))
        runSimulation(until: end, maxEvents: 40 * source.count + 1_000_000)
        return core.result(droppedLateCount: state.query.droppedLateCount, completedCheckpointCount: completedCheckpoints)
    }
}
