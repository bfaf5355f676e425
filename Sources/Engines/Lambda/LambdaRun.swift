import Dataflow
import SimKernel
import Workloads

/// One event-time hour of the Lambda table.
public struct LambdaHour: Equatable, Sendable {
    public var startMicros: Int64
    /// The batch logic over every event: the answer both layers should give.
    public var oracle: Int64
    public var served: Int64
    public var layer: ServingMerge.Layer
    /// What the serving layer answers once the next batch run has finished.
    public var afterNextBatch: Int64
    public var afterNextBatchLayer: ServingMerge.Layer
}

/// One run of the batch layer: when its input stopped and when its view was ready.
public struct BatchLayerRun: Equatable, Sendable {
    public var coverageEndMicros: Int64
    public var finishedMicros: Int64
    public var view: [Int64: Int64]
}

/// Everything `streamlab lambda` measured.
public struct LambdaOutcome: Sendable {
    public var options: LambdaOptions
    public var kindName: String
    public var nextKindName: String?
    public var eventCount: Int
    public var batchPeriodMicros: Int64
    /// When the serving layer is asked: the speed layer has read the whole input.
    public var queryMicros: Int64
    public var lastBatch: BatchLayerRun?
    public var nextBatch: BatchLayerRun?
    public var speedDroppedLate: Int
    public var hours: [LambdaHour]
    /// Kappa: the speed preset with the batch logic, replayed from offset 0.
    public var kappaHoursEqual: Int
    public var kappaReplayMicros: Int64
}

/// Lambda against Kappa on one scenario, built from the catalog's presets.
///
/// Model (Nathan Marz's Lambda architecture, "Big Data", 2015): the batch
/// layer is a batch preset's scheduled job (`BatchEngine`) over the master
/// data set, everything that has arrived by its schedule point; each run's
/// complete table is a batch view covering the event-time hours that ended
/// by that point. The speed layer is a streaming preset over the same log
/// with its own copy of the logic, optionally drifted (`SpeedDrift`). The
/// serving layer (`ServingMerge`) answers each hour from the batch view when
/// the last finished batch run covers it, else from the speed view. A wrong
/// speed answer stays wrong until a later batch run covers its hour.
/// Kappa (Jay Kreps, 2014) has one job: fixing the logic means replaying the
/// log from offset 0 through the corrected job, which is deterministic and
/// ends on the batch answer.
public enum LambdaRun {
    public static let hourMicros: Int64 = 3_600_000_000
    /// Long enough that no event of the scenarios is late for the speed layer
    /// when the logic has not drifted.
    static let patientDelay = Duration.minutes(60)

    public static func run(_ options: LambdaOptions) throws(InputError) -> LambdaOutcome {
        guard (1...48).contains(options.hours) else {
            throw InputError(file: "<command line>", field: "--hours", reason: "must be between 1 and 48, got \(options.hours)")
        }
        let batchPreset = try PresetRegistry.preset(named: options.batchPreset, field: "--batch-preset")
        guard case .batch(let schedule) = batchPreset.schedule else {
            throw InputError(file: "<command line>", field: "--batch-preset",
                             reason: "'\(batchPreset.name)' is not a batch preset (batch presets: \(names(of: .batch)))")
        }
        let speedPreset = try PresetRegistry.preset(named: options.speedPreset, field: "--speed-preset")
        guard speedPreset.engineKind != .batch else {
            throw InputError(file: "<command line>", field: "--speed-preset",
                             reason: "'\(speedPreset.name)' is a batch preset; the speed layer streams (try flink)")
        }
        let scenario = try ScenarioCatalog.load(options.scenario)
        let kinds = try countedKinds(scenario, drift: options.drift)
        let period = options.batchEveryMicros ?? scheduledPeriod(schedule)
        let events = Array(scenario.makeGenerator(seed: options.seed, duration: .minutes(Int64(options.hours) * 60)))
        guard !events.isEmpty else {
            throw InputError(file: options.scenario, field: "events", reason: "the scenario generated no events in \(options.hours) h")
        }
        let batchQuery = query(counting: kinds.counted, delay: patientDelay)
        let batchRuns = runBatchLayer(events, query: batchQuery, preset: batchPreset, periodMicros: period)
        let speed = runSpeedLayer(events, options: options, kinds: kinds, preset: speedPreset)
        let oracle = view(of: Oracle.results(of: batchQuery, over: events))
        let last = batchRuns.last { $0.finishedMicros <= speed.finishedMicros }
        let next = batchRuns.first { $0.finishedMicros > speed.finishedMicros }
        let hours = table(events: events, oracle: oracle, speed: speed.view, last: last, next: next)
        let kappa = replayKappa(events, query: batchQuery, preset: speedPreset, from: speed.finishedMicros)
        return LambdaOutcome(
            options: options, kindName: scenario.eventKinds[Int(kinds.counted)], nextKindName: kinds.next.map { scenario.eventKinds[Int($0)] },
            eventCount: events.count, batchPeriodMicros: period, queryMicros: speed.finishedMicros, lastBatch: last, nextBatch: next,
            speedDroppedLate: speed.droppedLate, hours: hours,
            kappaHoursEqual: hours.filter { (kappa.view[$0.startMicros] ?? 0) == $0.oracle }.count,
            kappaReplayMicros: kappa.replayMicros)
    }

    /// The counted kind (`order` when the scenario has one, else its first
    /// kind) and, for the `kind` drift, the next kind the speed copy adds.
    static func countedKinds(_ scenario: Scenario, drift: SpeedDrift) throws(InputError) -> (counted: UInt16, next: UInt16?) {
        let counted = scenario.kindIndex("order") ?? 0
        let next = Int(counted) + 1 < scenario.eventKinds.count ? counted + 1 : nil
        if drift == .kind && next == nil {
            throw InputError(file: "<command line>", field: "--speed-drift",
                             reason: "'kind' needs a scenario with a second event kind; '\(scenario.name)' has one")
        }
        return (counted, next)
    }

    static func scheduledPeriod(_ schedule: BatchEngine.Schedule) -> Int64 {
        if case .every(let period) = schedule { return period.micros }
        return 24 * hourMicros
    }

    static func names(of kind: EngineKind) -> String {
        PresetRegistry.all.filter { $0.engineKind == kind }.map(\.name).joined(separator: ", ")
    }

    /// Events of `kinds` per event-time hour, all keys together.
    static func query(counting kind: UInt16, alsoCounting extra: UInt16? = nil, delay: Duration) -> Query {
        Query(watermark: WatermarkStrategy(delay: delay), filter: { $0.kind == kind || $0.kind == extra },
              keyBy: .constant, window: .tumbling(size: Duration(micros: hourMicros)), aggregates: AggregateSpec([.count]),
              lateData: .drop, outputMode: .update)
    }

    /// Count per window start, summed over keys, from the last emission of each row.
    static func view(of results: [WindowResult]) -> [Int64: Int64] {
        var latest: [WindowKey: Int64] = [:]
        for result in results { latest[WindowKey(key: result.key, window: result.window)] = result.aggregates.count }
        var view: [Int64: Int64] = [:]
        for (identity, count) in latest { view[identity.window.start.micros, default: 0] += count }
        return view
    }
}
