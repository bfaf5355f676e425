import Foundation
import Testing

@Suite struct BenchCommandTests {
    @Test func benchReferencePrintsOneJSONLineWithTheEventCount() throws {
        let result = try StreamlabProcess.run(["bench", "reference", "--events", "20000", "--seed", "3"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(object?["events"] as? Int == 20_000)
        #expect(Set(object?.keys.map { $0 } ?? []) == ["events", "wall_s", "events_per_s", "peak_rss_mb"])
        #expect((object?["events_per_s"] as? Double ?? 0) > 0)
        #expect((object?["peak_rss_mb"] as? Double ?? 0) > 0)
    }

    @Test func benchReferenceRejectsZeroEventsWithExitCodeTwo() throws {
        let result = try StreamlabProcess.run(["bench", "reference", "--events", "0"])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: --events: must be at least 1, got 0\n")
        #expect(result.standardOutput.isEmpty)
    }
}
