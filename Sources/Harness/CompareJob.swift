import Foundation
import Dataflow
import Delivery
import Engines
import SimKernel
import Workloads

/// Validated options shared by `compare` and `crash`.
public struct ExperimentOptions: Sendable {
    public static let commandLine = "<command line>"

    public var scenario: String
    public var seed: UInt64
    public var crashPlan: CrashPlan
    public var recoveryDelay: Distribution
    public var recoveryDelayText: String
    /// Replaces every batch preset's schedule; nil keeps each preset's own.
    public var batchScheduleMicros: Int64?
    public var duration: Duration?
    public var overrides: [(key: String, value: String)]
    public var windowSizeMicros: Int64
    public var watermarkDelayMicros: Int64
    /// Whether the producer is idempotent (`enable.idempotence`, Kafka's default since 3.0).
    public var idempotentProducer = true

    /// Durations arrive parsed (the CLI's flags are typed `Duration`, one
    /// grammar: `DurationText`); this checks the ranges.
    public init(scenario: String, seed: UInt64, crashes: String, recovery: String, batchSchedule: Duration?, duration: Duration?,
                overrides: [String], window: Duration, watermarkDelay: Duration) throws(InputError) {
        self.scenario = scenario
        self.seed = seed
        crashPlan = try CrashPlan.parse(crashes, field: "--crashes")
        recoveryDelay = try FaultInjector.parseRecoveryDelay(recovery, field: "--recovery")
        recoveryDelayText = recovery
        batchScheduleMicros = try batchSchedule.map { value throws(InputError) in try Self.positive(value, field: "--batch-schedule") }
        self.duration = try duration.map { value throws(InputError) in Duration(micros: try Self.positive(value, field: "--duration")) }
        windowSizeMicros = try Self.positive(window, field: "--window")
        watermarkDelayMicros = watermarkDelay.micros
        var pairs: [(key: String, value: String)] = []
        for text in overrides {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw InputError(file: Self.commandLine, field: "--set", reason: "must be KEY=VALUE, got '\(text)'")
            }
            let key = String(text[..<equals])
            guard !pairs.contains(where: { $0.key == key }) else {
                throw InputError(file: Self.commandLine, field: "--set", reason: "'\(key)' is set twice")
            }
            pairs.append((key, String(text[text.index(after: equals)...])))
        }
        self.overrides = pairs
    }

    static func positive(_ duration: Duration, field: String) throws(InputError) -> Int64 {
        guard duration > .zero else {
            throw InputError(file: commandLine, field: field, reason: "must be greater than 0, got '\(DurationText.format(duration))'")
        }
        return duration.micros
    }

    /// Loads the scenario (with `--set` overrides) and generates its events.
    public func workload() throws(InputError) -> CompareWorkload {
        let scenario = try ScenarioCatalog.load(self.scenario, overrides: Dictionary(uniqueKeysWithValues: overrides.map { ($0.key, $0.value) }))
        // Each run reads the generator live; the generator's own bound (the
        // scenario's duration, or --duration) ends the stream. A fraud decision
        // is in time before the payment clears: the scenario's
        // `payment_clearing_s`, 30 s by default (the course's figure).
        return CompareWorkload(
            scenario: scenario, seed: seed, duration: duration, windowSizeMicros: windowSizeMicros,
            watermarkDelayMicros: watermarkDelayMicros, clearingMicros: Int64(try JobRunner.clearingSeconds(of: scenario)) * 1_000_000,
            idempotentProducer: idempotentProducer)
    }

    /// The header every run prints first: the seed and all options.
    public func header(command: String, extra: [(String, String)] = []) -> String {
        var text = "streamlab \(command) \(scenario)\n"
        text += "  seed: \(seed)\n"
        text += "  crashes: \(crashPlan)\n"
        text += "  recovery: \(recoveryDelayText)\n"
        text += "  batch schedule: \(batchScheduleMicros.map { CrashPlan.format(micros: $0) } ?? "each batch preset's own")\n"
        text += "  producer: \(idempotentProducer ? "idempotent (enable.idempotence=true, Kafka's default since 3.0)" : "plain (retries may write an event twice)")\n"
        text += "  window: \(CrashPlan.format(micros: windowSizeMicros)) tumbling, watermark delay \(CrashPlan.format(micros: watermarkDelayMicros))\n"
        if let duration { text += "  duration: \(CrashPlan.format(micros: duration.micros))\n" }
        for (name, value) in extra { text += "  \(name): \(value)\n" }
        for pair in overrides { text += "  set: \(pair.key)=\(pair.value)\n" }
        return text
    }
}

/// `streamlab compare`: the triad table and the report folder.
public enum CompareJob {
    public static func run(_ options: ExperimentOptions, engines: [String], guarantees: [Guarantee], out: String?,
                           sustainableMaxEventsPerTrial: Int, mutation: RuleMutation? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                           print: (String) -> Void, progress: (Int, Int) -> Void) throws(InputError) {
        for name in engines { _ = try PresetRegistry.preset(named: name, field: "--engines") }
        let destination = out ?? "reports/\(options.scenario.split(separator: "/").last.map { $0.hasSuffix(".json") ? String($0.dropLast(5)) : String($0) } ?? options.scenario)-seed\(options.seed)"
        // Load first, so bad input fails before anything is printed.
        let workload = try options.workload()
        print(options.header(command: "compare", extra: [
            ("engines", engines.joined(separator: ",")), ("guarantees", guarantees.map(\.rawValue).joined(separator: ",")),
            ("out", destination),
        ]))
        var settings = CompareSettings(
            seed: options.seed, engines: engines, guarantees: guarantees, crashPlan: options.crashPlan,
            recoveryDelay: options.recoveryDelay, recoveryDelayText: options.recoveryDelayText,
            batchScheduleMicros: options.batchScheduleMicros, sustainableMaxEventsPerTrial: sustainableMaxEventsPerTrial)
        settings.mutation = mutation
        let report = try CompareRun.run(workload, settings: settings, jobs: jobs, progress: progress)
        let files: [(path: String, contents: String)]
        do { files = try ReportFolder.files(for: report) } catch {
            throw InputError(file: destination, field: "report.json", reason: "cannot encode the report: \(error)")
        }
        try ReportFolder.write(files, to: destination)
        print("\(report.options.inputEvents) events of \(workload.scenarioName)\n")
        print(ReportText.table(report))
        print("report: \(destination)/ (report.json, results.csv, table.txt, charts/*.svg)\n")
    }

    /// Parses a comma-separated list of guarantee names.
    public static func guarantees(_ text: String) throws(InputError) -> [Guarantee] {
        var list: [Guarantee] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            list.append(try Guarantee.parse(String(name), field: "--guarantees"))
        }
        return list
    }

    /// Parses a comma-separated list of preset names (every preset of the catalog).
    public static func engines(_ text: String) throws(InputError) -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in names { _ = try PresetRegistry.preset(named: name, field: "--engines") }
        return names
    }
}
