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
        subcommands: [BenchReferenceCommand.self]
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
