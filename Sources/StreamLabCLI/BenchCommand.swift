import ArgumentParser
import BenchKit
import Foundation
import SimKernel

/// `streamlab bench reference [--events N] [--seed S]`: the fixed entry
/// point for the reference workload, so anyone can compare StreamLab with
/// another program on the same machine (issue 7). It prints one JSON line.
///
/// Wall-clock time is read here, in the CLI, and only around the
/// simulation (not process start or scenario loading); library code never
/// reads a clock (../shared/DESIGN.md, "Time and determinism").
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a fixed benchmark workload and print one JSON line.",
        subcommands: [BenchReferenceCommand.self, BenchKeysCommand.self]
    )
}

struct BenchReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Generator → event queue → record engine 1 s tumbling count → sink, end to end.",
        discussion: "Prints {\"events\":N,\"wall_s\":…,\"events_per_s\":…,\"peak_rss_mb\":…}."
    )

    @Option(help: "How many events to generate and process.")
    var events: Int = 1_000_000

    @Option(help: "The root seed.")
    var seed: UInt64 = 1

    func run() throws {
        try withInputErrorsReported {
            try CommandLineInput.requireAtLeast(1, events, field: "--events")
            let scenario = try ReferenceWorkload.loadScenario()
            let start = MonotonicClock.nowSeconds()
            let outcome = ReferenceWorkload.run(scenario: scenario, events: events, seed: seed)
            let wallSeconds = MonotonicClock.nowSeconds() - start
            precondition(outcome.events == events, "reference run processed \(outcome.events) of \(events) events")
            print(BenchReport.referenceLine(events: events, wallSeconds: wallSeconds, peakRSSMegabytes: PeakMemory.residentMegabytes()))
        }
    }
}

/// `streamlab bench keys`: issue 14's keyed-state ratios in one process.
/// Every (window, engine, key count) runs over the same pre-generated events
/// `--repeats` times, round-robin so that a slow moment of the machine
/// spreads over all of them; each keeps its best wall time. Prints one JSON
/// line per row, then the ratios (`KeyedWindowReport`).
struct BenchKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Keyed 10 s tumbling and 5 s-gap session windows on every engine over 10^3..10^6 keys, with ratios.",
        discussion: "Engine only: the events are generated before the clock starts."
    )

    @Option(help: "Events per run.")
    var events: Int = 1_000_000

    @Option(help: "Comma-separated key counts.")
    var keys: String = "1000,100000,1000000"

    @Option(help: "Comma-separated engines: record, microbatch, batch.")
    var engines: String = "record,microbatch,batch"

    @Option(help: "Comma-separated windows: tumbling, session.")
    var windows: String = "tumbling,session"

    @Option(help: "Runs of each row; the best is kept.")
    var repeats: Int = 3

    func run() throws {
        try withInputErrorsReported {
            try CommandLineInput.requireAtLeast(1, events, field: "--events")
            try CommandLineInput.requireAtLeast(1, repeats, field: "--repeats")
            let keyCounts = try CommandLineInput.list(keys, field: "--keys") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
            let engineKinds = try CommandLineInput.list(engines, field: "--engines") { KeyedWindowWorkload.EngineKind(rawValue: $0) }
            let windowKinds = try CommandLineInput.list(windows, field: "--windows") { KeyedWindowWorkload.Window(rawValue: $0) }
            var rows: [KeyedWindowReport.Row] = []
            for keyCount in keyCounts {
                let input = try KeyedWindowWorkload.events(count: events, keyCount: keyCount)
                var cells: [(KeyedWindowWorkload.Window, KeyedWindowWorkload.EngineKind)] = []
                for window in windowKinds {
                    for engine in engineKinds { cells.append((window, engine)) }
                }
                var best = Array(repeating: Double.infinity, count: cells.count)
                var outcomes: [KeyedWindowWorkload.Outcome?] = Array(repeating: nil, count: cells.count)
                for _ in 0..<repeats {
                    for (index, (window, engine)) in cells.enumerated() {
                        let start = MonotonicClock.nowSeconds()
                        let outcome = KeyedWindowWorkload.run(engine, window: window, events: input)
                        best[index] = Swift.min(best[index], MonotonicClock.nowSeconds() - start)
                        precondition(outcomes[index] == nil || outcomes[index] == outcome, "runs of one row differ")
                        outcomes[index] = outcome
                    }
                }
                for (index, (window, engine)) in cells.enumerated() {
                    let row = KeyedWindowReport.Row(window: window, engine: engine, keyCount: keyCount, events: input.count,
                                                    bestWallSeconds: best[index], outcome: outcomes[index]!)
                    print(KeyedWindowReport.line(row))
                    rows.append(row)
                }
            }
            for line in KeyedWindowReport(rows: rows).ratioLines() { print(line) }
        }
    }
}

/// The benchmark's clocks and memory reading, kept in the CLI layer.
enum MonotonicClock {
    static func nowSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

enum PeakMemory {
    /// Peak resident set size of this process (Linux reports `ru_maxrss` in KiB).
    static func residentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

enum BenchReport {
    /// Fixed formatting: wall seconds to 6 places, events/s as an integer,
    /// peak RSS in MiB to 1 place.
    static func referenceLine(events: Int, wallSeconds: Double, peakRSSMegabytes: Double) -> String {
        let rate = wallSeconds > 0 ? Double(events) / wallSeconds : 0
        return "{\"events\":\(events),\"wall_s\":\(String(format: "%.6f", wallSeconds)),"
            + "\"events_per_s\":\(String(format: "%.0f", rate)),\"peak_rss_mb\":\(String(format: "%.1f", peakRSSMegabytes))}"
    }
}
