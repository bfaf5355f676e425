import ArgumentParser
import Engines
import SimKernel

/// `streamlab lambda SCENARIO [--batch-preset P] [--speed-preset P] [--speed-drift D]
/// [--batch-every DURATION] [--hours N] [--seed N]`: Lambda's batch, speed and
/// serving layers against Kappa's replay. All logic lives in `Engines.LambdaRun`
/// and `LambdaReport`; this only parses and prints.
struct LambdaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambda",
        abstract: "Lambda (batch + speed layer, serving merge) against Kappa (one job, replayed): per-hour served answer vs the oracle.",
        discussion: "Drifts (--speed-drift), how the speed layer's copy of the logic differs:\n"
            + SpeedDrift.allCases.map { "  \($0.summary(kind: "order", nextKind: "payment"))" }.joined(separator: "\n"))

    @Argument(help: "A scenario name (see `streamlab scenarios`) or a scenario .json file.")
    var scenario: String = "theworldshop-viral-night"

    @Option(help: "The batch layer's preset (spark-batch, hive, mapreduce).")
    var batchPreset: String = "hive"

    @Option(help: "The speed layer's preset (any streaming preset).")
    var speedPreset: String = "flink"

    @Option(help: "How the speed layer's logic differs: \(SpeedDrift.allCases.map(\.rawValue).joined(separator: ", ")).")
    var speedDrift: String = "none"

    @Option(help: "Run the batch job this often instead of the preset's schedule (e.g. 2h, 90m).")
    var batchEvery: String?

    @Option(help: "Simulated hours of the scenario to generate (1-48).")
    var hours: Int = 6

    @Option(help: "The root seed.")
    var seed: UInt64 = 1

    func run() throws {
        try withInputErrorsReported {
            let every = try batchEvery.map { text throws(InputError) -> Int64 in
                guard let period = try? DurationText.parse(text), period > .zero else {
                    throw InputError(file: "<command line>", field: "--batch-every", reason: "must be a positive duration like 2h or 90m, got '\(text)'")
                }
                return period.micros
            }
            let options = LambdaOptions(
                scenario: scenario, batchPreset: batchPreset, speedPreset: speedPreset, drift: try SpeedDrift.named(speedDrift),
                seed: seed, hours: hours, batchEveryMicros: every)
            print(LambdaReport.render(try LambdaRun.run(options)), terminator: "")
        }
    }
}
