import Foundation
import Testing

/// `streamlab run SCENARIO --needs`: TheWorldShop's four needs on every
/// preset, with exact output, and one-line errors with exit code 2.
@Suite struct RunNeedsCommandTests {
    @Test func needsReportSaysPerPresetWhichNeedsAreMetWithTheMeasuredLatency() throws {
        let result = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--needs", "--events", "30000", "--seed", "3"])
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == #"""
            streamlab run theworldshop-viral-night --needs --seed 3 --events 30000
            needs: theworldshop-viral-night, 30000 events per run; every preset runs each need's job (run --job), watermark delay 5 s
              inventory  stock below 10 alerted within 120 s of the order that took it there (inventory-alert on theworldshop-viral-night)
              fraud      card flagged before the payment clears, 30 s after it (payment_clearing_s; fraud on card-transactions)
              dashboard  orders per minute, the right count visible within 10 s of the minute's end (dashboard on theworldshop-viral-night)
              sessions   ended after 1800 s of inactivity (session_gap_s), emitted within 60 s of that (session-timeout on clickstream-sessions)
            a need is met when every result due came and the slowest came within the target (latency p50/p99/max); n/a: nothing was due
            flink (record): 1 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      met      p50 0.4 s p99 1.5 s max 1.5 s / target 30.0 s; 4 of 4 results due came
              dashboard  not met  p50 5.4 s p99 6.6 s max 6.6 s / target 10.0 s; 36 of 37 results due came
              sessions   n/a      no results / target 60.0 s; 0 of 0 results due came
            kafka-streams (record): 1 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      met      p50 0.4 s p99 1.5 s max 1.5 s / target 30.0 s; 4 of 4 results due came
              dashboard  not met  p50 5.3 s p99 6.4 s max 6.4 s / target 10.0 s; 36 of 37 results due came
              sessions   n/a      no results / target 60.0 s; 0 of 0 results due came
            storm (record): 1 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      met      p50 0.0 s p99 0.0 s max 0.0 s / target 30.0 s; 4 of 4 results due came
              dashboard  not met  p50 0.1 s p99 0.3 s max 0.3 s / target 10.0 s; 22 of 37 results due came
              sessions   n/a      no results / target 60.0 s; 0 of 0 results due came
            samza (record): 1 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      met      p50 0.0 s p99 0.0 s max 0.0 s / target 30.0 s; 4 of 4 results due came
              dashboard  not met  p50 1.0 s p99 1.0 s max 1.0 s / target 10.0 s; 22 of 37 results due came
              sessions   n/a      no results / target 60.0 s; 0 of 0 results due came
            spark-structured-streaming (microbatch): 2 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      met      p50 1.4 s p99 2.0 s max 2.0 s / target 30.0 s; 4 of 4 results due came
              dashboard  met      p50 0.3 s p99 6.3 s max 6.3 s / target 10.0 s; 37 of 37 results due came
              sessions   n/a      no results / target 60.0 s; 0 of 0 results due came
            spark-dstream (microbatch): 1 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      met      p50 0.1 s p99 0.1 s max 0.1 s / target 30.0 s; 4 of 4 results due came
              dashboard  not met  p50 0.1 s p99 0.1 s max 0.1 s / target 10.0 s; 22 of 37 results due came
              sessions   n/a      no results / target 60.0 s; 0 of 0 results due came
            spark-batch (batch): 0 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      not met  p50 3230.4 s p99 3389.7 s max 3389.7 s / target 30.0 s; 4 of 4 results due came
              dashboard  not met  p50 1082.0 s p99 3542.0 s max 3542.0 s / target 10.0 s; 37 of 37 results due came
              sessions   n/a      p50 480.8 s p99 1703.3 s max 1768.6 s / target 60.0 s; 0 of 0 results due came
            hive (batch): 0 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      not met  p50 86030.4 s p99 86189.7 s max 86189.7 s / target 30.0 s; 4 of 4 results due came
              dashboard  not met  p50 4262.1 s p99 5342.1 s max 5342.1 s / target 10.0 s; 37 of 37 results due came
              sessions   n/a      p50 83280.8 s p99 84503.3 s max 84568.6 s / target 60.0 s; 0 of 0 results due came
            mapreduce (batch): 0 of 2 needs met (2 with nothing due in these events)
              inventory  n/a      no results / target 120.0 s; 0 of 0 results due came
              fraud      not met  p50 86040.6 s p99 86199.9 s max 86199.9 s / target 30.0 s; 4 of 4 results due came
              dashboard  not met  p50 4272.2 s p99 5352.2 s max 5352.2 s / target 10.0 s; 37 of 37 results due came
              sessions   n/a      p50 83290.9 s p99 84513.4 s max 84578.7 s / target 60.0 s; 0 of 0 results due came

            """#)
    }

    @Test func needsRefusesAnEngineBecauseItRunsEveryPreset() throws {
        let result = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--needs", "--engine", "record"])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: <command line>: --engine: cannot be combined with --needs (it runs every preset's jobs)\n")
    }

    @Test func needsWithAnUnknownPresetPrintsOneLineAndNothingElse() throws {
        let result = try StreamlabProcess.run(["run", "theworldshop-viral-night", "--needs", "--preset", "nope"])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError.hasPrefix("error: <command line>: --preset: unknown preset 'nope'"))
    }

    @Test func aClearingTimeOutOfRangeInTheScenarioIsOneLineNamingTheField() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("needs-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try String(contentsOfFile: ExerciseFixtures.repositoryRoot.appendingPathComponent("Datasets/scenarios/theworldshop-viral-night.json").path, encoding: .utf8)
        let file = directory.appendingPathComponent("shop.json").path
        try source.replacingOccurrences(of: "\"payment_clearing_s\": 30", with: "\"payment_clearing_s\": 0").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try StreamlabProcess.run(["run", file, "--needs"])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: \(file): parameters.payment_clearing_s: must be a whole number of seconds from 1 to 3600, got 0.0\n")
    }

    @Test func engineIsRequiredWithoutNeeds() throws {
        let result = try StreamlabProcess.run(["run", "theworldshop-viral-night"])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: --engine: is required (record, microbatch or batch) unless --needs is given\n")
    }
}
