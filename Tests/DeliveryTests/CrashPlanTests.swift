import Delivery
import SimKernel
import Testing

@Suite struct CrashPlanTests {
    @Test func parsesEveryKindAndPrintsItBack() throws {
        let plan = try CrashPlan.parse("at:2m,at:30s,after:5000,during-checkpoint:2,after-sink-write:3,mtbf:10m")
        #expect(plan.atTimes == [.seconds(30), .seconds(120)])
        #expect(plan.afterRecords == [5000])
        #expect(plan.duringCheckpoints == [2])
        #expect(plan.afterSinkWrites == [3])
        #expect(plan.meanTimeBetweenFailuresMicros == 600_000_000)
        #expect(plan.description == "at:30s,at:2m,after:5000,during-checkpoint:2,after-sink-write:3,mtbf:10m")
        #expect(try CrashPlan.parse("at:1500ms").atTimes == [.millis(1500)])
        #expect(try CrashPlan.parse("none").isEmpty)
    }

    @Test(arguments: [
        ("at:soon", "error: <command line>: crashes: 'at:soon' needs a duration such as 500ms, 1.5s, 2m or 1h"),
        ("after:0", "error: <command line>: crashes: 'after:0' needs a whole number from 1 to 1000000000"),
        ("explode:3", "error: <command line>: crashes: unknown crash kind 'explode' in 'explode:3' (kinds: at, after, during-checkpoint, after-sink-write, mtbf)"),
        ("at30s", "error: <command line>: crashes: 'at30s' is not 'kind:value' (kinds: at, after, during-checkpoint, after-sink-write, mtbf)"),
        ("mtbf:0s", "error: <command line>: crashes: mtbf must be greater than 0 in 'mtbf:0s'"),
        ("", "error: <command line>: crashes: empty crash plan; use 'none' for no crash"),
    ])
    func badPlansGiveOneLineErrors(text: String, message: String) {
        #expect(throws: InputError.self) { try CrashPlan.parse(text) }
        do {
            _ = try CrashPlan.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func recoveryDelaysParseIntoValidatedDistributions() throws {
        #expect(try FaultInjector.parseRecoveryDelay("5s") == .constant(5))
        #expect(try FaultInjector.parseRecoveryDelay("exp:500ms") == .exponential(mean: 0.5))
        #expect(try FaultInjector.parseRecoveryDelay("uniform:2s..10s") == .uniform(lower: 2, upper: 10))
        #expect(throws: InputError.self) { try FaultInjector.parseRecoveryDelay("uniform:10s..2s") }
        #expect(throws: InputError.self) { try FaultInjector.parseRecoveryDelay("gauss:1s") }
    }

    @Test func poissonCrashTimesAreReproducibleFromTheSeed() {
        var plan = CrashPlan()
        plan.meanTimeBetweenFailuresMicros = 60_000_000
        let first = FaultInjector(plan: plan, recoveryDelay: .constant(1), rootSeed: 42).timedCrashes(from: .zero, until: .seconds(3600)).map(\.time)
        let again = FaultInjector(plan: plan, recoveryDelay: .constant(1), rootSeed: 42).timedCrashes(from: .zero, until: .seconds(3600)).map(\.time)
        let other = FaultInjector(plan: plan, recoveryDelay: .constant(1), rootSeed: 43).timedCrashes(from: .zero, until: .seconds(3600)).map(\.time)
        #expect(first == again)
        #expect(first != other)
        // About one crash a minute over an hour.
        #expect((40...80).contains(first.count))
    }
}
