import Dataflow
import Engines
import SimKernel
import Workloads

/// What the batch fault-tolerance layer needs from a batch-shaped scheduler:
/// whether a batch runs at a trigger and with which watermarks (logged with
/// its offsets before it runs), what it costs, and running it. Both
/// implementations only forward to `Engines`' schedulers, which own the rules.
protocol BatchStepper {
    associatedtype Op: StreamOperator
    var clock: Instant { get }
    /// The plan of a batch triggered at `triggerTime` over `recordCount` new
    /// records, or nil when the engine runs no batch then.
    mutating func plan(recordCount: Int, at triggerTime: Instant, inputDone: Bool, inputLeft: Bool, flushAtEnd: Bool) -> BatchWatermarks?
    func batchEnd(recordCount: Int, at triggerTime: Instant) -> Instant
    mutating func runBatch(_ records: LogRecords, id: Int, at triggerTime: Instant, watermarks: BatchWatermarks,
                           into run: inout EngineRun<Op.Output>)
    mutating func restart(at time: Instant)
}

/// The watermarks a batch was planned with (Spark records them in the
/// offset log with the offsets), and whether it is the run's last.
struct BatchWatermarks {
    var late: Instant
    var eviction: Instant
    var isFinal: Bool
}

/// Spark Structured Streaming (and DStreams) through `MicroBatchScheduler`.
struct MicroBatchStepper<Op: StreamOperator>: BatchStepper {
    var scheduler: MicroBatchScheduler<Op>
    var flushed = false

    init(op: Op, configuration: DeliveryRunConfiguration) {
        let engine = configuration.engine.microBatchEngine(
            watermarkDelay: Duration(micros: configuration.query.watermarkDelayMicros), mutation: configuration.mutation)
        scheduler = MicroBatchScheduler(op: op, engine: engine, isCompleteMode: !op.plansNoDataBatches)
    }

    var clock: Instant { scheduler.clock }

    /// A batch runs with new data; without, when Spark's no-data-batch rule
    /// holds, on every DStream interval, or when a processing-time timer is
    /// due. When the input is done and `flushAtEnd` asks for it, one last
    /// batch evicts with +∞ (the experiments' convention; Spark would leave
    /// the last windows open).
    mutating func plan(recordCount: Int, at triggerTime: Instant, inputDone: Bool, inputLeft: Bool, flushAtEnd: Bool) -> BatchWatermarks? {
        let watermarks = scheduler.plannedWatermarks(batchTime: triggerTime)
        if recordCount == 0, inputDone, flushAtEnd, !flushed {
            return BatchWatermarks(late: watermarks.late, eviction: .max, isFinal: true)
        }
        let everyInterval = scheduler.timeDomain == .processingTime && inputLeft
        guard recordCount > 0 || scheduler.needsNoDataBatch || everyInterval
            || (inputLeft && scheduler.timerFires(inBatchAt: triggerTime)) else { return nil }
        return BatchWatermarks(late: watermarks.late, eviction: watermarks.eviction, isFinal: false)
    }

    func batchEnd(recordCount: Int, at triggerTime: Instant) -> Instant {
        scheduler.batchEnd(recordCount: recordCount, triggeredAt: triggerTime)
    }

    mutating func runBatch(_ records: LogRecords, id: Int, at triggerTime: Instant, watermarks: BatchWatermarks,
                           into run: inout EngineRun<Op.Output>) {
        scheduler.runBatch(records, id: id, triggeredAt: triggerTime, watermarks: (watermarks.late, watermarks.eviction), into: &run)
        if watermarks.isFinal { flushed = true }
    }

    mutating func restart(at time: Instant) { scheduler.restart(at: time) }
}

/// A scheduled batch job (Hive, MapReduce, Spark batch) through `BatchScheduler`.
struct BatchJobStepper<Op: StreamOperator>: BatchStepper {
    var scheduler: BatchScheduler<Op>

    init(op: Op, configuration: DeliveryRunConfiguration) {
        scheduler = BatchScheduler(op: op, costs: configuration.engine.costs)
    }

    var clock: Instant { scheduler.clock }

    /// A job runs when data came, when it is the last (all input has
    /// arrived: it moves the watermark to +∞), or when a timer is due.
    mutating func plan(recordCount: Int, at triggerTime: Instant, inputDone: Bool, inputLeft: Bool, flushAtEnd: Bool) -> BatchWatermarks? {
        guard recordCount > 0 || inputDone || scheduler.hasDueTimer(jobAt: triggerTime) else { return nil }
        return BatchWatermarks(late: .min, eviction: BatchScheduler<Op>.watermark(jobTime: triggerTime, isLast: inputDone),
                               isFinal: inputDone)
    }

    func batchEnd(recordCount: Int, at triggerTime: Instant) -> Instant {
        scheduler.jobEnd(recordCount: recordCount, at: triggerTime)
    }

    mutating func runBatch(_ records: LogRecords, id: Int, at triggerTime: Instant, watermarks: BatchWatermarks,
                           into run: inout EngineRun<Op.Output>) {
        scheduler.runJob(records, id: id, at: triggerTime, isLast: watermarks.isFinal, into: &run)
    }

    mutating func restart(at time: Instant) { scheduler.restart(at: time) }
}
