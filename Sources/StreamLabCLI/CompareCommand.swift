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

    @OptionGroup var experiment: ExperimentOptionGroup

    @Option(help: "Presets, comma-separated: any of flink, kafka-streams, storm, samza, spark-structured-streaming, spark-dstream, spark-batch, hive, mapreduce.")
    var engines: String = CompareSettings.defaultEngines.joined(separator: ",")

    @Option(help: "Guarantees, comma-separated (at-most-once, at-least-once, exactly-once, exactly-once-idempotent).")
    var guarantees: String = "at-most-once,at-least-once,exactly-once"

    @Option(help: "Events per trial at most in the sustainable-throughput search.")
    var sustainableMaxEvents: Int = 200_000

    @Option(help: "The report folder (default: reports/<scenario>-seed<N>); written whole or not at all.")
    var out: String?

    @Option(help: "Runs at once (default: every core). The report is byte-identical for every value.")
    var jobs: Int?

    func run() throws {
        try withInputErrorsReported {
            let options = try experiment.experiment(scenario: scenario)
            guard sustainableMaxEvents >= 1_000 else {
                throw InputError(file: ExperimentOptions.commandLine, field: "--sustainable-max-events", reason: "must be at least 1000, got \(sustainableMaxEvents)")
            }
            let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
            let workers = jobs ?? max(1, Int(cores))
            guard (1...256).contains(workers) else {
                throw InputError(file: ExperimentOptions.commandLine, field: "--jobs", reason: "must be between 1 and 256, got \(workers)")
            }
            let bar = ProgressBar(label: "compare")
            try CompareJob.run(
                options, engines: try CompareJob.engines(engines), guarantees: try CompareJob.guarantees(guarantees), out: out,
                sustainableMaxEventsPerTrial: sustainableMaxEvents, mutation: try CommandLineInput.mutation(nil), jobs: workers,
                print: { print($0, terminator: "") },
                progress: { bar.update(done: $0, total: $1) })
            bar.finish()
        }
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
