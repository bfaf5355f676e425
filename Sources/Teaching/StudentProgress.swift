import Foundation

/// Which exercises a student has finished, kept in `Exercises/.progress` as
/// sorted exercise ids, one per line (deterministic, diff-friendly).
public struct StudentProgress: Sendable {
    public var path: String
    public private(set) var done: Set<Int>

    public init(exercisesDirectory: String) {
        path = exercisesDirectory + "/.progress"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        done = Set(text.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
    }

    public mutating func mark(_ id: Int, done isDone: Bool) throws {
        let before = done
        if isDone { done.insert(id) } else { done.remove(id) }
        if done != before { try AtomicFile.write(done.sorted().map(String.init).joined(separator: "\n") + "\n", to: path) }
    }
}

/// The text `streamlab exercises` prints for students.
public enum StudentReport {
    public static func list(_ catalog: ExerciseCatalog, progress: StudentProgress) -> String {
        var lines = ["StreamLab exercises: \(progress.done.count)/\(catalog.exercises.count) done"]
        for exercise in catalog.exercises {
            let mark = progress.done.contains(exercise.id) ? "[x]" : "[ ]"
            let lesson = exercise.lesson < 10 ? "0\(exercise.lesson)" : "\(exercise.lesson)"
            lines.append("  \(mark) \(exercise.label.padding(toLength: 28, withPad: " ", startingAt: 0)) lesson \(lesson)  \(exercise.title)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Visible checks with their messages; hidden checks only as a count, so
    /// the student learns that something is wrong but not the hidden input.
    public static func check(_ grade: ExerciseGrade, relativeFile: String) -> String {
        var lines = ["exercise \(grade.exercise.label) (\(relativeFile)): \(grade.passedCount)/\(grade.outcomes.count) checks passed"]
        if let error = grade.errorMessage {
            lines.append(error)
            return lines.joined(separator: "\n") + "\n"
        }
        for outcome in grade.outcomes where outcome.visibility == .visible {
            lines.append("  \(outcome.status == .pass ? "ok  " : "FAIL") \(outcome.name)")
            if outcome.status != .pass {
                lines += outcome.message.split(separator: "\n").map { "       " + $0 }
            }
        }
        let hidden = grade.outcomes.filter { $0.visibility == .hidden }
        if !hidden.isEmpty {
            lines.append("  hidden checks: \(hidden.filter { $0.status == .pass }.count)/\(hidden.count) passed")
        }
        if grade.passedCount == grade.outcomes.count {
            lines.append("done! `streamlab exercises next` shows the next exercise")
        } else {
            lines.append("stuck? `streamlab exercises hint \(grade.exercise.id)`")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
