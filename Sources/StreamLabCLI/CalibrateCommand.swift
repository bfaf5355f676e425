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

    @Option(help: "The measurements file.")
    var data: String = "Datasets/calibration/measurements.json"

    @Option(help: "Threads for the lab's runs (the output does not depend on it).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let result = try withInputErrorsReported { () throws(InputError) -> CalibrationCheck in
            guard check else { throw CommandLineInput.failure("--check", "is required: it runs the lab against the measurements") }
            try CommandLineInput.requireAtLeast(1, jobs, field: "--jobs")
            return CalibrationCheck.run(try CalibrationData.load(path: data), jobs: jobs)
        }
        FileHandle.standardOutput.write(Data(result.text.utf8))
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
