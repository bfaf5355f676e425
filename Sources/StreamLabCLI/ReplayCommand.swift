import ArgumentParser
import Dataflow
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

    @Option(help: "The query file (window, watermark_delay_ms, output_mode, allowed_lateness_ms).")
    var query: String

    @Option(help: "The events file: one {\"key\",\"ts_ms\",\"value\",\"batch\"} object per line, in arrival order.")
    var events: String

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
            let replayQuery = try ReplayQuery.parse(try read(query), file: query)
            let replayEvents = try ReplayEvents.parse(try read(events), file: events)
            return try Replay.run(engine: choice, query: replayQuery, events: replayEvents, mutation: mutation, queryFile: query)
        }
        var output = lines.joined(separator: "\n")
        if !lines.isEmpty { output += "\n" }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    private func parseMutation() throws(InputError) -> RuleMutation? {
        guard let name = mutate ?? ProcessInfo.processInfo.environment["STREAMLAB_MUTATE"], !name.isEmpty else { return nil }
        guard let mutation = RuleMutation(rawValue: name) else {
            let known = RuleMutation.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandLineInput.failure("--mutate", "must be one of \(known), not \"\(name)\"")
        }
        return mutation
    }

    private func read(_ path: String) throws(InputError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, field: "", reason: "cannot be read")
        }
        return data
    }
}
