import Foundation
import SimKernel

/// Gradescope's autograder results.json ("Autograder Specifications",
/// gradescope-autograders.readthedocs.io/en/latest/specs/): top-level `score`,
/// `execution_time`, `output`, `visibility`, `stdout_visibility` and `tests[]`,
/// each test with `score`, `max_score`, `status`, `name`, `output` and
/// `visibility` (`hidden`, `after_due_date`, `after_published`, `visible`).
public enum GradescopeResults {
    public static let visibilities = ["hidden", "after_due_date", "after_published", "visible"]

    /// `hiddenVisibility` is what a hidden check becomes on Gradescope
    /// (default `after_published`: students see it once grades are published).
    public static func encode(_ report: GradeReport, hiddenVisibility: String = "after_published") -> JSONValue {
        precondition(visibilities.contains(hiddenVisibility))
        var tests: [JSONValue] = []
        var total = 0.0
        for grade in report.grades {
            for outcome in grade.outcomes {
                let score = outcome.status == .pass ? 1.0 : 0.0
                total += score
                tests.append(.object([
                    ("name", .string("\(grade.exercise.label): \(outcome.name)")),
                    ("number", .string("\(grade.exercise.id).\(tests.count + 1)")),
                    ("score", .number(score)),
                    ("max_score", .number(1)),
                    ("status", .string(outcome.status == .pass ? "passed" : "failed")),
                    ("visibility", .string(outcome.visibility == .visible ? "visible" : hiddenVisibility)),
                    ("output", .string(outcome.status == .pass ? "passed" : outcome.message)),
                    ("tags", .array([.string("lesson-\(grade.exercise.lesson)"), .string(grade.exercise.slug)])),
                ]))
            }
        }
        var members: [(String, JSONValue)] = [("score", .number(total))]
        if let seconds = report.executionSeconds { members.append(("execution_time", .integer(Int(seconds.rounded(.up))))) }
        members += [
            ("output", .string(summary(report))),
            ("output_format", .string("text")),
            ("visibility", .string("visible")),
            ("stdout_visibility", .string("hidden")),
            ("tests", .array(tests)),
        ]
        return .object(members)
    }

    static func summary(_ report: GradeReport) -> String {
        var lines = report.grades.map { grade in
            if let graderError = grade.graderError { return "\(grade.exercise.label): \(graderError)" }
            var line = "\(grade.exercise.label): \(grade.passedCount)/\(grade.outcomes.count) checks passed"
            if let error = grade.errorMessage { line += "\n" + error }
            return line
        }
        if let budget = report.budgetSeconds { lines.append("time budget: \(SwiftExerciseRunner.seconds(budget)) of wall time for each exercise's checks") }
        if let isolation = report.isolation { lines.append(isolation) }
        return lines.joined(separator: "\n")
    }

    /// Problems with a results.json against the specification; empty when valid.
    public static func validate(_ object: [String: Any]) -> [String] {
        var problems: [String] = []
        let topLevel: Set = ["score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
                             "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"]
        for key in object.keys.sorted() where !topLevel.contains(key) { problems.append("unknown top-level key \(key)") }
        let tests = object["tests"] as? [[String: Any]]
        if object["score"] == nil && tests == nil { problems.append("needs score or tests") }
        if object["score"] != nil && !isJSONNumber(object["score"]) { problems.append("score is not a number") }
        if object["execution_time"] != nil && !isJSONNumber(object["execution_time"]) { problems.append("execution_time is not a number") }
        for key in ["visibility", "stdout_visibility"] {
            if let value = object[key] as? String, !visibilities.contains(value) { problems.append("\(key) '\(value)' is not a visibility") }
        }
        for key in ["output_format", "test_output_format"] {
            if let value = object[key] as? String, !["text", "html", "simple_format", "md", "ansi"].contains(value) { problems.append("\(key) '\(value)' is not a format") }
        }
        let testKeys: Set = ["score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags", "visibility", "extra_data"]
        for (index, test) in (tests ?? []).enumerated() {
            for key in test.keys.sorted() where !testKeys.contains(key) { problems.append("tests[\(index)]: unknown key \(key)") }
            if test["score"] == nil && test["status"] == nil { problems.append("tests[\(index)]: needs score or status") }
            for key in ["score", "max_score"] where test[key] != nil && !isJSONNumber(test[key]) { problems.append("tests[\(index)]: \(key) is not a number") }
            if let status = test["status"] as? String, !["passed", "failed"].contains(status) { problems.append("tests[\(index)]: status '\(status)'") }
            if let visibility = test["visibility"] as? String, !visibilities.contains(visibility) { problems.append("tests[\(index)]: visibility '\(visibility)'") }
            for key in ["name", "output", "number"] where test[key] != nil && !(test[key] is String) { problems.append("tests[\(index)]: \(key) is not a string") }
            if let tags = test["tags"], !(tags is [String]) { problems.append("tests[\(index)]: tags is not an array of strings") }
        }
        return problems
    }
}

/// Numbers as JSONSerialization returns them (NSNumber, not Bool).
func isJSONNumber(_ value: Any?) -> Bool {
    value is NSNumber || value is Int || value is Double
}
