import Delivery
import Engines
import SimKernel
import Workloads

/// Runs the whole comparison: the triad table (engines × guarantees under the
/// crash plan), the sustainable-throughput search, and the sweeps behind the
/// charts. Deterministic: every run derives its randomness from `settings.seed`.
public enum CompareRun {
    /// Trigger intervals for the latency-versus-trigger chart (micro-batch).
    public static let triggerIntervalsMicros: [Int64] = [100_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000]
    /// Watermark delays for the completeness chart (record engine).
    public static let watermarkDelaysMicros: [Int64] = [0, 100_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000]

    /// `progress(done, total)` is called after each run.
    public static func run(_ workload: CompareWorkload, settings: CompareSettings,
                           progress: (Int, Int) -> Void = { _, _ in }) throws(InputError) -> CompareReport {
        let oracle = Oracle.delivery(events: workload.truth, query: workload.query)
        let total = settings.engines.count * settings.guarantees.count + triggerIntervalsMicros.count
            + watermarkDelaysMicros.count + settings.engines.count + 2
        var done = 0
        func step() { done += 1; progress(done, total) }
        var rows: [TriadRow] = []
        var notOffered: [CompareReport.NotOffered] = []
        var results: [String: DeliveryRunResult] = [:]
        for name in settings.engines {
            let preset = try PresetRegistry.preset(named: name, field: "--engines")
            for guarantee in settings.guarantees {
                defer { step() }
                // A guarantee the real system lacks is reported, not simulated.
                guard preset.offering(guarantee) != nil else {
                    notOffered.append(.init(engine: name, guarantee: guarantee.rawValue, reason: preset.notOfferedReason(guarantee)))
                    continue
                }
                let engine = try settings.engine(name, guarantee)
                let (row, result) = measure(workload, oracle: oracle, engine: engine,
                                            crashPlan: settings.crashPlan, recoveryDelay: settings.recoveryDelay, seed: settings.seed,
                                            mutation: settings.mutation)
                rows.append(row)
                results["\(name)/\(guarantee.rawValue)"] = result
            }
        }
        let start = workload.events.first?.arrivalTime ?? .zero
        let triggerCurves = try latencyVersusTrigger(workload, oracle: oracle, settings: settings, step: step)
        let completeness = try completenessVersusWatermark(workload, settings: settings, step: step)
        // The 2PC claim is about the sink alone, so it is measured without crashes.
        var crashFree: [TriadRow] = []
        for guarantee in [Guarantee.atLeastOnce, .exactlyOnce] {
            crashFree.append(measure(workload, oracle: oracle, engine: try settings.engine("flink", guarantee), crashPlan: .none,
                                     recoveryDelay: settings.recoveryDelay, seed: settings.seed, mutation: settings.mutation).0)
            step()
        }
        var sustainable: [SustainableThroughput] = []
        for name in settings.engines {
            let preset = try PresetRegistry.preset(named: name, field: "--engines")
            // Throughput does not depend on the guarantee here; the preset's default is run.
            let engine = try settings.engine(name, preset.guarantees[0].guarantee)
            if engine.model != .batch {
                sustainable.append(.search(engine: engine, seed: settings.seed, maxEventsPerTrial: settings.sustainableMaxEventsPerTrial))
            }
            step()
        }
        let options = CompareReport.Options(
            scenario: workload.scenarioName, seed: settings.seed, crashPlan: settings.crashPlan.description,
            recoveryDelay: settings.recoveryDelayText, batchScheduleMicros: settings.batchScheduleMicros,
            windowSizeMicros: workload.query.windowSizeMicros, watermarkDelayMicros: workload.query.watermarkDelayMicros,
            inputEvents: workload.events.count)
        let ordered = results.keys.sorted().map { ($0, results[$0]!) }
        return CompareReport(
            options: options, rows: rows, notOffered: notOffered, sustainable: sustainable,
            latencyCDF: latencyCDF(ordered, oracle: oracle),
            latencyVersusTrigger: triggerCurves, completenessVersusWatermark: completeness,
            crashTimeline: crashTimeline(ordered, start: start),
            timelineMarks: timelineMarks(ordered, oracle: oracle, start: start),
            lagUnderBurst: lagSeries(ordered, settings: settings, start: start),
            claims: CompareClaims.evaluate(rows: rows, crashFree: crashFree, triggerCurves: triggerCurves, settings: settings))
    }

    /// Event-time latency CDF per engine, from its exactly-once run (the
    /// guarantee the lessons recommend), in milliseconds.
    static func latencyCDF(_ results: [(String, DeliveryRunResult)], oracle: DeliveryExpectation) -> [CompareReport.Series] {
        results.filter { $0.0.hasSuffix("/\(Guarantee.exactlyOnce.rawValue)") }.map { name, result in
            let points = FirstVisibility(result: result, eventTimeOf: oracle.eventTimeOf).eventTime.cdfPoints().map {
                CompareReport.CurvePoint(x: Double($0.micros) / 1_000, y: $0.fraction)
            }
            return CompareReport.Series(name: name, points: points)
        }
    }

    static func latencyVersusTrigger(_ workload: CompareWorkload, oracle: DeliveryExpectation, settings: CompareSettings,
                                     step: () -> Void) throws(InputError) -> [CompareReport.Series] {
        var p50: [CompareReport.CurvePoint] = [], p99: [CompareReport.CurvePoint] = []
        var recordP50: [CompareReport.CurvePoint] = []
        let record = try settings.engine("flink", .atLeastOnce)
        let (recordRow, _) = measure(workload, oracle: oracle, engine: record,
                                     crashPlan: .none, recoveryDelay: settings.recoveryDelay, seed: settings.seed, mutation: settings.mutation)
        for trigger in triggerIntervalsMicros {
            var engine = try settings.engine("spark-structured-streaming", .atLeastOnce)
            engine.triggerInterval = Duration(micros: trigger)
            let (row, _) = measure(workload, oracle: oracle, engine: engine,
                                   crashPlan: .none, recoveryDelay: settings.recoveryDelay, seed: settings.seed, mutation: settings.mutation)
            let x = Double(trigger) / 1_000
            p50.append(.init(x: x, y: Double(row.metrics.eventTimeLatency.p50Micros) / 1_000))
            p99.append(.init(x: x, y: Double(row.metrics.eventTimeLatency.p99Micros) / 1_000))
            recordP50.append(.init(x: x, y: Double(recordRow.metrics.eventTimeLatency.p50Micros) / 1_000))
            step()
        }
        return [.init(name: "micro-batch p50", points: p50), .init(name: "micro-batch p99", points: p99),
                .init(name: "record engine p50", points: recordP50)]
    }

    static func completenessVersusWatermark(_ workload: CompareWorkload, settings: CompareSettings,
                                            step: () -> Void) throws(InputError) -> [CompareReport.Series] {
        var points: [CompareReport.CurvePoint] = []
        for delay in watermarkDelaysMicros {
            var query = workload.query
            query.watermarkDelayMicros = delay
            var adjusted = workload
            adjusted.query = query
            let oracle = Oracle.delivery(events: adjusted.events, query: query)
            let (row, _) = measure(adjusted, oracle: oracle, engine: try settings.engine("flink", .atLeastOnce),
                                   crashPlan: .none, recoveryDelay: settings.recoveryDelay, seed: settings.seed, mutation: settings.mutation)
            points.append(.init(x: Double(delay) / 1_000, y: row.metrics.correctness.windowCompleteness))
            step()
        }
        return [.init(name: "record engine (flink)", points: points)]
    }
}
