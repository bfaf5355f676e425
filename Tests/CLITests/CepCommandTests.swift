import Foundation
import Testing

/// `streamlab replay` with a pattern query, and `streamlab cep`.
@Suite struct CepCommandTests {
    func write(_ files: [String: String]) throws -> URL {
        let directory = try StreamlabProcess.temporaryDirectory()
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    let smallThenLarge = #"{"pattern":[{"name":"small","where":{"value_below":5}},{"name":"large","contiguity":"CONTIGUITY","where":{"value_above":10}}],"watermark_delay_ms":0}"#

    let events = """
        {"key":"k","ts_ms":1000,"value":1}
        {"key":"k","ts_ms":2000,"value":7}
        {"key":"k","ts_ms":3000,"value":20}
        {"key":"k","ts_ms":2500,"value":30}
        {"key":"k","ts_ms":4000,"value":2}
        {"key":"k","ts_ms":5000,"value":30}

        """

    func replay(_ query: String, _ events: String, engine: String = "record", extra: [String] = []) throws -> StreamlabProcess.Result {
        let directory = try write(["q.json": query, "e.jsonl": events])
        return try StreamlabProcess.run(["replay", "--engine", engine, "--query", "q.json", "--events", "e.jsonl"] + extra, in: directory)
    }

    @Test func replayPrintsNextMatchesThenTheLateSideOutput() throws {
        let result = try replay(smallThenLarge.replacingOccurrences(of: "CONTIGUITY", with: "next"), events)
        #expect(result.standardError == "")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
            {"key":"k","match":[{"stage":"small","id":4,"ts_ms":4000,"value":2},{"stage":"large","id":5,"ts_ms":5000,"value":30}]}
            {"late":true,"key":"k","ts_ms":2500,"value":30}

            """)
    }

    @Test func replayFollowedBySkipsTheEventInBetween() throws {
        let result = try replay(smallThenLarge.replacingOccurrences(of: "CONTIGUITY", with: "followed_by"), events)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
            {"key":"k","match":[{"stage":"small","id":0,"ts_ms":1000,"value":1},{"stage":"large","id":2,"ts_ms":3000,"value":20}]}
            {"key":"k","match":[{"stage":"small","id":4,"ts_ms":4000,"value":2},{"stage":"large","id":5,"ts_ms":5000,"value":30}]}
            {"late":true,"key":"k","ts_ms":2500,"value":30}

            """)
    }

    @Test func replayMatchesThreeFailuresThenASuccessWithinAMinuteByKind() throws {
        let query = #"{"pattern":[{"name":"failure","where":{"kind":"failure"},"times":3},{"name":"success","contiguity":"followed_by","where":{"kind":"success"}}],"within_ms":60000,"watermark_delay_ms":0}"#
        let events = """
            {"key":"card-1","ts_ms":0,"value":5,"kind":"failure"}
            {"key":"card-2","ts_ms":0,"value":5,"kind":"failure"}
            {"key":"card-1","ts_ms":10000,"value":5,"kind":"failure"}
            {"key":"card-1","ts_ms":20000,"value":5,"kind":"failure"}
            {"key":"card-2","ts_ms":30000,"value":5,"kind":"failure"}
            {"key":"card-1","ts_ms":30000,"value":9,"kind":"success"}
            {"key":"card-2","ts_ms":50000,"value":5,"kind":"failure"}
            {"key":"card-2","ts_ms":60000,"value":9,"kind":"success"}

            """
        let result = try replay(query, events)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == #"{"key":"card-1","match":[{"stage":"failure","id":0,"ts_ms":0,"value":5},{"stage":"failure","id":2,"ts_ms":10000,"value":5},{"stage":"failure","id":3,"ts_ms":20000,"value":5},{"stage":"success","id":5,"ts_ms":30000,"value":9}]}"# + "\n")
    }

