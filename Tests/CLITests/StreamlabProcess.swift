import Foundation

/// Runs the built `streamlab` binary as a user would, capturing its output,
/// so CLI tests can assert the exact text and exit code.
struct StreamlabProcess {
    struct Result {
        var standardOutput: String
        var standardError: String
        var exitCode: Int32
    }

    /// The products directory that holds the test bundle also holds `streamlab`.
    static var binaryURL: URL {
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("streamlab"),
            bundleDirectory.appendingPathComponent("streamlab"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("streamlab"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binaryURL
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment["STREAMLAB_NO_PROGRESS"] = "1"
        for (name, value) in environment { processEnvironment[name] = value }
        process.environment = processEnvironment
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting so a large output cannot deadlock.
        var output = Data()
        nonisolated(unsafe) var error = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            error = errorPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        output = outputPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: error, as: UTF8.self),
            exitCode: process.terminationStatus
        )
    }

    /// A fresh, empty temporary directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("streamlab-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
