import Dataflow
import Engines
import SimKernel
import Workloads

/// The keyed-state workload of issue 14 ("State that scales with keys"): the
/// reference scenario's events with keys uniform over `keyCount` keys,
/// pre-generated so only the engine and the shared `WindowAggregateOperator`
/// are measured, run through a keyed 10 s tumbling count+sum+min+max or a
/// 5 s-gap session window on each engine (free costs, per-event Flink
/// watermark `max − 200 ms − 1`; Spark micro-batches on a 1 s trigger in
/// append mode; one batch job over everything).
///
/// The same definitions as `PipelineBenchmarks`' keyed rows, so the two
/// report comparable figures. Library code: it never reads a clock; the
/// caller times `run`.
public enum KeyedWindowWorkload {
    public enum Window: String, CaseIterable, Sendable {
        case tumbling
        case session

        public var spec: WindowSpec {
            switch self {
            case .tumbling: .tumbling(size: .seconds(10))
            case .session: .session(gap: .seconds(5))
            }
        }
    }

    public enum EngineKind: String, CaseIterable, Sendable {
        case record
        case microbatch
        case batch
    }

    /// What one run produced, folded so runs can be compared without keeping them.
    public struct Outcome: Equatable, Sendable {
        public var events: Int
        public var rows: Int
        public var checksum: UInt64
    }

    public static func query(_ window: Window) -> Query {
        Query(
            watermark: WatermarkStrategy(delay: ReferenceWorkload.outOfOrderness, emission: .perEvent),
            window: window.spec, aggregates: .countSumMinMax, lateData: .drop)
    }

    /// `count` events in arrival order, keys uniform over `keyCount`
    /// (Poisson at 10,000/s, lognormal delay: the reference scenario).
    public static func events(count: Int, keyCount: Int, seed: UInt64 = 7) throws(InputError) -> [Event] {
        precondition(count >= 0 && keyCount >= 1, "count must be non-negative and keyCount positive")
        let scenario = try ScenarioCatalog.load("reference", overrides: ["key_space.count": String(keyCount)])
        return Array(scenario.makeGenerator(seed: seed, maxEvents: count))
    }

    /// One run of `window` on `engine` over `events`. Deterministic in its inputs.
    public static func run(_ engine: EngineKind, window: Window, events: [Event]) -> Outcome {
        let query = query(window)
        // The rows stream into the checksum as the engine emits them, as a
        // sink takes them: a run holds none of its 10^6 rows.
        let sink = ChecksumSink()
        var run = EngineRun<WindowResult>()
        run.forward = { row, _, _ in sink.accept(row) }
        switch engine {
        case .record:
            RecordAtATimeEngine(watermark: query.watermark).run(query: query, events: events, into: &run)
        case .microbatch:
            MicroBatchEngine(trigger: .fixedInterval(.seconds(1)), watermarkDelay: query.watermark.delay)
                .run(query: query, events: events, into: &run)
        case .batch:
            BatchEngine(schedule: .single).run(query: query, events: events, into: &run)
        }
        precondition(run.outputs.isEmpty, "a forwarding run keeps no rows")
        return Outcome(events: run.recordsProcessed, rows: sink.rows, checksum: sink.checksum)
    }
}