    @Test func aPatternQueryNeedsTheRecordEngineAndNoCrashPath() throws {
        let query = smallThenLarge.replacingOccurrences(of: "CONTIGUITY", with: "next")
        let micro = try replay(query, events, engine: "microbatch")
        #expect(micro.exitCode == 2)
        #expect(micro.standardOutput == "")
        #expect(micro.standardError == "error: q.json: pattern: needs --engine record (Flink CEP); Spark Structured Streaming has no pattern operator\n")
        let crash = try replay(query, events, extra: ["--guarantee", "exactly-once"])
        #expect(crash.exitCode == 2)
        #expect(crash.standardError == "error: <command line>: --guarantee: is not supported with a pattern query\n")
    }

    @Test func aBadPatternFileIsOneLineNamingTheFieldAndExitTwo() throws {
        let result = try replay(#"{"pattern":[{"name":"a"},{"name":"b","contiguity":"next","times":2.5}]}"#, events)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: q.json: pattern[1].times: must be a whole number from 1 to 1000, got 2.5\n")
        let kind = try replay(smallThenLarge.replacingOccurrences(of: "CONTIGUITY", with: "next"), #"{"key":"k","ts_ms":1,"value":1,"kind":7}"# + "\n")
        #expect(kind.exitCode == 2)
        #expect(kind.standardError == "error: e.jsonl: line 1.kind: expected a string\n")
    }

    @Test func cepRunsTheCardTestingPatternOnCardTransactions() throws {
        let result = try StreamlabProcess.run(["cep", "card-transactions", "--pattern", "card-testing", "--events", "20000", "--show", "3"])
        #expect(result.standardError == "")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
            streamlab cep card-transactions --pattern card-testing --seed 1 --events 20000
            pattern: card testing: a payment under $2, then one over $200 on the same card within 5 minutes: begin("small").where(kind == "transaction" && value < 2).followedBy("large").where(kind == "transaction" && value > 200).within(300000 ms)
            rules: Flink CEP in event time: each key's events wait until the watermark (max event time − 5000 ms, after every event) passes them, then run through the key's NFA in timestamp order; after-match skip: noSkip
            matches: 7 on 7 keys; first 3:
              card-2047: small 1.93 at 00:00:11.141, large 263.65 at 00:02:12.175; emitted at watermark 00:02:12.190
              card-2668: small 1.66 at 00:02:22.828, large 217.60 at 00:02:56.335; emitted at watermark 00:02:56.415
              card-1750: small 1.72 at 00:01:44.401, large 225.18 at 00:03:33.637; emitted at watermark 00:03:33.668
            late events (side output): 14
            state: peak 123 partial matches, peak 283 events waiting for the watermark
            planted keys: 0 of the scenario's 8 planted keys flagged; 7 flagged keys not planted

            """)
    }

    @Test func cepDrawsTheOperatorStateWithSvg() throws {
        let directory = try StreamlabProcess.temporaryDirectory()
        let result = try StreamlabProcess.run(["cep", "card-transactions", "--pattern", "card-testing", "--events", "5000", "--show", "0", "--svg", "state.svg"],
                                              in: directory)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasSuffix("\nwrote state.svg\n"))
        let chart = try String(contentsOf: directory.appendingPathComponent("state.svg"), encoding: .utf8)
        #expect(chart.hasPrefix("<svg"))
        #expect(chart.contains("partial matches") && chart.contains("events waiting for the watermark"))
        let badPath = try StreamlabProcess.run(["cep", "card-transactions", "--pattern", "card-testing", "--events", "100", "--svg", "no-such-dir/state.svg"],
                                               in: directory)
        #expect(badPath.exitCode == 2)
        #expect(badPath.standardOutput == "")
    }

    @Test func cepAnswersAnUnknownPatternOrABadFileWithOneLine() throws {
        let unknown = try StreamlabProcess.run(["cep", "card-transactions", "--pattern", "no-such"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.standardError == "error: <command line>: --pattern: no pattern named 'no-such' (known: card-testing; or give a .json file)\n")
        let directory = try write(["p.json": #"{"pattern":[{"name":"a","where":{"valu_below":1}}]}"#])
        let bad = try StreamlabProcess.run(["cep", "card-transactions", "--pattern", "p.json"], in: directory)
        #expect(bad.exitCode == 2)
        #expect(bad.standardOutput == "")
        #expect(bad.standardError
            == "error: p.json: pattern[0].where.valu_below: unknown field; did you mean 'value_below'?\n")
    }
}
