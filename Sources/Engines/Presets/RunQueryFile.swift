import Foundation
import Dataflow
import SimKernel
import Workloads

/// Reads a query file for `streamlab run`.
///
/// The format is the replay interface's `Q.json` (issue 3, section 9):
/// `window` (`{"type":"tumbling","size_ms":N}`, `{"type":"sliding",
/// "size_ms":N,"slide_ms":M}`, `{"type":"session","gap_ms":N}`, or
/// `{"type":"none"}` for a running aggregate per key, update or complete mode only,
/// or Kafka Streams' record-defined `{"type":"sliding","time_difference_ms":N}`,
/// kafka-streams preset only, grace = `watermark_delay_ms`),
/// `watermark_delay_ms`, and the optional `output_mode` and
/// `allowed_lateness_ms`. `run` adds three optional fields:
///
/// - `aggregates`: names from count, sum, min, max, avg, count-distinct,
///   collect (default: count, sum, min, max, the replay's fixed four);
/// - `key_by`: key, attribute, kind or constant (default: key);
/// - `kind`: keep only events of this kind name of the scenario.
///
/// Any other field is an error, so a typo cannot silently change a query.
public enum RunQueryFile {
    static let knownFields = [
        "window", "watermark_delay_ms", "output_mode", "allowed_lateness_ms", "aggregates", "key_by", "kind",
    ]

