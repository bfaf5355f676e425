import Dataflow
import Engines
import SimKernel
import Workloads

/// The query parameters a delivery run needs beyond the engine profile.
public struct QuerySettings: Equatable, Sendable {
    public var windowSizeMicros: Int64
    /// Bounded out-of-orderness (Flink) / `withWatermark` delay (Spark).
    public var watermarkDelayMicros: Int64
    /// Sign per `Event.kind` for the running total (see `KeyedTotalsOperator`).
    public var kindSigns: [Double]

    public init(windowSizeMicros: Int64, watermarkDelayMicros: Int64, kindSigns: [Double] = []) {
        self.windowSizeMicros = windowSizeMicros
        self.watermarkDelayMicros = watermarkDelayMicros
        self.kindSigns = kindSigns
    }
}

/// Everything one fault experiment needs, apart from its input events.
public struct DeliveryRunConfiguration: Sendable {
    /// The input log's partitions (events choose theirs by their `partition` field).
    public static let logPartitionCount = 4

    public var engine: DeliveryEngine
    /// The guarantee the engine runs under (one its preset offers).
    public var guarantee: Guarantee { engine.guarantee }
    public var query: QuerySettings
    public var crashPlan: CrashPlan
    /// Seconds, validated.
    public var recoveryDelay: Distribution
    public var seed: UInt64
    public var lagSampleIntervalMicros: Int64
    /// A replayable log (the default) or a queue that deletes on ack.
    public var source: SourceKind
    /// Whether the input's end brings a final +∞ watermark on every engine
    /// (the experiments' convention, so every window completes); false keeps
    /// each engine's own end: Flink's bounded source still ends with +∞, a
    /// Spark query leaves the windows the last watermark did not close open.
    public var flushAtEnd: Bool = true
    /// A deliberately wrong rule, for the conformance suite's mutation test.
    public var mutation: RuleMutation?
    /// Record engines: a checkpoint barrier after every this many records
    /// instead of on a timer (the replay interface's `--checkpoint-every`).
    public var checkpointEveryRecords: Int?
    /// Micro-batch: the records of each batch, in order, instead of a trigger
    /// (the replay interface's `batch` field), then the trailing no-data batch.
    public var explicitBatchSizes: [Int]?

    public init(
        engine: DeliveryEngine, query: QuerySettings, crashPlan: CrashPlan = .none,
        recoveryDelay: Distribution = .constant(5), seed: UInt64, lagSampleIntervalMicros: Int64 = 1_000_000,
        source: SourceKind = .log
    ) {
        self.engine = engine
        self.query = query
        self.crashPlan = crashPlan
        self.recoveryDelay = recoveryDelay
        self.seed = seed
        self.lagSampleIntervalMicros = lagSampleIntervalMicros
        self.source = source
    }
}

/// What happened at one crash, for the crash timeline and the explanation.
public struct CrashRecord: Equatable, Sendable {
    public enum Cause: Equatable, Sendable {
        case atTime, afterRecords(Int), duringCheckpoint(Int), afterSinkWrite(Int), poisson
    }
    public var time: Instant
    public var cause: Cause
    /// Records in the input buffer or being processed when the job died.
    public var inFlightRecords: Int
    /// The checkpoint (record engine) or batch (micro-batch) restored, -1 for none.
    public var restoredFrom: Int
    /// The source offset the job resumed reading at.
    public var resumedAtOffset: Int
    /// How far the job had read when it died; records in [resumed, readUpTo) are replayed.
    public var readUpToOffset: Int
    public var restartedAt: Instant?
    /// When the job first processed a record it had never processed before the crash.
    public var caughtUpAt: Instant?

    /// Crash to caught-up: restart delay plus replay.
    public var recoveryMicros: Int64? { caughtUpAt.map { $0.micros - time.micros } }
}

/// One sample of consumer lag: records that have arrived in the log but not been read.
public struct LagSample: Equatable, Sendable {
    public var time: Instant
    public var lagRecords: Int
}

/// The outcome of one fault experiment over the delivery query.
public typealias DeliveryRunResult = FaultTolerantRunResult<PipelineOutput>

