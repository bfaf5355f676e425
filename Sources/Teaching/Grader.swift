import Foundation
import SimKernel

/// Grades a submission folder against the exercise catalog.
///
/// A submission is either one exercise's student file at the top of the
/// folder, or a copy of the `Exercises/` layout (`NN-slug/<student file>`),
/// in which case every exercise found is graded. Swift exercises go through
/// `SwiftExerciseRunner`; answer-file exercises through their `AnswerGrader`.
public struct Grader: Sendable {
    public var catalog: ExerciseCatalog
    public var runner: SwiftExerciseRunner
    /// When set, each exercise is graded in a child process running this
    /// command (`streamlab exercises grade-one ...`), so that a grader bug
    /// that traps or hangs costs that exercise only. Nil: in this process.
    public var isolatedCommand: [String]?

    public init(catalog: ExerciseCatalog, limits: SwiftExerciseRunner.Limits = .init(), sandbox: Sandbox = .automatic) {
        self.catalog = catalog
        self.runner = SwiftExerciseRunner(kitDirectory: catalog.kitDirectory, limits: limits, sandbox: sandbox)
    }

    /// Grades one file as the answer to one exercise. Total: whatever goes
    /// wrong in the grader becomes a `graderError` grade for this exercise.
    public func grade(_ exercise: ExerciseDefinition, file: String) -> ExerciseGrade {
        if let isolatedCommand { return gradeInChild(exercise, file: file, command: isolatedCommand) }
        do {
            return try gradeHere(exercise, file: file)
        } catch {
            return .graderFailure(exercise, "\(error)")
        }
    }

    /// Grades in this process; throws on a grader fault.
    public func gradeHere(_ exercise: ExerciseDefinition, file: String) throws -> ExerciseGrade {
        switch exercise.kind {
        case .swift:
            return try runner.grade(exercise, studentFile: file)
        case .answers:
            guard let grader = AnswerGraders.grader(for: exercise.slug) else {
                throw InputError(file: exercise.directory + "/exercise.json", field: "slug", reason: "no answer grader named '\(exercise.slug)'")
            }
            let text: String
            do { text = String(decoding: try SubmissionFile.contents(file, limitBytes: 1 << 20), as: UTF8.self) } catch {
                return .refused(exercise, "\(error)")
            }
            return ExerciseGrade(exercise: exercise, outcomes: try grader(text, exercise), errorMessage: nil)
        }
    }

    public func gradeSubmission(directory: String, exercise selected: String?) throws -> [ExerciseGrade] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: directory, field: "--submission", reason: "no such directory")
        }
        let candidates = try selected.map { [try catalog.exercise($0)] } ?? catalog.exercises
        var grades: [ExerciseGrade] = []
        for exercise in candidates {
            guard let file = Self.locate(exercise, in: directory) else {
                if selected != nil {
                    throw InputError(file: directory, field: "--submission", reason: "no \(exercise.studentFile) for exercise \(exercise.label)")
                }
                continue
            }
            guard SubmissionFile.isInside(file, directory: directory) else {
                grades.append(.refused(exercise, "\(SubmissionFile.Refusal.outside(exercise.studentFile))"))
                continue
            }
            grades.append(grade(exercise, file: file))
        }
        if grades.isEmpty {
            throw InputError(file: directory, field: "--submission", reason: "holds no exercise's student file")
        }
        return grades
    }

    static func locate(_ exercise: ExerciseDefinition, in directory: String) -> String? {
        let folder = URL(fileURLWithPath: exercise.directory).lastPathComponent
        return [directory + "/" + exercise.studentFile, directory + "/" + folder + "/" + exercise.studentFile]
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}

extension Grader {
    /// Wall time a grading child may take: the compile, the checks' budget,
    /// and a margin for starting and reporting.
    /// An answer file gets the budget alone (it compiles nothing).
    func childTimeoutSeconds(_ exercise: ExerciseDefinition) -> Double {
        exercise.kind == .answers ? runner.limits.budgetSeconds + 10 : runner.limits.checkerCompile.timeoutSeconds + runner.limits.compile.timeoutSeconds + runner.limits.budgetSeconds + 30
    }

    func gradeInChild(_ exercise: ExerciseDefinition, file: String, command: [String]) -> ExerciseGrade {
        let arguments = Array(command.dropFirst()) + ["--exercises-dir", catalog.root, "--exercise", String(exercise.id), "--file", file,
                                                      "--budget-seconds", String(runner.limits.budgetSeconds), "--sandbox", runner.sandbox.mode.rawValue]
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess(executablePath: command[0], arguments: arguments, workingDirectory: FileManager.default.currentDirectoryPath,
                                       environment: ProcessInfo.processInfo.environment)
                .run(limits: .init(timeoutSeconds: childTimeoutSeconds(exercise), outputLimitBytes: 8 << 20))
        } catch {
            return .graderFailure(exercise, "\(error)")
        }
        switch outcome.termination {
        case .timedOut: return .graderFailure(exercise, "grading took longer than \(Int(childTimeoutSeconds(exercise))) s and was stopped")
        case .outputLimitExceeded: return .graderFailure(exercise, "the grader's report was too large")
        case .signalled(let signal):
            let fatal = outcome.output.split(separator: "\n").first { $0.contains("Fatal error") }.map { ": " + $0 } ?? ""
            return .graderFailure(exercise, "the grader crashed (signal \(signal))" + fatal)
        case .exited:
            guard let line = outcome.output.split(separator: "\n").last(where: { $0.hasPrefix(Self.transferMarker) }),
                  let transfer = try? JSONDecoder().decode(ExerciseGrade.Transfer.self, from: Data(line.dropFirst(Self.transferMarker.count).utf8)) else {
                let last = outcome.output.split(separator: "\n").last.map { ": " + $0 } ?? ""
                return .graderFailure(exercise, "the grader stopped without a report" + last)
            }
            return ExerciseGrade(exercise: exercise, outcomes: transfer.outcomes, errorMessage: transfer.errorMessage, graderError: transfer.graderError)
        }
    }

    static let transferMarker = "@@streamlab-grade "

    /// The line a grading child prints for its parent.
    public static func transferLine(_ grade: ExerciseGrade) -> String {
        let transfer = ExerciseGrade.Transfer(outcomes: grade.outcomes, errorMessage: grade.errorMessage, graderError: grade.graderError)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return transferMarker + String(decoding: (try? encoder.encode(transfer)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
