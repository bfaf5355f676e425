import Delivery
import Engines
import SimKernel
import Workloads

/// Seed swarms: many tiny random crash schedules per engine and guarantee,
/// each checked against the oracle.
///
/// Everything about a schedule — its input, its crash plan, its recovery
/// delays — derives from one seed, so a failure prints the seed and
/// `CrashSwarm.check(seed:engine:guarantee:)` replays it exactly. Schedules are
/// tiny (tens of events, sub-second intervals) so a thousand run in well
/// under a second; `streamlab crash --swarm N` runs bigger swarms.
public enum CrashSwarm {
    /// Small profiles with the real ones' structure and proportionally short intervals.
    public static func profile(_ name: String, guarantee: Guarantee) -> EngineProfile {
        switch name {
        case "kafka-streams":
            return EngineProfile(name: name, model: .record, perRecordCostMicros: 200,
                                 checkpointIntervalMicros: guarantee == .exactlyOnce ? 20_000 : 150_000,
                                 snapshotSyncCostMicros: 500, checkpointAsyncCostMicros: 2_000, bufferCapacity: 8, windowRule: .spark)
        case "spark-structured-streaming":
            return EngineProfile(name: name, model: .microBatch, perRecordCostMicros: 100, perBatchCostMicros: 5_000,
                                 triggerIntervalMicros: 50_000, maxRecordsPerTrigger: 16, windowRule: .spark)
        case "batch":
            return EngineProfile(name: name, model: .batch, perRecordCostMicros: 50, perBatchCostMicros: 20_000,
                                 triggerIntervalMicros: 200_000, windowRule: .spark)
        default:
            return EngineProfile(name: "flink", model: .record, perRecordCostMicros: 300, checkpointIntervalMicros: 60_000,
                                 snapshotSyncCostMicros: 1_000, checkpointAsyncCostMicros: 10_000, bufferCapacity: 8, windowRule: .flink)
        }
    }

    public static let engineNames = ["flink", "kafka-streams", "spark-structured-streaming", "batch"]

    /// The watermark delay is four times the largest disorder, so no event is
    /// ever late and every window has one right answer whatever the batching.
    public static let query = QuerySettings(windowSizeMicros: 100_000, watermarkDelayMicros: 200_000, kindSigns: [1, -1])

    public struct Outcome: Equatable, Sendable, CustomStringConvertible {
        public var seed: UInt64
        public var engine: String
        public var guarantee: Guarantee
        public var plan: String
        public var crashes: Int
        public var afterSinkWriteCrashes: Int
        public var correctness: CorrectnessReport
        public var finished: Bool

        public var description: String {
            let c = correctness
            return "seed \(seed) \(engine) \(guarantee.rawValue) crashes=\(plan) (\(crashes) fired): lost \(c.eventsLost), "
                + "duplicated \(c.eventsDuplicated), wrong values \(c.eventValuesWrong), windows wrong/missing/duplicated "
                + "\(c.windowsWrong)/\(c.windowsMissing)/\(c.windowsDuplicated)\(finished ? "" : ", DID NOT FINISH")"
                + "; reproduce: streamlab crash --swarm-seed \(seed) --engine \(engine) --guarantee \(guarantee.rawValue)"
        }

        /// Exactly once: nothing lost, nothing seen twice, every value and window right.
        public var isExactlyOnce: Bool {
            let c = correctness
            return finished && c.eventsLost == 0 && c.eventsDuplicated == 0 && c.eventValuesWrong == 0
                && c.windowsWrong == 0 && c.windowsMissing == 0 && c.windowsDuplicated == 0
        }
    }

    /// The input and crash plan of one schedule.
    public static func schedule(seed: UInt64) -> (events: [Event], plan: CrashPlan) {
        let stream = RandomStream(root: seed, component: "harness.swarm.schedule")
        let count = 20 + stream.nextIndex(below: 41)
        let events = tinyEvents(count: count, keys: 2 + stream.nextIndex(below: 2), stream: stream)
        let spanMicros = max(1, (events.last!.arrivalTime - events.first!.arrivalTime).micros)
        var plan = CrashPlan()
        for _ in 0..<(1 + stream.nextIndex(below: 3)) {
            switch stream.nextIndex(below: 5) {
            case 0: plan.atTimes.append(Instant(micros: Int64(stream.uniform(lower: 0, upper: Double(spanMicros) * 1.2))))
            case 1: plan.afterRecords.append(1 + stream.nextIndex(below: count))
            case 2: plan.duringCheckpoints.append(1 + stream.nextIndex(below: 6))
            case 3: plan.afterSinkWrites.append(1 + stream.nextIndex(below: count))
            default: plan.meanTimeBetweenFailuresMicros = max(20_000, spanMicros / 2)
            }
        }
        plan.atTimes.sort()
        plan.afterRecords.sort()
        plan.duringCheckpoints.sort()
        plan.afterSinkWrites.sort()
        return (events, plan)
    }

    static func tinyEvents(count: Int, keys: Int, stream: RandomStream) -> [Event] {
        var events: [Event] = []
        var arrival = Instant.zero
        for id in 0..<count {
            arrival = arrival + Duration.micros(roundingSeconds: stream.exponential(mean: 0.01))
            let disorder = Duration.micros(roundingSeconds: stream.uniform(lower: 0, upper: 0.05))
            events.append(Event(
                id: UInt64(id), key: Int32(stream.nextIndex(below: keys)), kind: UInt16(stream.nextIndex(below: 2)),
                partition: Int32(stream.nextIndex(below: 4)), value: Double(1 + stream.nextIndex(below: 9)),
                eventTime: Instant(micros: max(0, (arrival - disorder).micros)), arrivalTime: arrival))
        }
        return events
    }

    /// Runs and judges one schedule. From a queue, the pipeline also checks at
    /// every restart that the broker redelivers from where a log would replay.
    public static func check(seed: UInt64, engine: String, guarantee: Guarantee, source: SourceKind = .log) -> Outcome {
        let (events, plan) = schedule(seed: seed)
        let configuration = DeliveryRunConfiguration(
            engine: profile(engine, guarantee: guarantee), guarantee: guarantee, query: query, crashPlan: plan,
            recoveryDelay: .uniform(lower: 0.001, upper: 0.03), seed: seed, source: source)
        let result = configuration.run(events: events)
        let oracle = Oracle.delivery(events: events, query: query)
        let afterWrite = result.crashes.filter { if case .afterSinkWrite = $0.cause { return true } else { return false } }.count
        return Outcome(seed: seed, engine: engine, guarantee: guarantee, plan: plan.description, crashes: result.crashes.count,
                       afterSinkWriteCrashes: afterWrite, correctness: CorrectnessReport(result: result, oracle: oracle),
                       finished: result.finished)
    }

    /// Seeds `first ..< first + count`.
    public static func run(engine: String, guarantee: Guarantee, seeds: Range<UInt64>, source: SourceKind = .log) -> [Outcome] {
        seeds.map { check(seed: $0, engine: engine, guarantee: guarantee, source: source) }
    }
}
