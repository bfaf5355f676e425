/// Exercise 09: configure a pipeline for exactly-once (lesson 07). The answer
/// is a `key = value` file; each check is one rule of DESIGN.md's Kafka and
/// Flink sections, and its message names the guarantee the wrong value gives.
///
/// The visible checks are here; the hidden ones are data in the exercise's
/// `grading/rules.json` (instructor-only, left out of the hand-out).
enum ExactlyOnceConfigGrader {
    /// One hidden rule: the key's value must be one of `oneOf`, or a number
    /// in (`above`, `atMost`].
    struct Rule {
        var name: String
        var key: String
        var oneOf: [String]
        var above: Double?
        var atMost: Double?
        var message: String

        func accepts(_ value: String) -> Bool {
            if !oneOf.isEmpty { return oneOf.contains(value) }
            guard let number = Double(value), number.isFinite else { return false }
            return (above.map { number > $0 } ?? true) && (atMost.map { number <= $0 } ?? true)
        }
    }

    static func grade(_ text: String, _ exercise: ExerciseDefinition) throws -> [TestOutcome] {
        grade(text, exercise.id, hiddenRules: try hiddenRules(exercise))
    }

    /// `grading/rules.json`; empty in a hand-out copy.
    static func hiddenRules(_ exercise: ExerciseDefinition) throws -> [Rule] {
        guard let path = GradingData.instructorFile("rules.json", of: exercise) else { return [] }
        let file = try GradingData.object(at: path)
        try file.rejectUnknown(["about", "rules"])
        return try file.objects("rules").map { entry in
            try entry.rejectUnknown(["name", "key", "oneOf", "above", "atMost", "message", "visibility"])
            _ = try GradingData.visibility(of: entry, expected: .hidden)
            let oneOf = entry.value("oneOf") == nil ? [] : try entry.strings("oneOf").map { $0.lowercased() }
            func bound(_ name: String) throws -> Double? {
                guard let raw = entry.value(name) else { return nil }
                guard case .number(let number) = raw, number.isFinite else { throw entry.failure(name, "must be a number") }
                return number
            }
            let rule = Rule(name: try entry.string("name"), key: try entry.string("key").lowercased(), oneOf: oneOf,
                            above: try bound("above"), atMost: try bound("atMost"), message: try entry.string("message"))
            guard rule.oneOf.isEmpty != (rule.above == nil && rule.atMost == nil) else {
                throw entry.failure("oneOf", "give either oneOf or above/atMost")
            }
            return rule
        }
    }

    static func grade(_ text: String, _ taskId: Int, hiddenRules: [Rule]) -> [TestOutcome] {
        let answers = KeyValueAnswers(text)
        func value(_ key: String) -> String { (answers[key] ?? "").lowercased() }
        let commit = value("source.offsets.commit")
        let sink = value("sink.kind")
        var checks: [AnswerCheck] = []
        // Kafka: commit-then-process is at-most-once; process-then-commit is at-least-once;
        // exactly-once writes the offsets in the same transaction as the output (KIP-98).
        checks.append(AnswerCheck(name: "offsets are committed with the output", visibility: .visible, problem: {
            switch commit {
            case "with-output-transaction": return nil
            case "before-processing": return "at-most-once: committing the offset before processing loses the records in flight at a crash"
            case "after-processing": return "at-least-once: committing after processing replays the records processed since the last commit"
            default: return "source.offsets.commit must be before-processing, after-processing or with-output-transaction (got '\(commit)')"
            }
        }()))
        checks.append(AnswerCheck(name: "sink takes part in the transaction", visibility: .visible, problem: {
            switch sink {
            case "two-phase-commit": return nil
            case "append": return "an append sink writes replayed records twice: duplicates after every recovery"
            case "upsert": return "an upsert sink is idempotent only for deterministic keys; with a transactional source use two-phase-commit so offsets and output commit together"
            default: return "sink.kind must be append, upsert or two-phase-commit (got '\(sink)')"
            }
        }()))
        checks.append(AnswerCheck(name: "consumers read committed data only", visibility: .visible, problem:
            value("consumer.isolation.level") == "read_committed" ? nil
            : "read_uncommitted: downstream consumers see output of transactions that a crash later aborts"))
        for rule in hiddenRules {
            checks.append(AnswerCheck(name: rule.name, visibility: .hidden, problem: rule.accepts(value(rule.key)) ? nil : rule.message))
        }
        return AnswerCheck.outcomes(checks, taskId: taskId)
    }
}
