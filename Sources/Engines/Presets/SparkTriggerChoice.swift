import Dataflow
import SimKernel

/// The `--trigger` choices for a Spark Structured Streaming preset: which
/// `DataStreamWriter.trigger` the job sets. A preset's own trigger (1 s for
/// `spark-structured-streaming`) is what its summary says; this swaps it.
///
/// - `default`: no trigger set, so `ProcessingTime(0)`: the next batch
///   starts as soon as the previous one ends (`ProcessingTimeExecutor`);
/// - `interval:D`: `Trigger.ProcessingTime(D)`;
/// - `continuous` or `continuous:D`: `Trigger.Continuous(D)` (1 s, the
///   guide's example, when D is omitted); at-least-once only, map-like
///   queries only.
public enum SparkTriggerChoice {
    public static let field = "--trigger"
    public static let choices = "default, interval:DURATION, continuous or continuous:DURATION"

    public static func parse(_ text: String) throws(InputError) -> MicroBatchEngine.Trigger {
        if text == "default" { return .sparkDefault }
        if text == "continuous" { return .continuous(checkpointInterval: .seconds(1)) }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "interval" || parts[0] == "continuous" else {
            throw InputError(file: "<command line>", field: field, reason: "must be \(choices), got '\(text)'")
        }
        let duration: Duration
        do {
            duration = try DurationText.parse(parts[1])
        } catch {
            throw InputError(file: "<command line>", field: field, reason: error.reason)
        }
        guard duration > .zero else { throw InputError(file: "<command line>", field: field, reason: "the duration must be positive") }
        return parts[0] == "interval" ? .fixedInterval(duration) : .continuous(checkpointInterval: duration)
    }

    /// One phrase for reports: "no trigger set (next batch when the previous ends)".
    public static func describe(_ trigger: MicroBatchEngine.Trigger) -> String {
        switch trigger {
        case .fixedInterval(let interval): return "Trigger.ProcessingTime(\(DurationText.format(interval)))"
        case .asSoonAsPreviousEnds: return "no trigger set (the next batch starts when the previous one ends)"
        case .continuous(let interval): return "Trigger.Continuous(\(DurationText.format(interval)))"
        case .once: return "Trigger.Once"
        case .availableNow: return "Trigger.AvailableNow"
        case .explicit: return "explicit batches"
        }
    }

    /// Spark refuses any aggregation under a continuous trigger
    /// (`UnsupportedOperationChecker.checkForContinuous`: only map-like
    /// operations such as select, where and map are supported), and every
    /// query the lab's `run` and `crash` execute aggregates.
    public static func refuseAggregation(_ trigger: MicroBatchEngine.Trigger, what: String) throws(InputError) {
        guard case .continuous = trigger else { return }
        throw InputError(
            file: "<command line>", field: field,
            reason: "continuous processing supports only map-like queries (select, where, map), not \(what); Spark's UnsupportedOperationChecker rejects it")
    }
}

extension Preset {
    /// This micro-batch preset with another Spark trigger. Continuous
    /// processing also replaces the guarantees: at-least-once only.
    public func withTrigger(_ trigger: MicroBatchEngine.Trigger) throws(InputError) -> Preset {
        guard case .microBatch = schedule, timeDomain == .eventTime else {
            throw InputError(
                file: "<command line>", field: SparkTriggerChoice.field,
                reason: "applies to Spark Structured Streaming presets only, not \(name)")
        }
        var guarantees = self.guarantees
        if case .continuous = trigger { guarantees = GuaranteeCatalog.sparkContinuous }
        return Preset(
            name: name, summary: "\(name) with \(SparkTriggerChoice.describe(trigger))", schedule: .microBatch(trigger: trigger),
            timeDomain: timeDomain, costModel: costModel, guarantees: guarantees)
    }
}
