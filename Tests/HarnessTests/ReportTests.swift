import Delivery
import Foundation
import Harness
import SimKernel
import Testing
import Workloads

/// A small shop workload: orders (kind 1) and restocks (kind 2) on a few SKUs.
func shopWorkload(seed: UInt64, count: Int = 600) -> CompareWorkload {
    let stream = RandomStream(root: seed, component: "harness-tests.shop")
    var events: [Event] = []
    var arrival = Instant.seconds(100)
    for id in 0..<count {
        arrival = arrival + Duration.micros(roundingSeconds: stream.exponential(mean: 0.2))
        let kind: UInt16 = stream.nextIndex(below: 10) == 0 ? 2 : 1
        events.append(Event(id: UInt64(id), key: Int32(stream.nextIndex(below: 4)), kind: kind,
                            value: kind == 2 ? 5 : 30, eventTime: arrival - .millis(100), arrivalTime: arrival))
    }
    return CompareWorkload(scenarioName: "shop-test", events: events, kindNames: ["view", "order", "stock"], initialStock: 20,
                           windowSizeMicros: 10_000_000, watermarkDelayMicros: 500_000, clearingMicros: 2_000_000)
}

func smallSettings(seed: UInt64) throws -> CompareSettings {
    CompareSettings(seed: seed, crashPlan: try CrashPlan.parse("at:20s,after-sink-write:50"), recoveryDelay: .constant(2),
                    recoveryDelayText: "2s", batchScheduleMicros: 60_000_000, sustainableMaxEventsPerTrial: 2_000)
}

@Suite struct ReportTests {
    @Test func sameSeedGivesByteIdenticalReportFiles() throws {
        let first = try ReportFolder.files(for: CompareRun.run(shopWorkload(seed: 3), settings: smallSettings(seed: 3)))
        let second = try ReportFolder.files(for: CompareRun.run(shopWorkload(seed: 3), settings: smallSettings(seed: 3)))
        #expect(first.map(\.path) == ["report.json", "results.csv", "table.txt", "charts/latency-cdf.svg", "charts/latency-vs-trigger.svg",
                                      "charts/completeness-vs-watermark.svg", "charts/crash-timeline.svg", "charts/consumer-lag.svg"])
        for (a, b) in zip(first, second) { #expect(a.contents == b.contents, "\(a.path) differs between runs") }
        let other = try ReportFolder.files(for: CompareRun.run(shopWorkload(seed: 3), settings: smallSettings(seed: 4)))
        #expect(other[0].contents != first[0].contents, "another seed draws other recovery delays")
    }

    @Test func reportFolderIsWrittenWholeAndReplacesAnOldOne() throws {
        let report = try CompareRun.run(shopWorkload(seed: 5, count: 200), settings: smallSettings(seed: 5))
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("harness-report-\(UInt32.random(in: 0...UInt32.max))")
        let destination = base.appendingPathComponent("out").path
        try ReportFolder.write(try ReportFolder.files(for: report), to: destination)
        try ReportFolder.write(try ReportFolder.files(for: report), to: destination)
        let listing = try FileManager.default.contentsOfDirectory(atPath: base.path)
        #expect(listing == ["out"], "no temporary folder left behind")
        #expect(FileManager.default.fileExists(atPath: destination + "/charts/crash-timeline.svg"))
        try? FileManager.default.removeItem(at: base)
    }

    @Test func aReportThatCannotBeWrittenLeavesNoFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("harness-blocked-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // A file where the report's "charts" folder must go makes the write fail halfway.
        let files: [(path: String, contents: String)] = [("report.json", "{}"), ("report.json/charts/x.svg", "<svg/>")]
        #expect(throws: InputError.self) { try ReportFolder.write(files, to: base.appendingPathComponent("out").path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
        try? FileManager.default.removeItem(at: base)
    }

    @Test func fixedPointFormattingNeverUsesExponentsOrLocale() {
        #expect(formatFixed(1234.5678, digits: 2) == "1234.57")
        #expect(formatFixed(-0.004, digits: 2) == "0.00")
        #expect(formatFixed(-2.5, digits: 1) == "-2.5")
        #expect(formatFixed(1e9, digits: 0) == "1000000000")
        #expect(formatFixed(0.05, digits: 3) == "0.050")
    }
}
