import ArgumentParser
import BenchKit
import Foundation
import SimKernel
import Workloads

/// `streamlab sweep`: a grid of engine × trigger interval × watermark delay
/// × seed over one scenario, run on `--jobs` cores, written as CSV plus an
/// SVG chart. Each cell is deterministic; `--jobs` changes only the wall
/// time (CLITests check jobs=1 and jobs=2 give byte-identical CSV).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of engine configurations × seeds on all cores; write CSV and an SVG chart."
    )

    @Option(help: "A scenario name (see `streamlab scenarios`) or a scenario .json file.")
    var scenario: String = "reference"

    @Option(help: "Events per cell.")
    var events: Int = 100_000

    @Option(help: "Comma-separated engines: record, microbatch.")
    var engines: String = "record,microbatch"

    @Option(name: .customLong("trigger-ms"), help: "Comma-separated trigger intervals in ms (record: periodic watermark interval).")
    var triggerMillis: String = "200,1000"

    @Option(name: .customLong("watermark-ms"), help: "Comma-separated watermark delays in ms.")
    var watermarkMillis: String = "0,100,200,500"

    @Option(help: "Comma-separated root seeds.")
    var seeds: String = "1,2,3"

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Where to write the CSV.")
    var csv: String

    @Option(help: "Where to write the SVG chart (default: the CSV path with .svg).")
    var svg: String?

    func run() throws {
        try withInputErrorsReported {
            let grid = try makeGrid()
            try CommandLineInput.requireAtLeast(1, jobs, field: "--jobs")
            let svgPath = svg ?? ((csv as NSString).deletingPathExtension + ".svg")
            print("sweep: scenario \(scenario), \(events) events per cell, engines \(engines), trigger-ms \(triggerMillis), "
                + "watermark-ms \(watermarkMillis), seeds \(seeds), \(grid.cells.count) cells")
            let bar = ProgressBar(label: "sweep")
            let start = MonotonicClock.nowSeconds()
            let results = SweepRunner.run(grid, jobs: jobs) { done, total in bar.update(done: done, total: total) }
            let wallSeconds = MonotonicClock.nowSeconds() - start
            bar.finish()
            try SweepFiles.writeAtomically(SweepCSV.render(results), to: csv, field: "--csv")
            try SweepFiles.writeAtomically(SweepChart.render(grid, results), to: svgPath, field: "--svg")
            print("wrote \(csv) and \(svgPath)")
            // Wall time varies run to run, so it goes to stderr, apart from the deterministic output.
            FileHandle.standardError.write(Data("sweep: \(grid.cells.count) cells in \(String(format: "%.3f", wallSeconds)) s with \(jobs) jobs\n".utf8))
        }
    }

    func makeGrid() throws(InputError) -> SweepGrid {
        try CommandLineInput.requireAtLeast(1, events, field: "--events")
        let engineChoices = try CommandLineInput.list(engines, field: "--engines") { (text: String) -> SweepGrid.EngineChoice? in
            SweepGrid.EngineChoice(rawValue: text)
        }
        let triggers = try CommandLineInput.list(triggerMillis, field: "--trigger-ms") { Int64($0).flatMap { $0 > 0 ? $0 : nil } }
        let delays = try CommandLineInput.list(watermarkMillis, field: "--watermark-ms") { Int64($0).flatMap { $0 >= 0 ? $0 : nil } }
        let seedList = try CommandLineInput.list(seeds, field: "--seeds") { UInt64($0) }
        let loaded = try ScenarioCatalog.load(scenario)
        return SweepGrid(
            scenario: loaded, scenarioName: loaded.name, eventsPerCell: events, engines: engineChoices,
            triggerIntervalsMillis: triggers, watermarkDelaysMillis: delays, seeds: seedList)
    }
}
