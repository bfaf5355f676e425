import ArgumentParser
import Dataflow
import Delivery
import Engines
import Foundation
import SimKernel

/// `streamlab replay`: the conformance interface (issue 3, section 9). Reads
/// a query and a JSON Lines event file, runs one engine, and writes one JSON
/// line per emitted result to standard output.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay events through an engine and print its results as JSON Lines (for conformance tests)."
    )

    @Option(help: "The engine: record (Flink semantics) or microbatch (Spark Structured Streaming semantics).")
    var engine: String

    @Option(help: "The query file (window, watermark_delay_ms, output_mode, allowed_lateness_ms), or a pattern query (pattern, within_ms, watermark_delay_ms: Flink CEP, record engine only).")
    var query: String

    @Option(help: "The events file: one {\"key\",\"ts_ms\",\"value\",\"batch\"} object per line, in arrival order.")
    var events: String

    @Option(help: "Run through the crash path under this guarantee (at-most-once, at-least-once, exactly-once, exactly-once-idempotent) and print what a read_committed reader sees at the sink.")
    var guarantee: String?

    @Option(help: "With --guarantee: crash plan of after:N, during-checkpoint:N and after-sink-write:N items, or none.")
    var crashes: String = "none"

    @Option(help: "With --guarantee and --engine record: a checkpoint barrier every N records (default 3).")
    var checkpointEvery: Int?

    /// A deliberately wrong rule, for the conformance suite's mutation test.
    /// Also read from STREAMLAB_MUTATE.
    @Option(help: .hidden)
    var mutate: String?

    func run() throws {
        let lines = try withInputErrorsReported {
            guard let choice = Replay.EngineChoice(rawValue: engine) else {
                throw CommandLineInput.failure("--engine", "must be record or microbatch, not \"\(engine)\"")
            }
            let mutation = try parseMutation()
            let queryData = try read(query)
            if ReplayPattern.isPatternQuery(queryData) {
                return try runPattern(queryData, engine: choice, mutation: mutation)
            }
            let replayQuery = try ReplayQuery.parse(queryData, file: query)
            let replayEvents = try ReplayEvents.parse(try read(events), file: events)
            guard let guaranteeName = guarantee else {
                guard crashes == "none", checkpointEvery == nil else {
                    throw CommandLineInput.failure(crashes == "none" ? "--checkpoint-every" : "--crashes", "needs --guarantee")
                }
                return try Replay.run(engine: choice, query: replayQuery, events: replayEvents, mutation: mutation, queryFile: query)
            }
            if let checkpointEvery, checkpointEvery < 1 {
                throw CommandLineInput.failure("--checkpoint-every", "must be at least 1, got \(checkpointEvery)")
            }
            return try FaultTolerantReplay.run(
                engine: choice, query: replayQuery, events: replayEvents,
                guarantee: try Guarantee.parse(guaranteeName, field: "--guarantee"),
                crashPlan: try CrashPlan.parse(crashes, field: "--crashes"), checkpointEveryRecords: checkpointEvery,
                mutation: mutation, queryFile: query)
        }
        var output = lines.joined(separator: "\n")
        if !lines.isEmpty { output += "\n" }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// A pattern query: Flink CEP, so the record engine only, and no crash path.
    private func runPattern(_ queryData: Data, engine choice: Replay.EngineChoice, mutation: RuleMutation?) throws(InputError) -> [String] {
        let file = try ReplayPattern.parse(queryData, file: query)
        guard choice == .record else {
            throw InputError(file: query, field: "pattern",
                             reason: "needs --engine record (Flink CEP); Spark Structured Streaming has no pattern operator")
        }
        let unsupported = [("--guarantee", guarantee != nil), ("--crashes", crashes != "none"),
                           ("--checkpoint-every", checkpointEvery != nil)]
        if let (option, _) = unsupported.first(where: { $0.1 }) {
            throw CommandLineInput.failure(option, "is not supported with a pattern query")
        }
        return ReplayPattern.run(file, events: try ReplayEvents.parse(try read(events), file: events), mutation: mutation)
    }

    private func parseMutation() throws(InputError) -> RuleMutation? {
        try CommandLineInput.mutation(mutate)
    }

    private func read(_ path: String) throws(InputError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, field: "", reason: "cannot be read")
        }
        return data
    }
}
