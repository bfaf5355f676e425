import Foundation

/// Paths into the repository, found from this file's location so tests run
/// from any working directory.
enum TestPaths {
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let exercises = repositoryRoot + "/Exercises"

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "teaching-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
