import Dataflow
import Foundation
import SimKernel

/// The query of the replay interface (issue 3, section 9): a window, a
/// watermark delay, Spark's output mode and Flink's allowed lateness. The
/// aggregates over `value` are always count, sum, min and max.
///
/// This format is a fixed interface shared with the conformance runners for
/// real Spark and Flink; fields are in milliseconds, as those engines take them.
public struct ReplayQuery: Equatable, Sendable {
    public var window: WindowSpec
    public var watermarkDelayMillis: Int64
    public var outputMode: OutputMode
    public var allowedLatenessMillis: Int64

    public init(window: WindowSpec, watermarkDelayMillis: Int64, outputMode: OutputMode = .append, allowedLatenessMillis: Int64 = 0) {
        self.window = window
        self.watermarkDelayMillis = watermarkDelayMillis
        self.outputMode = outputMode
        self.allowedLatenessMillis = allowedLatenessMillis
    }

    /// The logical query the engines run.
    public var query: Query {
        Query(watermark: WatermarkStrategy(delay: .millis(watermarkDelayMillis), emission: .perEvent),
              window: window, aggregates: .countSumMinMax, allowedLateness: .millis(allowedLatenessMillis),
              lateData: .sideOutput, outputMode: outputMode)
    }

    private struct WindowFields: Decodable {
        var type: String
        var size_ms: WholeNumber?
        var slide_ms: WholeNumber?
        var gap_ms: WholeNumber?
        var time_difference_ms: WholeNumber?
    }

    private struct Fields: Decodable {
        var window: WindowFields
        var watermark_delay_ms: WholeNumber
        var output_mode: String?
        var allowed_lateness_ms: WholeNumber?
    }

    /// About 31 years: larger durations would overflow the microsecond clock in window arithmetic.
    static let maximumMillis: Int64 = 1_000_000_000_000

    /// Parses `Q.json`. Every problem is an `InputError` naming `file` and the field.
    public static func parse(_ data: Data, file: String) throws(InputError) -> ReplayQuery {
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: data)
        } catch {
            throw ReplayJSON.inputError(error, file: file)
        }
        let window = try parseWindow(fields.window, file: file)
        guard fields.watermark_delay_ms.value >= 0, fields.watermark_delay_ms.value <= maximumMillis else {
            throw InputError(file: file, field: "watermark_delay_ms", reason: "must be an integer from 0 to \(maximumMillis)")
        }
        let lateness = fields.allowed_lateness_ms?.value ?? 0
        guard lateness >= 0, lateness <= maximumMillis else {
            throw InputError(file: file, field: "allowed_lateness_ms", reason: "must be an integer from 0 to \(maximumMillis)")
        }
        let modeName = fields.output_mode ?? "append"
        guard let mode = OutputMode(rawValue: modeName) else {
            throw InputError(file: file, field: "output_mode", reason: "must be \"append\", \"update\" or \"complete\", not \"\(modeName)\"")
        }
        return ReplayQuery(window: window, watermarkDelayMillis: fields.watermark_delay_ms.value, outputMode: mode, allowedLatenessMillis: lateness)
    }

    private static func parseWindow(_ fields: WindowFields, file: String) throws(InputError) -> WindowSpec {
        func positive(_ number: WholeNumber?, _ name: String) throws(InputError) -> Duration {
            guard let value = number?.value else { throw InputError(file: file, field: "window.\(name)", reason: "missing (required for a \(fields.type) window)") }
            guard value > 0 else { throw InputError(file: file, field: "window.\(name)", reason: "must be an integer > 0") }
            guard value <= maximumMillis else { throw InputError(file: file, field: "window.\(name)", reason: "must be at most \(maximumMillis)") }
            return .millis(value)
        }
        switch fields.type {
        case "tumbling": return .tumbling(size: try positive(fields.size_ms, "size_ms"))
        case "sliding" where fields.time_difference_ms != nil:
            // Kafka Streams' record-defined sliding windows; the grace is watermark_delay_ms.
            guard fields.size_ms == nil && fields.slide_ms == nil else {
                throw InputError(file: file, field: "window.time_difference_ms", reason: "cannot be combined with size_ms or slide_ms")
            }
            return .kafkaSliding(timeDifference: try positive(fields.time_difference_ms, "time_difference_ms"))
        case "sliding": return .sliding(size: try positive(fields.size_ms, "size_ms"), slide: try positive(fields.slide_ms, "slide_ms"))
        case "session": return .session(gap: try positive(fields.gap_ms, "gap_ms"))
        case "none": return .unwindowed
        default:
            throw InputError(file: file, field: "window.type", reason: "must be \"tumbling\", \"sliding\", \"session\" or \"none\", not \"\(fields.type)\"")
        }
    }
}
