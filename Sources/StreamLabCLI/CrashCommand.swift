import ArgumentParser
import Delivery
import Harness
import SimKernel

struct CrashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash",
        abstract: "Run one fault experiment and explain what was lost or duplicated, and why.",
        discussion: "With --swarm N, run N tiny random crash schedules instead (no scenario needed); a failing schedule prints its seed, and --swarm-seed S replays it."
    )

    @Argument(help: "A scenario name or a path to a scenario .json file (not needed with --swarm/--swarm-seed).")
    var scenario: String?

    @Option(help: "flink, kafka-streams, spark-structured-streaming or batch.")
    var engine: String = "flink"

    @Option(help: "at-most-once, at-least-once, exactly-once or exactly-once-idempotent (also at_least_once, exactly_once_v2).")
    var guarantee: String = "exactly-once"

    @Option(help: "Crash plan: none, or items like at:30s, after:5000, during-checkpoint:2, after-sink-write:3, mtbf:10m.")
    var crashes: String = "mtbf:20m"

    @Option(help: "The root seed.")
    var seed: UInt64 = 42

    @Option(help: "Recovery delay after each crash: 5s, exp:5s, uniform:2s..10s or lognormal:5s..0.5.")
    var recovery: String = "uniform:5s..15s"

    @Option(help: "The batch engine's schedule.")
    var batchSchedule: String = "24h"

    @Option(help: "Stop the scenario at this much simulated time, e.g. 10m.")
    var duration: String?

    @Option(help: "Tumbling window size of the query.")
    var window: String = "1m"

    @Option(help: "Watermark delay (bounded out-of-orderness).")
    var watermarkDelay: String = "2s"

    @Option(name: .customLong("set"), help: "Override a scenario field (repeatable).")
    var overrides: [String] = []

    @Option(help: "Run this many tiny random crash schedules (seeds 1...N) instead of a scenario.")
    var swarm: Int?

    @Option(help: "Replay one swarm schedule by its seed.")
    var swarmSeed: UInt64?

    func run() throws {
        let passed: Bool = try withInputErrorsReported {
            let chosen = try Guarantee.parse(guarantee, field: "--guarantee")
            if swarm != nil || swarmSeed != nil {
                guard CrashSwarm.engineNames.contains(engine) else {
                    _ = try EngineProfile.named(engine, guarantee: chosen, batchScheduleMicros: 1)
                    return false
                }
                if let swarm, swarm < 1 {
                    throw InputError(file: ExperimentOptions.commandLine, field: "--swarm", reason: "must be at least 1, got \(swarm)")
                }
                let seeds = swarmSeed.map { $0..<($0 + 1) } ?? 1..<(UInt64(swarm!) + 1)
                if let swarmSeed { print(CrashSwarm.check(seed: swarmSeed, engine: engine, guarantee: chosen)) }
                return CrashJob.swarm(engine: engine, guarantee: chosen, seeds: seeds, print: { print($0, terminator: "") })
            }
            guard let scenario else {
                throw InputError(file: ExperimentOptions.commandLine, field: "SCENARIO", reason: "give a scenario (or --swarm N)")
            }
            let options = try ExperimentOptions(
                scenario: scenario, seed: seed, crashes: crashes, recovery: recovery, batchSchedule: batchSchedule,
                duration: duration, overrides: overrides, window: window, watermarkDelay: watermarkDelay)
            try CrashJob.run(options, engine: engine, guarantee: chosen, print: { print($0, terminator: "") })
            return true
        }
        if !passed { throw ExitCode(1) }
    }
}
