import SimKernel

/// A pattern file: the pattern, its watermark delay and a description.
///
/// ```json
/// {"description": "card testing: a charge under $2, then one over $200 within a minute",
///  "pattern": [{"name": "small", "where": {"value_below": 2}},
///              {"name": "large", "contiguity": "followed_by", "where": {"value_above": 200}}],
///  "within_ms": 60000, "watermark_delay_ms": 1000}
/// ```
///
/// Stage fields: `name` (unique), `contiguity` (`next` or `followed_by`;
/// required on every stage but the first, which is `begin`), `where` (an
/// object of `kind`, `key`, `value_above`, `value_at_least`, `value_below`,
/// `value_at_most`, all of which must hold; absent: every event), `times`
/// (N of A, default 1) and `consecutive` (strict contiguity between the
/// `times` events). Top level: `pattern`, `within_ms` (optional),
/// `watermark_delay_ms` (default 0) and `description` (optional). Unknown
/// fields are errors, so a misspelled condition never matches silently.
public struct PatternFile: Equatable, Sendable {
    public var pattern: EventPattern
    public var watermarkDelayMillis: Int64
    public var description: String?

    /// About 31 years, as the replay query's limit: larger spans overflow the µs clock.
    static let maximumMillis: Int64 = 1_000_000_000_000
    static let maximumTimes = 1_000
    static let maximumStages = 100

    public static func parse(_ text: String, file: String) throws(InputError) -> PatternFile {
        let top = try Fields(try JSONValue.parse(text, file: file), file: file, path: "")
        try top.only(["pattern", "within_ms", "watermark_delay_ms", "description"])
        guard let stagesValue = top.value("pattern") else { throw top.fail("pattern", "is required") }
        guard case .array(let items) = stagesValue, !items.isEmpty, items.count <= maximumStages else {
            throw top.fail("pattern", "must be an array of 1 to \(maximumStages) stages")
        }
        var stages: [EventPattern.Stage] = []
        for (index, item) in items.enumerated() {
            let stage = try parseStage(Fields(item, file: file, path: "pattern[\(index)]"), isFirst: index == 0)
            if stages.contains(where: { $0.name == stage.name }) {
                throw InputError(file: file, field: "pattern[\(index)].name", reason: "\"\(stage.name)\" is used by an earlier stage")
            }
            stages.append(stage)
        }
        let window = try top.millis("within_ms", minimum: 1)
        let delay = try top.millis("watermark_delay_ms", minimum: 0) ?? 0
        return PatternFile(pattern: EventPattern(stages: stages, window: window.map { .millis($0) }),
                           watermarkDelayMillis: delay, description: try top.string("description"))
    }

    private static func parseStage(_ fields: Fields, isFirst: Bool) throws(InputError) -> EventPattern.Stage {
        try fields.only(["name", "contiguity", "where", "times", "consecutive"])
        guard let name = try fields.string("name"), !name.isEmpty else { throw fields.fail("name", "is required (a non-empty string)") }
        var contiguity = EventPattern.Contiguity.relaxed
        if isFirst {
            if fields.value("contiguity") != nil { throw fields.fail("contiguity", "not allowed on the first stage (it is begin)") }
        } else {
            guard let text = try fields.string("contiguity") else { throw fields.fail("contiguity", "is required: \"next\" or \"followed_by\"") }
            guard let parsed = EventPattern.Contiguity(rawValue: text) else {
                throw fields.fail("contiguity", "must be \"next\" or \"followed_by\", not \"\(text)\"")
            }
            contiguity = parsed
        }
        let times = try fields.integer("times", minimum: 1, maximum: Int64(maximumTimes)) ?? 1
        let consecutive = try fields.bool("consecutive") ?? false
        if consecutive && times < 2 { throw fields.fail("consecutive", "needs times of at least 2") }
        let condition = try fields.value("where").map { value throws(InputError) in
            try parseCondition(Fields(value, file: fields.file, path: fields.fieldPath("where")))
        } ?? EventCondition()
        return EventPattern.Stage(name: name, condition: condition, times: Int(times), contiguity: contiguity, consecutive: consecutive)
    }

    private static func parseCondition(_ fields: Fields) throws(InputError) -> EventCondition {
        try fields.only(["kind", "key", "value_above", "value_at_least", "value_below", "value_at_most"])
        return EventCondition(
            kind: try fields.string("kind"), key: try fields.string("key"),
            valueAbove: try fields.number("value_above"), valueAtLeast: try fields.number("value_at_least"),
            valueBelow: try fields.number("value_below"), valueAtMost: try fields.number("value_at_most"))
    }
}

/// Strict access to one object of a pattern file, naming dotted paths in errors.
private struct Fields {
    let file: String
    let path: String
    let members: [(String, JSONValue)]

    init(_ value: JSONValue, file: String, path: String) throws(InputError) {
        guard case .object(let members) = value else {
            throw InputError(file: file, field: path.isEmpty ? "(top level)" : path, reason: "must be an object, got \(value.typeName)")
        }
        self.file = file
        self.path = path
        self.members = members
    }

    func fieldPath(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func fail(_ name: String, _ reason: String) -> InputError { InputError(file: file, field: fieldPath(name), reason: reason) }

    func only(_ known: [String]) throws(InputError) {
        for (name, _) in members where !known.contains(name) {
            throw fail(name, "unknown field (known: \(known.joined(separator: ", ")))")
        }
    }

    func value(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }

    func string(_ name: String) throws(InputError) -> String? {
        guard let value = value(name) else { return nil }
        guard case .string(let text) = value else { throw fail(name, "must be a string, got \(value.typeName)") }
        return text
    }

    func bool(_ name: String) throws(InputError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard case .bool(let flag) = value else { throw fail(name, "must be true or false, got \(value.typeName)") }
        return flag
    }

    func number(_ name: String) throws(InputError) -> Double? {
        guard let value = value(name) else { return nil }
        guard case .number(let number) = value, number.isFinite else { throw fail(name, "must be a number, got \(value.typeName)") }
        return number
    }

    func integer(_ name: String, minimum: Int64, maximum: Int64) throws(InputError) -> Int64? {
        guard let number = try number(name) else { return nil }
        guard number == number.rounded(), number >= Double(minimum), number <= Double(maximum) else {
            throw fail(name, "must be an integer from \(minimum) to \(maximum)")
        }
        return Int64(number)
    }

    func millis(_ name: String, minimum: Int64) throws(InputError) -> Int64? {
        try integer(name, minimum: minimum, maximum: PatternFile.maximumMillis)
    }
}
