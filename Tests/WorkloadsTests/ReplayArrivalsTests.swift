import Foundation
import Testing
import SimKernel
@testable import Workloads

@Suite struct ReplayArrivalsTests {
    static func scenario(trace: String, fileName: String) throws -> Scenario {
        let tracePath = TestSupport.temporaryPath(fileName)
        try trace.write(toFile: tracePath, atomically: true, encoding: .utf8)
        return try TestSupport.scenario(json: """
        { "name": "replay-test", "description": "d", "default_events": 100, "key_space": { "count": 3 },
          "sources": { "s": { "kinds": { "e": 1 }, "arrivals": { "process": "replay", "path": "\(tracePath)" } } } }
        """)
    }

    @Test func csvTraceIsReplayedExactly() throws {
        let scenario = try Self.scenario(trace: "id,event_time_us\n0,10\n1,10\n2,250\n3,1000000\n", fileName: "trace.csv")
        let times = Array(scenario.makeGenerator(seed: 1)).map(\.eventTime.micros)
        #expect(times == [10, 10, 250, 1_000_000])
    }

    @Test func jsonLinesTraceIsReplayedExactly() throws {
        let scenario = try Self.scenario(trace: "{\"event_time_us\": 5}\n\n{\"x\":1, \"event_time_us\":7}\n", fileName: "trace.jsonl")
        #expect(Array(scenario.makeGenerator(seed: 1)).map(\.eventTime.micros) == [5, 7])
    }

    @Test func decreasingTimestampIsAnInputErrorWithItsLine() throws {
        #expect(throws: InputError.self) { _ = try Self.scenario(trace: "event_time_us\n10\n5\n", fileName: "bad.csv") }
        do {
            _ = try Self.scenario(trace: "event_time_us\n10\n5\n", fileName: "bad.csv")
        } catch let error as InputError {
            #expect(error.field == "line 3")
            #expect(error.reason == "timestamps must not decrease (5 after 10)")
        }
    }

    @Test func generatedDatasetReplaysItsOwnEventTimes() throws {
        let path = TestSupport.temporaryPath("nexmark.csv")
        // Sorted by event time, as a trace must be: take events without delay.
        let noDelay = try TestSupport.scenario("nexmark", overrides: ["delay_s": #"{"distribution": "none"}"#])
        let writer = try DatasetWriter(path: path, format: .csv, scenario: noDelay)
        let times = Array(noDelay.makeGenerator(seed: 4, maxEvents: 500)).map { event -> Int64 in writer.write(event); return event.eventTime.micros }
        try writer.finish()
        let replay = try Self.scenario(trace: try String(contentsOfFile: path, encoding: .utf8), fileName: "again.csv")
        #expect(Array(replay.makeGenerator(seed: 9, maxEvents: 10_000)).map(\.eventTime.micros) == times)
    }
}
