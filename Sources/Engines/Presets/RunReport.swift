import Dataflow
import SimKernel
import Workloads

/// The text `streamlab run` prints: the options, a bounded excerpt of the
/// results, and the triad. Every number is formatted with integer
/// arithmetic, so the text is the same on every platform and build.
public enum RunReport {
    public static func render(_ outcome: RunOutcome, options: RunOptions) -> String {
        var lines: [String] = []
        let presetName = outcome.preset.name
        lines.append(
            "streamlab run \(options.scenario) --engine \(options.engine.rawValue) --preset \(presetName)"
                + (options.queryFile.map { " --query \($0)" } ?? "") + " --seed \(options.seed)"
                + (options.parallelism.map { " --parallelism \($0)" } ?? "")
                + (options.trigger.map { " --trigger \($0)" } ?? "")
                + (options.events.map { " --events \($0)" } ?? " (the scenario's own length: \(outcome.eventCount) events)"))
        lines.append("query: \(outcome.query.summary)")
        lines.append("preset: \(presetName): \(outcome.preset.summary)")
        lines.append(
            "cost model: \(outcome.costs.perRecord.micros) µs per record, \(millis(outcome.costs.perBatch.micros)) ms per batch"
                + " (parallelism \(outcome.preset.costModel.parallelism))")
        let rows = outcome.finalRows
        let shown = min(options.excerptRows, rows.count)
        lines.append("results: \(rows.count) rows (final value per key and window); first \(shown):")
        for row in rows.prefix(shown) { lines.append("  " + format(row, outcome: outcome)) }
        lines.append("triad:")
        lines.append(
            "  throughput: \(outcome.run.recordsProcessed) events in \(millis((outcome.run.finishTime - outcome.firstArrival).micros)) ms simulated"
                + " = \(fixed(outcome.eventsPerSecond)) events/s (capacity \(capacity(outcome.capacityEventsPerSecond)))")
        lines.append(
            "  latency (event time, first emission of each final row): p50 \(millis(outcome.latency.p50Micros)) ms, "
                + "p99 \(millis(outcome.latency.p99Micros)) ms over \(outcome.latency.count) results")
        let late = outcome.run.droppedLateCount + outcome.run.lateSideOutput.count
        let difference = outcome.oracleDifference
        lines.append(
            "  correctness: \(difference.total) of \(outcome.oracleRows.count) oracle rows differ "
                + "(\(difference.missing) missing, \(difference.stillOpen) of them still open at end of input; "
                + "\(difference.wrong) wrong; \(difference.extra) extra); "
                + "\(late) late events not counted")
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ row: ComparableRow, outcome: RunOutcome) -> String {
        let window: String
        switch outcome.query.query.window {
        case .unwindowed: window = "window=none"
        // Inclusive at both ends: the lab's half-open end is one millisecond past Kafka Streams' end.
        case .kafkaSliding: window = "window=[\(millis(row.start / 1_000)), \(millis(row.end / 1_000 - 1))] s"
        default: window = "window=[\(millis(row.start / 1_000)), \(millis(row.end / 1_000))) s"
        }
        var parts = [label(row.key, outcome: outcome), window]
        for kind in outcome.query.query.aggregates.kinds {
            switch kind {
            case .count: parts.append("count=\(row.count)")
            case .sum: parts.append("sum=\(fixed(row.sum))")
            case .min: parts.append("min=\(fixed(row.min))")
            case .max: parts.append("max=\(fixed(row.max))")
            case .avg: parts.append("avg=\(row.count == 0 ? "nan" : fixed(row.sum / Double(row.count)))")
            case .countDistinct: parts.append("count-distinct=\(row.distinct ?? 0)")
            case .collect: parts.append("collect=\(row.collected?.count ?? 0) values")
            }
        }
        return parts.joined(separator: " ")
    }

    /// The grouping key as the scenario names it: `key=sku-3`,
    /// `attribute=7`, `kind=bid`, or `key=all` for one global group.
    static func label(_ key: Int32, outcome: RunOutcome) -> String {
        switch outcome.query.query.keyBy {
        case .key: return "key=" + (outcome.scenario?.keyName(key) ?? String(key))
        case .attribute: return "attribute=\(key)"
        case .kind: return "kind=" + (outcome.scenario?.kindName(UInt16(truncatingIfNeeded: key)) ?? String(key))
        case .constant: return "key=all"
        }
    }

    /// Microseconds as milliseconds with three decimals.
    static func millis(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let fraction = String(magnitude % 1_000)
        return "\(sign)\(magnitude / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    /// A double with three decimals, rounded half away from zero.
    static func fixed(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let scaled = (value * 1_000).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e15 else { return String(value) }
        return millis(Int64(scaled))
    }

    static func whole(_ value: Double) -> String {
        value.isFinite ? String(Int64(value.rounded(.toNearestOrAwayFromZero))) : "inf"
    }

    static func capacity(_ value: Double) -> String {
        value.isFinite ? "\(whole(value)) events/s" : "unbounded"
    }
}
