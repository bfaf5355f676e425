import ArgumentParser
import Foundation
import SimKernel
import Teaching

/// `streamlab grade`: the instructors' grader. Writes results.json in
/// Gradescope's or Exercism's format. Each exercise is graded in a child
/// process, its student code in a sandbox (Teaching/Sandbox). Exits 0
/// whatever the tests' status, as both platforms expect; 3 when the results
/// were written but the grader itself failed on an exercise (reported as
/// `error` checks for that exercise only); 2 for bad input.
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

    @Option(help: "Wall-time budget for all of one exercise's checks together, in seconds (reported in the results).")
    var budgetSeconds: Double = 20

    @Option(help: "Sandbox for student code: auto (the strongest available), namespaces (bubblewrap), user (an unprivileged uid; root only) or none (resource limits only).")
    var sandbox: String = "auto"

    @Flag(help: "Leave out what depends on the machine: execution_time and the isolation line (for byte-stable sample files).")
    var noExecutionTime = false

    func validate() throws {
        guard GradescopeResults.visibilities.contains(hiddenVisibility) else {
            throw ValidationError("--hidden-visibility must be one of \(GradescopeResults.visibilities.joined(separator: ", "))")
        }
        guard exercismVersion == 2 || exercismVersion == 3 else { throw ValidationError("--exercism-version must be 2 or 3") }
        guard budgetSeconds >= 1 && budgetSeconds <= 3600 else { throw ValidationError("--budget-seconds must be between 1 and 3600") }
    }

    static var executablePath: String {
        URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    mutating func run() throws {
        var sandboxSummary = ""
        let started = ProcessInfo.processInfo.systemUptime
        let grades = try reportingInputErrors { () throws -> [ExerciseGrade] in
            var limits = SwiftExerciseRunner.Limits()
            limits.budgetSeconds = budgetSeconds
            let isolation: Sandbox
            do { isolation = try Sandbox.make(requested: sandbox) } catch {
                throw InputError(file: "<command line>", field: "--sandbox", reason: "\(error)")
            }
            var grader = Grader(catalog: try ExerciseCatalog(root: exercisesDir), limits: limits, sandbox: isolation)
            grader.isolatedCommand = [Self.executablePath, "exercises", "grade-one"]
            sandboxSummary = isolation.summary
            return try grader.gradeSubmission(directory: submission, exercise: exercise)
        }
        let elapsed = ProcessInfo.processInfo.systemUptime - started
        var report = GradeReport(grades: grades, executionSeconds: noExecutionTime ? nil : elapsed)
        report.budgetSeconds = budgetSeconds
        report.isolation = noExecutionTime ? nil : sandboxSummary
        let json = format == .gradescope
            ? GradescopeResults.encode(report, hiddenVisibility: hiddenVisibility)
            : ExercismResults.encode(report, version: exercismVersion)
        try reportingInputErrors { try AtomicFile.write(json.rendered(), to: out) }
        for grade in grades {
            let state = grade.graderError.map { $0.components(separatedBy: "\n")[0] }
                ?? (grade.errorMessage != nil ? "error (did not compile)" : "\(grade.passedCount)/\(grade.outcomes.count) checks passed")
            print("\(grade.exercise.label): \(state)")
        }
        print(sandboxSummary)
        print("wrote \(out) (\(format.rawValue))")
        // 3: results written, but the grader failed on some exercise (not the student).
        if grades.contains(where: { $0.graderError != nil }) { throw ExitCode(3) }
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
