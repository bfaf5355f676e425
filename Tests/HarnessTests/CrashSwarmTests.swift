import Delivery
import Harness
import Testing

/// The seed swarms of issue 4, sized for CI (a thousand tiny schedules per
/// engine). Every failure message carries its seed and the command that replays it.
@Suite struct CrashSwarmTests {
    @Test(arguments: CrashSwarm.engineNames)
    func exactlyOnceLosesAndDuplicatesNothingOverAThousandCrashSchedules(engine: String) {
        var crashes = 0
        for outcome in CrashSwarm.run(engine: engine, guarantee: .exactlyOnce, seeds: 1..<1_001) {
            #expect(outcome.isExactlyOnce, "\(outcome)")
            crashes += outcome.crashes
        }
        #expect(crashes > 1_000, "the swarm must actually crash")
    }

    @Test(arguments: CrashSwarm.engineNames)
    func exactlyOnceFromTheQueueMatchesTheLogOverFiveHundredCrashSchedules(engine: String) {
        for seed in UInt64(1)..<501 {
            let fromQueue = CrashSwarm.check(seed: seed, engine: engine, guarantee: .exactlyOnce, source: .queue)
            #expect(fromQueue.isExactlyOnce, "\(fromQueue) --source queue")
            #expect(fromQueue == CrashSwarm.check(seed: seed, engine: engine, guarantee: .exactlyOnce), "seed \(seed)")
        }
    }

    @Test(arguments: ["flink", "spark-structured-streaming"])
    func idempotentUpsertIsExactlyOnceToo(engine: String) {
        for outcome in CrashSwarm.run(engine: engine, guarantee: .exactlyOnceIdempotent, seeds: 1..<1_001) {
            #expect(outcome.isExactlyOnce, "\(outcome)")
        }
    }

    @Test(arguments: CrashSwarm.engineNames)
    func atLeastOnceLosesNothingAndDuplicatesWhenACrashFollowsASinkWrite(engine: String) {
        var duplicated = 0
        for outcome in CrashSwarm.run(engine: engine, guarantee: .atLeastOnce, seeds: 1..<501) {
            #expect(outcome.finished && outcome.correctness.eventsLost == 0 && outcome.correctness.eventValuesWrong == 0, "\(outcome)")
            if outcome.afterSinkWriteCrashes > 0 {
                #expect(outcome.correctness.eventsDuplicated + outcome.correctness.windowsDuplicated > 0, "\(outcome)")
            }
            duplicated += outcome.correctness.eventsDuplicated
        }
        #expect(duplicated > 0)
    }

    @Test(arguments: CrashSwarm.engineNames)
    func atMostOnceNeverDuplicatesAndLosesRecordsInFlight(engine: String) {
        var lost = 0
        for outcome in CrashSwarm.run(engine: engine, guarantee: .atMostOnce, seeds: 1..<501) {
            #expect(outcome.finished && outcome.correctness.eventsDuplicated == 0 && outcome.correctness.windowsDuplicated == 0, "\(outcome)")
            lost += outcome.correctness.eventsLost
        }
        #expect(lost > 0)
    }

    @Test func aScheduleReplaysExactlyFromItsSeed() {
        let first = CrashSwarm.check(seed: 4242, engine: "flink", guarantee: .atLeastOnce)
        let again = CrashSwarm.check(seed: 4242, engine: "flink", guarantee: .atLeastOnce)
        #expect(first == again)
        #expect(first.description.hasPrefix("seed 4242 flink at-least-once crashes="))
        #expect(first.description.hasSuffix("reproduce: streamlab crash --swarm-seed 4242 --engine flink --guarantee at-least-once"))
    }
}
