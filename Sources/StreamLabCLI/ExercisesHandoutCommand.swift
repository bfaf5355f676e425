import ArgumentParser
import Foundation
import SimKernel
import Teaching

/// `streamlab exercises handout --out DIR`: the students' copy of the
/// exercises directory.
///
/// Students get `_kit/`, `README.md` and every exercise folder, minus what
/// would give the grading away: `reference/` (the solution), `mutants/` (the
/// catalogued wrong answers), `grading/` (hidden checks' data, such as exercise
/// 01's hidden operations and exercise 10's hidden seeds), `tests/hidden.swift`
/// and progress files. `exercise.json` is rewritten with `"mutants": []`, since
/// its mutant list names the mistakes. In the copy, the graders grade the
/// visible checks only. The copy is built in a hidden sibling folder and
/// renamed into place, so a failed run never leaves half a hand-out behind.
struct ExercisesHandoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Write the students' copy of the exercises (no reference/, mutants/, grading/ or tests/hidden.swift).",
        discussion: "--out must not exist, or be an empty folder.")
    @OptionGroup var options: ExercisesOptions
    @Option(help: "The folder to write the students' copy to; it must not exist or be empty.") var out: String

    func run() throws {
        let count = try reportingInputErrors { try Handout.write(catalog: options.catalog(), to: out) }
        print("wrote the students' copy of \(count) exercises to \(out) (left out: \(Handout.leftOutDescription))")
    }
}

enum Handout {
    /// Folders at the top of an exercise folder that stay with the instructor.
    static let instructorFolders = ["reference", "mutants", "grading"]
    /// Files, relative to an exercise folder, that stay with the instructor.
    static let instructorFiles = ["tests/hidden.swift"]
    static let leftOutDescription = "reference/, mutants/, grading/, tests/hidden.swift, progress files"

    static func isLeftOut(_ relativePath: String, insideExercise: Bool) -> Bool {
        let name = (relativePath as NSString).lastPathComponent
        if name == ".progress" || name.hasPrefix(".streamlab") { return true }
        guard insideExercise else { return false }
        return instructorFolders.contains(relativePath) || instructorFiles.contains(relativePath)
    }

    /// Writes the copy; returns how many exercises it holds.
    static func write(catalog: ExerciseCatalog, to out: String) throws -> Int {
        let target = URL(fileURLWithPath: out).standardizedFileURL
        try checkTarget(target, catalog: catalog)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).handout-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: temporary)
        do {
            try makeDirectory(temporary.path)
            let root = catalog.root
            if FileManager.default.fileExists(atPath: root + "/_kit") {
                try copyTree(from: root + "/_kit", to: temporary.path + "/_kit", relative: "", insideExercise: false)
            }
            if FileManager.default.fileExists(atPath: root + "/README.md") {
                try writeStudentReadme(from: root + "/README.md", to: temporary.path + "/README.md")
            }
            for exercise in catalog.exercises {
                let folder = URL(fileURLWithPath: exercise.directory).lastPathComponent
                let destination = temporary.path + "/" + folder
                try copyTree(from: exercise.directory, to: destination, relative: "", insideExercise: true)
                try writeExerciseDescription(from: exercise.directory + "/exercise.json", to: destination + "/exercise.json")
            }
            guard rename(temporary.path, target.path) == 0 else {
                throw InputError(file: CommandLineInput.file, field: "--out", reason: "cannot move the finished copy into place at \(out)")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return catalog.exercises.count
    }

    /// Refuses a target that holds anything, or that lies inside a folder the
    /// copy reads (it would copy itself).
    static func checkTarget(_ target: URL, catalog: ExerciseCatalog) throws {
        func refuse(_ reason: String) -> InputError { InputError(file: CommandLineInput.file, field: "--out", reason: reason) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw refuse("\(target.path) exists and is not a folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? ["?"]
            guard entries.isEmpty else { throw refuse("\(target.path) exists and is not empty; give a new or empty folder") }
        }
        let parent = target.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw refuse("the parent folder \(parent) does not exist")
        }
        let sources = [catalog.root + "/_kit"] + catalog.exercises.map(\.directory)
        if let source = sources.first(where: { target.path == $0 || target.path.hasPrefix($0 + "/") }) {
            throw refuse("\(target.path) is inside \(source), which the copy reads")
        }
    }

    /// Copies regular files and folders, leaving out the instructor's parts.
    /// A symbolic link is refused: it could point into reference/ or grading/.
    static func copyTree(from source: String, to destination: String, relative: String, insideExercise: Bool) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: source)
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?:
            try makeDirectory(destination)
            for name in try FileManager.default.contentsOfDirectory(atPath: source).sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                if isLeftOut(child, insideExercise: insideExercise) { continue }
                try copyTree(from: source + "/" + name, to: destination + "/" + name, relative: child, insideExercise: insideExercise)
            }
        case .typeRegular?:
            do { try FileManager.default.copyItem(atPath: source, toPath: destination) } catch {
                throw InputError(file: source, field: "", reason: "cannot copy it into the hand-out")
            }
        default:
            throw InputError(file: source, field: "", reason: "is not a regular file or folder; the hand-out copies only those")
        }
    }

    /// The students' part of Exercises/README.md: everything before the
    /// instructors' section, whose mutation tables quote hidden checks' names
    /// and inputs.
    static func writeStudentReadme(from source: String, to destination: String) throws {
        guard let text = try? String(contentsOfFile: source, encoding: .utf8) else {
            throw InputError(file: source, field: "", reason: "cannot read the exercises README")
        }
        let students = text.components(separatedBy: "\n## For instructors")[0]
        do { try (students.trimmingCharacters(in: .newlines) + "\n").write(toFile: destination, atomically: false, encoding: .utf8) } catch {
            throw InputError(file: destination, field: "", reason: "cannot write the exercises README")
        }
    }

    /// The exercise description without its catalogue of mistakes.
    static func writeExerciseDescription(from source: String, to destination: String) throws {
        guard let text = try? String(contentsOfFile: source, encoding: .utf8) else {
            throw InputError(file: source, field: "", reason: "cannot read the exercise description")
        }
        guard case .object(let members) = try JSONValue.parse(text, file: source) else {
            throw InputError(file: source, field: "(root)", reason: "must be a JSON object")
        }
        let rewritten = JSONValue.object(members.map { name, value in (name, name == "mutants" ? .array([]) : value) })
        do { try rewritten.rendered().write(toFile: destination, atomically: false, encoding: .utf8) } catch {
            throw InputError(file: destination, field: "", reason: "cannot write the exercise description")
        }
    }

    static func makeDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) } catch {
            throw InputError(file: path, field: "", reason: "cannot create the folder")
        }
    }
}