/// The outcome of one fault-tolerant run.
public struct FaultTolerantRunResult<Record: SinkRecord> {
    public var configuration: DeliveryRunConfiguration
    public var sink: TransactionalSink<Record>
    public var crashes: [CrashRecord]
    public var ignoredCrashCount: Int
    public var lagSamples: [LagSample]
    /// Record-processings, counting replays.
    public var processedRecordCount: Int
    public var droppedLateCount: Int
    public var completedCheckpointCount: Int
    public var inputCount: Int
    public var firstArrival: Instant
    /// The input's last arrival: with `firstArrival`, the span the input
    /// covered (a scheduled batch job finishes long after it).
    public var lastArrival: Instant
    public var finishedAt: Instant
    /// False when the run stopped at a bound before draining (a bug or an absurd plan).
    public var finished: Bool
    /// Redeliveries, acks and what is left, when the input came through a queue.
    public var queueStatistics: QueueStatistics?
    /// The most input records the log held at once for replays (issue 14:
    /// bounded by the replayable span, not the stream).
    public var peakRetainedRecords: Int
}

/// Told that no restore can seek before an offset any more, so the outputs
/// of the records before it are final (no replay can add or change one).
public protocol RetentionObserver: AnyObject {
    func finalized(before position: Int)
}

/// A run's input: where the records come from, and who watches them enter
/// the log and leave the replayable span (by default an `ArrivalObserver`
/// that is also a `RetentionObserver` hears both).
public struct RunInput {
    public var source: ArrivalSource
    public var observer: ArrivalObserver?
    /// Told when input leaves the replayable span; by default the observer,
    /// if it listens. A watcher that hears the records from the source
    /// itself (`ConcurrentCheck`, by batch) is this alone.
    public var retention: RetentionObserver?
    /// The most records the log holds; a replay reads older ones again from
    /// a reopened source (when the source can be reopened).
    public var maxHeldRecords: Int
    /// 2^20 records (56 MB of events in the log; the checker holds as
    /// many events' facts): more than the replay span of a streaming engine
    /// at the scenarios' rates (Kafka Streams' 30 s commits after a crash
    /// before its first commit: about 600,000 records at 10,000 a second),
    /// so only a scheduled batch job's span is re-read. Re-reading costs
    /// about as much again as the run on that span (a generator pass per
    /// reader).
    public static var defaultMaxHeldRecords: Int { 1 << 20 }

    public init(source: ArrivalSource, observer: ArrivalObserver? = nil, maxHeldRecords: Int = RunInput.defaultMaxHeldRecords) {
        self.source = source
        self.observer = observer
        retention = observer as? RetentionObserver
        self.maxHeldRecords = maxHeldRecords
    }

    /// A materialized input, in arrival order.
    public static func events(_ events: [Event]) -> RunInput {
        precondition(zip(events, events.dropFirst()).allSatisfy { $0.arrivalTime <= $1.arrivalTime },
                     "events must be in arrival order")
        return RunInput(source: ArrayArrivalSource(events))
    }
}

extension DeliveryRunConfiguration {
    /// Runs the delivery query (`KeyedTotalsOperator`, with the window rules
    /// of the preset's engine) over `events`, which must be in arrival order.
    public func run(events: [Event]) -> DeliveryRunResult {
        run(input: .events(events))
    }

    /// The same over any input: a live generator streams through it.
    public func run(input: RunInput, sink: DeliverySink? = nil) -> DeliveryRunResult {
        let operator_ = KeyedTotalsOperator(settings: query, rules: engine.windowRules(), mutation: mutation)
        return run(operator_, input: input, sink: sink)
    }

    /// Runs any operator under this configuration's engine, guarantee and
    /// faults: the preset's scheduler, wrapped in checkpoints (record
    /// engines) or offset and commit logs (micro-batch and batch engines).
    public func run<Op: StreamOperator>(_ op: Op, events: [Event]) -> FaultTolerantRunResult<Op.Output> where Op.Output: SinkRecord {
        run(op, input: .events(events))
    }

    /// `sink` replaces the guarantee's default sink (a streaming one that
    /// hands each visible output to a checker instead of keeping it).
    public func run<Op: StreamOperator>(_ op: Op, input: RunInput, sink: TransactionalSink<Op.Output>? = nil)
        -> FaultTolerantRunResult<Op.Output> where Op.Output: SinkRecord {
        switch engine.model {
        case .record:
            return RecordFaultTolerantRun(configuration: self, op: op, input: input, sink: sink).run()
        case .microBatch:
            return BatchFaultTolerantRun(configuration: self, stepper: MicroBatchStepper(op: op, configuration: self), input: input, sink: sink).run()
        case .batch:
            return BatchFaultTolerantRun(configuration: self, stepper: BatchJobStepper(op: op, configuration: self), input: input, sink: sink).run()
        }
    }
}
