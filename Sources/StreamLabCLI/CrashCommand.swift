import ArgumentParser
import Delivery
import Engines
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

    @Option(help: "A preset: flink, kafka-streams, storm, samza, spark-structured-streaming, spark-dstream, spark-batch, hive or mapreduce.")
    var engine: String = "flink"

    @Option(help: "at-most-once, at-least-once, exactly-once or exactly-once-idempotent (also at_least_once, exactly_once_v2).")
    var guarantee: String = "exactly-once"

    @OptionGroup var experiment: ExperimentOptionGroup

    @Option(help: "Where the input comes from: log (Kafka-like: replay from an offset) or queue (RabbitMQ-like: deleted on ack, unacked redelivered).")
    var source: String = "log"

    @Option(help: "spark-structured-streaming only: continuous or continuous:DURATION checks Trigger.Continuous's guarantees (at-least-once only; the crash pipeline's aggregation is refused as Spark refuses it).")
    var trigger: String?

    @Option(help: "Run this many tiny random crash schedules (seeds 1...N) instead of a scenario.")
    var swarm: Int?

    @Option(help: "Replay one swarm schedule by its seed.")
    var swarmSeed: UInt64?

    func run() throws {
        let passed: Bool = try withInputErrorsReported {
            let chosen = try Guarantee.parse(guarantee, field: "--guarantee")
            let sourceKind = try SourceKind.parse(source, field: "--source")
            if let trigger { try Self.checkContinuous(trigger, engine: engine, guarantee: chosen) }
            if swarm != nil || swarmSeed != nil {
                _ = try DeliveryEngine.named(engine, guarantee: chosen)
                if let swarm, swarm < 1 {
                    throw InputError(file: ExperimentOptions.commandLine, field: "--swarm", reason: "must be at least 1, got \(swarm)")
                }
                let seeds = swarmSeed.map { $0..<($0 + 1) } ?? 1..<(UInt64(swarm!) + 1)
                if let swarmSeed { print(try CrashSwarm.check(seed: swarmSeed, engine: engine, guarantee: chosen)) }
                let bar = ProgressBar(label: "swarm")
                defer { bar.finish() }
                return try CrashJob.swarm(engine: engine, guarantee: chosen, seeds: seeds, print: { print($0, terminator: "") },
                                          progress: { bar.update(done: $0, total: $1) })
            }
            guard let scenario else {
                throw InputError(file: ExperimentOptions.commandLine, field: "SCENARIO", reason: "give a scenario (or --swarm N)")
            }
            let options = try experiment.experiment(scenario: scenario)
            try CrashJob.run(options, engine: engine, guarantee: chosen, source: sourceKind, print: { print($0, terminator: "") })
            return true
        }
        if !passed { throw ExitCode(1) }
    }

    /// `--trigger continuous`: the guarantee must be one continuous
    /// processing offers (at-least-once), and even then Spark refuses the
    /// crash pipeline's per-key totals, an aggregation. Other triggers are
    /// not modelled on the crash path, which runs each preset's own.
    static func checkContinuous(_ text: String, engine: String, guarantee: Guarantee) throws(InputError) {
        let trigger = try SparkTriggerChoice.parse(text)
        guard case .continuous = trigger else {
            throw InputError(file: "<command line>", field: SparkTriggerChoice.field,
                             reason: "crash takes continuous or continuous:DURATION only; it runs every other trigger as its preset's own")
        }
        let preset = try PresetRegistry.preset(named: engine, field: "--engine").withTrigger(trigger)
        guard preset.offering(guarantee) != nil else {
            throw InputError(
                file: "<command line>", field: "--guarantee",
                reason: "continuous processing (Trigger.Continuous) offers at-least-once only, not \(guarantee.rawValue) (Spark's guide, Continuous Processing)")
        }
        try SparkTriggerChoice.refuseAggregation(trigger, what: "the crash pipeline's per-key running totals")
    }
}
