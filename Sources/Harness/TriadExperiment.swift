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

/// Runs one fault experiment and measures it.
public func measure(_ workload: CompareWorkload, oracle: DeliveryExpectation, engine: DeliveryEngine,
                    crashPlan: CrashPlan, recoveryDelay: Distribution, seed: UInt64,
                    source: SourceKind = .log, mutation: RuleMutation? = nil) -> (TriadRow, DeliveryRunResult) {
    var configuration = DeliveryRunConfiguration(
        engine: engine, query: workload.query, crashPlan: crashPlan,
        recoveryDelay: recoveryDelay, seed: seed, source: source)
    configuration.mutation = mutation
    let result = configuration.run(events: workload.events)
    let row = TriadRow(
        metrics: RunMetrics(result: result, oracle: oracle),
        business: BusinessMetrics(result: result, events: workload.truth, oracle: oracle, shop: workload.shop))
    return (row, result)
}
