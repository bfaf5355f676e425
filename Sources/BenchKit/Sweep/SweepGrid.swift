import Dataflow
import Engines
import SimKernel
import Workloads

/// A sweep: every combination of engine × trigger interval × watermark
/// delay × seed over one scenario. Each cell is an independent,
/// deterministic run (its own generator and engine, seeded from the cell's
/// seed), so cells can run on any core in any order: parallelism changes
/// only the wall time, never a result.
public struct SweepGrid: Sendable {
    public enum EngineChoice: String, Sendable, CaseIterable {
        case record
        case microbatch
    }

    public var scenario: Scenario
    public var scenarioName: String
    public var eventsPerCell: Int
    public var engines: [EngineChoice]
    /// Micro-batch: the fixed trigger interval. Record: the periodic
    /// watermark interval (Flink's `pipeline.auto-watermark-interval`).
    public var triggerIntervalsMillis: [Int64]
    public var watermarkDelaysMillis: [Int64]
    public var seeds: [UInt64]

    public init(
        scenario: Scenario, scenarioName: String, eventsPerCell: Int, engines: [EngineChoice],
        triggerIntervalsMillis: [Int64], watermarkDelaysMillis: [Int64], seeds: [UInt64]
    ) {
        self.scenario = scenario
        self.scenarioName = scenarioName
        self.eventsPerCell = eventsPerCell
        self.engines = engines
        self.triggerIntervalsMillis = triggerIntervalsMillis
        self.watermarkDelaysMillis = watermarkDelaysMillis
        self.seeds = seeds
    }

    /// One configuration × seed.
    public struct Cell: Equatable, Sendable {
        public var engine: EngineChoice
        public var triggerIntervalMillis: Int64
        public var watermarkDelayMillis: Int64
        public var seed: UInt64
    }

    /// The cells in a fixed order (engine, trigger, delay, seed), which is
    /// also the CSV's row order.
    public var cells: [Cell] {
        var cells: [Cell] = []
        for engine in engines {
            for trigger in triggerIntervalsMillis {
                for delay in watermarkDelaysMillis {
                    for seed in seeds {
                        cells.append(Cell(engine: engine, triggerIntervalMillis: trigger, watermarkDelayMillis: delay, seed: seed))
                    }
                }
            }
        }
        return cells
    }

    /// The query every cell runs: the reference query, a global 1-second
    /// tumbling count by event time, so each row is one second of the
    /// stream and its latency is the engine's, not the key spread's; the
    /// record engine drops (and counts) late events.
    public func query(watermarkDelay: Duration) -> Query {
        Query(
            watermark: WatermarkStrategy(delay: watermarkDelay, emission: .perEvent), keyBy: .constant,
            window: .tumbling(size: .seconds(1)), aggregates: AggregateSpec([.count]), lateData: .drop)
    }

    /// Runs one cell. Pure: the same cell gives the same result on any thread.
    public func run(_ cell: Cell) -> SweepResult {
        let delay = Duration.millis(cell.watermarkDelayMillis)
        let interval = Duration.millis(cell.triggerIntervalMillis)
        let query = query(watermarkDelay: delay)
        let generator = scenario.makeGenerator(seed: cell.seed, maxEvents: eventsPerCell)
        let run: EngineRun<WindowResult>
        switch cell.engine {
        case .record:
            let engine = RecordAtATimeEngine(watermark: WatermarkStrategy(delay: delay, emission: .periodic(interval: interval)))
            run = engine.run(query: query, events: generator)
        case .microbatch:
            let engine = MicroBatchEngine(trigger: .fixedInterval(interval), watermarkDelay: delay)
            run = engine.run(query: query, events: generator)
        }
        return SweepResult(cell: cell, run: run)
    }
}
