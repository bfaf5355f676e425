import Foundation
import SimKernel
import Workloads

/// Writes a scenario as a runnable real-engine job: the job source, the
/// query, the data and a README, into one directory.
///
/// Why: the lab's results are only worth trusting if the same workload runs on
/// the real system and gives the same rows (issue 5). The export is what a
/// user takes to a real cluster once the simulator is outgrown.
public enum Exporter {
    public struct Result: Sendable, Equatable {
        /// File names written, in a fixed order.
        public var files: [String]
        public var eventCount: Int
        public var batchCount: Int
    }

    /// The files of an export, in the order they are written.
    public static func files(
        target: ExportTarget, scenario: String, seed: UInt64, query: ExportQuery, events: [ExportedEvent]
    ) -> [(name: String, contents: String)] {
        let batchCount = (events.last?.batch ?? -1) + 1
        let job = target == .spark
            ? (SparkJobTemplate.fileName, SparkJobTemplate.source)
            : (FlinkJobTemplate.fileName, FlinkJobTemplate.source)
        return [
            job,
            ("query.json", query.json),
            ("events.jsonl", events.map { $0.jsonLine + "\n" }.joined()),
            (ExportReadme.fileName, ExportReadme.text(
                target: target, scenario: scenario, seed: seed, eventCount: events.count, batchCount: batchCount)),
        ]
    }

    /// Generates the data and writes every file into `directory` (created if needed).
    public static func export(
        scenario: Scenario, target: ExportTarget, seed: UInt64, maxEvents: Int, triggerMillis: Int64,
        query: ExportQuery, directory: String
    ) throws(InputError) -> Result {
        try query.validate(for: target)
        let events = ExportData.events(scenario: scenario, seed: seed, maxEvents: maxEvents, triggerMillis: triggerMillis)
        let files = files(target: target, scenario: scenario.name, seed: seed, query: query, events: events)
        try makeDirectory(directory)
        for file in files {
            try writeAtomically(file.contents, to: directory + "/" + file.name)
        }
        return Result(files: files.map(\.name), eventCount: events.count, batchCount: (events.last?.batch ?? -1) + 1)
    }

    static func makeDirectory(_ directory: String) throws(InputError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: directory, field: "--out", reason: "cannot create the directory")
        }
    }

    /// Writes to a temporary file in the same directory, then renames, so no partial file is ever left.
    static func writeAtomically(_ text: String, to path: String) throws(InputError) {
        let temporary = path + ".tmp"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            // POSIX rename replaces an existing file atomically.
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw InputError(file: path, field: "--out", reason: "cannot write the file")
        }
    }
}
