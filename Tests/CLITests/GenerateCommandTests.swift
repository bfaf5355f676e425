import Foundation
import Testing

/// `streamlab generate`: exact output for a small run, and every kind of bad
/// input answered with one stderr line, exit code 2 and no file left behind.
@Suite struct GenerateCommandTests {
    static var datasets: String { ScenariosCommandTests.datasets }

    static func generate(_ arguments: [String]) throws -> StreamlabProcess.Result {
        try StreamlabProcess.run(["generate"] + arguments, environment: ["STREAMLAB_DATASETS": datasets])
    }

    /// Runs a failing command and checks the contract for bad input.
    static func expectRejected(_ arguments: [String], in directory: URL, stderr: String) throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        let result = try generate(arguments)
        #expect(result.exitCode == 2)
        #expect(result.standardError == stderr)
        #expect(result.standardOutput == "")
        let after = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(after == before, "files left behind: \(after)")
    }

    @Test func generatePrintsOptionsThenTheDisorderSummaryAndWritesTheFile() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let out = directory.appendingPathComponent("cards.csv").path
        let result = try Self.generate([
            "card-transactions", "--seed", "1", "--events", "2000", "--format", "csv", "--out", out, "--set", "retries.probability=0.1",
        ])
        #expect(result.standardError == "")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
        streamlab generate card-transactions
          seed: 1
          events: 2000
          duration: unlimited
          format: csv
          out: \(out)
          set: retries.probability=0.1
        events: 2000 (175 duplicates from retries)
        kinds: transaction 2000
        arrivals: 00:00:00.316 to 00:00:36.919
        out of order: 0.8195 (1639 events arrived after an event with a later event time)
        lateness (arrival - event time) ms: p50 538.112  p99 4308.992  max 6825.251
        burstiness: index of dispersion 0.638 over 35 complete one-second arrival bins
        top keys: card-130 5 (0.25%), card-3202 5 (0.25%), card-292 4 (0.20%), card-337 4 (0.20%), card-1304 4 (0.20%)
        planted pattern keys: card-862, card-933, card-1037, card-1109, card-2462, card-3639, card-4042, card-4830
        wrote 2000 events to \(out)

        """)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2_001)
        #expect(lines[0] == "id,key,kind,attempt,producer,partition,attribute,value,event_time_us,arrival_time_us,event_time_ms,arrival_time_ms")
    }

    @Test func sameSeedGivesIdenticalFilesAndJSONLinesHaveOneObjectPerLine() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let first = directory.appendingPathComponent("a.jsonl").path
        let second = directory.appendingPathComponent("b.jsonl").path
        for out in [first, second] {
            let result = try Self.generate(["nexmark", "--seed", "5", "--duration", "2s", "--format", "jsonl", "--out", out])
            #expect(result.exitCode == 0)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: second))))
        let lines = String(decoding: a, as: UTF8.self).split(separator: "\n")
        #expect(lines.count > 1_500)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"id\":") && $0.hasSuffix("}") })
    }

    @Test func unknownScenarioIsRejected() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        try Self.expectRejected(
            ["nexmarc", "--seed", "1", "--format", "csv", "--out", directory.appendingPathComponent("x.csv").path], in: directory,
            stderr: "error: \(Self.datasets)/scenarios: nexmarc: unknown scenario; did you mean 'nexmark'? (known: card-transactions, clickstream-sessions, iot-sensors, nexmark, onoff-bursts, reference, theworldshop-viral-night)\n")
    }

    @Test func misspelledFieldInAFileIsRejectedWithItsPathAndASuggestion() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let scenario = directory.appendingPathComponent("typo.json").path
        try """
        { "name": "typo", "description": "d", "default_events": 10, "key_space": { "count": 5 },
          "sources": { "main": { "kinds": { "e": 1 }, "arrivals": { "process": "poisson", "rate_per_s": 5 }, "delay_s": { "distribution": "exponential", "maen": 1 } } } }
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        try Self.expectRejected(
            [scenario, "--seed", "1", "--format", "csv", "--out", directory.appendingPathComponent("x.csv").path], in: directory,
            stderr: "error: \(scenario): sources.main.delay_s.maen: unknown field; did you mean 'mean'?\n")
    }

    /// (scenario, --set value, the one-line error).
    static let badOverrides: [(String, String, String)] = [
        ("reference", "arrivals.rate_per_sec=5", "error: --set: arrivals.rate_per_sec: unknown field; did you mean 'rate_per_s'?\n"),
        ("reference", "arrivals.rate_per_s=-5", "error: --set: arrivals.rate_per_s: must not be negative, got -5\n"),
        ("card-transactions", "retries.probability=1.5", "error: --set: retries.probability: must be a probability between 0 and 1, got 1.5\n"),
    ]

    @Test(arguments: badOverrides)
    func badOverrideIsRejectedWithItsReason(_ bad: (scenario: String, override: String, error: String)) throws {
        let (scenario, override, error) = bad
        let directory = try StreamlabProcess.temporaryDirectory()
        try Self.expectRejected(
            [scenario, "--seed", "1", "--format", "csv", "--out", directory.appendingPathComponent("x.csv").path, "--set", override],
            in: directory, stderr: error)
    }

    @Test func unreadableScenarioFileIsRejected() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let missing = directory.appendingPathComponent("missing.json").path
        try Self.expectRejected(
            [missing, "--seed", "1", "--format", "csv", "--out", directory.appendingPathComponent("x.csv").path], in: directory,
            stderr: "error: \(missing): (file): no such file\n")
        let folder = directory.appendingPathComponent("folder.json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.expectRejected(
            [folder.path, "--seed", "1", "--format", "csv", "--out", directory.appendingPathComponent("x.csv").path], in: directory,
            stderr: "error: \(folder.path): (file): cannot read the file\n")
    }

    @Test func outputInAMissingDirectoryIsRejected() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let out = directory.appendingPathComponent("nope/x.csv").path
        try Self.expectRejected(
            ["reference", "--seed", "1", "--events", "10", "--format", "csv", "--out", out], in: directory,
            stderr: "error: \(out): --out: the directory '\(directory.appendingPathComponent("nope").path)' does not exist\n")
    }

    @Test func badDurationAndFormatAreRejected() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let out = directory.appendingPathComponent("x.csv").path
        try Self.expectRejected(
            ["reference", "--seed", "1", "--duration", "ten", "--format", "csv", "--out", out], in: directory,
            stderr: "error: <command line>: --duration: must be a duration such as 250ms, 30s, 90m or 1h, got 'ten'\n")
        try Self.expectRejected(
            ["reference", "--seed", "1", "--format", "parquet", "--out", out], in: directory,
            stderr: "error: <command line>: --format: must be csv or jsonl, got 'parquet'\n")
    }
}
