import Delivery
import Engines
@testable import Harness
import SimKernel
import Testing

/// `compare` runs its log-reading runs in cohorts on one shared pass of the
/// log (`SharedLogPass`), with the windows' truth counted once on it
/// (`WindowTruth`): a run measured that way is the run measured alone.
@Suite struct CompareCohortTests {
    let workload = shopWorkload(seed: 7, count: 900)

    /// The default comparison's runs, as `CompareRun.run` makes them.
    func defaultRuns(_ settings: CompareSettings) throws -> (runs: [CompareRun.Piece], readsLog: [Bool], costs: [Int], worksAfterLog: [Bool]) {
        var pieces: [CompareRun.Piece] = []
        for name in settings.engines { for guarantee in settings.guarantees { pieces.append(.triad(engine: name, guarantee: guarantee)) } }
        pieces += [.triggerBaseline] + CompareRun.triggerIntervalsMicros.map { .trigger($0) }
            + CompareRun.watermarkDelaysMicros.map { .watermark($0) } + [.crashFree(.exactlyOnce)]
            + settings.engines.map { .sustainable(engine: $0) }
        var runs: [CompareRun.Piece] = []
        for piece in pieces where !runs.contains(CompareRun.sharedRun(piece, workload: workload)) {
            runs.append(CompareRun.sharedRun(piece, workload: workload))
        }
        let readsLog = try runs.map { try CompareRun.readsLog($0, settings: settings) }
        let costs = try runs.map { try CompareRun.expectedCost($0, settings: settings) }
        let worksAfterLog = try runs.map { try CompareRun.worksAfterLog($0, settings: settings) }
        return (runs, readsLog, costs, worksAfterLog)
    }

