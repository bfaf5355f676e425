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

    @Test func benchKeysPrintsARowPerWindowEngineAndKeyCountThenTheRatios() throws {
        let result = try StreamlabProcess.run(["bench", "keys", "--events", "20000", "--keys", "10,1000", "--repeats", "1"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 12 + 3 + 2)
        let rows = try lines.prefix(12).map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(rows.map { $0?["keys"] as? Int } == Array(repeating: 10, count: 6) + Array(repeating: 1_000, count: 6))
        #expect(rows.allSatisfy { $0?["events"] as? Int == 20_000 })
        #expect(lines[12].hasPrefix("tumbling record: 1000 keys / 10 keys = "))
        #expect(lines[15].hasPrefix("record, 10 keys: session / tumbling = "))
        #expect(lines[16].hasSuffix("(target >= 0.333)"))
    }

    @Test func benchKeysRejectsAnUnknownEngineWithExitCodeTwo() throws {
        let result = try StreamlabProcess.run(["bench", "keys", "--engines", "record,flink"])
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: <command line>: --engines: bad item 'flink' in 'record,flink'\n")
    }
}
