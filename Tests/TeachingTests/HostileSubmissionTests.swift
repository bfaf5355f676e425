import Foundation
import Testing
@testable import Teaching

/// Student code that does not compile, traps, loops forever or floods the
/// output is graded with a message; the grader itself never fails or hangs.
@Suite struct HostileSubmissionTests {
    static let header = "func assignWindows(eventTimeMicros: Int64, sizeMicros: Int64, slideMicros: Int64, offsetMicros: Int64) -> [TimeWindow] {\n"

    func grade(_ body: String, checkTimeoutSeconds: Double = 2) throws -> (ExerciseGrade, Double) {
        let directory = try TestPaths.temporaryDirectory()
        try (Self.header + body + "\n}\n").write(toFile: directory + "/WindowAssigner.swift", atomically: true, encoding: .utf8)
        var limits = SwiftExerciseRunner.Limits()
        limits.check.timeoutSeconds = checkTimeoutSeconds
        let grader = Grader(catalog: try ExerciseCatalog(root: TestPaths.exercises), limits: limits)
        let started = ProcessInfo.processInfo.systemUptime
        let grades = try grader.gradeSubmission(directory: directory, exercise: "2")
        return (grades[0], ProcessInfo.processInfo.systemUptime - started)
    }

    @Test func compileErrorIsAnErrorForEveryCheckWithTheCompilerMessage() throws {
        let (grade, _) = try grade("return [TimeWindow(start: 0)]")
        #expect(grade.outcomes.count == 10)
        #expect(grade.outcomes.allSatisfy { $0.status == .error })
        #expect(grade.errorMessage?.hasPrefix("did not compile:\nWindowAssigner.swift:2:") == true)
        let exercism = ExercismResults.encode(GradeReport(grades: [grade], executionSeconds: nil))
        #expect(exercism.rendered().contains("\"status\": \"error\""))
    }

    @Test func crashIsAFailureNamingTheTrap() throws {
        let (grade, _) = try grade("fatalError(\"boom\")")
        #expect(grade.outcomes.allSatisfy { $0.status == .fail && $0.message.hasPrefix("crashed (signal ") })
    }

    @Test func infiniteLoopIsStoppedAtTheTimeLimit() throws {
        let (grade, seconds) = try grade("var n = 0\nwhile true { n &+= 1 }", checkTimeoutSeconds: 1)
        #expect(grade.outcomes.allSatisfy { $0.message.hasPrefix("timed out after 1 s") })
        #expect(seconds < 60)
    }

    @Test func hugeOutputIsCutAndReported() throws {
        let (grade, _) = try grade("while true { print(String(repeating: \"x\", count: 1000)) }")
        #expect(grade.outcomes.allSatisfy { $0.message.hasPrefix("printed more than 64 KiB") })
    }
}
