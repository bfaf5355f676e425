import SimKernel

/// How and when an engine processes, checkpoints and commits, for the delivery
/// experiments: a scheduling model plus a cost model in simulated µs.
///
/// The default figures follow the seeds and published numbers: true streaming
/// handles a record in microseconds (Flink does roughly 12–175 k events/s per
/// core on NEXMark, so 10 µs per record sits inside that range) and shows
/// 1–10 ms latency; a micro-batch engine pays a per-batch scheduling and
/// planning cost and shows 100 ms–2 s latency; a batch job pays a large
/// start-up cost and runs on a schedule.
public struct EngineProfile: Equatable, Sendable {
    public enum Model: String, Sendable { case record, microBatch = "microbatch", batch }

    public var name: String
    public var model: Model
    public var perRecordCostMicros: Int64
    /// Micro-batch and batch: scheduling and planning per batch or job.
    public var perBatchCostMicros: Int64
    /// Micro-batch: the trigger interval; batch: the schedule period.
    public var triggerIntervalMicros: Int64
    /// Record engine: the checkpoint (or Kafka Streams commit) interval.
    public var checkpointIntervalMicros: Int64
    /// The synchronous part of a snapshot: the operator pauses this long at the barrier.
    public var snapshotSyncCostMicros: Int64
    /// The asynchronous part: upload and acknowledgement until the checkpoint completes.
    public var checkpointAsyncCostMicros: Int64
    /// The bounded input buffer between source and operator (backpressure).
    public var bufferCapacity: Int
    /// Micro-batch: at most this many records per trigger (`maxOffsetsPerTrigger`).
    public var maxRecordsPerTrigger: Int
    /// Which window-closing rule the engine follows.
    public var windowRule: KeyedTotalsOperator.WindowRule

    public init(
        name: String, model: Model, perRecordCostMicros: Int64, perBatchCostMicros: Int64 = 0,
        triggerIntervalMicros: Int64 = 0, checkpointIntervalMicros: Int64 = 0, snapshotSyncCostMicros: Int64 = 0,
        checkpointAsyncCostMicros: Int64 = 0, bufferCapacity: Int = 1_000, maxRecordsPerTrigger: Int = Int.max,
        windowRule: KeyedTotalsOperator.WindowRule
    ) {
        precondition(perRecordCostMicros >= 0 && perBatchCostMicros >= 0, "costs are non-negative")
        precondition(model == .record || triggerIntervalMicros > 0, "a micro-batch or batch engine needs a trigger interval")
        precondition(bufferCapacity > 0 && maxRecordsPerTrigger > 0, "capacities are positive")
        self.name = name
        self.model = model
        self.perRecordCostMicros = perRecordCostMicros
        self.perBatchCostMicros = perBatchCostMicros
        self.triggerIntervalMicros = triggerIntervalMicros
        self.checkpointIntervalMicros = checkpointIntervalMicros
        self.snapshotSyncCostMicros = snapshotSyncCostMicros
        self.checkpointAsyncCostMicros = checkpointAsyncCostMicros
        self.bufferCapacity = bufferCapacity
        self.maxRecordsPerTrigger = maxRecordsPerTrigger
        self.windowRule = windowRule
    }

    /// Flink: aligned-barrier checkpoints every 10 s, a 5 ms synchronous
    /// snapshot and 200 ms until the checkpoint is acknowledged.
    public static let flink = EngineProfile(
        name: "flink", model: .record, perRecordCostMicros: 10, checkpointIntervalMicros: 10_000_000,
        snapshotSyncCostMicros: 5_000, checkpointAsyncCostMicros: 200_000, windowRule: .flink)

    /// Kafka Streams: a commit flushes state and commits offsets (in the same
    /// transaction under `exactly_once_v2`). `commit.interval.ms` defaults to
    /// 100 ms under `exactly_once_v2` and 30 s under `at_least_once`.
    /// Windows close when stream time passes `end + grace` (the Spark-style `end <= watermark` rule).
    public static func kafkaStreams(for guarantee: Guarantee) -> EngineProfile {
        EngineProfile(
            name: "kafka-streams", model: .record, perRecordCostMicros: 20,
            checkpointIntervalMicros: guarantee == .exactlyOnce ? 100_000 : 30_000_000,
            snapshotSyncCostMicros: 1_000, checkpointAsyncCostMicros: 10_000, windowRule: .spark)
    }

    /// Spark Structured Streaming: a 1 s processing-time trigger, 100 ms of
    /// planning and scheduling per batch.
    public static let sparkStructuredStreaming = EngineProfile(
        name: "spark-structured-streaming", model: .microBatch, perRecordCostMicros: 2, perBatchCostMicros: 100_000,
        triggerIntervalMicros: 1_000_000, maxRecordsPerTrigger: 500_000, windowRule: .spark)

    /// A scheduled batch job (Hive/Spark batch): runs every `scheduleMicros`
    /// over all data that has arrived, with 30 s of job start-up.
    public static func batch(scheduleMicros: Int64) -> EngineProfile {
        EngineProfile(
            name: "batch", model: .batch, perRecordCostMicros: 1, perBatchCostMicros: 30_000_000,
            triggerIntervalMicros: scheduleMicros, windowRule: .spark)
    }

    /// The profile named on the command line, for a guarantee (Kafka Streams'
    /// commit interval depends on it).
    public static func named(_ name: String, guarantee: Guarantee, batchScheduleMicros: Int64) throws(InputError) -> EngineProfile {
        switch name {
        case "flink", "record": return .flink
        case "kafka-streams": return .kafkaStreams(for: guarantee)
        case "spark-structured-streaming", "microbatch": return .sparkStructuredStreaming
        case "batch": return .batch(scheduleMicros: batchScheduleMicros)
        default:
            throw InputError(file: "<command line>", field: "--engine",
                             reason: "unknown engine '\(name)'; expected one of \(profileNames.joined(separator: ", "))")
        }
    }

    public static let profileNames = ["flink", "kafka-streams", "spark-structured-streaming", "batch"]
}
