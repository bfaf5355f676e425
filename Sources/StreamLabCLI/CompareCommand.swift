import ArgumentParser
import Delivery
import Harness
import SimKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Print the triad (throughput, latency, correctness) of engines × guarantees under crashes, and write a report folder."
    )

    @Argument(help: "A scenario name (see 'streamlab scenarios') or a path to a scenario .json file.")
    var scenario: String = "theworldshop-viral-night"

    @Option(help: "The root seed; the same seed gives byte-identical reports.")
    var seed: UInt64 = 42

    @Option(help: "Crash plan: none, or items like at:30s, after:5000, during-checkpoint:2, after-sink-write:3, mtbf:10m.")
    var crashes: String = "mtbf:20m"

    @Option(help: "Recovery delay after each crash: 5s, exp:5s, uniform:2s..10s or lognormal:5s..0.5.")
    var recovery: String = "uniform:5s..15s"

    @Option(help: "The batch engine's schedule (runs at multiples of it, so 24h runs at midnight).")
    var batchSchedule: String = "24h"

    @Option(help: "Engines, comma-separated (flink, kafka-streams, spark-structured-streaming, batch).")
    var engines: String = EngineProfile.profileNames.joined(separator: ",")

    @Option(help: "Guarantees, comma-separated (at-most-once, at-least-once, exactly-once, exactly-once-idempotent).")
    var guarantees: String = "at-most-once,at-least-once,exactly-once"

    @Option(help: "Stop the scenario at this much simulated time, e.g. 10m (default: the scenario's own).")
    var duration: String?

    @Option(help: "Tumbling window size of the query.")
    var window: String = "1m"

    @Option(help: "Watermark delay (bounded out-of-orderness).")
    var watermarkDelay: String = "2s"

    @Option(help: "Events per trial at most in the sustainable-throughput search.")
    var sustainableMaxEvents: Int = 200_000

    @Option(help: "The report folder (default: reports/<scenario>-seed<N>); written whole or not at all.")
    var out: String?

    @Option(name: .customLong("set"), help: "Override a scenario field, e.g. sources.carts.arrivals.surge_rate_per_s=40 (repeatable).")
    var overrides: [String] = []

    func run() throws {
        try withInputErrorsReported {
            let options = try ExperimentOptions(
                scenario: scenario, seed: seed, crashes: crashes, recovery: recovery, batchSchedule: batchSchedule,
                duration: duration, overrides: overrides, window: window, watermarkDelay: watermarkDelay)
            guard sustainableMaxEvents >= 1_000 else {
                throw InputError(file: ExperimentOptions.commandLine, field: "--sustainable-max-events", reason: "must be at least 1000, got \(sustainableMaxEvents)")
            }
            let bar = ProgressBar()
            try CompareJob.run(
                options, engines: try CompareJob.engines(engines), guarantees: try CompareJob.guarantees(guarantees), out: out,
                sustainableMaxEventsPerTrial: sustainableMaxEvents, print: { print($0, terminator: "") },
                progress: { bar.update(done: $0, total: $1) })
            bar.finish()
        }
    }
}

/// A one-line progress bar on standard error, shown only on a terminal and
/// never when STREAMLAB_NO_PROGRESS is set or CI=true, so logs stay clean.
final class ProgressBar {
    let enabled: Bool
    private var shown = false

    init() {
        let environment = ProcessInfoLite.environment
        enabled = isatty(2) == 1 && environment["STREAMLAB_NO_PROGRESS"] == nil && environment["CI"] != "true"
    }

    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let width = 30, filled = width * min(done, total) / total
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total) runs"
        ErrorReporting.printRaw(line)
        shown = true
    }

    func finish() {
        if shown { ErrorReporting.printRaw("\r" + String(repeating: " ", count: 50) + "\r") }
    }
}

/// The environment without Foundation.
enum ProcessInfoLite {
    static var environment: [String: String] {
        var values: [String: String] = [:]
        var pointer = environ
        // Bounded by the environment block's length (it ends with a null entry).
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                values[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return values
    }
}

extension ErrorReporting {
    /// Writes text to standard error without a newline (progress only).
    static func printRaw(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            _ = write(2, buffer.baseAddress!, buffer.count)
        }
    }
}
