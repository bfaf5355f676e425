import Dataflow
import SimKernel
import Workloads

/// What `streamlab run` was asked to do.
public struct RunOptions: Sendable, Equatable {
    public var scenario: String
    public var engine: EngineKind
    /// nil: the engine's default preset (`ScenarioRunner.defaultPreset`).
    public var preset: String?
    /// nil: the scenario's default query.
    public var queryFile: String?
    public var seed: UInt64
    /// nil: the scenario's own length (`default_events` or
    /// `default_duration`), capped at `defaultEventCap`.
    public var events: Int?
    /// nil: the preset's own (1, the per-core figures).
    public var parallelism: Int?
    /// How many result rows the report shows.
    public var excerptRows: Int
    /// `--trigger` (`SparkTriggerChoice`); nil: the preset's own trigger.
    public var trigger: String?

    /// Keeps a default run to a few seconds of work on a laptop.
    public static let defaultEventCap = 100_000

    public init(
        scenario: String, engine: EngineKind, preset: String? = nil, queryFile: String? = nil, seed: UInt64 = 1,
        events: Int? = nil, parallelism: Int? = nil, excerptRows: Int = 8, trigger: String? = nil
    ) {
        self.trigger = trigger
        self.scenario = scenario
        self.engine = engine
        self.preset = preset
        self.queryFile = queryFile
        self.seed = seed
        self.events = events
        self.parallelism = parallelism
        self.excerptRows = excerptRows
    }
}

/// Runs a scenario's stream through one engine and measures the triad.
///
/// Model. The generator (the driver) produces the events in arrival order,
/// apart from the system under test (Karimov et al., ICDE 2018). The
/// preset's engine runs the query, advancing simulated processing time by
/// its cost model; the oracle computes the exact result from the complete
/// data by event time. Nothing here reads a clock, so the same options give
/// the same report, byte for byte.
public enum ScenarioRunner {
    /// The preset `run` uses when only `--engine` is given.
    public static func defaultPreset(for engine: EngineKind) -> String {
        switch engine {
        case .record: return "flink"
        case .microbatch: return "spark-structured-streaming"
        case .batch: return "spark-batch"
        }
    }

    public static func run(_ options: RunOptions) throws(InputError) -> RunOutcome {
        let (scenario, preset, events) = try prepare(options)
        let query = try options.queryFile.map { path throws(InputError) in try RunQueryFile.load(path: path, scenario: scenario) }
            ?? DefaultQueries.query(for: scenario)
        if case .microBatch(let trigger) = preset.schedule {
            let what = query.query.window == .unwindowed ? "a running aggregation" : "a windowed aggregation"
            try SparkTriggerChoice.refuseAggregation(trigger, what: what)
        }
        if case .kafkaSliding = query.query.window, preset.name != "kafka-streams" {
            throw InputError(
                file: options.queryFile ?? "<command line>", field: "window.time_difference_ms",
                reason: "Kafka Streams' sliding windows (time_difference_ms) run on --preset kafka-streams, not \(preset.name)")
        }
        if query.query.window == .unwindowed && (preset.engineKind == .record || preset.timeDomain == .processingTime) {
            throw InputError(
                file: options.queryFile ?? "<command line>", field: "window.type",
                reason: "none (a running aggregate) follows Spark's update and complete modes: run it on a micro-batch event-time preset or a batch preset, not \(preset.name)")
        }
        var outcome = run(events: events, query: query, preset: preset)
        outcome.scenario = scenario
        return outcome
    }

    /// The library core, also used by tests with hand-made streams.
    public static func run(events: [Event], query: RunQuery, preset: Preset) -> RunOutcome {
        let engine = preset.makeEngine(
            watermarkDelay: query.query.watermark.delay, stateAccessesPerRecord: query.stateAccessesPerRecord)
        let engineEvents = events.map(preset.prepare)
        let maxEventTime = engineEvents.map(\.eventTime).max() ?? .min
        let delay = preset.timeDomain == .processingTime ? Duration.zero : query.query.watermark.delay
        let run = engine.run(query: query.query, events: engineEvents)
        let oracle = Oracle.results(of: query.query, over: events).map(\.comparable)
        let latencies = finalValueLatencies(run)
        return RunOutcome(
            preset: preset, query: query,
            costs: preset.costModel.engineCosts(stateAccessesPerRecord: query.stateAccessesPerRecord),
            capacityEventsPerSecond: preset.costModel.capacityEventsPerSecond(stateAccessesPerRecord: query.stateAccessesPerRecord),
            eventCount: events.count, firstArrival: events.first?.arrivalTime ?? .zero,
            run: run, finalRows: run.finalResults, oracleRows: oracle.sorted(),
            latency: LatencySummary(micros: latencies),
            lastWatermarkBound: SparkWatermarkTracker.watermark(maxEventTime: maxEventTime, delay: delay))
    }
}

