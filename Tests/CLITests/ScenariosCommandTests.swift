import Foundation
import Testing

@Suite struct ScenariosCommandTests {
    static var datasets: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Datasets").path
    }

    @Test func scenariosListsEveryScenarioWithItsDescriptionAligned() throws {
        let result = try StreamlabProcess.run(["scenarios"], environment: ["STREAMLAB_DATASETS": Self.datasets])
        #expect(result.exitCode == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == """
        card-transactions         Card payments at each card's home city; 8 planted fraud cards make 5 payments within 5 minutes in 5 other cities
        clickstream-sessions      Web sessions: bursts of clicks 20 s apart per user, separated by inactivity gaps; 2,000 users, Zipf-popular
        iot-sensors               500 temperature sensors with a diurnal-like rate; 5% of devices go offline for minutes and upload their backlog late
        nexmark                   NEXMark-like auction stream: persons, auctions and bids in the fixed cycle 1 : 3 : 46 of every 50 events
        onoff-bursts              On-off bursts (a two-state MMPP): 2,000 events/s for about 5 s, then silence for about 10 s
        reference                 Benchmark workload: Poisson 10,000 events/s, lognormal delay (median 50 ms, sigma 0.5), 1,000 uniform keys
        theworldshop-viral-night  A product goes viral at 23:00: a Hawkes surge of add-to-carts (about 50,000 from 22:30 to 00:00), orders, payments; hot SKUs sell out within minutes

        """)
    }

    @Test func scenariosWithoutADatasetsFolderIsAnInputError() throws {
        let empty = try StreamlabProcess.temporaryDirectory()
        let result = try StreamlabProcess.run(["scenarios"], environment: ["STREAMLAB_DATASETS": empty.path])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: Datasets/scenarios: (directory): no scenario files found; set STREAMLAB_DATASETS\n")
    }
}
