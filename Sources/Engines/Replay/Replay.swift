import Dataflow
import SimKernel
import Workloads

/// `streamlab replay`: runs the replay interface's query over its events on
/// the record or micro-batch engine and renders the JSON Lines the
/// conformance runners for real Flink and Spark also write.
///
/// - record: a punctuated watermark `max ts − delay − 1` after every event,
///   a final +∞ watermark, allowed lateness, and every late record written
///   as `{"late":true,...}` (the side output is always on, so the lab's
///   report of dropped data is part of the comparison).
/// - microbatch: one micro-batch per distinct `batch` value, as Spark's file
///   source with `maxFilesPerTrigger=1` reads one file per batch, followed by
///   the trailing no-data batch `processAllAvailable()` runs when Spark
///   would; every row carries the id of the batch that emitted it.
public enum Replay {
    public enum EngineChoice: String, CaseIterable, Sendable {
        case record
        case microbatch
    }

    /// The output lines. `queryFile` names the query in errors.
    public static func run(
        engine: EngineChoice, query: ReplayQuery, events: ReplayEvents, mutation: RuleMutation? = nil, queryFile: String = "<query>"
    ) throws(InputError) -> [String] {
        switch engine {
        case .record:
            try validate(engine: .record, query: query, queryFile: queryFile)
            let record = RecordAtATimeEngine(watermark: query.query.watermark, mutation: mutation)
            let run = record.run(query: query.query, events: events.events)
            let inclusive: Bool
            if case .kafkaSliding = query.window { inclusive = true } else { inclusive = false }
            return run.outputs.map { line(for: $0, keyNames: events.keyNames, isInclusive: inclusive) }
                + run.lateSideOutput.map { lateLine(for: $0, keyNames: events.keyNames) }
        case .microbatch:
            try validate(engine: .microbatch, query: query, queryFile: queryFile)
            let micro = MicroBatchEngine(trigger: .explicit(batchSizes: events.batchSizes),
                                         watermarkDelay: .millis(query.watermarkDelayMillis),
                                         outputMode: query.outputMode, mutation: mutation)
            var logical = query.query
            logical.lateData = .drop  // Spark has no late side output; only counts.
            let run = micro.run(query: logical, events: events.events)
            return run.outputs.map { line(for: $0, keyNames: events.keyNames) }
        }
    }

    /// The queries Spark rejects: an `InputError` for the micro-batch engine.
    public static func validate(engine: EngineChoice, query: ReplayQuery, queryFile: String) throws(InputError) {
        if engine == .record && query.window == .unwindowed {
            throw InputError(file: queryFile, field: "window.type",
                             reason: "none (a running aggregate) follows Spark's update and complete modes: use --engine microbatch")
        }
        guard engine == .microbatch else { return }
        if case .kafkaSliding = query.window {
            throw InputError(file: queryFile, field: "window.time_difference_ms",
                             reason: "Kafka Streams' sliding windows run on the record engine (--engine record)")
        }
        // Spark's `UnsupportedOperationChecker`: append mode needs an event-time
        // window (a watermarked grouping key) to know when a row is final.
        if query.window == .unwindowed && query.outputMode == .append {
            throw InputError(file: queryFile, field: "output_mode",
                             reason: "append is not supported for a running aggregate without a window (as in Spark); use update or complete")
        }
        // Spark: `SessionWindowStateStoreSaveExec` supports append and complete only
        // ("Update mode is not supported as the semantic is not feasible for session window").
        if query.window.isSession && query.outputMode == .update {
            throw InputError(file: queryFile, field: "output_mode", reason: "update is not supported with session windows (as in Spark)")
        }
        // Spark's TimeWindow rejects a slide longer than the window ("The slide
        // duration must be less than or equal to the windowDuration"); Flink
        // allows such gapped hopping windows, so the record engine accepts them.
        if case .sliding(let size, let slide, _) = query.window, slide > size {
            throw InputError(file: queryFile, field: "window.slide_ms",
                             reason: "must be at most size_ms for micro-batch (Spark rejects a slide longer than the window)")
        }
    }

    /// `{"key":"a","window_start_ms":0,"window_end_ms":10000,"count":4,"sum":10,"min":1,"max":4}`,
    /// with `"batch":N` last on micro-batch rows.
    public static func line(for emitted: Emitted<WindowResult>, keyNames: [String], isInclusive: Bool = false) -> String {
        let result = emitted.output
        var text = "{\"key\":" + JSONText.quoted(keyNames[Int(result.key)])
        // A running aggregate has no window columns, as Spark's `groupBy(key)` row has none.
        if result.window != .unbounded && isInclusive {
            // Kafka Streams' sliding window: its own inclusive end, one millisecond below the half-open one.
            text += ",\"window_start_ms\":\(millis(result.window.start)),\"window_end_ms\":\(millis(result.window.end) - 1)"
        } else if result.window != .unbounded {
            text += ",\"window_start_ms\":\(millis(result.window.start)),\"window_end_ms\":\(millis(result.window.end))"
        }
        text += ",\"count\":\(result.aggregates.count),\"sum\":" + ReplayJSON.number(result.aggregates.sum)
        text += ",\"min\":" + ReplayJSON.number(result.aggregates.min) + ",\"max\":" + ReplayJSON.number(result.aggregates.max)
        if let batch = emitted.batch { text += ",\"batch\":\(batch)" }
        return text + "}"
    }

    /// `{"late":true,"key":"a","ts_ms":4000,"value":1}`.
    public static func lateLine(for event: Event, keyNames: [String]) -> String {
        "{\"late\":true,\"key\":" + JSONText.quoted(keyNames[Int(event.key)])
            + ",\"ts_ms\":\(millis(event.eventTime)),\"value\":" + ReplayJSON.number(event.value) + "}"
    }

    /// Milliseconds of an instant that came from a millisecond input. Window
    /// bounds are whole milliseconds because sizes, slides, gaps and
    /// timestamps all are.
    static func millis(_ instant: Instant) -> Int64 { instant.micros / 1_000 }
}
