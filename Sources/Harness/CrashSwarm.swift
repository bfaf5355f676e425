import Dataflow
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
    /// A preset from the catalog under `guarantee`, shrunk to the swarm's
    /// scale: its scheduler, rules and checkpointing mechanism unchanged,
    /// its costs and intervals proportionally short (records every ~10 ms).
    public static func engine(_ name: String, guarantee: Guarantee) throws(InputError) -> DeliveryEngine {
        var engine = try DeliveryEngine.named(name, guarantee: guarantee)
        engine.bufferCapacity = 8
        engine.snapshotPause = .millis(1)
        engine.checkpointCompletion = .millis(10)
        if let interval = engine.checkpointInterval {
            engine.checkpointInterval = Duration(micros: Swift.min(Swift.max(interval.micros / 200, 20_000), 300_000))
        }
        switch engine.model {
        case .record:
            engine.costs = EngineCosts(perRecord: Duration(micros: 300))
        case .microBatch:
            engine.costs = EngineCosts(perRecord: Duration(micros: 100), perBatch: .millis(5))
            engine.triggerInterval = .millis(50)
            engine.maxRecordsPerTrigger = 16
        case .batch:
            engine.costs = EngineCosts(perRecord: Duration(micros: 50), perBatch: .millis(20))
            engine.triggerInterval = .millis(200)
        }
        return engine
    }

    /// Every preset of the catalog.
    public static var engineNames: [String] { PresetRegistry.names }

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
        /// Processing-time presets: events not counted in any window, or
        /// (negative) counted twice; 0 on event time, where the oracle checks windows.
        public var uncountedInWindows: Int = 0

        public var description: String {
            let c = correctness
            return "seed \(seed) \(engine) \(guarantee.rawValue) crashes=\(plan) (\(crashes) fired): lost \(c.eventsLost), "
                + "duplicated \(c.eventsDuplicated), wrong values \(c.eventValuesWrong), windows wrong/missing/duplicated "
                + "\(c.windowsWrong)/\(c.windowsMissing)/\(c.windowsDuplicated)\(uncountedInWindows == 0 ? "" : ", \(uncountedInWindows) event(s) not in exactly one window")\(finished ? "" : ", DID NOT FINISH")"
                + "; reproduce: streamlab crash --swarm-seed \(seed) --engine \(engine) --guarantee \(guarantee.rawValue)"
        }

        /// Exactly once: nothing lost, nothing seen twice, every value and window right.
        public var isExactlyOnce: Bool {
            let c = correctness
            return finished && c.eventsLost == 0 && c.eventsDuplicated == 0 && c.eventValuesWrong == 0
                && c.windowsWrong == 0 && c.windowsMissing == 0 && c.windowsDuplicated == 0 && uncountedInWindows == 0
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
    public static func check(seed: UInt64, engine name: String, guarantee: Guarantee,
                             source: SourceKind = .log) throws(InputError) -> Outcome {
        let (events, plan) = schedule(seed: seed)
        let engine = try engine(name, guarantee: guarantee)
        let configuration = DeliveryRunConfiguration(
            engine: engine, query: query, crashPlan: plan,
            recoveryDelay: .uniform(lower: 0.001, upper: 0.03), seed: seed, source: source)
        let processingTime = engine.preset.timeDomain == .processingTime
        let check = StreamingCheck(query: query, shop: ShopModel(orderKind: .max, initialStock: 0, clearingMicros: 0), engine: engine,
                                   logMayRepeat: false, expectsWindows: !processingTime)
        let result = configuration.run(input: RunInput(source: ArrayArrivalSource(events), observer: check), sink: check.makeSink())
        let correctness = check.finish(result).0.correctness
        let afterWrite = result.crashes.filter { if case .afterSinkWrite = $0.cause { return true } else { return false } }.count
        let uncounted = processingTime ? events.count - check.windowedEventCount - result.droppedLateCount : 0
        return Outcome(seed: seed, engine: name, guarantee: guarantee, plan: plan.description, crashes: result.crashes.count,
                       afterSinkWriteCrashes: afterWrite, correctness: correctness,
                       finished: result.finished, uncountedInWindows: uncounted)
    }

    // What a correct run shows. On event time: the oracle. On processing
    // time (Storm, Samza, DStreams) a window holds what arrived while it was
    // open, which depends on when the engine ran and so on when it crashed
    // (a DStream batch re-planned after a restart covers the down time), so
    // no window is expected; `Outcome` checks instead that each event was
    // counted in exactly one window.

    /// Seeds `first ..< first + count`.
    public static func run(engine: String, guarantee: Guarantee, seeds: Range<UInt64>, source: SourceKind = .log,
                           progress: (Int, Int) -> Void = { _, _ in }) throws(InputError) -> [Outcome] {
        var outcomes: [Outcome] = []
        for seed in seeds {
            outcomes.append(try check(seed: seed, engine: engine, guarantee: guarantee, source: source))
            progress(outcomes.count, seeds.count)
        }
        return outcomes
    }
}
