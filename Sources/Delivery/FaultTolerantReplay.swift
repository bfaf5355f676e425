import Dataflow
import Engines
import SimKernel
import Workloads

/// `streamlab replay --guarantee G --crashes PLAN`: the replay interface run
/// through the crash path — source, checkpoints (Flink barriers every
/// `checkpointEvery` records) or offset and commit logs (Spark, one batch per
/// `batch` value, ids kept on re-run), restore, and the sink of the
/// guarantee — printing what a `read_committed` reader sees at the sink, in
/// the replay format. With exactly-once that must be exactly what the real
/// engine emits without crashes; the conformance suite checks it.
public enum FaultTolerantReplay {
    /// Records between checkpoint barriers when `--checkpoint-every` is not given.
    public static let defaultCheckpointEveryRecords = 3

    public static func run(
        engine choice: Replay.EngineChoice, query: ReplayQuery, events: ReplayEvents, guarantee: Guarantee,
        crashPlan: CrashPlan, checkpointEveryRecords: Int?, mutation: RuleMutation? = nil, queryFile: String = "<query>"
    ) throws(InputError) -> [String] {
        try Replay.validate(engine: choice, query: query, queryFile: queryFile)
        if case .kafkaSliding = query.window {
            throw InputError(file: queryFile, field: "window.time_difference_ms",
                             reason: "the crash path (--guarantee) does not run Kafka Streams' sliding windows; replay them without --guarantee")
        }
        guard crashPlan.atTimes.isEmpty, crashPlan.meanTimeBetweenFailuresMicros == nil else {
            throw InputError(file: "<command line>", field: "--crashes",
                             reason: "replay has no clock of its own; use after:N, during-checkpoint:N or after-sink-write:N")
        }
        var configuration = DeliveryRunConfiguration(
            engine: try engine(choice, query: query, guarantee: guarantee, mutation: mutation),
            query: QuerySettings(windowSizeMicros: 1, watermarkDelayMicros: query.watermarkDelayMillis * 1_000),
            crashPlan: crashPlan, recoveryDelay: .constant(0.001), seed: 0)
        configuration.flushAtEnd = false
        configuration.mutation = mutation
        var logical = query.query
        switch choice {
        case .record:
            configuration.checkpointEveryRecords = checkpointEveryRecords ?? defaultCheckpointEveryRecords
        case .microbatch:
            configuration.explicitBatchSizes = events.batchSizes
            logical.lateData = .drop  // Spark has no late side output; only counts.
        }
        let rules = configuration.engine.replayRules(for: logical)
        let op = ReplayRowOperator(inner: WindowAggregateOperator(query: logical, rules: rules, mutation: mutation))
        let result = configuration.run(op, events: events.events)
        return result.sink.visible.map { $0.output.line(keyNames: events.keyNames) }
    }

    /// Flink's engine for `record` (the punctuated watermark the replay
    /// interface fixes), Spark's for `microbatch`, each under the guarantee
    /// its system offers, or an `InputError` naming the ones it does.
    static func engine(_ choice: Replay.EngineChoice, query: ReplayQuery, guarantee: Guarantee,
                       mutation: RuleMutation?) throws(InputError) -> DeliveryEngine {
        switch choice {
        case .record:
            var engine = try DeliveryEngine.named("flink", guarantee: guarantee, field: "--engine")
            engine.recordEngineOverride = RecordAtATimeEngine(watermark: query.query.watermark, mutation: mutation)
            engine.snapshotPause = .zero
            engine.checkpointCompletion = .zero
            return engine
        case .microbatch:
            var engine = try DeliveryEngine.named("spark-structured-streaming", guarantee: guarantee, field: "--engine")
            engine.microBatchEngineOverride = MicroBatchEngine(
                trigger: .explicit(batchSizes: []), watermarkDelay: .millis(query.watermarkDelayMillis),
                outputMode: query.outputMode, mutation: mutation)
            engine.costs = .free
            return engine
        }
    }
}

extension DeliveryEngine {
    /// The window rules of the replay: the overriding engine's for the query.
    func replayRules(for query: Query) -> WindowRules {
        if let recordEngineOverride { return recordEngineOverride.windowRules(for: query) }
        if let microBatchEngineOverride { return microBatchEngineOverride.windowRules(for: query) }
        return windowRules()
    }
}

/// A replay output row as the sink holds it: a window row with the batch
/// that wrote it, or a record from Flink's late side output.
public enum ReplayRow: SinkRecord {
    case window(WindowResult, batch: Int?)
    case late(Event)

    public enum Identity: Hashable {
        case window(key: Int32, startMicros: Int64, endMicros: Int64)
        case late(id: UInt64)
    }

    public var sinkIdentity: Identity {
        switch self {
        case .window(let row, _): return .window(key: row.key, startMicros: row.window.start.micros, endMicros: row.window.end.micros)
        case .late(let event): return .late(id: event.id)
        }
    }

    public func stamped(batch: Int?) -> ReplayRow {
        guard case .window(let row, _) = self else { return self }
        return .window(row, batch: batch)
    }

    /// The line `streamlab replay` prints for this row.
    public func line(keyNames: [String]) -> String {
        switch self {
        case .window(let row, let batch):
            return Replay.line(for: Emitted(output: row, processingTime: .zero, batch: batch), keyNames: keyNames)
        case .late(let event):
            return Replay.lateLine(for: event, keyNames: keyNames)
        }
    }
}

/// The window operator with its late side output folded into its rows, so a
/// late record goes through the same sink, transaction and replay as a row.
struct ReplayRowOperator: StreamOperator {
    var inner: WindowAggregateOperator

    mutating func process(_ event: Event, context: inout OperatorContext<ReplayRow>) {
        var innerContext = OperatorContext<WindowResult>(watermark: context.watermark, processingTime: context.processingTime)
        inner.process(event, context: &innerContext)
        forward(innerContext, to: &context)
    }

    mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<ReplayRow>) {
        var innerContext = OperatorContext<WindowResult>(watermark: watermark, processingTime: context.processingTime)
        inner.advanceWatermark(to: watermark, context: &innerContext)
        forward(innerContext, to: &context)
    }

    static var reactsToProcessingTime: Bool { false }

    var emitsCompleteTable: Bool { inner.emitsCompleteTable }
    var plansNoDataBatches: Bool { inner.plansNoDataBatches }

    func forward(_ innerContext: OperatorContext<WindowResult>, to context: inout OperatorContext<ReplayRow>) {
        for row in innerContext.outputs { context.emit(.window(row, batch: nil)) }
        for event in innerContext.lateSideOutput { context.emit(.late(event)) }
        context.droppedLateCount += innerContext.droppedLateCount
    }
}
