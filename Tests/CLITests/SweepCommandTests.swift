import Foundation
import Testing

@Suite struct SweepCommandTests {
    static let grid = ["--events", "30000", "--trigger-ms", "200,1000", "--watermark-ms", "0,200", "--seeds", "1,2"]

    @Test func oneJobAndTwoJobsWriteByteIdenticalCSVAndSVG() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        var files: [[Data]] = []
        for jobs in ["1", "2"] {
            let csv = directory.appendingPathComponent("jobs\(jobs).csv")
            let result = try StreamlabProcess.run(["sweep"] + Self.grid + ["--jobs", jobs, "--csv", csv.path])
            #expect(result.exitCode == 0, "\(result.standardError)")
            let svg = csv.deletingPathExtension().appendingPathExtension("svg")
            files.append([try Data(contentsOf: csv), try Data(contentsOf: svg)])
        }
        #expect(files[0][0] == files[1][0])
        #expect(files[0][1] == files[1][1])
        let lines = String(decoding: files[0][0], as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "engine,trigger_interval_ms,watermark_delay_ms,seed,events,rows,dropped_late,batches,latency_mean_ms,latency_max_ms")
        #expect(lines.count == 1 + 2 * 2 * 2 * 2)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",")[4] == "30000" })
    }

    @Test func differentSeedsGiveDifferentRows() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let csv = directory.appendingPathComponent("seeds.csv")
        let result = try StreamlabProcess.run(["sweep", "--engines", "record", "--events", "30000", "--trigger-ms", "200",
                                               "--watermark-ms", "100", "--seeds", "1,2", "--jobs", "1", "--csv", csv.path])
        #expect(result.exitCode == 0)
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        let metrics = rows.map { $0.split(separator: ",").dropFirst(4).joined(separator: ",") }
        #expect(metrics.count == 2)
        #expect(metrics[0] != metrics[1])
    }

    @Test func anUnknownEngineIsABadInputWithExitCodeTwo() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let csv = directory.appendingPathComponent("bad.csv")
        let result = try StreamlabProcess.run(["sweep", "--engines", "record,flonk", "--csv", csv.path])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: --engines: bad item 'flonk' in 'record,flonk'\n")
        #expect(!FileManager.default.fileExists(atPath: csv.path))
    }

    @Test func anOutputInAMissingDirectoryLeavesNoFile() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let csv = directory.appendingPathComponent("missing/out.csv")
        let result = try StreamlabProcess.run(["sweep"] + Self.grid + ["--jobs", "1", "--csv", csv.path])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: \(csv.path): --csv: the directory '\(directory.appendingPathComponent("missing").path)' does not exist\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
