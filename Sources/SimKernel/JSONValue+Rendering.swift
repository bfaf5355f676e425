/// Writing a `JSONValue`: two-space indentation, object members in their
/// given order, strings escaped by `JSONText`, numbers by `FixedDecimal`, so
/// the same value always gives the same bytes (grader results.json files are
/// compared byte for byte with committed samples).
extension JSONValue {
    /// A whole number (counts, versions, ids) as a JSON number; it renders
    /// without a fraction.
    public static func integer(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// Two-space indented JSON with a trailing newline.
    public func rendered() -> String { render(indent: 0) + "\n" }

    private func render(indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1), closing = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): return JSONText.quoted(text)
        case .number(let value): return Self.numberText(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + closing + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { pad + JSONText.quoted($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n")
                + "\n" + closing + "}"
        }
    }

    /// Whole numbers without a fraction, others with four decimals. JSON has
    /// no NaN or infinity; they are written as null rather than as invalid JSON.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return FixedDecimal.format(value, places: 4)
    }
}
