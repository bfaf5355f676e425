import ArgumentParser
import Foundation
import Harness
import SimKernel

/// `streamlab calibrate --check`: the lab against real Spark and Flink
/// timings (`make calibrate` measures them; Calibration/README.md). Prints
/// each prediction next to its measurement and exits 1 when any is outside
/// its bound, so a preset that drifts from the measured engines fails loudly.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Check the lab's latency and throughput predictions against measurements of real Spark and Flink.",
        discussion: "The measurements come from `make calibrate` (Datasets/calibration/measurements.json). Exit code 1:"
            + " a prediction is outside its bound (latency: 25 %, or 20 ms under 80 ms; throughput: 30 %)."
    )

    @Flag(help: "Run the lab on every measured configuration and print predicted against measured.")
    var check = false

    @Option(help: "Refit the presets' constants to this measurements file (e.g. from your own machine), print them and the check with them.")
    var from: String?

    @Flag(help: "Check the latencies only: skip the sustainable-throughput searches, which replay the stream at up to the search's cap.")
    var latencyOnly = false

    @Option(help: "The measurements file.")
    var data: String = "Datasets/calibration/measurements.json"

    @Option(help: "Threads for the lab's runs (the output does not depend on it).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let outcome = try withInputErrorsReported { () throws(InputError) -> Outcome in
            try CommandLineInput.requireAtLeast(1, jobs, field: "--jobs")
            if let from {
                if check { throw CommandLineInput.failure("--from", "give --check or --from, not both") }
                let measurements = try CalibrationData.load(path: from)
                let fitted = CalibrationFit.fit(measurements, jobs: jobs)
                let models = Dictionary(uniqueKeysWithValues: fitted.map { ($0.engine, $0.costModel) })
                return Outcome(Self.describe(fitted, from: from),
                               CalibrationCheck.run(measurements, costModels: models, latencyOnly: latencyOnly, jobs: jobs))
            }
            guard check else { throw CommandLineInput.failure("--check", "is required: it runs the lab against the measurements") }
            return Outcome("", CalibrationCheck.run(try CalibrationData.load(path: data), latencyOnly: latencyOnly, jobs: jobs))
        }
        FileHandle.standardOutput.write(Data(outcome.text.utf8))
        if outcome.failed { throw ExitCode(1) }
    }

    /// What is printed, and whether a prediction fell outside its bound.
    struct Outcome {
        var text: String
        var failed: Bool

        init(_ header: String, _ check: CalibrationCheck) {
            text = header + check.text
            failed = !check.failures.isEmpty
        }
    }

    static func describe(_ fitted: [CalibrationFit.Fitted], from file: String) -> String {
        var lines = ["presets refitted to \(file):"]
        for entry in fitted {
            let model = entry.costModel
            lines.append("  \(entry.engine): perRecord \(model.perRecord.micros) µs, perStateAccess \(model.perStateAccess.micros) µs,"
                + " perBatch \(model.perBatch.micros / 1_000) ms, perCheckpoint \(model.perCheckpoint.micros / 1_000) ms,"
                + " checkpointCompletion \(model.checkpointCompletion.micros / 1_000) ms")
            lines += entry.notes.map { "    \($0)" }
        }
        return lines.joined(separator: "\n") + "\n\n"
    }
}
