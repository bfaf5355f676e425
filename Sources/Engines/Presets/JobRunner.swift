import Dataflow
import SimKernel
import Workloads

/// Runs a stateful job (`StatefulJob`) on a scenario's stream with one
/// engine and measures the triad.
///
/// Model. As for windowed queries (`ScenarioRunner`): the generator drives,
/// the preset's engine decides when the operator runs and advances simulated
/// processing time with its cost model, and an oracle computes the exact
/// answer from the complete data by event time. The operator is one of the
/// shared `Dataflow/Stateful` operators, unchanged; on the record engine a
/// keyed process function follows Flink's timer rule (`timer <= watermark`),
/// on the micro-batch and batch engines Spark's GroupState rule (a timeout
/// fires when the watermark has moved beyond it). No clock is read, so the
/// same options give the same report byte for byte.
public enum JobRunner {
    /// The engine plus what every job needs to drive it.
    struct Setup {
        var scenario: Scenario
        var preset: Preset
        var engine: any StreamEngine
        var events: [Event]
        var engineEvents: [Event]
        var sampleInterval: Duration
        var options: JobOptions
        var seed: UInt64

        /// Flink's timer rule on the record engine, Spark's GroupState rule on the others.
        func keyed<Function: KeyedProcessFunction>(_ function: Function) -> KeyedProcessOperator<Function> {
            KeyedProcessOperator(function, timerRule: preset.engineKind == .record ? .flink : .sparkGroupState)
        }

        func kind(_ name: String, for job: StatefulJob) throws(InputError) -> UInt16 {
            guard let kind = scenario.kindIndex(name) else {
                throw InputError(
                    file: "<command line>", field: "--job",
                    reason: "\(job.rawValue) needs events of kind '\(name)'; scenario \(scenario.name) has \(scenario.eventKinds.joined(separator: ", "))")
            }
            return kind
        }
    }

    /// What the engine run and the probe observed.
    struct Observed<Output> {
        var run: EngineRun<Output>
        var samples: [(time: Instant, size: Int)]
        var peak: Int
    }

    /// The watermark delay every job uses: 5 s, as the scenarios' default queries.
    static let watermarkDelay = Duration.seconds(5)

    public static func run(_ options: RunOptions, job: JobOptions) throws(InputError) -> JobOutcome {
        if job.upperBoundSeconds != nil && job.job != .intervalJoin {
            throw InputError(file: "<command line>", field: "--upper-bound-seconds", reason: "applies to --job interval-join only")
        }
        if let upper = job.upperBoundSeconds, !(1...86_400).contains(upper) {
            throw InputError(file: "<command line>", field: "--upper-bound-seconds", reason: "must be between 1 and 86400, got \(upper)")
        }
        let (scenario, preset, events) = try ScenarioRunner.prepare(options)
        if case .microBatch(let trigger) = preset.schedule {
            try SparkTriggerChoice.refuseAggregation(trigger, what: "a stateful job")
        }
        let engine = preset.makeEngine(watermarkDelay: watermarkDelay, stateAccessesPerRecord: 1)
        let span = (events.last?.arrivalTime ?? .zero) - (events.first?.arrivalTime ?? .zero)
        let setup = Setup(
            scenario: scenario, preset: preset, engine: engine, events: events, engineEvents: events.map(preset.prepare),
            sampleInterval: Duration(micros: max(1_000, span.micros / 400)), options: job, seed: options.seed)
        let (result, counters) = try runJob(setup)
        var outcome = JobOutcome(
            job: job.job, summary: result.summary, preset: preset,
            costs: preset.costModel.engineCosts(stateAccessesPerRecord: 1),
            capacityEventsPerSecond: preset.costModel.capacityEventsPerSecond(stateAccessesPerRecord: 1),
            eventCount: events.count, firstArrival: events.first?.arrivalTime ?? .zero,
            recordsProcessed: counters.records, finishTime: counters.finish, droppedLateCount: counters.dropped,
            resultNoun: result.resultNoun, resultCount: result.resultCount, rows: result.rows,
            latency: LatencySummary(micros: result.latencyMicros), latencyMeaning: result.latencyMeaning,
            oracleCount: result.oracleCount, comparedNoun: result.comparedNoun, missing: result.missing, extra: result.extra,
            business: result.business, stateNoun: result.stateNoun, stateSamples: counters.samples, peakState: counters.peak)
        outcome.due = result.due
        return outcome
    }

