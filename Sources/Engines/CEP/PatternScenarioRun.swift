import Dataflow
import SimKernel
import Workloads

/// `streamlab cep SCENARIO --pattern P`: a pattern over a generated
/// scenario, with Flink CEP's rules (`PatternOperator`) and the per-event
/// bounded-out-of-orderness watermark of `PatternRun`, and a plain-text
/// report: the matches, the late side output, the state the operator kept,
/// and, when the scenario plants keys (card-transactions' fraud cards), how
/// many of the flagged keys are planted ones.
public struct PatternScenarioRun {
    public var scenarioName: String
    public var patternName: String
    public var seed: UInt64
    /// Nil: the scenario's own length (capped like `run`).
    public var events: Int?
    /// Overrides the pattern file's `watermark_delay_ms`.
    public var watermarkDelayMillis: Int64?
    /// How many matches to print.
    public var shownMatches: Int

    public init(scenario: String, pattern: String, seed: UInt64 = 1, events: Int? = nil,
                watermarkDelayMillis: Int64? = nil, shownMatches: Int = 8) {
        scenarioName = scenario
        patternName = pattern
        self.seed = seed
        self.events = events
        self.watermarkDelayMillis = watermarkDelayMillis
        self.shownMatches = shownMatches
    }

    /// Runs it: the report's lines and the run (its state samples draw `--svg`).
    public func run() throws(InputError) -> (lines: [String], outcome: PatternRun) {
        if let events, events < 1 { throw InputError(file: "<command line>", field: "--events", reason: "must be at least 1, got \(events)") }
        if let watermarkDelayMillis, watermarkDelayMillis < 0 || watermarkDelayMillis > 1_000_000_000_000 {
            throw InputError(file: "<command line>", field: "--watermark-delay-ms", reason: "must be an integer from 0 to 1000000000000")
        }
        guard shownMatches >= 0 else { throw InputError(file: "<command line>", field: "--show", reason: "must be at least 0, got \(shownMatches)") }
        let scenario = try ScenarioCatalog.load(scenarioName)
        let (file, _) = try PatternCatalog.load(patternName)
        let generator = events.map { scenario.makeGenerator(seed: seed, maxEvents: $0) }
            ?? scenario.makeGenerator(seed: seed, maxEvents: min(scenario.defaultEvents ?? RunOptions.defaultEventCap, RunOptions.defaultEventCap),
                                      duration: scenario.defaultDuration)
        let delayMillis = watermarkDelayMillis ?? file.watermarkDelayMillis
        let conditions = file.pattern.stages.map { stage in
            stage.condition.resolved(kindIndex: { scenario.kindIndex($0) }, keyIndex: { name in
                guard name.hasPrefix(scenario.keySpace.prefix), let index = Int32(name.dropFirst(scenario.keySpace.prefix.count)),
                      index >= 0, Int(index) < scenario.keySpace.count else { return nil }
                return index
            })
        }
        let outcome = PatternRun.run(pattern: file.pattern, conditions: conditions, watermarkDelay: .millis(delayMillis), events: generator,
                                     sampleEveryEvents: 250)
        return (report(outcome, file: file, scenario: scenario, delayMillis: delayMillis), outcome)
    }

    func report(_ outcome: PatternRun, file: PatternFile, scenario: Scenario, delayMillis: Int64) -> [String] {
        var command = "streamlab cep \(scenarioName) --pattern \(patternName) --seed \(seed)"
        command += events.map { " --events \($0)" } ?? " (the scenario's own length: \(outcome.eventCount) events)"
        if let watermarkDelayMillis { command += " --watermark-delay-ms \(watermarkDelayMillis)" }
        var lines = [command]
        lines.append("pattern: " + (file.description.map { "\($0): " } ?? "") + file.pattern.summary)
        lines.append("rules: Flink CEP in event time: each key's events wait until the watermark (max event time − \(delayMillis) ms,"
                     + " after every event) passes them, then run through the key's NFA in timestamp order; after-match skip: noSkip")
        let keys = distinctKeys(outcome.matches)
        let shown = min(shownMatches, outcome.matches.count)
        lines.append("matches: \(outcome.matches.count) on \(keys.count) keys" + (shown > 0 ? "; first \(shown):" : ""))
        for match in outcome.matches.prefix(shown) {
            let events = match.events.map { matched in
                file.pattern.stages[matched.stageIndex].name + " " + FixedDecimal.format(matched.event.value, places: 2)
                    + " at " + clockText(matched.event.eventTime)
            }
            lines.append("  \(scenario.keyName(match.key)): " + events.joined(separator: ", ")
                         + "; emitted at watermark " + clockText(match.watermark))
        }
        lines.append("late events (side output): \(outcome.lateEvents.count)")
        lines.append("state: peak \(outcome.peakPartialMatches) partial matches, peak \(outcome.peakBufferedEvents) events waiting for the watermark")
        let planted = scenario.plantedKeys(seed: seed)
        if !planted.isEmpty {
            let caught = planted.filter { keys.contains($0) }.count
            lines.append("planted keys: \(caught) of the scenario's \(planted.count) planted keys flagged; \(keys.count - caught) flagged keys not planted")
        }
        return lines
    }

    private func distinctKeys(_ matches: [PatternMatch]) -> [Int32] {
        var keys: [Int32] = []
        var seen: Set<Int32> = []
        for match in matches where seen.insert(match.key).inserted { keys.append(match.key) }
        return keys
    }
}
