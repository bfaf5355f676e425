import Foundation

/// Repository paths and a scratch copy of Exercises/ for CLI tests of the
/// teaching commands (a copy, so progress files and edits never touch the repo).
enum ExerciseFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh directory holding `ex/`, a copy of Exercises/ without progress.
    static func scratchCopy() throws -> URL {
        let directory = try StreamlabProcess.temporaryDirectory()
        let copy = directory.appendingPathComponent("ex")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Exercises"), to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(".progress"))
        return directory
    }

    static func replace(_ target: String, with source: String, in directory: URL) throws {
        let destination = directory.appendingPathComponent(target)
        try? FileManager.default.removeItem(at: destination)
        try FileManager.default.copyItem(at: directory.appendingPathComponent(source), to: destination)
    }
}
