import SimKernel
import Workloads

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
        let top = try FieldReader(try JSONValue.parse(text, file: file), file: file, path: "")
        try top.only(["pattern", "within_ms", "watermark_delay_ms", "description"])
        guard let stagesValue = top.value("pattern") else { throw top.fail("pattern", "is required") }
        guard case .array(let items) = stagesValue, !items.isEmpty, items.count <= maximumStages else {
            throw top.fail("pattern", "must be an array of 1 to \(maximumStages) stages")
        }
        var stages: [EventPattern.Stage] = []
        for (index, item) in items.enumerated() {
            let stage = try parseStage(FieldReader(item, file: file, path: "pattern[\(index)]"), isFirst: index == 0)
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

    private static func parseStage(_ fields: FieldReader, isFirst: Bool) throws(InputError) -> EventPattern.Stage {
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
        let times = try fields.integer("times", in: 1...Int64(maximumTimes)) ?? 1
        let consecutive = try fields.bool("consecutive") ?? false
        if consecutive && times < 2 { throw fields.fail("consecutive", "needs times of at least 2") }
        let condition = try fields.value("where").map { value throws(InputError) in
            try parseCondition(FieldReader(value, file: fields.file, path: fields.fieldPath("where")))
        } ?? EventCondition()
        return EventPattern.Stage(name: name, condition: condition, times: Int(times), contiguity: contiguity, consecutive: consecutive)
    }

    private static func parseCondition(_ fields: FieldReader) throws(InputError) -> EventCondition {
        try fields.only(["kind", "key", "value_above", "value_at_least", "value_below", "value_at_most"])
        return EventCondition(
            kind: try fields.string("kind"), key: try fields.string("key"),
            valueAbove: try fields.double("value_above"), valueAtLeast: try fields.double("value_at_least"),
            valueBelow: try fields.double("value_below"), valueAtMost: try fields.double("value_at_most"))
    }
}

extension FieldReader {
    /// An optional whole number in `range` (absent: nil).
    fileprivate func integer(_ name: String, in range: ClosedRange<Int64>) throws(InputError) -> Int64? {
        guard has(name) else { return nil }
        return Int64(try integer(name, in: Int(range.lowerBound)...Int(range.upperBound)))
    }

    fileprivate func millis(_ name: String, minimum: Int64) throws(InputError) -> Int64? {
        try integer(name, in: minimum...PatternFile.maximumMillis)
    }
}
