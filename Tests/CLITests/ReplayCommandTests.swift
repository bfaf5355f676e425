import Foundation
import Testing

@Suite struct ReplayCommandTests {
    func write(_ files: [String: String]) throws -> URL {
        let directory = try StreamlabProcess.temporaryDirectory()
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    let events = """
        {"key":"a","ts_ms":1000,"value":1,"batch":0}
        {"key":"b","ts_ms":2000,"value":2,"batch":0}
        {"key":"a","ts_ms":12000,"value":3,"batch":1}
        {"key":"a","ts_ms":4000,"value":4,"batch":2}

        """

    @Test func recordEngineWritesFiredWindowsThenLateSideOutput() throws {
        let directory = try write([
            "q.json": #"{"window":{"type":"tumbling","size_ms":10000},"watermark_delay_ms":0}"#,
            "e.jsonl": events,
        ])
        let result = try StreamlabProcess.run(["replay", "--engine", "record", "--query", "q.json", "--events", "e.jsonl"], in: directory)
        #expect(result.standardError == "")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
            {"key":"a","window_start_ms":0,"window_end_ms":10000,"count":1,"sum":1,"min":1,"max":1}
            {"key":"b","window_start_ms":0,"window_end_ms":10000,"count":1,"sum":2,"min":2,"max":2}
            {"key":"a","window_start_ms":10000,"window_end_ms":20000,"count":1,"sum":3,"min":3,"max":3}
            {"late":true,"key":"a","ts_ms":4000,"value":4}

            """)
    }

    @Test func microBatchEngineTagsRowsWithSparkBatchIdsIncludingTheTrailingNoDataBatch() throws {
        let directory = try write([
            "q.json": #"{"window":{"type":"tumbling","size_ms":10000},"watermark_delay_ms":0,"output_mode":"append"}"#,
            "e.jsonl": events,
        ])
        let result = try StreamlabProcess.run(["replay", "--engine", "microbatch", "--query", "q.json", "--events", "e.jsonl"], in: directory)
        #expect(result.exitCode == 0)
        // Batch 1 evicts with 2 000 (nothing); batch 2 filters with 2 000 (4 000 counts) and evicts
        // with 12 000: both [0, 10 000) rows leave in batch 2. No trailing batch: the watermark stays 12 000.
        #expect(result.standardOutput == """
            {"key":"a","window_start_ms":0,"window_end_ms":10000,"count":2,"sum":5,"min":1,"max":4,"batch":2}
            {"key":"b","window_start_ms":0,"window_end_ms":10000,"count":1,"sum":2,"min":2,"max":2,"batch":2}

            """)
    }

    @Test func hiddenMutationOptionSwapsInTheWrongLateRule() throws {
        let directory = try write([
            "q.json": #"{"window":{"type":"tumbling","size_ms":10000},"watermark_delay_ms":0,"output_mode":"append"}"#,
            "e.jsonl": events,
        ])
        let arguments = ["replay", "--engine", "microbatch", "--query", "q.json", "--events", "e.jsonl"]
        let mutated = try StreamlabProcess.run(arguments + ["--mutate", "spark-current-watermark"], in: directory)
        #expect(mutated.standardOutput == """
            {"key":"a","window_start_ms":0,"window_end_ms":10000,"count":1,"sum":1,"min":1,"max":1,"batch":2}
            {"key":"b","window_start_ms":0,"window_end_ms":10000,"count":1,"sum":2,"min":2,"max":2,"batch":2}

            """)
        let viaEnvironment = try StreamlabProcess.run(arguments, in: directory, environment: ["STREAMLAB_MUTATE": "spark-current-watermark"])
        #expect(viaEnvironment.standardOutput == mutated.standardOutput)
    }

    @Test func badQueryFieldIsOneLineErrorWithExitCodeTwo() throws {
        let directory = try write([
            "q.json": #"{"window":{"type":"hopping","size_ms":10000},"watermark_delay_ms":0}"#,
            "e.jsonl": events,
        ])
        let result = try StreamlabProcess.run(["replay", "--engine", "record", "--query", "q.json", "--events", "e.jsonl"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: q.json: window.type: must be \"tumbling\", \"sliding\", \"session\" or \"none\", not \"hopping\"\n")
    }

    @Test func badEventLineNamesTheLineAndField() throws {
        let directory = try write([
            "q.json": #"{"window":{"type":"session","gap_ms":500},"watermark_delay_ms":0}"#,
            "e.jsonl": "{\"key\":\"a\",\"ts_ms\":1,\"value\":1}\n{\"key\":\"a\",\"ts_ms\":1.5,\"value\":1}\n",
        ])
        let result = try StreamlabProcess.run(["replay", "--engine", "record", "--query", "q.json", "--events", "e.jsonl"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardError.hasPrefix("error: e.jsonl: line 2.ts_ms: "))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    @Test func decreasingBatchNumbersAreRejected() throws {
        let directory = try write([
            "q.json": #"{"window":{"type":"tumbling","size_ms":10},"watermark_delay_ms":0}"#,
            "e.jsonl": "{\"key\":\"a\",\"ts_ms\":1,\"value\":1,\"batch\":3}\n{\"key\":\"a\",\"ts_ms\":2,\"value\":1,\"batch\":2}\n",
        ])
        let result = try StreamlabProcess.run(["replay", "--engine", "microbatch", "--query", "q.json", "--events", "e.jsonl"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: e.jsonl: line 2.batch: must be non-decreasing (2 after 3)\n")
    }

    @Test func sessionWindowsInUpdateModeAreRejectedOnMicroBatchAsSparkDoes() throws {
        try expectRejectedOnMicroBatchButRunOnRecord(
            query: #"{"window":{"type":"session","gap_ms":500},"watermark_delay_ms":0,"output_mode":"update"}"#,
            error: "error: q.json: output_mode: update is not supported with session windows (as in Spark)\n")
    }

    @Test func slideLongerThanTheWindowIsRejectedOnMicroBatchButRunsOnRecord() throws {
        try expectRejectedOnMicroBatchButRunOnRecord(
            query: #"{"window":{"type":"sliding","size_ms":1000,"slide_ms":5000},"watermark_delay_ms":0,"output_mode":"append"}"#,
            error: "error: q.json: window.slide_ms: must be at most size_ms for micro-batch (Spark rejects a slide longer than the window)\n")
    }

    /// A query Spark refuses but Flink runs: exit 2 with `error` on micro-batch, exit 0 on record.
    func expectRejectedOnMicroBatchButRunOnRecord(query: String, error: String) throws {
        let directory = try write(["q.json": query, "e.jsonl": events])
        let micro = try StreamlabProcess.run(["replay", "--engine", "microbatch", "--query", "q.json", "--events", "e.jsonl"], in: directory)
        #expect(micro.exitCode == 2)
        #expect(micro.standardError == error)
        let record = try StreamlabProcess.run(["replay", "--engine", "record", "--query", "q.json", "--events", "e.jsonl"], in: directory)
        #expect(record.exitCode == 0)
    }

    @Test func missingFileIsReportedNotCrashed() throws {
        let directory = try write(["q.json": #"{"window":{"type":"tumbling","size_ms":10},"watermark_delay_ms":0}"#])
        let result = try StreamlabProcess.run(["replay", "--engine", "record", "--query", "q.json", "--events", "nope.jsonl"], in: directory)
        #expect(result.exitCode == 2)
        #expect(result.standardError == "error: nope.jsonl: cannot be read\n")
    }
}
