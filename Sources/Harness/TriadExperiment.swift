import Dataflow
import Delivery
import Engines
import SimKernel
import Workloads

/// One cell of the triad table: an engine profile under a guarantee and a crash plan.
public struct TriadRow: Equatable, Sendable, Codable {
    public var metrics: RunMetrics
    public var business: BusinessMetrics
}

/// The options of a comparison; printed at the start of every run.
public struct CompareSettings: Sendable {
    public var seed: UInt64
    public var engines: [String]
    public var guarantees: [Guarantee]
    public var crashPlan: CrashPlan
    /// Seconds.
    public var recoveryDelay: Distribution
    public var recoveryDelayText: String
    /// Overrides every batch preset's schedule; nil keeps each preset's own.
    public var batchScheduleMicros: Int64?
    /// Sustainable-throughput search: events per trial at most (bounds the work).
    public var sustainableMaxEventsPerTrial: Int
    /// A deliberately wrong rule (`STREAMLAB_MUTATE`), for the mutation test
    /// that shows `compare` shares its rules with `replay`; nil normally.
    public var mutation: RuleMutation?

    /// The presets `compare` runs by default: one of each engine kind and
    /// the systems whose guarantees differ most.
    public static let defaultEngines = ["flink", "kafka-streams", "storm", "spark-structured-streaming", "spark-dstream", "hive"]

    public init(seed: UInt64, engines: [String] = CompareSettings.defaultEngines, guarantees: [Guarantee] = [.atMostOnce, .atLeastOnce, .exactlyOnce],
                crashPlan: CrashPlan, recoveryDelay: Distribution, recoveryDelayText: String,
                batchScheduleMicros: Int64?, sustainableMaxEventsPerTrial: Int = 200_000) {
        self.seed = seed
        self.engines = engines
        self.guarantees = guarantees
        self.crashPlan = crashPlan
        self.recoveryDelay = recoveryDelay
        self.recoveryDelayText = recoveryDelayText
        self.batchScheduleMicros = batchScheduleMicros
        self.sustainableMaxEventsPerTrial = sustainableMaxEventsPerTrial
        mutation = nil
    }

    /// The preset `name` under `guarantee`, with the batch schedule applied;
    /// an `InputError` when the real system does not offer the guarantee.
    public func engine(_ name: String, _ guarantee: Guarantee) throws(InputError) -> DeliveryEngine {
        try DeliveryEngine.named(name, guarantee: guarantee).scheduled(batchScheduleMicros: batchScheduleMicros)
    }
}

/// One measured fault experiment: the triad row, the run's record (crashes,
/// lag; no outputs are kept), and the checker with its latency histograms.
public struct Measurement {
    public var row: TriadRow
    public var result: DeliveryRunResult
    public var check: StreamingCheck
}

/// Runs one fault experiment over a fresh read of the workload's log and
/// measures it as it goes (`StreamingCheck`): nothing keeps the stream.
/// `checkBeside` runs the checker and the source's generator on threads of
/// their own (`ConcurrentCheck`, `PrefetchedSource`), for a run that has a
/// spare core; the figures are the same either way. `log` is the run's
/// read of the workload's log (nil: a fresh one; `compare` gives a reader
/// of a pass its runs share, `SharedLogPass`, and `windowTruth`, the
/// windows' truth counted once on that pass). `figures` says what the
/// check measures besides correctness (`StreamingCheck.Figures`).
public func measure(_ workload: CompareWorkload, engine: DeliveryEngine, crashPlan: CrashPlan, recoveryDelay: Distribution,
                    seed: UInt64, source: SourceKind = .log, log: ArrivalSource? = nil, windowTruth: WindowTruth? = nil,
                    mutation: RuleMutation? = nil, collectsMarks: Bool = false,
                    maxHeldRecords: Int = RunInput.defaultMaxHeldRecords, checkBeside: Bool = false,
                    figures: StreamingCheck.Figures = .all) -> Measurement {
    var configuration = DeliveryRunConfiguration(
        engine: engine, query: workload.query, crashPlan: crashPlan,
        recoveryDelay: recoveryDelay, seed: seed, source: source)
    configuration.mutation = mutation
    let check = StreamingCheck(query: workload.query, shop: workload.shop, engine: engine,
                               logMayRepeat: !workload.idempotentProducer, collectsMarks: collectsMarks,
                               reopen: { workload.makeSource() }, maxHeldEvents: maxHeldRecords, figures: figures,
                               windowTruth: windowTruth)
    let metrics: RunMetrics, business: BusinessMetrics, result: DeliveryRunResult
    if checkBeside {
        let beside = ConcurrentCheck(check, source: log ?? workload.makeSource())
        var input = RunInput(source: beside.source, maxHeldRecords: maxHeldRecords)
        input.retention = beside
        result = configuration.run(input: input, sink: beside.makeSink())
        (metrics, business) = beside.finish(result)
    } else {
        result = configuration.run(input: RunInput(source: log ?? workload.makeSource(), observer: check, maxHeldRecords: maxHeldRecords),
                                   sink: check.makeSink())
        (metrics, business) = check.finish(result)
    }
    return Measurement(row: TriadRow(metrics: metrics, business: business), result: result, check: check)
}
