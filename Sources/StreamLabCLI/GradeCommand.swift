import ArgumentParser
import Foundation
import SimKernel
import Teaching

/// `streamlab grade`: the instructors' grader. Writes results.json in
/// Gradescope's or Exercism's format; exits 0 whatever the tests' status, as
/// both platforms expect, and 2 only for bad input.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a student's exercise folder and write results.json (Gradescope or Exercism)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case gradescope, exercism }

    @Option(help: "The student's folder: one exercise's file, or a copy of the Exercises/ layout.")
    var submission: String

    @Option(help: "Grade only this exercise (number or slug); default: every exercise found.")
    var exercise: String?

    @Option(help: "gradescope or exercism.")
    var format: Format

    @Option(help: "Where to write results.json.")
    var out: String

    @Option(help: "The exercises directory.")
    var exercisesDir: String = ExerciseLocation.defaultDirectory

    @Option(help: "Gradescope visibility of hidden checks: hidden, after_due_date, after_published or visible.")
    var hiddenVisibility: String = "after_published"

    @Option(help: "Exercism interface version (2 or 3).")
    var exercismVersion: Int = 3

    @Option(help: "Time limit for one check of student code, in seconds.")
    var checkTimeoutSeconds: Double = 10

    @Flag(help: "Leave execution_time out (for byte-stable sample files).")
    var noExecutionTime = false

    func validate() throws {
        guard GradescopeResults.visibilities.contains(hiddenVisibility) else {
            throw ValidationError("--hidden-visibility must be one of \(GradescopeResults.visibilities.joined(separator: ", "))")
        }
        guard exercismVersion == 2 || exercismVersion == 3 else { throw ValidationError("--exercism-version must be 2 or 3") }
    }

    func run() throws {
        let started = ProcessInfo.processInfo.systemUptime
        let grades = try reportingInputErrors { () throws -> [ExerciseGrade] in
            var limits = SwiftExerciseRunner.Limits()
            limits.check.timeoutSeconds = checkTimeoutSeconds
            let grader = Grader(catalog: try ExerciseCatalog(root: exercisesDir), limits: limits)
            return try grader.gradeSubmission(directory: submission, exercise: exercise)
        }
        let elapsed = ProcessInfo.processInfo.systemUptime - started
        let report = GradeReport(grades: grades, executionSeconds: noExecutionTime ? nil : elapsed)
        let json = format == .gradescope
            ? GradescopeResults.encode(report, hiddenVisibility: hiddenVisibility)
            : ExercismResults.encode(report, version: exercismVersion)
        try reportingInputErrors { try AtomicFile.write(json.rendered(), to: out) }
        for grade in grades {
            let state = grade.errorMessage != nil ? "error (did not compile)" : "\(grade.passedCount)/\(grade.outcomes.count) checks passed"
            print("\(grade.exercise.label): \(state)")
        }
        print("wrote \(out) (\(format.rawValue))")
    }
}

enum ExerciseLocation {
    /// STREAMLAB_EXERCISES_DIR; else ./Exercises when it exists; else the
    /// repository's Exercises/ found by walking up from the running binary
    /// (as scenarios are found), so `streamlab grade` works from any folder.
    /// Falls back to ./Exercises, whose absence is then reported.
    static var defaultDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let directory = environment["STREAMLAB_EXERCISES_DIR"] { return directory }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: "Exercises/_kit") { return "Exercises" }
        var folder = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            .resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<12 {
            let candidate = folder.appendingPathComponent("Exercises")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("_kit").path) { return candidate.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return "Exercises"
    }
}
