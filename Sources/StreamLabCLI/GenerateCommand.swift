import ArgumentParser
import SimKernel
import Workloads

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a scenario's event stream to a CSV or JSONL file and print a disorder summary."
    )

    @OptionGroup var scenarioArgument: ScenarioArgument

    @Option(help: "The root seed; the same seed gives byte-identical output.")
    var seed: UInt64

    @Option(help: "Stop after this many events (default: the scenario's default_events).")
    var events: Int?

    @Option(help: "Stop at this much simulated time after the start, e.g. 30s, 90m, 1h.")
    var duration: String?

    @Option(help: "csv or jsonl.")
    var format: String

    @Option(help: "The output file; written to a temporary file, then renamed.")
    var out: String

    @Option(name: .customLong("set"), help: "Override a scenario field, e.g. arrivals.rate_per_s=20000 (repeatable).")
    var overrides: [String] = []

    func run() throws {
        try withInputErrorsReported {
            let options = try GenerateOptions(
                scenario: scenarioArgument.scenario, seed: seed, events: events, duration: duration, format: format, out: out, overrides: overrides)
            try GenerateJob.run(options, print: { print($0, terminator: "") })
        }
    }
}

/// Validated `generate` options.
struct GenerateOptions {
    var scenario: String
    var seed: UInt64
    var events: Int?
    var duration: Duration?
    var format: DatasetFormat
    var out: String
    /// `--set` pairs in the order given.
    var overrides: [(key: String, value: String)]

    init(scenario: String, seed: UInt64, events: Int?, duration: String?, format: String, out: String, overrides: [String]) throws(InputError) {
        self.scenario = scenario
        self.seed = seed
        if let events { try CommandLineInput.requireAtLeast(1, events, field: "--events") }
        if events != nil, duration != nil {
            throw CommandLineInput.failure("--duration", "give --events or --duration, not both")
        }
        self.events = events
        if let duration {
            do { self.duration = try DurationText.parse(duration) } catch {
                throw CommandLineInput.failure("--duration", error.reason)
            }
        }
        guard let format = DatasetFormat(rawValue: format) else {
            throw CommandLineInput.failure("--format", "must be csv or jsonl, got '\(format)'")
        }
        self.format = format
        self.out = out
        var pairs: [(key: String, value: String)] = []
        for text in overrides {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw CommandLineInput.failure("--set", "must be KEY=VALUE, got '\(text)'")
            }
            let key = String(text[..<equals])
            if pairs.contains(where: { $0.key == key }) {
                throw CommandLineInput.failure("--set", "'\(key)' is set twice")
            }
            pairs.append((key, String(text[text.index(after: equals)...])))
        }
        self.overrides = pairs
    }
}

/// The `generate` job: print the effective options, stream the events into
/// the writer and the summary, rename the file into place, print the summary.
enum GenerateJob {
    static func run(_ options: GenerateOptions, print: (String) -> Void) throws(InputError) {
        let overrides = Dictionary(uniqueKeysWithValues: options.overrides.map { ($0.key, $0.value) })
        let scenario = try ScenarioCatalog.load(options.scenario, overrides: overrides)
        let usesDefaults = options.events == nil && options.duration == nil
        let events = usesDefaults ? scenario.defaultEvents : options.events
        let duration = usesDefaults ? scenario.defaultDuration : options.duration
        var header = "streamlab generate \(scenario.name)\n"
        header += "  seed: \(options.seed)\n"
        header += "  events: \(events.map(String.init) ?? "unlimited")\n"
        header += "  duration: \(duration.map(DurationText.format) ?? "unlimited")\n"
        header += "  format: \(options.format.rawValue)\n"
        header += "  out: \(options.out)\n"
        for pair in options.overrides { header += "  set: \(pair.key)=\(pair.value)\n" }
        let writer = try DatasetWriter(path: options.out, format: options.format, scenario: scenario)
        print(header)
        let generator = scenario.makeGenerator(seed: options.seed, maxEvents: events, duration: duration)
        var summary = DisorderSummary(keyCount: scenario.keySpace.count)
        while let event = generator.next() {
            writer.write(event)
            summary.record(event)
        }
        try writer.finish()
        var footer = summary.text(scenario: scenario)
        if !generator.plantedKeys.isEmpty {
            footer += "planted pattern keys: " + generator.plantedKeys.map(scenario.keyName).joined(separator: ", ") + "\n"
        }
        footer += "wrote \(writer.rowCount) events to \(options.out)\n"
        print(footer)
    }
}
