import Dataflow
import SimKernel
import Testing
import Workloads

@testable import Engines

/// `JobRunner` (`streamlab run --job`): each job's oracle and the engines
/// agree wherever the semantics say they must, over a few seeds.
@Suite struct StatefulJobRunnerTests {
    /// Jobs whose result does not depend on the engine once the input ends
    /// with a final +∞ watermark (record and batch engines) and nothing is
    /// dropped as late. The interval join drops records behind the watermark
    /// (Flink `ts < watermark`), so it is checked separately.
    static let exactJobs: [(StatefulJob, String)] = [
        (.sessionTimeout, "clickstream-sessions"), (.fraud, "card-transactions"), (.inventoryAlert, "theworldshop-viral-night"),
        (.enrichment, "theworldshop-viral-night"), (.tableJoin, "theworldshop-viral-night"),
    ]

    @Test(arguments: [EngineKind.record, .batch], [UInt64(1), 2, 3])
    func boundedRunsOfEveryExactJobEqualTheOracle(engine: EngineKind, seed: UInt64) throws {
        for (job, scenario) in Self.exactJobs {
            let outcome = try JobRunner.run(RunOptions(scenario: scenario, engine: engine, seed: seed, events: 4_000), job: JobOptions(job: job))
            #expect(outcome.missing == 0 && outcome.extra == 0, "\(job.rawValue) on \(engine.rawValue), seed \(seed): \(outcome.missing) missing, \(outcome.extra) extra")
            #expect(outcome.oracleCount > 0 || job == .inventoryAlert || job == .fraud, "\(job.rawValue): an empty oracle tests nothing")
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func intervalJoinMissesOnlyPairsOfRecordsDroppedAsLate(seed: UInt64) throws {
        let outcome = try JobRunner.run(
            RunOptions(scenario: "theworldshop-viral-night", engine: .record, seed: seed, events: 5_000),
            job: JobOptions(job: .intervalJoin, upperBoundSeconds: 120))
        #expect(outcome.extra == 0)
        #expect(outcome.resultCount + outcome.missing == outcome.oracleCount)
        // Every missing pair needs a dropped record; no drops, no misses.
        #expect((outcome.droppedLateCount == 0) == (outcome.missing == 0), "seed \(seed): \(outcome.droppedLateCount) dropped, \(outcome.missing) missing")
    }

    @Test func microBatchSessionsStayOpenWithoutAFinalWatermarkAndTheReportSaysSo() throws {
        let outcome = try JobRunner.run(
            RunOptions(scenario: "clickstream-sessions", engine: .microbatch, seed: 4, events: 3_000), job: JobOptions(job: .sessionTimeout))
        #expect(outcome.extra == 0)
        #expect(outcome.missing > 0)
        #expect(outcome.resultCount + outcome.missing == outcome.oracleCount)
        #expect(outcome.stateSamples.last?.size == outcome.missing, "the sessions still held are the ones the oracle has and the job did not emit")
    }

    @Test func multisetDifferenceCountsDuplicatesOnEachSide() {
        let difference = multisetDifference(engine: [1, 2, 2, 5], oracle: [2, 3, 5, 5])
        #expect(difference.missing == 2)  // 3 and the second 5
        #expect(difference.extra == 2)  // 1 and the second 2
    }

    @Test func clockTextWrapsAtMidnightAndPadsEveryField() {
        #expect(clockText(Instant(micros: 86_400_000_000 + 3_723_004_000)) == "01:02:03.004")
        #expect(clockText(Instant(micros: 23 * 3_600_000_000 + 59 * 60_000_000 + 59_999_000)) == "23:59:59.999")
    }
}
