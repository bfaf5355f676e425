import Foundation
import Testing

/// Bad input to `compare`: one line on stderr, exit code 2, nothing on
/// stdout, and no report folder (not even a partial one).
@Suite struct CompareErrorTests {
    func expectRejected(_ arguments: [String], message: String) throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try StreamlabProcess.run(["compare"] + arguments + ["--out", "report"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardError == message + "\n")
        #expect(result.standardOutput == "")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no report folder")
    }

    @Test func aJobCountOutOfRangeIsOneLineAndExitCodeTwo() throws {
        try expectRejected(["--jobs", "0"], message: "error: <command line>: --jobs: must be between 1 and 256, got 0")
    }

    @Test func badCrashPlanIsOneLineAndExitCodeTwo() throws {
        try expectRejected(["--crashes", "explode:3"], message:
            "error: <command line>: --crashes: unknown crash kind 'explode' in 'explode:3' (kinds: at, after, during-checkpoint, after-sink-write, mtbf)")
        try expectRejected(["--crashes", "at:soon"], message:
            "error: <command line>: --crashes: 'at:soon' needs a duration such as 500ms, 1.5s, 2m or 1h")
    }

    /// Durations are typed flags with the one grammar (`1.5s` works as in `generate`).
    @Test func aBadOrZeroDurationIsOneLineAndExitCodeTwo() throws {
        try expectRejected(["--watermark-delay", "1.5x"], message:
            "error: <command line>: The value '1.5x' is invalid for '--watermark-delay <watermark-delay>'")
        try expectRejected(["--window", "0s"], message: "error: <command line>: --window: must be greater than 0, got '0us'")
    }

    @Test func aDecimalWatermarkDelayIsAccepted() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try StreamlabProcess.run([
            "compare", "--duration", "1m", "--engines", "flink", "--guarantees", "at-least-once", "--crashes", "none",
            "--watermark-delay", "1.5s", "--sustainable-max-events", "1000", "--out", "report"], in: directory)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("  window: 1m tumbling, watermark delay 1500ms\n"))
    }

    @Test func badGuaranteeNameIsOneLineAndExitCodeTwo() throws {
        try expectRejected(["--guarantees", "at-least-once,at-least-twice"], message:
            "error: <command line>: --guarantees: unknown guarantee 'at-least-twice'; expected one of at-most-once, at-least-once, exactly-once, exactly-once-idempotent (or at_least_once, exactly_once_v2)")
    }

    @Test func badEngineAndRecoveryAreOneLineAndExitCodeTwo() throws {
        try expectRejected(["--engines", "flink,storm2"], message:
            "error: <command line>: --engines: unknown preset 'storm2' (did you mean 'storm'?); known: flink, kafka-streams, storm, samza, spark-structured-streaming, spark-dstream, spark-batch, hive, mapreduce")
        try expectRejected(["--recovery", "uniform:9s..1s"], message:
            "error: <command line>: --recovery.upper: must be greater than lower (9.0), got 1.0")
    }

    @Test func badScenarioOverrideIsOneLineAndExitCodeTwo() throws {
        try expectRejected(["--set", "arrivals.nope=3"], message:
            "error: --set: arrivals.nope: the scenario has several sources (carts, stock); write sources.<name>.arrivals.nope")
        try expectRejected(["no-such-scenario-file.json"], message: "error: no-such-scenario-file.json: (file): no such file")
    }
}
