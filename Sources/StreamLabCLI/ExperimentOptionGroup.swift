import ArgumentParser
import Harness
import SimKernel

/// The options `compare` and `crash` share: what to simulate (seed, crash
/// plan, recovery, batch schedule, duration, overrides) and the query's
/// window and watermark. One declaration, so both commands spell, default
/// and validate them the same way.
struct ExperimentOptionGroup: ParsableArguments {
    @Option(help: "The root seed; the same seed gives byte-identical output and reports.")
    var seed: UInt64 = 42

    @Option(help: "Crash plan: none, or items like at:30s, after:5000, during-checkpoint:2, after-sink-write:3, mtbf:10m.")
    var crashes: String = "mtbf:20m"

    @Option(help: "Recovery delay after each crash: 5s, exp:5s, uniform:2s..10s or lognormal:5s..0.5.")
    var recovery: String = "uniform:5s..15s"

    @Option(help: "Replace every batch preset's schedule (jobs run at multiples of it, so 24h runs at midnight); default: each preset's own (hive and mapreduce nightly, spark-batch hourly).")
    var batchSchedule: SimKernel.Duration?

    @Option(help: "Stop the scenario at this much simulated time, e.g. 10m (default: the scenario's own).")
    var duration: SimKernel.Duration?

    @Option(help: "Tumbling window size of the query.")
    var window: SimKernel.Duration = .minutes(1)

    @Option(help: "Watermark delay (bounded out-of-orderness).")
    var watermarkDelay: SimKernel.Duration = .seconds(2)

    @Option(help: "The Kafka-like producer: idempotent (enable.idempotence=true, Kafka's default since 3.0: a retried send is kept once) or plain (retries may write an event twice).")
    var producer: String = "idempotent"

    @Option(name: .customLong("set"), help: "Override a scenario field, e.g. sources.carts.arrivals.surge_rate_per_s=40 (repeatable).")
    var overrides: [String] = []

    /// The validated options for `scenario`; a bad value is an `InputError`.
    func experiment(scenario: String) throws -> ExperimentOptions {
        var options = try ExperimentOptions(
            scenario: scenario, seed: seed, crashes: crashes, recovery: recovery, batchSchedule: batchSchedule,
            duration: duration, overrides: overrides, window: window, watermarkDelay: watermarkDelay)
        switch producer {
        case "idempotent": options.idempotentProducer = true
        case "plain": options.idempotentProducer = false
        default: throw CommandLineInput.failure("--producer", "must be idempotent or plain, not \"\(producer)\"")
        }
        return options
    }
}
