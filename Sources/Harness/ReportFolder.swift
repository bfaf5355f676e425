import Foundation
import SimKernel

/// Writes a report folder all at once: every file goes into a hidden temporary
/// folder beside the destination, which is renamed into place only when all
/// of it is written. A failure removes the temporary folder, so there is
/// never a partial report.
public enum ReportFolder {
    public static func files(for report: CompareReport) throws -> [(path: String, contents: String)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        var files: [(String, String)] = [("report.json", json), ("results.csv", ReportText.csv(report)),
                                         ("table.txt", ReportText.table(report))]
        for chart in ReportCharts.all(report) { files.append(("charts/" + chart.file, chart.svg)) }
        return files
    }

    /// Writes `files` as the folder `destination`, replacing an existing one.
    public static func write(_ files: [(path: String, contents: String)], to destination: String) throws(InputError) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: destination, field: "--out", reason: "cannot create the parent folder: \(error.localizedDescription)")
        }
        // A per-process name (the pid) keeps two concurrent runs apart without randomness.
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? manager.removeItem(at: temporary)
            for file in files {
                let url = temporary.appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.moveItem(at: temporary, to: target)
        } catch {
            try? manager.removeItem(at: temporary)
            throw InputError(file: destination, field: "--out", reason: "cannot write the report: \(error.localizedDescription)")
        }
    }
}
