import Foundation
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

    /// One independent piece of the comparison. Every piece reads the same
    /// workload and settings and writes nothing shared, so the pieces run in
    /// any order, on any number of threads, with identical results.
    enum Piece: Hashable, Sendable {
        case triad(engine: String, guarantee: Guarantee)
        case triggerBaseline
        case trigger(Int64)
        case watermark(Int64)
        case crashFree(Guarantee)
        case sustainable(engine: String)
    }

    enum PieceResult: @unchecked Sendable {
        case measured(TriadRow, Measurement)
        case notOffered(CompareReport.NotOffered)
        case sustainable(SustainableThroughput?)
    }

    /// `progress(done, total)` is called after each run (serialized).
    /// `jobs` runs that many pieces at once (default: every core); the report
    /// is the same for every value.
    public static func run(_ workload: CompareWorkload, settings: CompareSettings, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: (Int, Int) -> Void = { _, _ in }) throws(InputError) -> CompareReport {
        for name in settings.engines { _ = try PresetRegistry.preset(named: name, field: "--engines") }
        // Every engine the pieces need is built here, so a bad preset fails before any run.
        _ = try settings.engine("flink", .atLeastOnce)
        _ = try settings.engine("spark-structured-streaming", .atLeastOnce)
        var pieces: [Piece] = []
        for name in settings.engines { for guarantee in settings.guarantees { pieces.append(.triad(engine: name, guarantee: guarantee)) } }
        pieces.append(.triggerBaseline)
        pieces += triggerIntervalsMicros.map { .trigger($0) }
        pieces += watermarkDelaysMicros.map { .watermark($0) }
        pieces += [Guarantee.atLeastOnce, .exactlyOnce].map { .crashFree($0) }
        pieces += settings.engines.map { .sustainable(engine: $0) }
        // Pieces that build the same run share it: each distinct run once.
        var runs: [Piece] = [], runOfPiece: [Int] = [], indexOfRun: [Piece: Int] = [:]
        for piece in pieces {
            let run = Self.sharedRun(piece, workload: workload)
            if indexOfRun[run] == nil {
                indexOfRun[run] = runs.count
                runs.append(run)
            }
            runOfPiece.append(indexOfRun[run]!)
        }
        // The runs that read the log go through it in cohorts, each cohort
        // on one shared pass (`SharedLogPass`): the log is generated once
        // per cohort, not once per run (`cohorts` deals the runs).
        let readsLog = try runs.map { run throws(InputError) in try Self.readsLog(run, settings: settings) }
        let costs = try runs.map { run throws(InputError) in try Self.expectedCost(run, settings: settings) }
        let worksAfterLog = try runs.map { run throws(InputError) in try Self.worksAfterLog(run, settings: settings) }
        let cohorts = Self.cohorts(readsLog: readsLog, costs: costs, worksAfterLog: worksAfterLog)
        let runResults = CohortRun.run(count: runs.count, cohorts: cohorts, jobs: jobs, progress: progress, prepare: { cohort, permits in
            // The windows' truth depends on the log alone: counted once on
            // the pass (with each id once in the log; a plain producer's
            // repeats leave it to each run's check).
            let truth = workload.idempotentProducer ? WindowTruth(windowSizeMicros: workload.query.windowSizeMicros) : nil
            let pass = SharedLogPass(source: workload.makeSource(), readers: cohort.filter { readsLog[$0] }.count,
                                     reopen: { workload.makeSource() }, permits: permits, observer: truth)
            return CohortInput(pass: pass, windowTruth: truth)
        }, awaitShared: { $0.pass.awaitReadThrough() }) { index, input, _ in
            // Made before the run and closed after it, whatever the run
            // reads: a reader the pass counts on and never sees would hold
            // the others back.
            let log = readsLog[index] ? input.pass.reader() : nil
            defer { log?.close() }
            // Presets were validated above; a failure here is a programming error.
            return try! Self.run(runs[index], workload: workload, settings: settings,
                                 log: log.map { (source: $0, windowTruth: input.windowTruth) })
        }
        let results = runOfPiece.map { runResults[$0] }
        var rows: [TriadRow] = []
        var notOffered: [CompareReport.NotOffered] = []
        var triad: [String: Measurement] = [:]
        var anyRun: DeliveryRunResult?
        var triggerRows: [Int64: TriadRow] = [:], watermarkRows: [Int64: TriadRow] = [:]
        var baseline: TriadRow?
        var crashFree: [TriadRow] = []
        var sustainable: [SustainableThroughput] = []
        for (piece, result) in zip(pieces, results) {
            if case .measured(_, let run) = result { anyRun = run.result }
            switch (piece, result) {
            case (.triad(let name, let guarantee), .measured(let row, let run)):
                rows.append(row)
                triad["\(name)/\(guarantee.rawValue)"] = run
            case (.triad, .notOffered(let reason)): notOffered.append(reason)
            case (.triggerBaseline, .measured(let row, _)): baseline = row
            case (.trigger(let micros), .measured(let row, _)): triggerRows[micros] = row
            case (.watermark(let micros), .measured(let row, _)): watermarkRows[micros] = row
            case (.crashFree, .measured(let row, _)): crashFree.append(row)
            case (.sustainable, .sustainable(let found)): if let found { sustainable.append(found) }
            default: preconditionFailure("piece \(piece) gave \(result)")
            }
        }
        // Every run reads the same log: any of them tells its length and start.
        let start = anyRun?.firstArrival ?? .zero
        let triggerCurves = latencyVersusTrigger(baseline: baseline!, rows: triggerIntervalsMicros.map { ($0, triggerRows[$0]!) })
        let completeness = [CompareReport.Series(name: "record engine (flink)", points: watermarkDelaysMicros.map {
            CompareReport.CurvePoint(x: Double($0) / 1_000, y: watermarkRows[$0]!.metrics.correctness.windowCompleteness)
        })]
        let options = CompareReport.Options(
            scenario: workload.scenarioName, seed: settings.seed, crashPlan: settings.crashPlan.description,
            recoveryDelay: settings.recoveryDelayText, batchScheduleMicros: settings.batchScheduleMicros,
            windowSizeMicros: workload.query.windowSizeMicros, watermarkDelayMicros: workload.query.watermarkDelayMicros,
            inputEvents: anyRun?.inputCount ?? 0)
        let ordered = triad.keys.sorted().map { ($0, triad[$0]!) }
        return CompareReport(
            options: options, rows: rows, notOffered: notOffered, sustainable: sustainable,
            latencyCDF: latencyCDF(ordered),
            latencyVersusTrigger: triggerCurves, completenessVersusWatermark: completeness,
            crashTimeline: crashTimeline(ordered, start: start),
            timelineMarks: timelineMarks(ordered, start: start),
            lagUnderBurst: lagSeries(ordered, settings: settings, start: start),
            claims: CompareClaims.evaluate(rows: rows, crashFree: crashFree, triggerCurves: triggerCurves, settings: settings))
    }

    /// The piece whose run `piece` is. Three pieces build the same run, flink
    /// at-least-once without crashes on the workload as it is: the trigger
    /// chart's baseline, the crash-free at-least-once run of the 2PC claim,
    /// and the watermark chart's point at the query's own delay. That run is
    /// made once (two of the default comparison's 30 runs were copies, issue 14).
    static func sharedRun(_ piece: Piece, workload: CompareWorkload) -> Piece {
        switch piece {
        case .crashFree(.atLeastOnce): return .triggerBaseline
        case .watermark(let delay) where delay == workload.query.watermarkDelayMicros: return .triggerBaseline
        default: return piece
        }
    }

    /// What a cohort's runs share: one read of the log, and the windows'
    /// truth counted on it.
    struct CohortInput {
        let pass: SharedLogPass
        let windowTruth: WindowTruth?
    }

    /// What a piece's run measures: what the report reads of it, and no
    /// more (`StreamingCheck.Figures`). Pieces that share a run measure the
    /// run's figures, so they still measure the same row.
    static func figures(of piece: Piece, workload: CompareWorkload) -> StreamingCheck.Figures {
        switch sharedRun(piece, workload: workload) {
        // The triad table shows everything but the log's compaction.
        case .triad, .sustainable: return [.latency, .business, .correctness]
        // The trigger chart's record-engine p50 (event time), the 2PC
        // claim's processing-time latency, the watermark chart's point.
        case .triggerBaseline: return [.latency, .correctness]
        // The trigger chart's p50 and p99 (event time); the 2PC claim's
        // processing-time latency.
        case .trigger, .crashFree: return [.latency, .events]
        // The watermark chart's window completeness.
        case .watermark: return .windows
        }
    }

    /// A rank of how long a piece takes, for dealing runs to cohorts only:
    /// the long ones are dealt first, so each cohort gets its share.
    static func expectedCost(_ piece: Piece, settings: CompareSettings) throws(InputError) -> Int {
        switch piece {
        case .sustainable: return 0
        case .triad:
            guard try readsLog(piece, settings: settings) else { return 0 }
            return try worksAfterLog(piece, settings: settings) ? 3 : 2
        case .triggerBaseline, .trigger, .watermark, .crashFree: return 1
        }
    }

    /// Whether a piece's run reads the workload's log (a throughput search
    /// makes its own events; a guarantee the system lacks runs nothing).
    static func readsLog(_ piece: Piece, settings: CompareSettings) throws(InputError) -> Bool {
        switch piece {
        case .sustainable: return false
        case .triad(let name, let guarantee): return try PresetRegistry.preset(named: name, field: "--engines").offering(guarantee) != nil
        case .triggerBaseline, .trigger, .watermark, .crashFree: return true
        }
    }

    /// The most log-reading runs in one cohort. Every run of a cohort is
    /// live at once, so this bounds memory: a run holds its checker and its
    /// window tables, and shares its replay span with the cohort (the
    /// pass's chunks, `ArrivalLog`). The default comparison's 28 runs in 2
    /// cohorts peak at 320-380 MB at 10 M events (issue 14: under 600 MB);
    /// 3 cohorts of 10 took one more generation of the log.
    static var maxCohortReaders: Int { 14 }

    /// The records a run holds of a span a replay may read (the rest is
    /// re-read from a reopened copy of the log), as a cohort's runs are
    /// live at once: half a lone run's bound, which holds the streaming
    /// engines' replay spans (a checkpoint interval, a batch, Kafka
    /// Streams' commit interval: 2^18 was too few for it at 10 M events);
    /// an eighth for a nightly job, which re-reads most of its day either
    /// way (95 % or 99 % of 10 M events), and whose hold was most of a
    /// cohort's memory.
    static func maxHeldRecords(_ engine: DeliveryEngine) -> Int {
        RunInput.defaultMaxHeldRecords / (engine.model == .batch ? 8 : 2)
    }

    /// The runs dealt to cohorts. The runs that work on after the log ends
    /// (`worksAfterLog`: a nightly job's run and its checker's re-reads
    /// come after its last arrival) go to the first cohort (the earliest
    /// with room), whose end the next cohort overlaps; in the last cohort
    /// such a run went on alone on one core (2.8 s at 10 M events). The others,
    /// longest first (by `expectedCost`, then index), each to the cohort
    /// with the fewest runs (the earlier on a tie), so the cohorts are even.
    /// The runs that read nothing go along with the first cohort.
    static func cohorts(readsLog: [Bool], costs: [Int], worksAfterLog: [Bool]) -> [[Int]] {
        let readers = costs.indices.filter { readsLog[$0] }.sorted { (costs[$0], $1) > (costs[$1], $0) }
        let count = Swift.max(1, (readers.count + maxCohortReaders - 1) / maxCohortReaders)
        var cohorts = [[Int]](repeating: [], count: count)
        // Each cohort has room: `count` cohorts hold every reader.
        for index in readers where worksAfterLog[index] {
            cohorts[cohorts.indices.first { cohorts[$0].count < maxCohortReaders }!].append(index)
        }
        for index in readers where !worksAfterLog[index] {
            let fewest = cohorts.indices.min { (cohorts[$0].count, $0) < (cohorts[$1].count, $1) }!
            cohorts[fewest].append(index)
        }
        cohorts[0] += costs.indices.filter { !readsLog[$0] }
        return cohorts
    }

    /// Whether a piece's run goes on working after the log's last record:
    /// a nightly job, whose run (and most of its checker's work) starts at
    /// midnight, after the day.
    static func worksAfterLog(_ piece: Piece, settings: CompareSettings) throws(InputError) -> Bool {
        guard case .triad(let name, let guarantee) = piece, try readsLog(piece, settings: settings) else { return false }
        return try settings.engine(name, guarantee).model == .batch
    }

    /// One piece, run to completion on the calling thread.
    /// `log` is the run's read of the workload's log and the windows'
    /// truth counted on it (nil: a fresh read, and the check counts its own).
    static func run(_ piece: Piece, workload: CompareWorkload, settings: CompareSettings,
                    log: (source: ArrivalSource, windowTruth: WindowTruth?)? = nil) throws(InputError) -> PieceResult {
        // The crash-free runs feed the charts and the 2PC claim, each with
        // the figures its reader takes (`figures`).
        // (The piece's figures are judged on the workload as given: a
        // watermark point runs on a copy with its own delay.)
        let figures = Self.figures(of: piece, workload: workload)
        func crashFree(_ engine: DeliveryEngine, _ input: CompareWorkload) -> PieceResult {
            let run = measure(input, engine: engine, crashPlan: .none, recoveryDelay: settings.recoveryDelay,
                              seed: settings.seed, log: log?.source, windowTruth: log?.windowTruth,
                              mutation: settings.mutation, maxHeldRecords: Self.maxHeldRecords(engine), figures: figures)
            return .measured(run.row, run)
        }
        switch piece {
        case .triad(let name, let guarantee):
            let preset = try PresetRegistry.preset(named: name, field: "--engines")
            // A guarantee the real system lacks is reported, not simulated.
            guard preset.offering(guarantee) != nil else {
                return .notOffered(.init(engine: name, guarantee: guarantee.rawValue, reason: preset.notOfferedReason(guarantee)))
            }
            let engine = try settings.engine(name, guarantee)
            let run = measure(workload, engine: engine,
                              crashPlan: settings.crashPlan, recoveryDelay: settings.recoveryDelay, seed: settings.seed,
                              log: log?.source, windowTruth: log?.windowTruth, mutation: settings.mutation, collectsMarks: true,
                              maxHeldRecords: Self.maxHeldRecords(engine))
            return .measured(run.row, run)
        case .triggerBaseline:
            return crashFree(try settings.engine("flink", .atLeastOnce), workload)
        case .trigger(let micros):
            var engine = try settings.engine("spark-structured-streaming", .atLeastOnce)
            engine.triggerInterval = Duration(micros: micros)
            return crashFree(engine, workload)
        case .watermark(let delay):
            var adjusted = workload
            adjusted.query.watermarkDelayMicros = delay
            return crashFree(try settings.engine("flink", .atLeastOnce), adjusted)
        case .crashFree(let guarantee):
            // The 2PC claim is about the sink alone, so it is measured without crashes.
            return crashFree(try settings.engine("flink", guarantee), workload)
        case .sustainable(let name):
            let preset = try PresetRegistry.preset(named: name, field: "--engines")
            // Throughput does not depend on the guarantee here; the preset's default is run.
            let engine = try settings.engine(name, preset.guarantees[0].guarantee)
            guard engine.model != .batch else { return .sustainable(nil) }
            return .sustainable(.search(engine: engine, seed: settings.seed, maxEventsPerTrial: settings.sustainableMaxEventsPerTrial))
        }
    }

    /// Event-time latency CDF per engine, from its exactly-once run (the
    /// guarantee the lessons recommend), in milliseconds.
    static func latencyCDF(_ results: [(String, Measurement)]) -> [CompareReport.Series] {
        results.filter { $0.0.hasSuffix("/\(Guarantee.exactlyOnce.rawValue)") }.map { name, run in
            let points = run.check.eventTime.cdfPoints().map {
                CompareReport.CurvePoint(x: Double($0.micros) / 1_000, y: $0.fraction)
            }
            return CompareReport.Series(name: name, points: points)
        }
    }

    /// The latency-versus-trigger curves from the trigger pieces.
    static func latencyVersusTrigger(baseline: TriadRow, rows: [(Int64, TriadRow)]) -> [CompareReport.Series] {
        let p50 = rows.map { CompareReport.CurvePoint(x: Double($0.0) / 1_000, y: Double($0.1.metrics.eventTimeLatency.p50Micros) / 1_000) }
        let p99 = rows.map { CompareReport.CurvePoint(x: Double($0.0) / 1_000, y: Double($0.1.metrics.eventTimeLatency.p99Micros) / 1_000) }
        let recordP50 = rows.map { CompareReport.CurvePoint(x: Double($0.0) / 1_000, y: Double(baseline.metrics.eventTimeLatency.p50Micros) / 1_000) }
        return [.init(name: "micro-batch p50", points: p50), .init(name: "micro-batch p99", points: p99),
                .init(name: "record engine p50", points: recordP50)]
    }
}
