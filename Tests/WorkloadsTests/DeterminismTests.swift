import Testing
import SimKernel
@testable import Workloads

/// DESIGN.md, "Time and determinism": same seed → byte-identical files, in
/// debug and release. The digests are pinned once, in Fixtures/digests.txt,
/// which scripts/check-release-determinism.sh checks against a release build.
@Suite struct DeterminismTests {
    @Test func pinnedDigestFileCoversEveryBuiltInScenarioInBothFormats() throws {
        let pinned = TestSupport.pinnedDigests()
        let names = try FileManagerNames.builtIn()
        #expect(!names.isEmpty)
        for name in names {
            for format in DatasetFormat.allCases {
                #expect(pinned.contains { $0.scenario == name && $0.format == format }, "no pinned digest for \(name) \(format)")
            }
        }
    }

    @Test(arguments: TestSupport.pinnedDigests())
    func generatedDatasetMatchesItsPinnedDigest(_ pinned: TestSupport.PinnedDigest) throws {
        let scenario = try TestSupport.scenario(pinned.scenario)
        let digest = try TestSupport.datasetDigest(scenario: scenario, seed: pinned.seed, events: pinned.events, format: pinned.format)
        #expect(digest == pinned.sha256, "digest differs for \(pinned)")
    }

    @Test(arguments: ["reference", "theworldshop-viral-night", "iot-sensors", "card-transactions", "clickstream-sessions", "nexmark", "onoff-bursts"])
    func sameSeedTwiceGivesIdenticalBytesAndAnotherSeedDiffers(_ name: String) throws {
        let scenario = try TestSupport.scenario(name)
        let first = try TestSupport.datasetDigest(scenario: scenario, seed: 11, events: 1500, format: .csv)
        let second = try TestSupport.datasetDigest(scenario: scenario, seed: 11, events: 1500, format: .csv)
        let other = try TestSupport.datasetDigest(scenario: scenario, seed: 12, events: 1500, format: .csv)
        #expect(first == second, "\(name): same seed gave different bytes")
        #expect(first != other, "\(name): seeds 11 and 12 gave the same bytes")
    }
}

enum FileManagerNames {
    static func builtIn() throws -> [String] {
        try FileManagerShim.contents(TestSupport.scenariosDirectory).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}
