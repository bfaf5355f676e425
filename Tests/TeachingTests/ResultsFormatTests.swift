import Foundation
import Testing
import SimKernel
@testable import Teaching

/// The sample results.json files in Exercises/samples come from grading a
/// real submission (exercise 02's end-inclusive mistake and exercise 01's
/// reference answers); they must validate and stay byte-identical.
@Suite struct ResultsFormatTests {
    static func sampleReport() throws -> GradeReport {
        let submission = try TestPaths.temporaryDirectory()
        try FileManager.default.copyItem(atPath: TestPaths.exercises + "/02-window-assigner/mutants/end-inclusive.swift", toPath: submission + "/WindowAssigner.swift")
        try FileManager.default.copyItem(atPath: TestPaths.exercises + "/01-classify-operations/reference/classification.txt", toPath: submission + "/classification.txt")
        let grader = Grader(catalog: try ExerciseCatalog(root: TestPaths.exercises))
        return GradeReport(grades: try grader.gradeSubmission(directory: submission, exercise: nil), executionSeconds: nil, budgetSeconds: 20)
    }

    static func parse(_ json: JSONValue) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(json.rendered().utf8)) as! [String: Any]
    }

    @Test func gradedSubmissionGivesValidGradescopeAndExercismResultsMatchingTheSamples() throws {
        let report = try Self.sampleReport()
        let gradescope = GradescopeResults.encode(report)
        let exercism = ExercismResults.encode(report, version: 3)
        #expect(GradescopeResults.validate(try Self.parse(gradescope)) == [])
        #expect(ExercismResults.validate(try Self.parse(exercism)) == [])
        let gradescopeSample = try String(contentsOfFile: TestPaths.exercises + "/samples/gradescope-results.json", encoding: .utf8)
        let exercismSample = try String(contentsOfFile: TestPaths.exercises + "/samples/exercism-results.json", encoding: .utf8)
        #expect(gradescope.rendered() == gradescopeSample)
        #expect(exercism.rendered() == exercismSample)
        let parsed = try Self.parse(gradescope)
        #expect(parsed["score"] as? Double == 30)
        let tests = parsed["tests"] as! [[String: Any]]
        #expect(tests.count == 32)
        #expect(tests.contains { ($0["visibility"] as? String) == "after_published" })
    }

    @Test func gradescopeValidatorRejectsWhatTheSpecificationForbids() throws {
        let bad: [String: Any] = ["tests": [["name": "x", "score": "1", "visibility": "secret", "status": "ok"]], "stdout_visibility": "never"]
        #expect(GradescopeResults.validate(bad) == [
            "stdout_visibility 'never' is not a visibility",
            "tests[0]: score is not a number",
            "tests[0]: status 'ok'",
            "tests[0]: visibility 'secret'",
        ])
        #expect(GradescopeResults.validate([:]) == ["needs score or tests"])
    }

    @Test func exercismValidatorRejectsWhatTheInterfaceForbids() throws {
        #expect(ExercismResults.validate(["version": 3, "status": "error"]) == ["status error needs a message"])
        #expect(ExercismResults.validate(["version": 2, "status": "pass", "tests": [["name": "a", "status": "fail", "test_code": "", "task_id": 1]]]) == [
            "tests[0]: fail needs a message",
            "tests[0]: task_id needs version 3",
            "status pass but a test did not pass",
        ])
        #expect(ExercismResults.validate(["version": 3, "status": "fail"]) == ["tests is required when status is fail"])
    }
}
