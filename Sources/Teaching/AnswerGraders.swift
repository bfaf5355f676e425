/// In-process graders for exercises whose answer is a text file rather than
/// code. Each returns one outcome per check, visible checks first.
public enum AnswerGraders {
    public typealias Grade = @Sendable (_ text: String, _ taskId: Int) -> [TestOutcome]

    public static func grader(for slug: String) -> Grade? {
        switch slug {
        case "classify-operations": return ClassificationGrader.grade
        case "exactly-once-pipeline": return ExactlyOnceConfigGrader.grade
        case "latency-and-completeness": return LabSettingsGrader.grade
        default: return nil
        }
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
