import Foundation
import Testing

/// `streamlab export`: a scenario as a runnable real-engine job (issue 5).
/// Running the exported jobs on real Spark and Flink is checked by
/// Conformance/tests/test_export.py; these tests pin the files and the errors.
@Suite struct ExportCommandTests {
    func read(_ directory: URL, _ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func exportToSparkWritesJobQueryDataAndReadme() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let out = directory.appendingPathComponent("spark").path
        let result = try StreamlabProcess.run([
            "export", "iot-sensors", "--to", "spark", "--out", out, "--seed", "5", "--events", "400",
            "--window", "sliding:5000:2000", "--watermark-delay-ms", "1000", "--output-mode", "update",
        ])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines.first?.hasPrefix("exported iot-sensors (seed 5, 400 events, ") == true)
        #expect(lines.first?.hasSuffix(" batches) for spark to \(out):") == true)
        #expect(Array(lines.dropFirst()) == ["  job.py", "  query.json", "  events.jsonl", "  README.md"])
        let query = try read(URL(fileURLWithPath: out), "query.json")
        #expect(query == #"{"window":{"type":"sliding","size_ms":5000,"slide_ms":2000},"watermark_delay_ms":1000,"output_mode":"update","allowed_lateness_ms":0}"# + "\n")
        #expect(try read(URL(fileURLWithPath: out), "job.py").contains("maxFilesPerTrigger"))
        #expect(try read(URL(fileURLWithPath: out), "README.md").contains("streamlab replay --engine microbatch"))
    }

    @Test func exportedEventsFollowTheReplayFormatWithConsecutiveBatches() throws {
        let out = try StreamlabProcess.temporaryDirectory().appendingPathComponent("data")
        let result = try StreamlabProcess.run(["export", "clickstream-sessions", "--to", "spark", "--out", out.path, "--events", "300"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let lines = try read(out, "events.jsonl").split(separator: "\n")
        #expect(lines.count == 300)
        var previousBatch = 0
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["key", "ts_ms", "value", "batch"])
            #expect(line.hasPrefix(#"{"key":""#))
            let batch = try #require(object["batch"] as? Int)
            #expect(batch == previousBatch || batch == previousBatch + 1, "batches must be consecutive: \(line)")
            previousBatch = batch
        }
        #expect(previousBatch > 0, "300 clickstream events span several one-second triggers")
    }

    @Test func sameSeedGivesByteIdenticalExportsAndAnotherSeedDoesNot() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        func export(_ name: String, seed: String) throws -> URL {
            let out = directory.appendingPathComponent(name)
            let result = try StreamlabProcess.run(["export", "card-transactions", "--to", "flink", "--out", out.path, "--seed", seed, "--events", "200"])
            #expect(result.exitCode == 0, "\(result.standardError)")
            return out
        }
        let first = try export("first", seed: "9")
        let second = try export("second", seed: "9")
        let other = try export("other", seed: "10")
        for name in ["StreamLabJob.java", "query.json", "events.jsonl", "README.md"] {
            #expect(try read(first, name) == read(second, name), "\(name) differs between two runs with one seed")
        }
        #expect(try read(first, "events.jsonl") != read(other, "events.jsonl"))
        #expect(try read(first, "StreamLabJob.java").contains("public final class StreamLabJob"))
    }

    @Test func unknownTargetExitsWithCodeTwoAndOneLine() throws {
        let out = try StreamlabProcess.temporaryDirectory().appendingPathComponent("x").path
        let result = try StreamlabProcess.run(["export", "reference", "--to", "storm", "--out", out])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: --to: must be spark or flink, got 'storm'\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func malformedWindowExitsWithCodeTwo() throws {
        let out = try StreamlabProcess.temporaryDirectory().appendingPathComponent("x").path
        let result = try StreamlabProcess.run(["export", "reference", "--to", "spark", "--out", out, "--window", "hopping:10"])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: --window: must be tumbling:SIZE_MS, sliding:SIZE_MS:SLIDE_MS or session:GAP_MS with positive integers, got 'hopping:10'\n")
    }

    @Test func sparkSessionWindowInUpdateModeIsRejectedLikeSparkDoes() throws {
        let out = try StreamlabProcess.temporaryDirectory().appendingPathComponent("x").path
        let result = try StreamlabProcess.run([
            "export", "reference", "--to", "spark", "--out", out, "--window", "session:1000", "--output-mode", "update",
        ])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: --output-mode: Spark does not support update mode with session windows\n")
    }

    @Test func unknownScenarioExitsWithCodeTwo() throws {
        let out = try StreamlabProcess.temporaryDirectory().appendingPathComponent("x").path
        let result = try StreamlabProcess.run(["export", "no-such-scenario", "--to", "flink", "--out", out])
        #expect(result.exitCode == 2)
        #expect(result.standardError.hasPrefix("error: "))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }
}
