import Foundation
import SimKernel

/// One exercise as `Exercises/NN-slug/exercise.json` describes it.
///
/// Two kinds: `swift` exercises are compiled by the grader together with the
/// exercise kit and the exercise's checks (never by the root package, so a
/// half-edited starter cannot break `swift test`); `answers` exercises are a
/// text file graded in process by an `AnswerGrader`.
public struct ExerciseDefinition: Decodable, Sendable, Equatable {
    public struct Mutant: Decodable, Sendable, Equatable {
        /// File under `mutants/`: a catalogued wrong answer.
        public var file: String
        /// The misconception, in a few words, for the mutation table.
        public var mistake: String
        /// Text the grader's feedback must contain when it catches this mistake.
        public var messageNames: String
    }

    public enum Kind: String, Decodable, Sendable { case swift, answers }

    public var id: Int
    public var slug: String
    public var title: String
    public var lesson: Int
    public var kind: Kind
    public var studentFile: String
    public var mutants: [Mutant]
    /// Absolute directory of the exercise; filled in by the catalog.
    public var directory: String = ""

    enum CodingKeys: String, CodingKey { case id, slug, title, lesson, kind, studentFile, mutants }

    public var label: String { (id < 10 ? "0" : "") + "\(id) \(slug)" }
    public var studentFilePath: String { directory + "/" + studentFile }
    public var referencePath: String { directory + "/reference/" + studentFile }
    public func mutantPath(_ mutant: Mutant) -> String { directory + "/mutants/" + mutant.file }
}

/// All exercises under an `Exercises/` directory, in id order.
public struct ExerciseCatalog: Sendable {
    public var root: String
    public var exercises: [ExerciseDefinition]

    public init(root: String) throws {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        self.root = rootURL.path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: rootURL.path) else {
            throw InputError(file: root, field: "--exercises-dir", reason: "no such directory")
        }
        var found: [ExerciseDefinition] = []
        for name in names.sorted() where !name.hasPrefix("_") && !name.hasPrefix(".") {
            let metadata = rootURL.appendingPathComponent(name).appendingPathComponent("exercise.json")
            guard let data = FileManager.default.contents(atPath: metadata.path) else { continue }
            var exercise: ExerciseDefinition
            do { exercise = try JSONDecoder().decode(ExerciseDefinition.self, from: data) } catch {
                throw InputError(file: metadata.path, field: "exercise.json", reason: "not a valid exercise description")
            }
            exercise.directory = rootURL.appendingPathComponent(name).path
            found.append(exercise)
        }
        exercises = found.sorted { $0.id < $1.id }
    }

    public var kitDirectory: String { root + "/_kit" }

    /// An exercise by number (`2`) or slug (`window-assigner`).
    public func exercise(_ reference: String) throws -> ExerciseDefinition {
        if let match = exercises.first(where: { String($0.id) == reference || $0.slug == reference || $0.label == reference }) {
            return match
        }
        if let number = Int(reference), let match = exercises.first(where: { $0.id == number }) { return match }
        throw InputError(file: "<command line>", field: "exercise", reason: "no exercise '\(reference)' (try `streamlab exercises`)")
    }
}
