import Dataflow
import Engines
import Foundation
import SimKernel

/// Exercise 13: write a fraud pattern with the lab's CEP (lesson 11). The
/// answer is a pattern file (`PatternFile`, the format of
/// `Datasets/patterns/`); each check runs it with the lab's Flink-CEP
/// operator (`ReplayPattern`, as `streamlab replay --query` does) over a short
/// payment stream and compares the output lines (matches, then late events)
/// with the expected ones.
///
/// The data lives in the exercise folder, not here, so the answer is not
/// compiled into `Sources/`: `checks.json` (visible, ships to students) and
/// `grading/checks.json` (hidden, left out of the hand-out). Each check lists
/// the outputs that catalogued wrong answers give on its stream with the
/// message naming the mistake; those outputs were produced by running the
/// lab on each mutant, so the feedback is the lab's own answer.
enum PatternGrader {
    struct Mistake {
        var lines: [String]
        var message: String
    }

    struct Check {
        var name: String
        var visibility: TestVisibility
        var events: [String]
        var expected: [String]
        var mistakes: [Mistake]
    }

    static let dataFile = "checks.json"

    static func grade(_ text: String, _ exercise: ExerciseDefinition) throws -> [TestOutcome] {
        let checks = try load(exercise)
        let problems: [String?]
        do {
            let file = try PatternFile.parse(text, file: exercise.studentFile)
            problems = try checks.map { try problem(of: file, in: $0) }
        } catch let error as InputError {
            problems = checks.map { _ in "the pattern file does not parse: \(error.field): \(error.reason)" }
        }
        let answers = zip(checks, problems).map { AnswerCheck(name: $0.name, visibility: $0.visibility, problem: $1) }
        return AnswerCheck.outcomes(answers, taskId: exercise.id)
    }

    /// nil when the pattern gives the expected lines on the check's stream.
    static func problem(of file: PatternFile, in check: Check) throws -> String? {
        let events = try ReplayEvents.parse(Data((check.events.joined(separator: "\n") + "\n").utf8), file: "\(dataFile): \(check.name)")
        let lines = ReplayPattern.run(file, events: events)
        if lines == check.expected { return nil }
        let shown = "got \(summary(lines)), expected \(summary(check.expected))"
        if let mistake = check.mistakes.first(where: { $0.lines == lines }) { return "\(mistake.message); \(shown)" }
        return "wrong matches: \(shown)"
    }

    /// "2 matches (ids 0,1,2,5 | 3,4,6,7), 1 late" from the output lines.
    static func summary(_ lines: [String]) -> String {
        let matches = lines.filter { $0.contains("\"match\"") }
        let late = lines.count - matches.count
        let ids = matches.map { line in
            line.components(separatedBy: "\"id\":").dropFirst().compactMap { $0.split(separator: ",").first }.joined(separator: ",")
        }
        let listed = ids.isEmpty ? "" : " (ids " + ids.joined(separator: " | ") + ")"
        return "\(matches.count) match\(matches.count == 1 ? "" : "es")\(listed)" + (late > 0 ? ", \(late) late" : "")
    }
}

extension PatternGrader {
    /// The visible checks next to the exercise, plus the hidden ones from
    /// `grading/` when the folder is there (see `GradingData`).
    static func load(_ exercise: ExerciseDefinition) throws -> [Check] {
        let visible = try GradingData.object(at: exercise.directory + "/" + dataFile)
        try visible.rejectUnknown(["about", "checks"])
        var checks = try visible.objects("checks").map { try parseCheck($0, .visible) }
        if let hiddenPath = GradingData.instructorFile(dataFile, of: exercise) {
            let hidden = try GradingData.object(at: hiddenPath)
            try hidden.rejectUnknown(["about", "checks"])
            checks += try hidden.objects("checks").map { try parseCheck($0, .hidden) }
        }
        return checks
    }

    static func parseCheck(_ entry: JSONFields, _ expected: TestVisibility) throws -> Check {
        try entry.rejectUnknown(["name", "visibility", "events", "expected", "mistakes"])
        let visibility = try GradingData.visibility(of: entry, expected: expected)
        let expectedLines = try lines(entry, "expected")
        let mistakes = try entry.objects("mistakes", allowEmpty: true).map { mistake in
            try mistake.rejectUnknown(["mutant", "lines", "message"])
            return Mistake(lines: try lines(mistake, "lines"), message: try mistake.string("message"))
        }
        return Check(name: try entry.string("name"), visibility: visibility, events: try entry.strings("events"),
                     expected: expectedLines, mistakes: mistakes)
    }

    /// An array of output lines, which may be empty (a pattern that matches nothing).
    static func lines(_ entry: JSONFields, _ name: String) throws -> [String] {
        guard case .array(let items)? = entry.value(name) else { throw entry.failure(name, "is required (an array of output lines)") }
        return try items.enumerated().map { index, item in
            guard case .string(let text) = item else { throw entry.failure("\(name)[\(index)]", "must be a string") }
            return text
        }
    }
}
