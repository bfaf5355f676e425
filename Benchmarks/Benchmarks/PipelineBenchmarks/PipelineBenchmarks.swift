import BenchKit
import Benchmark
import Dataflow
import Delivery
import Engines
import SimKernel
import Workloads

/// The lab end to end, reported as throughput in events per second (scaled
/// by `.kilo`: one iteration is 1,000 events, so "K" in the table means
/// thousand iterations = million events) and allocations.
///
/// - the generator alone on the reference scenario;
/// - each engine on the reference workload (generator included), the record
///   engine through `ReferenceWorkload`, exactly what `streamlab bench
///   reference` runs;
/// - windowed aggregation over 1 k, 100 k and 1 M keys, and session
///   windows, on each engine, fed from pre-generated events so only the
///   engine is measured;
/// - a crash-and-recover cycle of the exactly-once record pipeline.
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.throughput, .wallClock, .instructions, .mallocCountTotal, .peakMemoryResident]
    let configuration = Benchmark.Configuration(metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 10)
    let scenario = try! ReferenceWorkload.loadScenario()
    let eventsPerUnit = 1_000

    Benchmark("generator alone (reference scenario)", configuration: configuration) { benchmark in
        let generator = scenario.makeGenerator(seed: 1, maxEvents: benchmark.scaledIterations.count * eventsPerUnit)
        var checksum: UInt64 = 0
        while let event = generator.next() { checksum &+= event.id ^ UInt64(bitPattern: event.arrivalTime.micros) }
        blackHole(checksum)
    }

    Benchmark("record engine, reference workload end to end", configuration: configuration) { benchmark in
        blackHole(ReferenceWorkload.run(scenario: scenario, events: benchmark.scaledIterations.count * eventsPerUnit, seed: 1))
    }

    let query = ReferenceWorkload.query
    Benchmark("micro-batch engine (1 s trigger), reference workload end to end", configuration: configuration) { benchmark in
        let generator = scenario.makeGenerator(seed: 1, maxEvents: benchmark.scaledIterations.count * eventsPerUnit)
        let engine = MicroBatchEngine(trigger: .fixedInterval(.seconds(1)), watermarkDelay: ReferenceWorkload.outOfOrderness)
        blackHole(engine.run(query: query, events: generator).outputs.count)
    }

    Benchmark("batch engine (single run), reference workload end to end", configuration: configuration) { benchmark in
        let generator = scenario.makeGenerator(seed: 1, maxEvents: benchmark.scaledIterations.count * eventsPerUnit)
        blackHole(BatchEngine(schedule: .single).run(query: query, events: generator).outputs.count)
    }

    // Keyed windows: every engine over the same pre-generated events, so
    // only the engine and the shared operator are measured. Issue 14's ratios
    // come from one run of these rows (`--filter '.*keys.*'`): tumbling at
    // 10^6 keys ÷ 10^3 keys per engine, and sessions ÷ tumbling at each key
    // count. `streamlab bench keys` prints the same rows and the ratios
    // (`KeyedWindowWorkload`, the same definitions).
    let keyedEvents = 1_000_000
    let perRun = Benchmark.Configuration(metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 5)
    for keyCount in [1_000, 100_000, 1_000_000] {
        let events = try! KeyedWindowWorkload.events(count: keyedEvents, keyCount: keyCount)
        Benchmark.onEachEngine("tumbling count+sum+min+max, \(keyCount) keys", query: KeyedWindowWorkload.query(.tumbling),
                               events: events, configuration: perRun)
        Benchmark.onEachEngine("session windows (5 s gap), \(keyCount) keys", query: KeyedWindowWorkload.query(.session),
                               events: events, configuration: perRun)
    }

    let crashEvents = Array(scenario.makeGenerator(seed: 1, maxEvents: 200_000))
    Benchmark("crash-and-recover cycle, exactly-once record pipeline (200 k events)", configuration: .init(
        metrics: metrics, scalingFactor: .one, maxDuration: .seconds(3), maxIterations: 10)) { benchmark in
        let plan = try! CrashPlan.parse("at:7s")
        let engine = try! DeliveryEngine.named("flink", guarantee: .exactlyOnce)
        let run = DeliveryRunConfiguration(
            engine: engine,
            query: QuerySettings(windowSizeMicros: 1_000_000, watermarkDelayMicros: 200_000),
            crashPlan: plan, seed: 1)
        for _ in benchmark.scaledIterations { blackHole(run.run(events: crashEvents).finished) }
    }
}

extension Benchmark {
    /// Registers `name` on the three engines: the record engine with the
    /// query's per-event watermark, the micro-batch engine on a 1 s trigger
    /// (Spark's two watermarks, append mode), and one batch job over
    /// everything. All with free costs: the benchmark measures the lab's own
    /// speed, not a simulated system's.
    static func onEachEngine(_ name: String, query: Query, events: [Event], configuration: Configuration) {
        register("record engine " + name, engine: RecordAtATimeEngine(watermark: query.watermark),
                 query: query, events: events, configuration: configuration)
        register("micro-batch engine (1 s trigger) " + name,
                 engine: MicroBatchEngine(trigger: .fixedInterval(.seconds(1)), watermarkDelay: query.watermark.delay),
                 query: query, events: events, configuration: configuration)
        register("batch engine (single run) " + name, engine: BatchEngine(schedule: .single),
                 query: query, events: events, configuration: configuration)
    }

    /// Generic over the engine so each closure calls a concrete engine, as a
    /// program would, rather than through an existential.
    static func register<Engine: StreamEngine>(
        _ name: String, engine: Engine, query: Query, events: [Event], configuration: Configuration
    ) {
        Benchmark(name, configuration: configuration) { benchmark in
            // One iteration stands for `scaledIterations.count` thousand
            // events; each run covers all of `events` (at least one run).
            let wanted = benchmark.scaledIterations.count * 1_000
            for _ in 0..<max(1, (wanted + events.count - 1) / events.count) {
                // Rows stream out to a counter, as `bench keys` folds them:
                // a run holds none of them.
                let rows = RowCounter()
                var run = EngineRun<WindowResult>()
                run.forward = { _, _, _ in rows.count += 1 }
                engine.run(query: query, events: events, into: &run)
                blackHole(rows.count)
            }
        }
    }
}

/// The rows a run forwarded. A class with exclusivity unchecked, as
/// `bench keys`' checksum sink is: a `var` captured by the forwarding closure
/// paid a dynamic exclusivity check per row, which at 10^6 keys (0.95 rows
/// per event) is the harness's cost, not the engine's.
final class RowCounter {
    @exclusivity(unchecked) var count = 0
}
