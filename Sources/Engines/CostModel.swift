import SimKernel

/// How much simulated processing time an engine spends, and on what.
///
/// Model. An engine is a single server (a task slot, an executor core, a
/// map slot) that works through records in arrival order; `parallelism`
/// such servers share the work evenly (an idealised, perfectly partitioned
/// key space, so capacity scales linearly). Work is charged:
///
/// - `perRecord`: deserialise, run the operator, serialise; per record.
/// - `perStateAccess`: one read or write of keyed state (heap or RocksDB).
///   A query touches state `stateAccessesPerRecord` times per record: once
///   for a tumbling window, `size / slide` times for a sliding one.
/// - `perBatch`: scheduling and planning, per micro-batch or batch job
///   (Spark's driver plans every batch; a MapReduce job launches JVMs).
/// - `perCheckpoint`: the synchronous pause of a checkpoint. Record engines
///   checkpoint every `checkpointInterval` of processing time, which takes
///   a fraction `perCheckpoint / checkpointInterval` of capacity; micro-batch
///   and batch engines write their offset and commit logs with every batch
///   (`checkpointInterval == nil`), so the cost joins `perBatch`.
///
/// The model is deterministic arithmetic on integer microseconds: the same
/// configuration always yields the same `EngineCosts`, so latency and
/// capacity come out of the simulation, not out of a clock.
public struct CostModel: Equatable, Sendable {
    public var perRecord: Duration
    public var perStateAccess: Duration
    public var perBatch: Duration
    public var perCheckpoint: Duration
    /// nil: a checkpoint per batch (micro-batch, batch engines).
    public var checkpointInterval: Duration?
    /// After the synchronous pause, until the checkpoint is acknowledged
    /// (upload and coordinator round trip); the task keeps processing. Only
    /// the fault-tolerance layer, which commits on completion, reads it.
    public var checkpointCompletion: Duration
    public var parallelism: Int

    public init(
        perRecord: Duration, perStateAccess: Duration = .zero, perBatch: Duration = .zero,
        perCheckpoint: Duration = .zero, checkpointInterval: Duration? = nil, checkpointCompletion: Duration = .zero,
        parallelism: Int = 1
    ) {
        precondition(perRecord >= .zero && perStateAccess >= .zero && perBatch >= .zero && perCheckpoint >= .zero,
                     "costs cannot be negative")
        precondition(parallelism >= 1, "parallelism must be at least 1")
        if let checkpointInterval {
            precondition(perCheckpoint < checkpointInterval, "a checkpoint must take less than its interval")
        }
        self.perRecord = perRecord
        self.perStateAccess = perStateAccess
        self.perBatch = perBatch
        self.perCheckpoint = perCheckpoint
        self.checkpointInterval = checkpointInterval
        self.checkpointCompletion = checkpointCompletion
        self.parallelism = parallelism
    }

    /// An engine that costs nothing: processing time equals arrival time.
    public static let free = CostModel(perRecord: .zero)

    /// The single-server costs an engine charges, for a query that touches
    /// state `stateAccessesPerRecord` times per record.
    ///
    /// Per record: `(perRecord + accesses × perStateAccess) / parallelism`,
    /// stretched by `interval / (interval − perCheckpoint)` when periodic
    /// checkpoints steal that share of capacity; rounded up to whole µs so a
    /// non-zero cost never becomes free. Per batch: `perBatch`, plus
    /// `perCheckpoint` when checkpoints go with batches.
    public func engineCosts(stateAccessesPerRecord: Int = 1) -> EngineCosts {
        precondition(stateAccessesPerRecord >= 0, "state accesses cannot be negative")
        var work = perRecord.micros + Int64(stateAccessesPerRecord) * perStateAccess.micros
        if let interval = checkpointInterval?.micros, perCheckpoint > .zero {
            work = Self.ceilingDivide(work * interval, interval - perCheckpoint.micros)
        }
        let perRecordShare = Self.ceilingDivide(work, Int64(parallelism))
        let batch = checkpointInterval == nil ? perBatch + perCheckpoint : perBatch
        return EngineCosts(perRecord: Duration(micros: perRecordShare), perBatch: batch)
    }

    /// The highest input rate the engine keeps up with when batches are
    /// large enough to amortise `perBatch` (Karimov et al., ICDE 2018: the
    /// sustainable throughput is the highest rate at which latency does not
    /// keep rising). Infinite for a free engine.
    public func capacityEventsPerSecond(stateAccessesPerRecord: Int = 1) -> Double {
        let perRecordMicros = engineCosts(stateAccessesPerRecord: stateAccessesPerRecord).perRecord.micros
        return perRecordMicros == 0 ? .infinity : 1_000_000 / Double(perRecordMicros)
    }

    static func ceilingDivide(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        precondition(denominator > 0 && numerator >= 0)
        return (numerator + denominator - 1) / denominator
    }
}