    @Test func cohortsHoldEveryRunOnceAndBoundTheReaders() throws {
        let (runs, readsLog, costs, worksAfterLog) = try defaultRuns(try smallSettings(seed: 7))
        let cohorts = CompareRun.cohorts(readsLog: readsLog, costs: costs, worksAfterLog: worksAfterLog)
        #expect(cohorts.joined().sorted() == Array(runs.indices))
        let readers = readsLog.filter { $0 }.count
        #expect(cohorts.count == (readers + CompareRun.maxCohortReaders - 1) / CompareRun.maxCohortReaders && cohorts.count > 1)
        for cohort in cohorts { #expect(cohort.filter { readsLog[$0] }.count <= CompareRun.maxCohortReaders) }
        // The nightly jobs (hive) go to the first cohort, and only they
        // work after the log; the runs that read nothing go along with the
        // first; the cohorts' readers differ by at most the nightly jobs.
        for (index, run) in runs.enumerated() {
            if case .triad("hive", _) = run, readsLog[index] {
                #expect(worksAfterLog[index] && cohorts[0].contains(index), "\(run)")
            } else {
                #expect(!worksAfterLog[index], "\(run)")
            }
            if !readsLog[index] { #expect(cohorts[0].contains(index), "\(run)") }
        }
        let sizes = cohorts.map { $0.filter { readsLog[$0] }.count }
        #expect(sizes.max()! - sizes.min()! <= worksAfterLog.filter { $0 }.count, "\(sizes)")
    }

    /// Every kind of run, each read from one shared pass (with its window
    /// truth), against the same run read alone: the same row.
    @Test func aRunOnASharedPassMeasuresWhatItMeasuresAlone() throws {
        let settings = try smallSettings(seed: 7)
        let pieces: [CompareRun.Piece] = [
            .triad(engine: "flink", guarantee: .exactlyOnce), .triad(engine: "spark-structured-streaming", guarantee: .atLeastOnce),
            .triad(engine: "hive", guarantee: .exactlyOnce), .triggerBaseline, .trigger(500_000), .watermark(0), .crashFree(.exactlyOnce),
        ]
        let workload = workload
        let shared = CohortRun.run(count: pieces.count, cohorts: [Array(pieces.indices)], jobs: 2, prepare: { _, permits in
            let truth = WindowTruth(windowSizeMicros: workload.query.windowSizeMicros)
            let pass = SharedLogPass(source: workload.makeSource(), readers: pieces.count, reopen: { workload.makeSource() },
                                     permits: permits, observer: truth, chunkSize: 64, chunksAhead: 2)
            return CompareRun.CohortInput(pass: pass, windowTruth: truth)
        }, awaitShared: { $0.pass.awaitReadThrough() }) { index, input, _ in
            let reader = input.pass.reader()
            defer { reader.close() }
            return try! CompareRun.run(pieces[index], workload: workload, settings: settings,
                                       log: (source: reader, windowTruth: input.windowTruth))
        }
        for (piece, result) in zip(pieces, shared) {
            guard case .measured(let row, _) = result,
                  case .measured(let alone, _) = try CompareRun.run(piece, workload: workload, settings: settings) else {
                Issue.record("\(piece) measured nothing")
                continue
            }
            #expect(row == alone, "\(piece)")
        }
    }

    /// A chart point measures only the figure its chart reads; that figure
    /// is the one a full check gives, and the rest read zero.
    @Test func aChartPointMeasuresItsOwnFigureExactly() throws {
        let engine = try DeliveryEngine.named("flink", guarantee: .atLeastOnce)
        let plan = try CrashPlan.parse("at:20s,after-sink-write:50")
        func run(_ figures: StreamingCheck.Figures) -> Harness.Measurement {
            measure(workload, engine: engine, crashPlan: plan, recoveryDelay: .constant(2), seed: 7, figures: figures)
        }
        let full = run(.all), windows = run(.windows), events = run([.latency, .events])
        let all = full.row.metrics.correctness
        #expect(all.eventsDuplicated > 0 && all.windowsCorrect > 0, "the crashes leave both verdicts something to count")
        let onlyWindows = windows.row.metrics.correctness
        #expect(onlyWindows.windowsCorrect == all.windowsCorrect && onlyWindows.windowsWrong == all.windowsWrong
            && onlyWindows.windowsMissing == all.windowsMissing && onlyWindows.windowsDuplicated == all.windowsDuplicated)
        #expect(onlyWindows.eventsLost == 0 && onlyWindows.eventsDuplicated == 0 && onlyWindows.eventValuesWrong == 0)
        #expect(windows.check.eventTime.count == 0 && windows.check.windowEventTime.count == 0)
        let onlyEvents = events.row.metrics.correctness
        #expect(onlyEvents.eventsLost == all.eventsLost && onlyEvents.eventsDuplicated == all.eventsDuplicated
            && onlyEvents.eventValuesWrong == all.eventValuesWrong)
        #expect(onlyEvents.windowsCorrect == 0 && onlyEvents.windowsMissing == 0 && events.check.windowEventTime.count == 0)
        #expect(events.row.metrics.eventTimeLatency == full.row.metrics.eventTimeLatency)
        #expect(events.row.metrics.processingTimeLatency == full.row.metrics.processingTimeLatency)
    }

    /// Each chart point's figures are those its reader takes; the pieces
    /// that share a run share its figures.
    @Test func figuresFollowTheSharedRun() {
        let delay = workload.query.watermarkDelayMicros
        #expect(CompareRun.figures(of: .watermark(delay), workload: workload) == CompareRun.figures(of: .triggerBaseline, workload: workload))
        #expect(CompareRun.figures(of: .watermark(0), workload: workload) == .windows)
        #expect(CompareRun.figures(of: .trigger(100_000), workload: workload) == [.latency, .events])
        #expect(CompareRun.figures(of: .triad(engine: "flink", guarantee: .atLeastOnce), workload: workload) == [.latency, .business, .correctness])
        #expect(!CompareRun.figures(of: .triad(engine: "flink", guarantee: .atLeastOnce), workload: workload).contains(.compaction))
    }
}