    typealias Counters = (records: Int, finish: Instant, dropped: Int, samples: [(time: Instant, size: Int)], peak: Int)

    static func runJob(_ setup: Setup) throws(InputError) -> (JobResult, Counters) {
        switch setup.options.job {
        case .sessionTimeout: return counted(sessionTimeout(setup))
        case .inventoryAlert: return counted(try inventoryAlert(setup))
        case .fraud: return counted(try fraud(setup))
        case .dashboard: return counted(try dashboard(setup))
        case .heartbeatAlert: return counted(try heartbeatAlert(setup))
        case .intervalJoin: return counted(try intervalJoin(setup))
        case .enrichment: return counted(try enrichment(setup))
        case .tableJoin: return counted(try tableJoin(setup))
        }
    }

    /// A job's result with the engine's counters and the probe's samples.
    static func counted<Output>(_ job: (JobResult, Observed<Output>)) -> (JobResult, Counters) {
        let (result, observed) = job
        let run = observed.run
        return (result, (run.recordsProcessed, run.finishTime, run.droppedLateCount + run.lateSideOutput.count, observed.samples, observed.peak))
    }

    /// Runs `inner` behind a `StateProbe` on the setup's engine.
    static func drive<Inner: StreamOperator, Output>(
        _ inner: Inner, setup: Setup, stateSize: @escaping (Inner) -> Int, tag: @escaping (Inner.Output, Event?) -> Output
    ) -> (Observed<Output>, Inner) {
        var probe = StateProbe(inner, sampleInterval: setup.sampleInterval, stateSize: stateSize, tag: tag)
        let run = setup.engine.run(&probe, events: setup.engineEvents)
        probe.finish(at: run.finishTime)
        return (Observed(run: run, samples: probe.samples, peak: probe.peak), probe.inner)
    }
}

extension ScenarioRunner {
    /// The scenario, preset and generated events for a run, with the option
    /// checks `run` makes for queries and jobs alike.
    static func prepare(_ options: RunOptions) throws(InputError) -> (Scenario, Preset, [Event]) {
        if let count = options.events, count <= 0 {
            throw InputError(file: "<command line>", field: "--events", reason: "must be at least 1, got \(count)")
        }
        var preset = try PresetRegistry.preset(named: options.preset ?? defaultPreset(for: options.engine))
        if let parallelism = options.parallelism {
            guard (1...4_096).contains(parallelism) else {
                throw InputError(file: "<command line>", field: "--parallelism", reason: "must be between 1 and 4096, got \(parallelism)")
            }
            preset.costModel.parallelism = parallelism
        }
        guard preset.engineKind == options.engine else {
            throw InputError(
                file: "<command line>", field: "--preset",
                reason: "'\(preset.name)' runs on the \(preset.engineKind.rawValue) engine, not \(options.engine.rawValue)")
        }
        if let trigger = options.trigger { preset = try preset.withTrigger(SparkTriggerChoice.parse(trigger)) }
        let scenario = try ScenarioCatalog.load(options.scenario)
        let generator = options.events.map { scenario.makeGenerator(seed: options.seed, maxEvents: $0) }
            ?? scenario.makeGenerator(
                seed: options.seed, maxEvents: min(scenario.defaultEvents ?? RunOptions.defaultEventCap, RunOptions.defaultEventCap),
                duration: scenario.defaultDuration)
        return (scenario, preset, Array(generator))
    }
}
