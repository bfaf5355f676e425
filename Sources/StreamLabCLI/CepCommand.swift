import ArgumentParser
import BenchKit
import Engines
import Foundation
import SimKernel

/// `streamlab cep SCENARIO --pattern NAME|FILE`: runs a complex-event
/// pattern (Flink CEP's rules, `Dataflow/CEP`) over a generated scenario
/// and prints its matches, late events and state. All logic lives in
/// `Engines.PatternScenarioRun`; this only parses and prints.
struct CepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cep",
        abstract: "Run a complex-event pattern (Flink CEP's rules) over a scenario; print its matches.",
        discussion: "A pattern is a name in Datasets/patterns (such as card-testing) or a .json file:"
            + " {\"pattern\": [{\"name\", \"contiguity\": \"next\"|\"followed_by\", \"where\": {kind, key, value_above,"
            + " value_at_least, value_below, value_at_most}, \"times\", \"consecutive\"}…], \"within_ms\", \"watermark_delay_ms\"}."
            + " The same file is a pattern query for `streamlab replay --engine record`."
    )

    @Argument(help: "A scenario name (see `streamlab scenarios`) or a scenario .json file.")
    var scenario: String

    @Option(help: "A pattern name in Datasets/patterns or a pattern .json file.")
    var pattern: String

    @Option(help: "The root seed.")
    var seed: UInt64 = 1

    @Option(help: "How many events to generate (default: the scenario's own length, at most 100000).")
    var events: Int?

    @Option(help: "The watermark delay in ms (default: the pattern file's watermark_delay_ms).")
    var watermarkDelayMs: Int64?

    @Option(help: "How many matches to print.")
    var show: Int = 8

    @Option(help: "Write an SVG chart: partial matches and events waiting for the watermark over simulated time.")
    var svg: String?

    func run() throws {
        var lines = try withInputErrorsReported {
            let (lines, outcome) = try PatternScenarioRun(scenario: scenario, pattern: pattern, seed: seed, events: events,
                                                          watermarkDelayMillis: watermarkDelayMs, shownMatches: show).run()
            // Written before anything is printed, through a temporary file renamed into place.
            if let svg { try SweepFiles.writeAtomically(CepChart.render(outcome, scenario: scenario, pattern: pattern), to: svg, field: "--svg") }
            return lines
        }
        if let svg { lines.append("wrote \(svg)") }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
