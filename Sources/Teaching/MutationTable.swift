import Foundation
import SimKernel

/// The grading suites' own test: every exercise's suite must pass its
/// reference, fail the untouched starter, and catch each catalogued wrong
/// answer with a message that names the mistake.
public struct MutationTable: Sendable {
    public struct Row: Sendable {
        public var exercise: ExerciseDefinition
        /// "reference", "starter" or the mutant's mistake.
        public var variant: String
        public var expectation: Expectation
        public var grade: ExerciseGrade

        public enum Expectation: Sendable, Equatable {
            case passes
            case fails
            case failsNaming(String)
        }

        /// Whether the suite behaved as the catalogue says.
        public var holds: Bool {
            switch expectation {
            case .passes: return grade.passedCount == grade.outcomes.count && grade.errorMessage == nil
            case .fails: return grade.passedCount < grade.outcomes.count
            case .failsNaming(let text):
                return grade.passedCount < grade.outcomes.count && grade.outcomes.contains { $0.status != .pass && $0.message.contains(text) }
            }
        }

        /// The message that shows the mistake was named (or the first failure).
        public var message: String {
            if case .failsNaming(let text) = expectation, let named = grade.outcomes.first(where: { $0.message.contains(text) }) {
                return named.message
            }
            return grade.firstProblem ?? "all checks pass"
        }
    }

    public var rows: [Row]

    /// Grades every variant of every exercise, two at a time (the CI machine has two cores).
    public static func compute(grader: Grader, exercises: [ExerciseDefinition]) throws -> MutationTable {
        var jobs: [(ExerciseDefinition, String, String, Row.Expectation)] = []
        for exercise in exercises {
            jobs.append((exercise, "reference", exercise.referencePath, .passes))
            jobs.append((exercise, "starter", exercise.studentFilePath, .fails))
            for mutant in exercise.mutants {
                jobs.append((exercise, mutant.mistake, exercise.mutantPath(mutant), .failsNaming(mutant.messageNames)))
            }
        }
        let results = ParallelMap.run(count: jobs.count, jobs: 2) { index in
            Result { try grader.gradeHere(jobs[index].0, file: jobs[index].2) }
        }
        var rows: [Row] = []
        for (job, result) in zip(jobs, results) {
            rows.append(Row(exercise: job.0, variant: job.1, expectation: job.3, grade: try result.get()))
        }
        return MutationTable(rows: rows)
    }

    /// A Markdown table: exercise × variant → score and message.
    public func markdown() -> String {
        var lines = ["| exercise | variant | score | expected | message |", "|---|---|---|---|---|"]
        for row in rows {
            let expected: String
            switch row.expectation {
            case .passes: expected = "pass"
            case .fails: expected = "fail"
            case .failsNaming: expected = "caught"
            }
            let verdict = row.holds ? expected : "**NOT \(expected)**"
            let message = row.message.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
            let shortened = message.count > 160 ? String(message.prefix(157)) + "..." : message
            lines.append("| \(row.exercise.label) | \(row.variant) | \(row.grade.passedCount)/\(row.grade.outcomes.count) | \(verdict) | \(shortened) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