    public static func load(path: String, scenario: Scenario) throws(InputError) -> RunQuery {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError(file: path, field: "(file)", reason: "cannot read the file")
        }
        return try parse(text, file: path, scenario: scenario)
    }

    public static func parse(_ text: String, file: String, scenario: Scenario) throws(InputError) -> RunQuery {
        guard case .object(let fields) = try JSONValue.parse(text, file: file) else {
            throw InputError(file: file, field: "(root)", reason: "must be a JSON object")
        }
        for (name, _) in fields where !knownFields.contains(name) {
            throw InputError(file: file, field: name, reason: "unknown field (known: \(knownFields.joined(separator: ", ")))")
        }
        func field(_ name: String) -> JSONValue? { fields.first { $0.0 == name }?.1 }
        guard let windowValue = field("window") else { throw InputError(file: file, field: "window", reason: "is required") }
        let window = try parseWindow(windowValue, file: file)
        guard let delayValue = field("watermark_delay_ms") else {
            throw InputError(file: file, field: "watermark_delay_ms", reason: "is required")
        }
        let delayMillis = try millis(delayValue, file: file, field: "watermark_delay_ms", minimum: 0)
        let latenessMillis = try field("allowed_lateness_ms").map { v throws(InputError) in
            try millis(v, file: file, field: "allowed_lateness_ms", minimum: 0)
        } ?? 0
        let outputMode = try field("output_mode").map { v throws(InputError) in try parseOutputMode(v, file: file) } ?? .append
        if window == .unwindowed && outputMode == .append {
            // Spark's `UnsupportedOperationChecker`: "Append output mode not supported when
            // there are streaming aggregations on streaming DataFrames/DataSets without watermark".
            throw InputError(
                file: file, field: "output_mode",
                reason: "must be update or complete for a running aggregate (window type none); Spark refuses append for an aggregation without an event-time window")
        }
        let aggregates = try field("aggregates").map { v throws(InputError) in try parseAggregates(v, file: file) }
            ?? .countSumMinMax
        let keyBy = try field("key_by").map { v throws(InputError) in try parseKeyBy(v, file: file) } ?? .key
        var filter: (@Sendable (Event) -> Bool)?
        var kindNote = ""
        if let kindValue = field("kind") {
            guard case .string(let name) = kindValue, let index = scenario.kindIndex(name) else {
                throw InputError(
                    file: file, field: "kind",
                    reason: "must name one of the scenario's kinds (\(scenario.eventKinds.joined(separator: ", ")))")
            }
            filter = { $0.kind == index }
            kindNote = " of kind \(name)"
        }
        let query = Query(
            watermark: WatermarkStrategy(delay: .millis(delayMillis)), filter: filter, keyBy: keyBy, window: window,
            aggregates: aggregates, allowedLateness: .millis(latenessMillis), outputMode: outputMode)
        let names = aggregates.kinds.map(\.rawValue).joined(separator: ", ")
        return RunQuery(
            query: query,
            summary: "\(names) of events\(kindNote) by \(keyBy) over \(describe(window)), watermark delay \(delayMillis) ms")
    }

    static func parseWindow(_ value: JSONValue, file: String) throws(InputError) -> WindowSpec {
        guard case .object(let fields) = value, case .string(let type)? = fields.first(where: { $0.0 == "type" })?.1 else {
            throw InputError(file: file, field: "window.type", reason: "must be tumbling, sliding, session or none")
        }
        func number(_ name: String) throws(InputError) -> Int64 {
            guard let value = fields.first(where: { $0.0 == name })?.1 else {
                throw InputError(file: file, field: "window.\(name)", reason: "is required for a \(type) window")
            }
            return try millis(value, file: file, field: "window.\(name)", minimum: 1)
        }
        let allowed: [String]
        let window: WindowSpec
        switch type {
        case "tumbling":
            allowed = ["type", "size_ms"]
            window = .tumbling(size: .millis(try number("size_ms")))
        case "sliding" where fields.contains(where: { $0.0 == "time_difference_ms" }):
            // Kafka Streams' `SlidingWindows.ofTimeDifferenceAndGrace`; the grace is watermark_delay_ms.
            allowed = ["type", "time_difference_ms"]
            window = .kafkaSliding(timeDifference: .millis(try number("time_difference_ms")))
        case "sliding":
            allowed = ["type", "size_ms", "slide_ms"]
            let size = try number("size_ms")
            let slide = try number("slide_ms")
            guard slide <= size else {
                throw InputError(file: file, field: "window.slide_ms", reason: "must not exceed size_ms (Spark rejects it)")
            }
            window = .sliding(size: .millis(size), slide: .millis(slide))
        case "none":
            allowed = ["type"]
            window = .unwindowed
        case "session":
            allowed = ["type", "gap_ms"]
            window = .session(gap: .millis(try number("gap_ms")))
        default:
            throw InputError(file: file, field: "window.type", reason: "must be tumbling, sliding, session or none, got '\(type)'")
        }
        for (name, _) in fields where !allowed.contains(name) {
            throw InputError(file: file, field: "window.\(name)", reason: "unknown field for a \(type) window")
        }
        return window
    }

    static func millis(_ value: JSONValue, file: String, field: String, minimum: Int64) throws(InputError) -> Int64 {
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 9e15 else {
            throw InputError(file: file, field: field, reason: "must be an integer number of milliseconds")
        }
        guard Int64(number) >= minimum else { throw InputError(file: file, field: field, reason: "must be at least \(minimum)") }
        return Int64(number)
    }

    static func parseOutputMode(_ value: JSONValue, file: String) throws(InputError) -> OutputMode {
        guard case .string(let text) = value, let mode = OutputMode(rawValue: text) else {
            throw InputError(file: file, field: "output_mode", reason: "must be append, update or complete")
        }
        return mode
    }

    static func parseAggregates(_ value: JSONValue, file: String) throws(InputError) -> AggregateSpec {
        let known = AggregateKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .array(let items) = value, !items.isEmpty else {
            throw InputError(file: file, field: "aggregates", reason: "must be a non-empty list of: \(known)")
        }
        var kinds: [AggregateKind] = []
        for (index, item) in items.enumerated() {
            guard case .string(let name) = item, let kind = AggregateKind(rawValue: name) else {
                throw InputError(file: file, field: "aggregates[\(index)]", reason: "must be one of: \(known)")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return AggregateSpec(kinds)
    }

    static func parseKeyBy(_ value: JSONValue, file: String) throws(InputError) -> KeySelector {
        let options: [(String, KeySelector)] = [("key", .key), ("attribute", .attribute), ("kind", .kind), ("constant", .constant)]
        guard case .string(let text) = value, let match = options.first(where: { $0.0 == text }) else {
            throw InputError(file: file, field: "key_by", reason: "must be key, attribute, kind or constant")
        }
        return match.1
    }

    static func describe(_ window: WindowSpec) -> String {
        switch window {
        case .tumbling(let size, _): return "\(size.micros / 1_000) ms tumbling windows"
        case .sliding(let size, let slide, _): return "\(size.micros / 1_000) ms windows sliding every \(slide.micros / 1_000) ms"
        case .session(let gap): return "session windows with a \(gap.micros / 1_000) ms gap"
        case .unwindowed: return "no window (a running aggregate)"
        case .kafkaSliding(let difference):
            return "Kafka Streams sliding windows (time difference \(difference.micros / 1_000) ms, both ends inclusive)"
        }
    }
}
