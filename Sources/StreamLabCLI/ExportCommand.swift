import ArgumentParser
import Engines
import SimKernel
import Workloads

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a scenario as a runnable PySpark script or Flink job, with its data and a README."
    )

    @OptionGroup var scenarioArgument: ScenarioArgument

    @Option(help: "spark or flink.")
    var to: String

    @Option(help: "The directory to write the job, query.json, events.jsonl and README.md into.")
    var out: String

    @Option(help: "The root seed; the same seed gives byte-identical files.")
    var seed: UInt64 = 1

    @Option(help: "How many events to generate.")
    var events: Int = 1000

    @Option(help: "tumbling:SIZE_MS, sliding:SIZE_MS:SLIDE_MS or session:GAP_MS.")
    var window: String = "tumbling:10000"

    @Option(help: "The watermark delay (Spark withWatermark; Flink bounded out-of-orderness).")
    var watermarkDelayMs: Int64 = 5000

    @Option(help: "Flink's allowed lateness.")
    var allowedLatenessMs: Int64 = 0

    @Option(help: "Spark's output mode: append or update.")
    var outputMode: String = "append"

    @Option(help: "Spark's trigger interval: events arriving in the same interval form one micro-batch.")
    var triggerMs: Int64 = 1000

    func run() throws {
        try withInputErrorsReported {
            guard let target = ExportTarget(rawValue: to) else { throw CommandLineInput.failure("--to", "must be spark or flink, got '\(to)'") }
            try CommandLineInput.requireAtLeast(1, events, field: "--events")
            try CommandLineInput.requireAtLeast(1, triggerMs, field: "--trigger-ms")
            let query = ExportQuery(
                window: try ExportQuery.parseWindow(window), watermarkDelayMillis: watermarkDelayMs,
                allowedLatenessMillis: allowedLatenessMs, outputMode: outputMode)
            let loaded = try scenarioArgument.load()
            let result = try Exporter.export(
                scenario: loaded, target: target, seed: seed, maxEvents: events, triggerMillis: triggerMs,
                query: query, directory: out)
            print("exported \(loaded.name) (seed \(seed), \(result.eventCount) events, \(result.batchCount) batches) for \(target.rawValue) to \(out):")
            for file in result.files { print("  \(file)") }
        }
    }
}
