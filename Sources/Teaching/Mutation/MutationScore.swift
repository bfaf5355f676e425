import Foundation
import SimKernel

/// Runs an exercise's suite on every machine-made mutant of its reference
/// (`MutantGenerator`) and counts: generated, stillborn (did not compile),
/// killed, equivalent (listed by hand in `mutants/equivalent.json` with the
/// reason), survived. The score is killed / (compiled − equivalent).
public struct MutationScore: Sendable {
    public enum Fate: String, Sendable { case killed, survived, equivalent, stillborn }

    public struct Result: Sendable {
        public var mutant: Mutant
        public var fate: Fate
        /// The first failing check (killed), or the reason (equivalent).
        public var detail: String
    }

    public struct Equivalent: Sendable {
        public var id: String
        public var reason: String
    }

    public var exercise: ExerciseDefinition
    public var results: [Result]
    /// Listed as equivalent but no longer generated (the reference changed).
    public var staleEquivalents: [String]

    public var generated: Int { results.count }
    public func count(_ fate: Fate) -> Int { results.filter { $0.fate == fate }.count }
    /// Killed over the mutants that compiled and are not equivalent.
    public var score: Double {
        let denominator = count(.killed) + count(.survived)
        return denominator == 0 ? 1 : Double(count(.killed)) / Double(denominator)
    }

    public static let requiredScore = 0.95

    /// `mutants/equivalent.json`: `{"equivalent": [{"id": "ROR:12:18:<=", "reason": "..."}]}`.
    public static func equivalents(_ exercise: ExerciseDefinition) throws -> [Equivalent] {
        let path = exercise.directory + "/mutants/equivalent.json"
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let file = try GradingData.object(at: path)
        try file.rejectUnknown(["about", "equivalent"])
        return try file.objects("equivalent", allowEmpty: true).map { entry in
            try entry.rejectUnknown(["id", "reason"])
            return Equivalent(id: try entry.string("id"), reason: try entry.string("reason"))
        }
    }

    /// Grades every mutant of every exercise, two at a time.
    public static func compute(grader: Grader, exercises: [ExerciseDefinition]) throws -> [MutationScore] {
        var runner = grader.runner
        runner.stopAtFirstFailure = true
        var jobs: [(Int, Mutant)] = []
        var equivalentLists: [[Equivalent]] = []
        for (number, exercise) in exercises.enumerated() {
            let reference = try String(contentsOfFile: exercise.referencePath, encoding: .utf8)
            jobs += MutantGenerator.mutants(of: reference).map { (number, $0) }
            equivalentLists.append(try equivalents(exercise))
        }
        let directory = try TemporaryDirectory.make(prefix: "streamlab-mutants")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fixedRunner = runner
        let grades = ParallelMap.run(count: jobs.count, jobs: 2) { index in
            Swift.Result { () throws -> ExerciseGrade in
                let (number, mutant) = jobs[index]
                let exercise = exercises[number]
                let folder = directory + "/\(index)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let file = folder + "/" + exercise.studentFile
                try mutant.source.write(toFile: file, atomically: false, encoding: .utf8)
                return try fixedRunner.grade(exercise, studentFile: file)
            }
        }
        var scores: [MutationScore] = []
        for (number, exercise) in exercises.enumerated() {
            let listed = equivalentLists[number]
            var results: [Result] = []
            for (index, job) in jobs.enumerated() where job.0 == number {
                let grade = try grades[index].get()
                let mutant = job.1
                if grade.errorMessage != nil {
                    results.append(Result(mutant: mutant, fate: .stillborn, detail: "did not compile"))
                } else if let failed = grade.outcomes.first(where: { $0.status != .pass }) {
                    results.append(Result(mutant: mutant, fate: .killed, detail: failed.name))
                } else if let equivalent = listed.first(where: { $0.id == mutant.id }) {
                    results.append(Result(mutant: mutant, fate: .equivalent, detail: equivalent.reason))
                } else {
                    results.append(Result(mutant: mutant, fate: .survived, detail: "every check passes"))
                }
            }
            let generatedIds = Set(results.map(\.mutant.id))
            scores.append(MutationScore(exercise: exercise, results: results, staleEquivalents: listed.map(\.id).filter { !generatedIds.contains($0) }))
        }
        return scores
    }

    /// The per-exercise table for Exercises/README.md.
    public static func markdown(_ scores: [MutationScore]) -> String {
        var lines = ["| exercise | generated | stillborn | killed | equivalent | survived | score |", "|---|---|---|---|---|---|---|"]
        for score in scores {
            let percent = String(format: "%.1f %%", score.score * 100)
            lines.append("| \(score.exercise.label) | \(score.generated) | \(score.count(.stillborn)) | \(score.count(.killed)) | \(score.count(.equivalent)) | \(score.count(.survived)) | \(percent) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The survivors and equivalents, one line each, for the command's report.
    public func details(all: Bool = false) -> String {
        results.filter { all || $0.fate == .survived || $0.fate == .equivalent }.map {
            "\(exercise.label)  \($0.fate.rawValue)  \($0.mutant.id)  line \($0.mutant.line): \($0.mutant.change)\($0.fate == .survived ? "" : " (" + $0.detail + ")")"
        }.joined(separator: "\n")
    }
}
