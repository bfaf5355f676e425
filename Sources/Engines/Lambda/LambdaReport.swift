import SimKernel

/// The text `streamlab lambda` prints: the options, one row per event-time
/// hour (oracle, served, error, layer, and the same after the next batch
/// run), and the Kappa line.
public enum LambdaReport {
    public static func render(_ outcome: LambdaOutcome) -> String {
        let options = outcome.options
        var text = "lambda: scenario \(options.scenario), seed \(options.seed), \(options.hours) h, \(outcome.eventCount) events\n"
        text += "batch layer: \(options.batchPreset), a job every \(DurationText.format(Duration(micros: outcome.batchPeriodMicros)))"
            + " over everything arrived so far\n"
        text += "speed layer: \(options.speedPreset), drift \(options.drift.summary(kind: outcome.kindName, nextKind: outcome.nextKindName))\n"
        text += "query: '\(outcome.kindName)' events per event-time hour; served when the speed layer has read the input, at "
            + clock(outcome.queryMicros) + "\n"
        text += "last batch view: " + describe(outcome.lastBatch) + "\n"
        text += "next batch view: " + describe(outcome.nextBatch) + "\n\n"
        var lines = [["hour", "oracle", "served", "error", "layer", "after next batch", "error", "layer"]]
        for hour in outcome.hours {
            lines.append([
                clock(hour.startMicros), "\(hour.oracle)", "\(hour.served)", signed(hour.served - hour.oracle), hour.layer.rawValue,
                "\(hour.afterNextBatch)", signed(hour.afterNextBatch - hour.oracle), hour.afterNextBatchLayer.rawValue,
            ])
        }
        text += TextColumns.align(lines)
        let wrong = outcome.hours.filter { $0.served != $0.oracle }
        let repaired = outcome.hours.filter { $0.afterNextBatch != $0.oracle }
        text += "\nlambda: \(wrong.count) of \(outcome.hours.count) hours served wrong now"
            + " (\(wrong.map { abs($0.served - $0.oracle) }.reduce(0, +)) events off; the speed layer dropped \(outcome.speedDroppedLate) as late);"
            + " \(repaired.count) still wrong after the next batch run\n"
        text += "kappa: one \(options.speedPreset) job with the batch logic, replayed from offset 0 (\(outcome.eventCount) events) in "
            + formatSeconds(outcome.kappaReplayMicros) + " s of processing time: \(outcome.kappaHoursEqual) of \(outcome.hours.count)"
            + " hours equal the oracle\n"
        return text
    }

    static func describe(_ run: BatchLayerRun?) -> String {
        guard let run else { return "none finished yet (every hour comes from the speed layer)" }
        return "input up to \(clock(run.coverageEndMicros)), ready at \(clock(run.finishedMicros)); covers hours ending by "
            + clock(run.coverageEndMicros)
    }

    /// Simulated time as day and time of day: `d0 22:30:00`.
    static func clock(_ micros: Int64) -> String {
        let seconds = micros / 1_000_000
        let day = seconds / 86_400, inDay = seconds % 86_400
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "d\(day) \(two(inDay / 3_600)):\(two(inDay % 3_600 / 60)):\(two(inDay % 60))"
    }

    static func signed(_ value: Int64) -> String { value > 0 ? "+\(value)" : "\(value)" }

    static func formatSeconds(_ micros: Int64) -> String {
        let tenths = (micros + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
