import SimKernel

/// Exercism's test-runner interface results.json
/// (exercism.org/docs/building/tooling/test-runners/interface), version 3:
/// `status` is `pass` (all passed), `fail` (some failed) or `error` (no test
/// ran, e.g. a compile error, with a top-level `message`); `tests[]` in the
/// test file's order, each with `name`, `status`, `message` (for fail/error),
/// `test_code` and, in version 3, `task_id`. Hidden checks publish a neutral
/// `test_code` (`hiddenTestCode`), never their source.
public enum ExercismResults {
    /// What a hidden check publishes as its `test_code`.
    public static let hiddenTestCode = "hidden check"

    public static func encode(_ report: GradeReport, version: Int = 3) -> JSONValue {
        precondition(version == 2 || version == 3)
        let outcomes = report.grades.flatMap { grade in grade.outcomes.map { (grade.exercise, $0) } }
        let errors = report.grades.compactMap(\.errorMessage)
        let status: String
        if !errors.isEmpty && report.grades.allSatisfy({ $0.errorMessage != nil }) {
            status = "error"
        } else {
            status = outcomes.allSatisfy({ $0.1.status == .pass }) ? "pass" : "fail"
        }
        var members: [(String, JSONValue)] = [("version", .integer(version)), ("status", .string(status))]
        if status == "error" { members.append(("message", .string(String(errors.joined(separator: "\n").prefix(65_535))))) }
        let tests: [JSONValue] = outcomes.map { exercise, outcome in
            var test: [(String, JSONValue)] = [
                ("name", .string("\(exercise.label): \(outcome.name)")),
                ("status", .string(outcome.status.rawValue)),
            ]
            if outcome.status != .pass { test.append(("message", .string(outcome.message))) }
            // Exercism requires test_code and shows it to the student; a hidden
            // check's code would give its input away, so it gets a neutral text.
            test.append(("test_code", .string(outcome.visibility == .hidden ? hiddenTestCode : outcome.testCode)))
            if version == 3 { test.append(("task_id", .integer(outcome.taskId))) }
            return .object(test)
        }
        members.append(("tests", .array(tests)))
        return .object(members)
    }

    /// Problems with a results.json against the interface; empty when valid.
    public static func validate(_ object: [String: Any]) -> [String] {
        var problems: [String] = []
        for key in object.keys.sorted() where !["version", "status", "message", "tests"].contains(key) { problems.append("unknown top-level key \(key)") }
        guard let version = object["version"] as? Int, [1, 2, 3].contains(version) else { return problems + ["version must be 1, 2 or 3"] }
        guard let status = object["status"] as? String, ["pass", "fail", "error"].contains(status) else { return problems + ["status must be pass, fail or error"] }
        if status == "error" && (object["message"] as? String ?? "").isEmpty { problems.append("status error needs a message") }
        if let message = object["message"] as? String, message.count > 65_535 { problems.append("message longer than 65535") }
        if version == 1 { return problems }
        guard let tests = object["tests"] as? [[String: Any]] else {
            return status == "error" ? problems : problems + ["tests is required when status is \(status)"]
        }
        for (index, test) in tests.enumerated() {
            let allowed: Set = ["name", "status", "message", "output", "test_code", "task_id"]
            for key in test.keys.sorted() where !allowed.contains(key) { problems.append("tests[\(index)]: unknown key \(key)") }
            if (test["name"] as? String ?? "").isEmpty { problems.append("tests[\(index)]: name is required") }
            guard let testStatus = test["status"] as? String, ["pass", "fail", "error"].contains(testStatus) else {
                problems.append("tests[\(index)]: status must be pass, fail or error"); continue
            }
            if testStatus != "pass" && (test["message"] as? String ?? "").isEmpty { problems.append("tests[\(index)]: \(testStatus) needs a message") }
            if test["test_code"] as? String == nil { problems.append("tests[\(index)]: test_code is required") }
            if let output = test["output"] as? String, output.count > 500 { problems.append("tests[\(index)]: output longer than 500") }
            if let task = test["task_id"] {
                if version < 3 { problems.append("tests[\(index)]: task_id needs version 3") }
                if !((task as? Int).map { $0 >= 1 } ?? false) { problems.append("tests[\(index)]: task_id must be an integer >= 1") }
            }
        }
        let statuses = tests.compactMap { $0["status"] as? String }
        if status == "pass" && statuses.contains(where: { $0 != "pass" }) { problems.append("status pass but a test did not pass") }
        if status == "fail" && !statuses.contains(where: { $0 != "pass" }) { problems.append("status fail but every test passed") }
        return problems
    }
}
