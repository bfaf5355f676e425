import Foundation
import Testing

/// `streamlab cdc`: exact output of the changelog, the compacted topic and the
/// rebuild, and one-line errors with exit code 2.
@Suite struct CdcCommandTests {
    @Test func theChangelogPrintsDebeziumOperationsWithBeforeAndAfter() throws {
        let result = try StreamlabProcess.run(["cdc", "theworldshop-viral-night", "--events", "1500", "--initial-stock", "4", "--limit", "4"])
        #expect(result.standardError == "")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
            streamlab cdc theworldshop-viral-night --seed 1 --events 1500 --initial-stock 4 --limit 4 --format text
            table inventory (sku -> stock): 194 changes (c 71, u 115, d 8); 55 orders rejected (sold out); 63 rows at the end
            first 4 (Debezium envelope: op, before, after, source.lsn, source.ts_ms = commit, ts_ms = capture):
              lsn 1      op c  sku-61   stock - -> 4            committed 22:30:45.638  captured 22:30:46.000
              lsn 2      op u  sku-61   stock 4 -> 3            committed 22:30:45.638  captured 22:30:46.000
              lsn 3      op c  sku-10   stock - -> 4            committed 22:31:09.181  captured 22:31:09.500
              lsn 4      op u  sku-10   stock 4 -> 3            committed 22:31:09.181  captured 22:31:09.500
            replaying the changelog from lsn 1 rebuilds the table: yes (63 rows)

            """)
    }

    @Test func theJsonFormatPrintsOneDebeziumEnvelopePerLineAndNothingElse() throws {
        let result = try StreamlabProcess.run(["cdc", "theworldshop-viral-night", "--events", "1500", "--initial-stock", "4", "--limit", "2", "--format", "json"])
        #expect(result.standardError == "")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
            {"before":null,"after":{"sku":"sku-61","stock":4},"source":{"connector":"streamlab","table":"inventory","lsn":1,"ts_ms":81045638},"op":"c","ts_ms":81046000}
            {"before":{"sku":"sku-61","stock":4},"after":{"sku":"sku-61","stock":3},"source":{"connector":"streamlab","table":"inventory","lsn":2,"ts_ms":81045638},"op":"u","ts_ms":81046000}

            """)
    }

    @Test func compactionKeepsTheLatestRowPerSkuAndAPausedConsumerMissesTheDeletes() throws {
        let result = try StreamlabProcess.run(["cdc", "theworldshop-viral-night", "--events", "1500", "--initial-stock", "4", "--limit", "4", "--compacted", "--segment-records", "50", "--delete-retention-ms", "60000"])
        #expect(result.standardError == "")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
            streamlab cdc theworldshop-viral-night --seed 1 --events 1500 --initial-stock 4 --compacted --segment-records 50 --min-compaction-lag-ms 0 --delete-retention-ms 60000 --limit 4
            topic inventory (one partition, key = sku): 194 changes + 8 tombstones = 202 records, offsets 0-201, segments of 50 records
            consumer A read every record as it was written: 63 rows
            consumer B read offsets 0-66, then paused (24 rows so far)
            cleaning 1 at 22:35:34.000 (the last record's time): cleanable below offset 200 (active segment from 200); removed 130 obsolete records and 0 tombstones, kept 8 tombstones; 202 -> 72 records
              active segment untouched: yes (2 records)
              from offset 0: 1 sku-61 u 3 | 13 sku-102 u 3 | 25 sku-54 u 3 | 29 sku-87 u 3
            consumer C reads from offset 0 now: 72 records, 63 rows, same table as A: yes
            cleaning 2 at 22:36:34.000 (cleaning 1 + delete.retention.ms): cleanable below offset 200 (active segment from 200); removed 0 obsolete records and 8 tombstones, kept 0 tombstones; 72 -> 64 records
              active segment untouched: yes (2 records)
              from offset 0: 1 sku-61 u 3 | 13 sku-102 u 3 | 25 sku-54 u 3 | 29 sku-87 u 3
            consumer D reads from offset 0 now: 64 records, 63 rows, same table as A: yes
            consumer B resumes at offset 67: 69 rows, 6 differ from A (sku-0, sku-2, sku-3, sku-4, sku-21, …): rows it saw before a delete whose record and tombstone were cleaned away before it read them

            """)
    }

    @Test func aRebuildFromASnapshotReadsFewerEventsAndGivesTheSameTable() throws {
        let result = try StreamlabProcess.run(["cdc", "theworldshop-viral-night", "--events", "1500", "--initial-stock", "4", "--rebuild", "--snapshot-every", "100"])
        #expect(result.standardError == "")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == """
            streamlab cdc theworldshop-viral-night --seed 1 --events 1500 --initial-stock 4 --rebuild --snapshot-every 100
            event log: 194 events (listed 71, order-placed 123, restocked 0); 95 written as v1 (59 order-placed without quantity), schema v2 from 22:33:20.979; 1 snapshot
            full replay: read 194 events, upcast 95 v1 -> v2: 63 rows
            snapshot at event 100 + tail: read 94 events, upcast 0: 63 rows
            same table: yes; same as the database's table (CDC): yes
            without the upcaster (v1 orders read as quantity 0): 36 of 63 rows wrong

            """)
    }

    func expectRejected(_ arguments: [String], message: String) throws {
        let result = try StreamlabProcess.run(["cdc"] + arguments)
        #expect(result.exitCode == 2)
        #expect(result.standardError == message + "\n")
        #expect(result.standardOutput == "")
    }

    @Test func badInputIsOneLineNamingTheFieldAndExitCodeTwo() throws {
        try expectRejected(["theworldshop-viral-night", "--limit", "0"], message: "error: <command line>: --limit: must be at least 1, got 0")
        try expectRejected(["theworldshop-viral-night", "--format", "xml"], message: "error: <command line>: --format: must be text or json, got 'xml'")
        try expectRejected(["theworldshop-viral-night", "--compacted", "--rebuild"],
                           message: "error: <command line>: --rebuild: choose one of --compacted and --rebuild")
        try expectRejected(["theworldshop-viral-night", "--rebuild", "--snapshot-every", "0"],
                           message: "error: <command line>: --snapshot-every: must be at least 1, got 0")
        try expectRejected(["theworldshop-viral-night", "--compacted", "--delete-retention-ms=-1"],
                           message: "error: <command line>: --delete-retention-ms: must be an integer from 0 to 1000000000000, got -1")
        try expectRejected(["iot-sensors"], message:
            "error: iot-sensors: sources.kinds: needs \"order\" and \"stock\" event kinds (cdc models TheWorldShop's inventory table)")
    }

    @Test func anUnknownScenarioIsOneLineAndExitCodeTwo() throws {
        let result = try StreamlabProcess.run(["cdc", "no-such-scenario"])
        #expect(result.exitCode == 2)
        #expect(result.standardError.hasPrefix("error: ") && result.standardError.hasSuffix(": no-such-scenario: unknown scenario (known: card-transactions, clickstream-sessions, iot-sensors, nexmark, onoff-bursts, reference, theworldshop-viral-night)\n"))
        #expect(result.standardOutput == "")
    }
}
