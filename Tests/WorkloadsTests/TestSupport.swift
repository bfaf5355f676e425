import Foundation
import SimKernel
@testable import Workloads

/// Paths and helpers shared by the Workloads tests.
enum TestSupport {
    /// The repository root, from this file's location.
    static let repositoryRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    static var scenariosDirectory: String { repositoryRoot + "/Datasets/scenarios" }

    static func scenario(_ name: String, overrides: [String: String] = [:]) throws -> Scenario {
        try ScenarioCatalog.load(scenariosDirectory + "/\(name).json", overrides: overrides)
    }

    /// A scenario from JSON text written to a temporary file.
    static func scenario(json: String, overrides: [String: String] = [:]) throws -> Scenario {
        let path = temporaryPath("scenario.json")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return try ScenarioCatalog.load(path, overrides: overrides)
    }

    static func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("streamlab-gen-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    /// Writes a scenario's stream and returns the file's SHA-256.
    static func datasetDigest(scenario: Scenario, seed: UInt64, events: Int, format: DatasetFormat) throws -> String {
        let path = temporaryPath("data.\(format.rawValue)")
        let writer = try DatasetWriter(path: path, format: format, scenario: scenario)
        let generator = scenario.makeGenerator(seed: seed, maxEvents: events)
        while let event = generator.next() { writer.write(event) }
        try writer.finish()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try FileManager.default.removeItem(atPath: path)
        return SHA256.hex(data)
    }

    /// The pinned digests: `scenario seed events format sha256` per line.
    struct PinnedDigest: CustomStringConvertible, Sendable {
        var scenario: String
        var seed: UInt64
        var events: Int
        var format: DatasetFormat
        var sha256: String
        var description: String { "\(scenario) seed \(seed) events \(events) \(format.rawValue)" }
    }

    static func pinnedDigests() -> [PinnedDigest] {
        let path = repositoryRoot + "/Tests/WorkloadsTests/Fixtures/digests.txt"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 5, !line.hasPrefix("#"), let seed = UInt64(fields[1]), let events = Int(fields[2]),
                  let format = DatasetFormat(rawValue: fields[3]) else { return nil }
            return PinnedDigest(scenario: fields[0], seed: seed, events: events, format: format, sha256: fields[4])
        }
    }
}

enum FileManagerShim {
    static func contents(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
    }
}
