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
        // The complete table a job re-emits streams out in parts of this size.
        context.outputLimit = EngineRun<Op.Output>.drainThreshold
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
        op.reserveCapacity(forRecords: records.count)
        // In parts: the operator is asked once per part whether hints help
        // (`wantsPrefetch`, its state outgrew the cache); while they do, it
        // hears of each record `prefetchDistance` ahead. At 10^6 keys nearly
        // every record opens a window whose key-map bucket is a cache miss.
        var index = records.startIndex
        // Bounded: each part moves `index` forward by up to `hintPartCount` records.
        while index != records.endIndex {
            let partEnd = records.index(index, offsetBy: Self.hintPartCount, limitedBy: records.endIndex) ?? records.endIndex
            if op.wantsPrefetch {
                var ahead = records.index(index, offsetBy: Self.prefetchDistance, limitedBy: records.endIndex) ?? records.endIndex
                while index != partEnd {
                    if ahead != records.endIndex {
                        op.prefetch(for: records[ahead])
                        records.formIndex(after: &ahead)
                    }
                    op.process(records[index], context: &context)
                    run.drainIfFull(&context, batch: jobId)
                    records.formIndex(after: &index)
                }
            } else {
                while index != partEnd {
                    op.process(records[index], context: &context)
                    run.drainIfFull(&context, batch: jobId)
                    records.formIndex(after: &index)
                }
            }
        }
        run.recordsProcessed += records.count
        let watermark = Self.watermark(jobTime: jobTime, isLast: isLast)
        if watermark > context.watermark { context.watermark = watermark }
        op.advanceWatermark(to: context.watermark, context: &context)
        run.drainAll(&op, &context, batch: jobId)
        run.advanceProcessingTime(&op, to: clock, busyUntil: clock, context: &context, batch: jobId)
        run.batchCount += 1
    }

    /// How many records ahead a job's operator hears of a record while it
    /// wants hints. A batch job's record does less than the record engine's
    /// (no watermark, no timers), so the miss needs more records to land
    /// (`bench keys`, batch at 10^6 keys: 3 ahead no gain, 8 ahead +4 %, 16 the same as 8).
    @inlinable static var prefetchDistance: Int { 8 }

    /// Records per part of a job's loop between two `wantsPrefetch` checks.
    @inlinable static var hintPartCount: Int { 1 << 10 }

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
