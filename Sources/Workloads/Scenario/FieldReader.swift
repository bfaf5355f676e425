import SimKernel

/// Strict access to one JSON object of a scenario file.
///
/// Every object declares the fields it knows up front (`only`), so a
/// misspelled field is an error naming its dotted path and the closest known
/// name, never a silently ignored setting. Range checks (negative rates,
/// probabilities above 1) report the same dotted path. Public: pattern files
/// (`Dataflow/CEP/PatternFile`) are read with the same rules and messages.
public struct FieldReader {
    public let file: String
    /// The dotted path of this object (empty at the top level).
    public let path: String
    let fields: [(String, JSONValue)]

    public init(_ value: JSONValue, file: String, path: String) throws(InputError) {
        guard case .object(let fields) = value else {
            throw InputError(file: file, field: path.isEmpty ? "(top level)" : path, reason: "must be an object, got \(value.typeName)")
        }
        self.file = file
        self.path = path
        self.fields = fields
    }

    public func fieldPath(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    public func fail(_ name: String, _ reason: String) -> InputError {
        InputError(file: file, field: fieldPath(name), reason: reason)
    }

    /// Rejects any field not in `known`, suggesting the closest known name.
    public func only(_ known: [String]) throws(InputError) {
        for (name, _) in fields where !known.contains(name) {
            let hint = FieldReader.closest(to: name, in: known).map { "; did you mean '\($0)'?" } ?? ""
            throw fail(name, "unknown field\(hint)")
        }
    }

    public func value(_ name: String) -> JSONValue? {
        fields.first { $0.0 == name }?.1
    }

    public func has(_ name: String) -> Bool { value(name) != nil }

    public func object(_ name: String) throws(InputError) -> FieldReader? {
        guard let value = value(name) else { return nil }
        return try FieldReader(value, file: file, path: fieldPath(name))
    }

    public func requiredObject(_ name: String) throws(InputError) -> FieldReader {
        guard let reader = try object(name) else { throw fail(name, "is required") }
        return reader
    }

    public func string(_ name: String) throws(InputError) -> String? {
        guard let value = value(name) else { return nil }
        guard case .string(let text) = value else { throw fail(name, "must be a string, got \(value.typeName)") }
        return text
    }

    public func requiredString(_ name: String) throws(InputError) -> String {
        guard let text = try string(name) else { throw fail(name, "is required") }
        return text
    }

    public func double(_ name: String) throws(InputError) -> Double? {
        guard let value = value(name) else { return nil }
        guard case .number(let number) = value else { throw fail(name, "must be a number, got \(value.typeName)") }
        return number
    }

    public func requiredDouble(_ name: String) throws(InputError) -> Double {
        guard let number = try double(name) else { throw fail(name, "is required") }
        return number
    }

    public func bool(_ name: String) throws(InputError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard case .bool(let flag) = value else { throw fail(name, "must be true or false, got \(value.typeName)") }
        return flag
    }

    /// A number that must be ≥ 0 (a rate, a count, a duration).
    func nonNegative(_ name: String, default fallback: Double? = nil) throws(InputError) -> Double {
        guard let number = try double(name) ?? fallback else { throw fail(name, "is required") }
        guard number >= 0 else { throw fail(name, "must not be negative, got \(FieldReader.format(number))") }
        return number
    }

    /// A number that must be > 0.
    func positive(_ name: String, default fallback: Double? = nil) throws(InputError) -> Double {
        let number = try nonNegative(name, default: fallback)
        guard number > 0 else { throw fail(name, "must be greater than 0, got 0") }
        return number
    }

    /// A probability in [0, 1].
    func probability(_ name: String, default fallback: Double? = nil) throws(InputError) -> Double {
        guard let number = try double(name) ?? fallback else { throw fail(name, "is required") }
        guard number >= 0, number <= 1 else {
            throw fail(name, "must be a probability between 0 and 1, got \(FieldReader.format(number))")
        }
        return number
    }

    /// A whole number in `range`.
    public func integer(_ name: String, default fallback: Int? = nil, in range: ClosedRange<Int>) throws(InputError) -> Int {
        guard let number = try double(name) ?? fallback.map(Double.init) else { throw fail(name, "is required") }
        guard number == number.rounded(), number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw fail(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(FieldReader.format(number))")
        }
        return Int(number)
    }

    /// A duration written as text (`"90m"`) or as a number of seconds.
    func duration(_ name: String) throws(InputError) -> Duration? {
        guard let value = value(name) else { return nil }
        switch value {
        case .number(let seconds):
            guard seconds >= 0 else { throw fail(name, "must not be negative, got \(FieldReader.format(seconds))") }
            return Duration.micros(roundingSeconds: seconds)
        case .string(let text):
            do { return try DurationText.parse(text) } catch { throw fail(name, error.reason) }
        default:
            throw fail(name, "must be a duration such as \"90m\", got \(value.typeName)")
        }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// The known name nearest to `name` by edit distance, if it is close
    /// enough to be a plausible misspelling.
    static func closest(to name: String, in known: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(2, name.count / 3) else { return nil }
        return best.name
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
