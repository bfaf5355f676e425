import Dataflow
import Engines
import SimKernel

/// A preset from the one engine catalog (`PresetRegistry`), run under one of
/// the guarantees it offers: the scheduler it drives, its costs, and how it
/// checkpoints. Every figure comes from the preset; the fields are `var` only
/// so an experiment can vary one knob (the trigger sweep, the tiny swarm
/// schedules, the batch schedule) and say so.
public struct DeliveryEngine: Sendable {
    public enum Model: String, Sendable { case record, microBatch = "microbatch", batch }

    public var preset: Preset
    public var offered: OfferedGuarantee
    public var name: String { preset.name }
    public var guarantee: Guarantee { offered.guarantee }
    public var model: Model
    /// The scheduler's costs, as `run` charges them.
    public var costs: EngineCosts
    /// Record engines: the checkpoint (or commit) interval; nil when the
    /// guarantee checkpoints nothing.
    public var checkpointInterval: Duration?
    /// The operator's synchronous pause at a checkpoint barrier.
    public var snapshotPause: Duration
    /// From the end of that pause until the checkpoint completes.
    public var checkpointCompletion: Duration
    /// Record engines: the bounded buffer between source and operator
    /// (backpressure; it shows as consumer lag).
    public var bufferCapacity: Int = 1_000
    /// Micro-batch: the trigger interval; batch: the schedule period.
    public var triggerInterval: Duration?
    /// Micro-batch: at most this many records per batch (`maxOffsetsPerTrigger`).
    public var maxRecordsPerTrigger: Int = 500_000
    /// Where the engine's periodic clocks are anchored. Zero aligns each to
    /// multiples of its interval (Spark's ProcessingTimeExecutor does so with
    /// the wall clock; Flink arms its watermark timer when the operator opens
    /// and its first checkpoint after a random initial delay). A calibration
    /// sets them to the phases a real run had (`CalibrationRun`).
    public var timerPhases = TimerPhases()
    /// The exact engine to drive instead of the preset's (the replay
    /// interface fixes its own watermark emission, lateness and batches).
    public var recordEngineOverride: RecordAtATimeEngine?
    public var microBatchEngineOverride: MicroBatchEngine?

    /// `preset` under `guarantee`, or an `InputError` naming the guarantees
    /// the real system offers.
    public init(preset: Preset, guarantee: Guarantee, field: String = "--guarantee") throws(InputError) {
        self.preset = preset
        offered = try preset.require(guarantee, field: field)
        costs = preset.costModel.engineCosts(stateAccessesPerRecord: 1)
        snapshotPause = preset.costModel.perCheckpoint
        checkpointCompletion = preset.costModel.checkpointCompletion
        checkpointInterval = offered.checkpointInterval
        switch preset.schedule {
        case .record:
            model = .record
        case .microBatch(let trigger):
            model = .microBatch
            if case .fixedInterval(let interval) = trigger { triggerInterval = interval }
        case .batch(let schedule):
            model = .batch
            if case .every(let period) = schedule { triggerInterval = period }
        }
    }

    /// The preset called `name` under `guarantee`.
    public static func named(_ name: String, guarantee: Guarantee, field: String = "--engine") throws(InputError) -> DeliveryEngine {
        try DeliveryEngine(preset: try PresetRegistry.preset(named: name, field: field), guarantee: guarantee)
    }

    /// The record-at-a-time engine this preset runs (its watermark emission,
    /// its costs); the query's delay is the bound (Kafka Streams: the grace).
    func recordEngine(watermarkDelay: Duration) -> RecordAtATimeEngine {
        if let recordEngineOverride { return recordEngineOverride }
        guard case .record(var emission) = preset.schedule else { preconditionFailure("not a record preset") }
        if case .periodic = emission, let period = timerPhases.watermarkPeriod { emission = .periodic(interval: period) }
        let delay = preset.timeDomain == .processingTime ? Duration.zero : watermarkDelay
        var watermark = WatermarkStrategy(delay: delay, emission: emission)
        watermark.tickOrigin = timerPhases.watermarkTick
        return RecordAtATimeEngine(watermark: watermark, costs: costs)
    }

    /// The micro-batch engine this preset runs, with this run's trigger interval.
    func microBatchEngine(watermarkDelay: Duration, mutation: RuleMutation?) -> MicroBatchEngine {
        if let microBatchEngineOverride { return microBatchEngineOverride }
        let domain: MicroBatchEngine.TimeDomain = preset.timeDomain == .processingTime ? .processingTime : .eventTime
        let delay = domain == .processingTime ? Duration.zero : watermarkDelay
        return MicroBatchEngine(trigger: .fixedInterval(triggerInterval ?? .seconds(1)), watermarkDelay: delay, costs: costs,
                                timeDomain: domain, mutation: mutation)
    }
}

extension DeliveryEngine {
    /// The window rules the preset's engine applies to the delivery query:
    /// Flink's (Kafka Streams' grace rule is the same comparison, see
    /// `KafkaStreamsStreamTime`) with late records dropped and counted,
    /// Spark's append mode, or a batch job's complete table.
    public func windowRules() -> WindowRules {
        switch model {
        case .record: return .flink(allowedLateness: .zero, lateData: .drop)
        case .microBatch: return .spark(outputMode: .append)
        case .batch: return .spark(outputMode: .complete)
        }
    }
}

extension DeliveryEngine {
    /// A batch preset with its schedule replaced (`--batch-schedule`);
    /// other presets unchanged.
    public func scheduled(batchScheduleMicros: Int64?) -> DeliveryEngine {
        guard model == .batch, let batchScheduleMicros else { return self }
        var copy = self
        copy.triggerInterval = Duration(micros: batchScheduleMicros)
        return copy
    }
}

/// The phases of an engine's periodic clocks (see `DeliveryEngine.timerPhases`):
/// one firing of each, in simulated processing time; the others fall a whole
/// number of intervals from it.
public struct TimerPhases: Equatable, Sendable {
    /// Record engines: a periodic watermark tick.
    public var watermarkTick: Duration = .zero
    /// Record engines: the period the watermark timer keeps, when it is not
    /// the configured interval. Flink re-arms the timer at firing time +
    /// interval, so a real timer runs slightly slow; nil: the interval.
    public var watermarkPeriod: Duration?
    /// Micro-batch and batch engines: a trigger.
    public var trigger: Duration = .zero
    /// Record engines: a checkpoint trigger; nil triggers the first one
    /// interval after the start.
    public var checkpoint: Duration?

    public init(watermarkTick: Duration = .zero, watermarkPeriod: Duration? = nil, trigger: Duration = .zero,
                checkpoint: Duration? = nil) {
        self.watermarkTick = watermarkTick
        self.watermarkPeriod = watermarkPeriod
        self.trigger = trigger
        self.checkpoint = checkpoint
    }

    /// The first firing strictly after `time` of a clock anchored at `origin`.
    public static func next(after time: Instant, interval: Duration, origin: Duration) -> Instant {
        let since = time.micros - origin.micros
        let periods = since >= 0 ? since / interval.micros + 1 : -((-since) / interval.micros)
        return Instant(micros: origin.micros + periods * interval.micros)
    }
}
