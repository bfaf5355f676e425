import Delivery
import Engines
import Harness
import Testing

/// The presets that offer `guarantee`, by name.
func presets(offering guarantee: Guarantee) -> [String] {
    PresetRegistry.all.filter { $0.offering(guarantee) != nil }.map(\.name)
}

/// The seed swarms of issue 4, over every preset of the catalog that offers
/// the guarantee under test, sized for CI. Every failure message carries its
/// seed and the command that replays it.
@Suite struct CrashSwarmTests {
    @Test(arguments: presets(offering: .exactlyOnce))
    func exactlyOnceLosesAndDuplicatesNothingOverAThousandCrashSchedules(engine: String) throws {
        var crashes = 0
        for outcome in try CrashSwarm.run(engine: engine, guarantee: .exactlyOnce, seeds: 1..<1_001) {
            #expect(outcome.isExactlyOnce, "\(outcome)")
            crashes += outcome.crashes
        }
        #expect(crashes > 1_000, "the swarm must actually crash")
    }

    @Test(arguments: presets(offering: .exactlyOnce))
    func exactlyOnceFromTheQueueMatchesTheLogOverTwoHundredCrashSchedules(engine: String) throws {
        for seed in UInt64(1)..<201 {
            let fromQueue = try CrashSwarm.check(seed: seed, engine: engine, guarantee: .exactlyOnce, source: .queue)
            #expect(fromQueue.isExactlyOnce, "\(fromQueue) --source queue")
            #expect(fromQueue == (try CrashSwarm.check(seed: seed, engine: engine, guarantee: .exactlyOnce)), "seed \(seed)")
        }
    }

    @Test(arguments: presets(offering: .exactlyOnceIdempotent))
    func idempotentUpsertIsExactlyOnceToo(engine: String) throws {
        for outcome in try CrashSwarm.run(engine: engine, guarantee: .exactlyOnceIdempotent, seeds: 1..<501) {
            #expect(outcome.isExactlyOnce, "\(outcome)")
        }
    }

    @Test(arguments: presets(offering: .atLeastOnce))
    func atLeastOnceLosesNothingAndDuplicatesWhenACrashFollowsASinkWrite(engine: String) throws {
        var duplicated = 0
        for outcome in try CrashSwarm.run(engine: engine, guarantee: .atLeastOnce, seeds: 1..<501) {
            #expect(outcome.finished && outcome.correctness.eventsLost == 0 && outcome.correctness.eventValuesWrong == 0, "\(outcome)")
            if outcome.afterSinkWriteCrashes > 0 {
                #expect(outcome.correctness.eventsDuplicated + outcome.correctness.windowsDuplicated > 0, "\(outcome)")
            }
            duplicated += outcome.correctness.eventsDuplicated
        }
        #expect(duplicated > 0)
    }

    /// At-most-once restores nothing: it never duplicates, and crashes cost
    /// records in flight or the operator state (wrong totals and windows).
    @Test(arguments: presets(offering: .atMostOnce))
    func atMostOnceNeverDuplicatesAndLosesRecordsOrState(engine: String) throws {
        var damaged = 0
        for outcome in try CrashSwarm.run(engine: engine, guarantee: .atMostOnce, seeds: 1..<501) {
            let c = outcome.correctness
            #expect(outcome.finished && c.eventsDuplicated == 0 && c.windowsDuplicated == 0, "\(outcome)")
            damaged += c.eventsLost + c.eventValuesWrong + c.windowsWrong + c.windowsMissing
        }
        #expect(damaged > 0)
    }

    @Test func aScheduleReplaysExactlyFromItsSeed() throws {
        let first = try CrashSwarm.check(seed: 4242, engine: "flink", guarantee: .atLeastOnce)
        let again = try CrashSwarm.check(seed: 4242, engine: "flink", guarantee: .atLeastOnce)
        #expect(first == again)
        #expect(first.description.hasPrefix("seed 4242 flink at-least-once crashes="))
        #expect(first.description.hasSuffix("reproduce: streamlab crash --swarm-seed 4242 --engine flink --guarantee at-least-once"))
    }
}
