import ArgumentParser
import BenchKit
import Engines
import SimKernel

/// `streamlab run SCENARIO --engine record|microbatch|batch [--preset P]
/// [--query Q | --job J] [--seed N] [--events N] [--parallelism N]`: runs a scenario's default query (or
/// a query file, or a stateful job) on one engine and prints a bounded excerpt of the results
/// and the triad. All logic lives in `Engines.ScenarioRunner`/`JobRunner` and
/// `RunReport`/`JobReport`; this only parses and prints.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario through an engine; print results and the triad (throughput, latency, correctness).",
        discussion: "Presets (--engine they run on: summary):\n"
            + PresetRegistry.all.map { "  \($0.name) (\($0.engineKind.rawValue)): \($0.summary)" }.joined(separator: "\n")
            + "\n\nA query file uses the replay Q.json fields (window, watermark_delay_ms, output_mode,"
            + " allowed_lateness_ms) plus aggregates, key_by and kind.\n\nJobs (--job), the stateful operators of Dataflow/Stateful:\n"
            + StatefulJob.allCases.map { "  \($0.helpLine)" }.joined(separator: "\n")
    )

    @Argument(help: "A scenario name (see `streamlab scenarios`) or a scenario .json file.")
    var scenario: String

    // Parsed as text so a bad value is a one-line input error (exit 2), like every other bad input.
    @Option(help: "The engine: record, microbatch or batch (required unless --needs).")
    var engine: String?

    @Flag(help: "TheWorldShop's four needs (inventory alert, fraud before clearing, dashboard, sessions) on every preset, met or not, with the measured latency.")
    var needs = false

    @Option(help: "A system preset for the engine (default: flink, spark-structured-streaming or spark-batch); with --needs, the one preset to run (default: all).")
    var preset: String?

    @Option(help: "A query file in the replay Q.json format (see RunQueryFile); default: the scenario's query.")
    var query: String?

    @Option(help: "A stateful job instead of a windowed query: \(StatefulJob.allCases.map(\.rawValue).joined(separator: ", ")).")
    var job: String?

    @Option(help: "interval-join only: the join's upper bound in seconds (default 300).")
    var upperBoundSeconds: Int?

    @Option(help: "Write an SVG chart: the job's state size over simulated time (--job), or the events counted per window start, all keys summed (query).")
    var svg: String?

    @Option(help: "The root seed.")
    var seed: UInt64 = 1

    @Option(help: "How many events to generate (default: the scenario's own length, at most 100000).")
    var events: Int?

    @Option(help: "Degree of parallelism for the cost model (default: 1, the per-core figures).")
    var parallelism: Int?

    @Option(help: "Spark presets: the trigger (\(SparkTriggerChoice.choices)); default: the preset's own.")
    var trigger: String?

    func run() throws {
        try withInputErrorsReported {
            if needs { return try runNeeds() }
            guard let engine else {
                throw InputError(file: "<command line>", field: "--engine", reason: "is required (record, microbatch or batch) unless --needs is given")
            }
            guard let engineKind = EngineKind(rawValue: engine) else {
                throw InputError(
                    file: "<command line>", field: "--engine",
                    reason: "unknown engine '\(engine)' (known: \(EngineKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let options = RunOptions(
                scenario: scenario, engine: engineKind, preset: preset, queryFile: query, seed: seed, events: events,
                parallelism: parallelism, trigger: trigger)
            if let job {
                if query != nil {
                    throw InputError(file: "<command line>", field: "--job", reason: "cannot be combined with --query")
                }
                let jobOptions = JobOptions(job: try StatefulJob.named(job), upperBoundSeconds: upperBoundSeconds)
                let outcome = try JobRunner.run(options, job: jobOptions)
                try writeChart { RunCharts.render(outcome, scenario: scenario) }
                print(JobReport.render(outcome, options: options), terminator: "")
                if let svg { print("wrote \(svg)") }
                return
            }
            if upperBoundSeconds != nil {
                throw InputError(file: "<command line>", field: "--upper-bound-seconds", reason: "applies to --job interval-join only")
            }
            let outcome = try ScenarioRunner.run(options)
            try writeChart { RunCharts.render(outcome, scenario: scenario) }
            print(RunReport.render(outcome, options: options), terminator: "")
            if let svg { print("wrote \(svg)") }
        }
    }

    /// `--needs`: the four needs on every preset of the catalog (or the one
    /// `--preset` names). It picks its own engines and jobs, so the options
    /// that choose them are refused.
    private func runNeeds() throws(InputError) {
        let refused: [(String, Bool)] = [
            ("--engine", engine != nil), ("--query", query != nil), ("--job", job != nil),
            ("--upper-bound-seconds", upperBoundSeconds != nil), ("--svg", svg != nil), ("--parallelism", parallelism != nil),
        ]
        if let (flag, _) = refused.first(where: { $0.1 }) {
            throw InputError(file: "<command line>", field: flag, reason: "cannot be combined with --needs (it runs every preset's jobs)")
        }
        if let events, events <= 0 {
            throw InputError(file: "<command line>", field: "--events", reason: "must be at least 1, got \(events)")
        }
        let plan = try NeedsRunner.plan(scenario: scenario)
        let presets = try preset.map { name throws(InputError) in [try PresetRegistry.preset(named: name)] } ?? PresetRegistry.all
        print(NeedsReport.header(plan, scenarioArgument: scenario, preset: preset, seed: seed, events: events), terminator: "")
        for preset in presets {
            let results = try NeedsRunner.run(plan, preset: preset, scenarioArgument: scenario, seed: seed, events: events)
            print(NeedsReport.presetBlock(preset.name, engine: preset.engineKind.rawValue, results: results), terminator: "")
        }
    }

    /// Writes the chart before anything is printed, through a temporary file
    /// renamed into place, so a bad --svg path leaves no partial output.
    private func writeChart(_ render: () -> String) throws(InputError) {
        guard let svg else { return }
        try SweepFiles.writeAtomically(render(), to: svg, field: "--svg")
    }
}
