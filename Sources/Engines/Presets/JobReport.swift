import SimKernel

/// The text `streamlab run --job` prints: the options, the first results,
/// the business figure and the triad, in the layout of `RunReport`. Every
/// number is formatted with integer arithmetic, so the text is the same on
/// every platform and build.
public enum JobReport {
    public static func render(_ outcome: JobOutcome, options: RunOptions) -> String {
        var lines: [String] = []
        lines.append(
            "streamlab run \(options.scenario) --engine \(options.engine.rawValue) --preset \(outcome.preset.name) --job \(outcome.job.rawValue)"
                + " --seed \(options.seed)" + (options.parallelism.map { " --parallelism \($0)" } ?? "")
                + (options.events.map { " --events \($0)" } ?? " (the scenario's own length: \(outcome.eventCount) events)"))
        lines.append("job: \(outcome.summary)")
        lines.append("preset: \(outcome.preset.name): \(outcome.preset.summary)")
        lines.append(
            "cost model: \(outcome.costs.perRecord.micros) µs per record, \(RunReport.millis(outcome.costs.perBatch.micros)) ms per batch"
                + " (parallelism \(outcome.preset.costModel.parallelism))")
        let shown = min(options.excerptRows, outcome.rows.count)
        lines.append("results: \(outcome.resultCount) \(outcome.resultNoun); first \(shown):")
        for row in outcome.rows.prefix(shown) { lines.append("  " + row) }
        lines.append(contentsOf: outcome.business)
        lines.append("state: peak \(outcome.peakState) \(outcome.stateNoun) (sampled \(outcome.stateSamples.count) times), \(outcome.stateSamples.last?.size ?? 0) at the end")
        lines.append("triad:")
        lines.append(
            "  throughput: \(outcome.recordsProcessed) events in \(RunReport.millis((outcome.finishTime - outcome.firstArrival).micros)) ms simulated"
                + " = \(RunReport.fixed(outcome.eventsPerSecond)) events/s (capacity \(RunReport.capacity(outcome.capacityEventsPerSecond)))")
        lines.append(
            "  latency (\(outcome.latencyMeaning)): p50 \(RunReport.millis(outcome.latency.p50Micros)) ms, "
                + "p99 \(RunReport.millis(outcome.latency.p99Micros)) ms over \(outcome.latency.count) results")
        lines.append(
            "  correctness: \(outcome.missing + outcome.extra) of \(outcome.oracleCount) oracle \(outcome.comparedNoun) differ "
                + "(\(outcome.missing) missing, \(outcome.extra) extra); \(outcome.droppedLateCount) late events not counted")
        return lines.joined(separator: "\n") + "\n"
    }
}
