import Foundation
import SimKernel

/// In-process graders for exercises whose answer is a text file rather than
/// code. Each returns one outcome per check, visible checks first.
///
/// A grader gets the whole exercise, not just its id, because its data lives
/// in the exercise folder (`GradingData`): what a hidden check expects must
/// not be compiled into `Sources/`, which students receive.
public enum AnswerGraders {
    public typealias Grade = @Sendable (_ text: String, _ exercise: ExerciseDefinition) throws -> [TestOutcome]

    public static func grader(for slug: String) -> Grade? {
        switch slug {
        case "classify-operations": return ClassificationGrader.grade
        case "exactly-once-pipeline": return ExactlyOnceConfigGrader.grade
        case "latency-and-completeness": return LabSettingsGrader.grade
        case "choose-a-system": return SystemChoiceGrader.grade
        case "cep-pattern": return PatternGrader.grade
        default: return nil
        }
    }
}

/// Where an answer exercise keeps the data of its checks, and the rule that
/// keeps hidden data out of the students' copy.
///
/// Visible checks may read files next to the exercise (they ship: a student
/// sees those messages anyway). Hidden checks read `grading/`, the folder
/// `streamlab exercises handout` leaves out. When `grading/` is absent the
/// copy is a hand-out and the grader grades the visible checks only; when it
/// is present, a missing or malformed file in it is an `InputError`, because
/// the instructor's copy is broken and a grade without its hidden checks would
/// be silently wrong.
enum GradingData {
    /// The instructor-only folder's path for `file`, or nil in a hand-out copy.
    static func instructorFile(_ file: String, of exercise: ExerciseDefinition) -> String? {
        var isDirectory: ObjCBool = false
        let folder = exercise.directory + "/grading"
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return folder + "/" + file
    }

    /// Reads a JSON file whose top level is an object.
    static func object(at path: String) throws -> JSONFields {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError(file: path, field: "", reason: "missing or unreadable (the grader needs it)")
        }
        return try JSONFields(try JSONValue.parse(text, file: path), file: path, path: "")
    }

    /// Checks that an entry's `visibility` field matches the file it is in:
    /// a hidden entry outside `grading/` would ship to students, and a visible
    /// entry inside it would be a check a hand-out copy cannot run.
    static func visibility(of entry: JSONFields, expected: TestVisibility) throws -> TestVisibility {
        let text = try entry.string("visibility")
        guard let visibility = TestVisibility(rawValue: text) else {
            throw entry.failure("visibility", "must be visible or hidden (got '\(text)')")
        }
        guard visibility == expected else {
            let reason = expected == .visible
                ? "is hidden, but this file ships to students; hidden entries belong in grading/"
                : "is visible, but grading/ is left out of the hand-out; visible entries belong next to the exercise"
            throw entry.failure("visibility", reason)
        }
        return visibility
    }
}

/// A JSON object being read, with the dotted path of each field so every
/// error names the file, the field and the reason.
struct JSONFields {
    var file: String
    var path: String
    var members: [(String, JSONValue)]

    init(_ value: JSONValue, file: String, path: String) throws {
        self.file = file
        self.path = path
        guard case .object(let members) = value else {
            throw InputError(file: file, field: path.isEmpty ? "(root)" : path, reason: "must be a JSON object (got \(value.typeName))")
        }
        self.members = members
        var seen: Set<String> = []
        for (name, _) in members where !seen.insert(name).inserted {
            throw failure(name, "appears twice")
        }
    }

    func fieldPath(_ name: String) -> String { path.isEmpty ? name : path + "." + name }

    func failure(_ name: String, _ reason: String) -> InputError {
        InputError(file: file, field: fieldPath(name), reason: reason)
    }

    func rejectUnknown(_ known: [String]) throws {
        for (name, _) in members where !known.contains(name) {
            throw failure(name, "unknown field (known: \(known.joined(separator: ", ")))")
        }
    }

    func value(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }

    func string(_ name: String) throws -> String {
        guard case .string(let text)? = value(name), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw failure(name, value(name) == nil ? "is required" : "must be a non-empty string")
        }
        return text
    }

    func strings(_ name: String) throws -> [String] {
        guard case .array(let items)? = value(name), !items.isEmpty else {
            throw failure(name, value(name) == nil ? "is required" : "must be a non-empty array of strings")
        }
        return try items.enumerated().map { index, item in
            guard case .string(let text) = item, !text.isEmpty else { throw failure("\(name)[\(index)]", "must be a non-empty string") }
            return text
        }
    }

    func objects(_ name: String, allowEmpty: Bool = false) throws -> [JSONFields] {
        guard case .array(let items)? = value(name), allowEmpty || !items.isEmpty else {
            throw failure(name, value(name) == nil ? "is required" : "must be a non-empty array of objects")
        }
        return try items.enumerated().map { index, item in try JSONFields(item, file: file, path: fieldPath("\(name)[\(index)]")) }
    }

    /// An optional object of string values, in file order; absent is empty.
    func stringMap(_ name: String) throws -> [(String, String)] {
        guard let raw = value(name) else { return [] }
        let object = try JSONFields(raw, file: file, path: fieldPath(name))
        return try object.members.map { key, _ in (key, try object.string(key)) }
    }

    func integer(_ name: String, in range: ClosedRange<Double>) throws -> Int64 {
        guard case .number(let number)? = value(name), number == number.rounded(), range.contains(number) else {
            throw failure(name, value(name) == nil ? "is required" : "must be a whole number in [\(Int64(range.lowerBound)), \(Int64(range.upperBound))]")
        }
        return Int64(number)
    }
}

/// `key = value` lines; `#` starts a comment. Later keys win. Keys lowercased.
struct KeyValueAnswers {
    var values: [String: String] = [:]

    init(_ text: String) {
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { continue }
            values[parts[0].lowercased()] = parts[1]
        }
    }

    subscript(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }
}

/// Builds outcomes for answer graders: nil message = pass.
struct AnswerCheck {
    var name: String
    var visibility: TestVisibility
    var problem: String?

    static func outcomes(_ checks: [AnswerCheck], taskId: Int) -> [TestOutcome] {
        let ordered = checks.filter { $0.visibility == .visible } + checks.filter { $0.visibility == .hidden }
        return ordered.map {
            TestOutcome(name: $0.name, visibility: $0.visibility, status: $0.problem == nil ? .pass : .fail,
                        message: $0.problem ?? "", testCode: "answer check: \($0.name)", taskId: taskId)
        }
    }
}
