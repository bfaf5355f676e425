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

    public init(catalog: ExerciseCatalog, limits: SwiftExerciseRunner.Limits = .init()) {
        self.catalog = catalog
        self.runner = SwiftExerciseRunner(kitDirectory: catalog.kitDirectory, limits: limits)
    }

    /// Grades one file as the answer to one exercise.
    public func grade(_ exercise: ExerciseDefinition, file: String) throws -> ExerciseGrade {
        switch exercise.kind {
        case .swift:
            return try runner.grade(exercise, studentFile: file)
        case .answers:
            guard let grader = AnswerGraders.grader(for: exercise.slug) else {
                throw InputError(file: exercise.directory + "/exercise.json", field: "slug", reason: "no answer grader named '\(exercise.slug)'")
            }
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            return ExerciseGrade(exercise: exercise, outcomes: grader(text, exercise.id), errorMessage: nil)
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
            grades.append(try grade(exercise, file: file))
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