extension ScenarioRunner {
    /// Event-time latency per result (Karimov et al.: for a window, from its
    /// latest event to the output): for each (key, window), the time the
    /// engine first emitted the row's *final* value, minus the row's latest
    /// event time. Counting the first emission of the final value, not every
    /// emission, treats the engines alike: Spark's complete mode re-emits
    /// unchanged rows every batch, Flink re-fires on late data, update mode
    /// re-emits changed rows; what a reader waits for is the final answer.
    /// Processing-time presets (storm, samza, spark-dstream) see arrival time
    /// as event time, so for them this is Karimov's processing-time latency.
    static func finalValueLatencies(_ run: EngineRun<WindowResult>) -> [Int64] {
        var firstOfValue: [WindowKey: (row: ComparableRow, time: Instant, latest: Instant)] = [:]
        for emitted in run.outputs {
            let result = emitted.output
            let identity = WindowKey(key: result.key, window: result.window)
            let row = result.comparable
            if let known = firstOfValue[identity], known.row == row { continue }
            firstOfValue[identity] = (row, emitted.processingTime, result.aggregates.latestEventTime)
        }
        return firstOfValue.values.map { ($0.time - $0.latest).micros }.sorted()
    }
}

/// Exact quantiles of event-time latency (`NearestRank`), in microseconds.
public struct LatencySummary: Sendable, Equatable {
    public var count: Int
    public var p50Micros: Int64
    public var p99Micros: Int64
    public var maxMicros: Int64

    public init(micros values: [Int64]) {
        let sorted = values.sorted()
        count = sorted.count
        p50Micros = NearestRank.value(of: 0.50, inSorted: sorted)
        p99Micros = NearestRank.value(of: 0.99, inSorted: sorted)
        maxMicros = sorted.last ?? 0
    }
}

/// Everything a run measured; `RunReport` renders it.
public struct RunOutcome {
    public var preset: Preset
    public var query: RunQuery
    public var costs: EngineCosts
    public var capacityEventsPerSecond: Double
    public var eventCount: Int
    public var firstArrival: Instant
    public var run: EngineRun<WindowResult>
    /// The last emission of each (key, window), sorted.
    public var finalRows: [ComparableRow]
    public var oracleRows: [ComparableRow]
    public var latency: LatencySummary
    /// `max event time − delay` over the input: the last watermark a
    /// stream that never ends can reach (Spark's; Flink's is 1 µs less).
    /// Windows ending after it are still open when the input stops, unless
    /// the engine ends bounded input with a +∞ watermark (record, batch).
    public var lastWatermarkBound: Instant
    /// The scenario, when the run came from one: it names the keys.
    public var scenario: Scenario? = nil

    /// Simulated throughput: records processed over the simulated time from
    /// the first arrival to the engine's last piece of work.
    public var eventsPerSecond: Double {
        let span = (run.finishTime - firstArrival).seconds
        return span > 0 ? Double(run.recordsProcessed) / span : 0
    }

    /// How the engine's final rows differ from the oracle's, by (key, window):
    /// rows the oracle has and the engine never emitted (dropped late data,
    /// windows still open at the end), rows with other aggregate values, and
    /// rows only the engine has (processing-time windows).
    public var oracleDifference: (missing: Int, stillOpen: Int, wrong: Int, extra: Int, total: Int) {
        var engine: [WindowKey: ComparableRow] = [:]
        for row in finalRows { engine[Self.identity(row)] = row }
        var missing = 0
        var stillOpen = 0
        var wrong = 0
        var seen = Set<WindowKey>()
        for row in oracleRows {
            let identity = Self.identity(row)
            seen.insert(identity)
            guard let emitted = engine[identity] else {
                missing += 1
                if row.end > lastWatermarkBound.micros { stillOpen += 1 }
                continue
            }
            if emitted != row { wrong += 1 }
        }
        let extra = engine.keys.filter { !seen.contains($0) }.count
        return (missing, stillOpen, wrong, extra, missing + wrong + extra)
    }

    /// (key, window) identities whose final row differs from the oracle's.
    public var differingRowCount: Int { oracleDifference.total }

    static func identity(_ row: ComparableRow) -> WindowKey {
        WindowKey(key: row.key, window: TimeWindow(start: Instant(micros: row.start), end: Instant(micros: row.end)))
    }
}
