import Delivery
import Engines
@testable import Harness
import Testing

/// `compare` runs once the pieces that `CompareRun.sharedRun` says build the
/// same run; these tests check that they do, so the sharing can never change
/// a report.
@Suite struct CompareSharedRunTests {
    let workload = shopWorkload(seed: 3)

    @Test func piecesThatShareARunMeasureTheSameRow() throws {
        let settings = try smallSettings(seed: 3)
        #expect(CompareRun.watermarkDelaysMicros.contains(workload.query.watermarkDelayMicros), "the sweep has the query's own delay")
        let shared: [CompareRun.Piece] = [.triggerBaseline, .crashFree(.atLeastOnce), .watermark(workload.query.watermarkDelayMicros)]
        var rows: [TriadRow] = []
        for piece in shared {
            #expect(CompareRun.sharedRun(piece, workload: workload) == .triggerBaseline, "\(piece)")
            guard case .measured(let row, _) = try CompareRun.run(piece, workload: workload, settings: settings) else {
                Issue.record("\(piece) measured nothing")
                continue
            }
            rows.append(row)
        }
        #expect(rows.count == 3 && rows.allSatisfy { $0 == rows[0] })
    }

    @Test func everyOtherPieceIsARunOfItsOwn() {
        let own: [CompareRun.Piece] = CompareRun.watermarkDelaysMicros.filter { $0 != workload.query.watermarkDelayMicros }.map { .watermark($0) }
            + CompareRun.triggerIntervalsMicros.map { .trigger($0) }
            + [.crashFree(.exactlyOnce), .triad(engine: "flink", guarantee: .atLeastOnce), .sustainable(engine: "flink")]
        for piece in own { #expect(CompareRun.sharedRun(piece, workload: workload) == piece, "\(piece)") }
    }

    /// One at-least-once run with crashes, measured fully and with only `figures`.
    func fullAndLean(_ name: String, figures: StreamingCheck.Figures) throws -> (full: Harness.Measurement, lean: Harness.Measurement) {
        let engine = try DeliveryEngine.named(name, guarantee: .atLeastOnce)
        let plan = try CrashPlan.parse("at:20s,after-sink-write:50")
        let full = measure(workload, engine: engine, crashPlan: plan, recoveryDelay: .constant(2), seed: 3)
        let lean = measure(workload, engine: engine, crashPlan: plan, recoveryDelay: .constant(2), seed: 3, figures: figures)
        return (full, lean)
    }

    /// The crash-free pieces skip the business ledger: every other figure is
    /// the one a full check gives (with crashes too), and the shop figures
    /// are an empty ledger's.
    @Test(arguments: ["flink", "spark-structured-streaming"])
    func aRunWithoutTheLedgerMeasuresTheSameMetrics(engine name: String) throws {
        let (full, lean) = try fullAndLean(name, figures: [.latency, .correctness])
        #expect(lean.row.metrics == full.row.metrics)
        #expect(full.row.business.skusSoldOut > 0, "the workload sells out, so the ledger had something to count")
        #expect(lean.row.business.unitsOversold == 0 && lean.row.business.skusSoldOut == 0)
    }

    /// `crash` measures correctness only: the verdict, the truth and the
    /// compaction count are a full check's, and no latency is recorded.
    @Test(arguments: ["flink", "spark-structured-streaming"])
    func aCorrectnessOnlyRunHasTheSameVerdict(engine name: String) throws {
        let (full, lean) = try fullAndLean(name, figures: [.correctness, .compaction])
        #expect(lean.row.metrics.correctness == full.row.metrics.correctness)
        #expect(full.row.metrics.correctness.eventsDuplicated > 0, "the plan's crashes duplicate outputs, so the verdict has something to count")
        #expect(lean.check.truthCount == full.check.truthCount && lean.check.compactedCount == full.check.compactedCount)
        #expect(full.check.eventTime.count > 0 && full.check.windowEventTime.count > 0)
        #expect(lean.check.eventTime.count == 0 && lean.check.processingTime.count == 0 && lean.check.windowEventTime.count == 0)
        #expect(lean.row.business.skusSoldOut == 0)
    }
}
