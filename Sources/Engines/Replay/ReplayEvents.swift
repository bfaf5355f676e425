import Foundation
import SimKernel
import Workloads

/// The events of the replay interface: `E.jsonl`, one
/// `{"key":"a","ts_ms":1000,"value":3,"batch":0}` per line, in arrival order.
///
/// String keys are interned to `Int32` in order of first appearance (the
/// engines never touch a String); `keyNames` maps them back for output. An
/// optional `"kind"` string (for pattern conditions) is interned the same
/// way into `kindNames`; an event without one has the kind `""`.
public struct ReplayEvents: Sendable {
    public var events: [Event]
    /// The `batch` field of each event (0 when absent), non-decreasing.
    public var batches: [Int]
    public var keyNames: [String]
    public var kindNames: [String] = []

    private struct Line: Decodable {
        var key: String
        var ts_ms: WholeNumber
        var value: Double
        var batch: Int?
        var kind: String?
    }

    /// Parses `E.jsonl`; blank lines are skipped. Errors name the line number.
    public static func parse(_ data: Data, file: String) throws(InputError) -> ReplayEvents {
        var result = ReplayEvents(events: [], batches: [], keyNames: [])
        var keyIndex: [String: Int32] = [:]
        var kindIndex: [String: UInt16] = [:]
        let decoder = JSONDecoder()
        var lineNumber = 0
        for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineBytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
            let line: Line
            do {
                line = try decoder.decode(Line.self, from: Data(lineBytes))
            } catch {
                throw ReplayJSON.inputError(error, file: file).nested(under: "line \(lineNumber)")
            }
            guard line.value.isFinite else {
                throw InputError(file: file, field: "line \(lineNumber).value", reason: "must be a finite number")
            }
            guard line.ts_ms.value > Int64.min / 1_000, line.ts_ms.value < Int64.max / 1_000 else {
                throw InputError(file: file, field: "line \(lineNumber).ts_ms", reason: "out of range")
            }
            let batch = line.batch ?? 0
            if let previous = result.batches.last, batch < previous {
                throw InputError(file: file, field: "line \(lineNumber).batch", reason: "must be non-decreasing (\(batch) after \(previous))")
            }
            let key: Int32
            if let known = keyIndex[line.key] {
                key = known
            } else {
                key = Int32(result.keyNames.count)
                keyIndex[line.key] = key
                result.keyNames.append(line.key)
            }
            let kindName = line.kind ?? ""
            let kind: UInt16
            if let known = kindIndex[kindName] {
                kind = known
            } else {
                guard result.kindNames.count < Int(UInt16.max) else {
                    throw InputError(file: file, field: "line \(lineNumber).kind", reason: "too many distinct kinds")
                }
                kind = UInt16(result.kindNames.count)
                kindIndex[kindName] = kind
                result.kindNames.append(kindName)
            }
            let index = result.events.count
            // Arrival time = position in the file (1 µs apart): the replay has no
            // clock of its own, only an order.
            result.events.append(Event(id: UInt64(index), key: key, kind: kind, value: line.value,
                                       eventTime: .millis(line.ts_ms.value), arrivalTime: Instant(micros: Int64(index))))
            result.batches.append(batch)
        }
        return result
    }

    /// The number of records of each consecutive micro-batch.
    public var batchSizes: [Int] {
        var sizes: [Int] = []
        var last: Int?
        for batch in batches {
            if batch != last {
                sizes.append(0)
                last = batch
            }
            sizes[sizes.count - 1] += 1
        }
        return sizes
    }
}

/// An integer JSON field. Foundation reports `1.5` read as an `Int64` as
/// "not valid JSON" with no field path; this names the field instead.
struct WholeNumber: Decodable {
    var value: Int64

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int64.self) {
            value = integer
            return
        }
        _ = try container.decode(Double.self)  // a type mismatch with the path if not a number
        throw DecodingError.typeMismatch(Int64.self, .init(codingPath: decoder.codingPath, debugDescription: "not an integer"))
    }
}

/// JSON helpers shared by the replay parsers and writer.
public enum ReplayJSON {
    /// A decoding failure as a one-line `InputError` with a dotted field path.
    static func inputError(_ error: Error, file: String) -> InputError {
        guard let decoding = error as? DecodingError else {
            return InputError(file: file, field: "", reason: "not valid JSON")
        }
        func path(_ context: DecodingError.Context, _ last: CodingKey? = nil) -> String {
            (context.codingPath + (last.map { [$0] } ?? [])).map(\.stringValue).joined(separator: ".")
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            return InputError(file: file, field: path(context, key), reason: "missing")
        case .typeMismatch(let type, let context):
            return InputError(file: file, field: path(context), reason: "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return InputError(file: file, field: path(context), reason: "expected \(describe(type)), found null")
        case .dataCorrupted(let context):
            let field = path(context)
            return InputError(file: file, field: field, reason: field.isEmpty ? "not valid JSON" : "expected an integer")
        @unknown default:
            return InputError(file: file, field: "", reason: "not valid JSON")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int64.Type, is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        default: return "an object"
        }
    }

    /// A number as JSON: integers without a fraction (Spark's and Flink's
    /// `long` sums print that way), other values in Swift's shortest form.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }
}
