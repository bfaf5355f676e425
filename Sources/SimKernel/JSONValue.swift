/// A JSON value, read (scenario and query files) and written (grader
/// results) by the same type. Objects keep their fields in order, so that
/// everything derived from a scenario file (source order, kind indices) is
/// deterministic and a written results.json is byte-stable (DESIGN.md: no
/// output that depends on Dictionary iteration order). Foundation's
/// JSONSerialization returns unordered dictionaries and cannot tell `1` from
/// `true` on Linux, hence this small strict type (RFC 8259; no comments, no
/// trailing commas). Pure text, no I/O, like `JSONText`.
public indirect enum JSONValue: Equatable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}
