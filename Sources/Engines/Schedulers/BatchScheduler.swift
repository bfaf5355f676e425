import Dataflow
import SimKernel
import Workloads

/// The batch scheduler: what one scheduled job does. `BatchEngine` runs a
/// job at every schedule point over a whole input; the Delivery layer runs
/// the same jobs between crashes, logging each job's input cut before it runs
/// and re-running a job that died, from the state the last finished job left.
///
/// A job at `jobTime` reads the records that arrived since the previous job,
/// costs `perBatch` plus `perRecord` per record, moves the watermark to its
/// job time (+∞ for the last job, so operators that wait for event time
/// finish), and re-emits the operator's complete table when it ends
/// (Spark's complete mode with no late filtering).
public struct BatchScheduler<Op: StreamOperator> {
    public var op: Op
    public var context: OperatorContext<Op.Output>
    /// When the last job ended. (Settable only so the inlined `runJob` can move it.)
    public var clock: Instant = .zero
    public let costs: EngineCosts

    public init(op: Op, costs: EngineCosts) {
        self.op = op
        context = OperatorContext<Op.Output>(watermark: .min, processingTime: .zero)
        self.costs = costs
    }

    /// When a job over `recordCount` records starting at `jobTime` ends.
    @inlinable
    public func jobEnd(recordCount: Int, at jobTime: Instant) -> Instant {
        Swift.max(clock, jobTime) + costs.perBatch + costs.perRecord * Int64(recordCount)
    }

    /// The watermark a job at `jobTime` moves to.
    @inlinable
    public static func watermark(jobTime: Instant, isLast: Bool) -> Instant { isLast ? .max : jobTime }

    /// Runs one job over `records`. `@inlinable` so the per-record loop is
    /// specialised for the operator: unspecialised, every row looked up
    /// `Emitted`'s generic metadata (perf, `bench keys` at 10^6 keys).
    @inlinable
    public mutating func runJob<Records: Collection>(
        _ records: Records, id jobId: Int, at jobTime: Instant, isLast: Bool, into run: inout EngineRun<Op.Output>
    ) where Records.Element == Event {
        clock = jobEnd(recordCount: records.count, at: jobTime)
        context.processingTime = clock
        for record in records {
            op.process(record, context: &context)
            run.drainIfFull(&context, batch: jobId)
        }
        run.recordsProcessed += records.count
        let watermark = Self.watermark(jobTime: jobTime, isLast: isLast)
        if watermark > context.watermark { context.watermark = watermark }
        op.advanceWatermark(to: context.watermark, context: &context)
        run.drain(&context, batch: jobId)
        run.advanceProcessingTime(&op, to: clock, busyUntil: clock, context: &context, batch: jobId)
        run.batchCount += 1
    }

    /// A restarted job cannot have run anything while it was down.
    public mutating func restart(at time: Instant) {
        if time > clock { clock = time }
    }

    /// Whether a scheduled job with no new data still has work: a cron job
    /// runs whether or not data came, but one that would only repeat the
    /// last table is skipped unless a processing-time timer falls due by its end.
    public mutating func hasDueTimer(jobAt jobTime: Instant) -> Bool {
        op.nextProcessingTimeTimer().map { $0 <= jobEnd(recordCount: 0, at: jobTime) } == true
    }
}
