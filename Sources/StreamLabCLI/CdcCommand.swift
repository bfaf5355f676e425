import ArgumentParser
import Delivery
import Foundation
import SimKernel

/// `streamlab cdc SCENARIO`: TheWorldShop's inventory table as a Debezium-style
/// changelog, as a compacted topic read by consumers (`--compacted`), or
/// rebuilt from its event log (`--rebuild`). All logic lives in
/// `Delivery.CDCScenarioRun`; this only parses and prints.
struct CdcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdc",
        abstract: "Print a Debezium-style changelog of TheWorldShop's inventory table; compact it or rebuild it from events.",
        discussion: "The table is sku -> units in stock: the first order lists a SKU with --initial-stock units, each order sells"
            + " one, a sold-out SKU's row is deleted, a stock delivery restocks it. --compacted publishes the changelog to a"
            + " compacted topic (a tombstone after each delete) and shows what Kafka's log cleaner keeps and drops and what"
            + " consumers read; --rebuild replays the event log in full and from a snapshot, upcasting v1 orders."
    )

    @Argument(help: "A scenario with \"order\" and \"stock\" events (theworldshop-viral-night) or a scenario .json file.")
    var scenario: String

    @Option(help: "The root seed.")
    var seed: UInt64 = 1

    @Option(help: "How many events to generate (default: the scenario's own length, at most 100000).")
    var events: Int?

    @Option(help: "Units a SKU is listed with (default: the scenario's initial_stock_per_sku).")
    var initialStock: Int64?

    @Option(help: "How many changes (or, with --compacted, records) to print.")
    var limit: Int = 20

    @Option(help: "text or json (one Debezium envelope per line, nothing else).")
    var format: String = "text"

    @Flag(help: "Publish the changelog to a compacted topic and clean it (Kafka's log cleaner rules).")
    var compacted = false

    @Flag(help: "Rebuild the table from the event log: full replay against snapshot + tail, v1 events upcast.")
    var rebuild = false

    @Option(help: "With --rebuild: snapshot the table every N events.")
    var snapshotEvery: Int = 1_000

    @Option(help: "With --compacted: records per log segment.")
    var segmentRecords: Int = 100

    @Option(help: "With --compacted: min.compaction.lag.ms.")
    var minCompactionLagMs: Int64 = 0

    @Option(help: "With --compacted: delete.retention.ms (Kafka's default: one day).")
    var deleteRetentionMs: Int64 = 86_400_000

    func run() throws {
        let lines = try withInputErrorsReported { try configured().run() }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    func configured() throws(InputError) -> CDCScenarioRun {
        func bad(_ field: String, _ reason: String) -> InputError { InputError(file: "<command line>", field: field, reason: reason) }
        guard let format = CDCScenarioRun.Format(rawValue: format) else { throw bad("--format", "must be text or json, got '\(format)'") }
        if compacted && rebuild { throw bad("--rebuild", "choose one of --compacted and --rebuild") }
        if format == .json && (compacted || rebuild) { throw bad("--format", "json prints the changelog only; leave out --compacted and --rebuild") }
        for (field, value) in [("--min-compaction-lag-ms", minCompactionLagMs), ("--delete-retention-ms", deleteRetentionMs)]
        where value < 0 || value > 1_000_000_000_000 {
            throw bad(field, "must be an integer from 0 to 1000000000000, got \(value)")
        }
        if segmentRecords < 1 { throw bad("--segment-records", "must be at least 1, got \(segmentRecords)") }
        var run = CDCScenarioRun(scenario: scenario)
        run.seed = seed
        run.events = events
        run.initialStock = initialStock
        run.limit = limit
        run.format = format
        run.mode = compacted ? .compacted : (rebuild ? .rebuild : .changelog)
        run.snapshotEvery = snapshotEvery
        run.policy = LogCleaner.Policy(segmentRecords: segmentRecords, minCompactionLag: .millis(minCompactionLagMs),
                                       deleteRetention: .millis(deleteRetentionMs))
        return run
    }
}
