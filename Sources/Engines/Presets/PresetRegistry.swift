import Dataflow
import SimKernel

/// Every preset, by name, in the order listings show them.
///
/// Each entry is a documented configuration of an engine plus a cost model
/// (see `CostModel+Published.swift` for where the costs come from).
public enum PresetRegistry {
    public static let all: [Preset] = [
        // Flink: bounded-out-of-orderness watermarks emitted every 200 ms
        // (`pipeline.auto-watermark-interval`), checkpoints every 10 s.
        Preset(
            name: "flink", summary: "record-at-a-time, event time, periodic watermarks every 200 ms, exactly-once checkpoints",
            schedule: .record(emission: .periodic(interval: .millis(200))), timeDomain: .eventTime,
            costModel: .flink, guarantees: GuaranteeCatalog.flink),
        // Kafka Streams: windows close when *stream time* (the largest
        // timestamp seen) passes window end + grace (`KafkaStreamsStreamTime`).
        Preset(
            name: "kafka-streams", summary: "record-at-a-time, stream time plus a grace period (the query's delay), commits every 30 s",
            schedule: .record(emission: .perEvent), timeDomain: .eventTime,
            costModel: .kafkaStreams, guarantees: GuaranteeCatalog.kafkaStreams),
        // Storm: windowed bolts default to processing time (tuple arrival);
        // reliability is acking with spout replay.
        Preset(
            name: "storm", summary: "record-at-a-time on processing time, at-least-once acking",
            schedule: .record(emission: .perEvent), timeDomain: .processingTime,
            costModel: .storm, guarantees: GuaranteeCatalog.storm),
        // Samza: per-message tasks; windows are emitted by the periodic
        // `window()` callback (`task.window.ms`, set to 1 s here) over
        // processing time; offsets committed every 60 s.
        Preset(
            name: "samza", summary: "record-at-a-time on processing time, window() every 1 s, commits every 60 s",
            schedule: .record(emission: .periodic(interval: .seconds(1))), timeDomain: .processingTime,
            costModel: .samza, guarantees: GuaranteeCatalog.samza),
        // Spark Structured Streaming: micro-batches every second
        // (`Trigger.ProcessingTime("1 second")`), event-time watermarks.
        Preset(
            name: "spark-structured-streaming", summary: "micro-batch every 1 s, event-time watermark, exactly-once",
            schedule: .microBatch(trigger: .fixedInterval(.seconds(1))), timeDomain: .eventTime,
            costModel: .sparkStructuredStreaming, guarantees: GuaranteeCatalog.sparkStructuredStreaming),
        // Spark DStreams: a 2 s batch interval on processing time only.
        Preset(
            name: "spark-dstream", summary: "legacy DStream micro-batches every 2 s, processing time only",
            schedule: .microBatch(trigger: .fixedInterval(.seconds(2))), timeDomain: .processingTime,
            costModel: .sparkDStream, guarantees: GuaranteeCatalog.sparkDStream),
        Preset(
            name: "spark-batch", summary: "batch job every hour over all data so far",
            schedule: .batch(.hourly), timeDomain: .eventTime,
            costModel: .sparkBatch, guarantees: GuaranteeCatalog.batchJob(committer: "Spark's FileOutputCommitter")),
        Preset(
            name: "hive", summary: "nightly batch job (Hive on Tez), about 2 s of job overhead",
            schedule: .batch(.nightly), timeDomain: .eventTime,
            costModel: .hive, guarantees: GuaranteeCatalog.batchJob(committer: "Hive's move of the job's staging directory")),
        Preset(
            name: "mapreduce", summary: "nightly MapReduce job, about 12 s of job overhead",
            schedule: .batch(.nightly), timeDomain: .eventTime,
            costModel: .mapReduce, guarantees: GuaranteeCatalog.batchJob(committer: "Hadoop's FileOutputCommitter")),
    ]

    public static var names: [String] { all.map(\.name) }

    /// The preset called `name`, or an `InputError` that suggests the closest
    /// name (by edit distance) when there is a plausible one.
    public static func preset(named name: String, field: String = "--preset") throws(InputError) -> Preset {
        if let preset = all.first(where: { $0.name == name }) { return preset }
        var reason = "unknown preset '\(name)'"
        if let suggestion = closestName(to: name, among: names) { reason += " (did you mean '\(suggestion)'?)" }
        reason += "; known: " + names.joined(separator: ", ")
        throw InputError(file: "<command line>", field: field, reason: reason)
    }

    /// The candidate nearest to `name` by Levenshtein distance, when that
    /// distance is at most a third of the longer name (ties: list order).
    public static func closestName(to name: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(name.lowercased()), Array(candidate))
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best, best.distance * 3 <= max(name.count, best.name.count) else { return nil }
        return best.name
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
