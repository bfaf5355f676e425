import Dataflow
import SimKernel
import Workloads

extension MicroBatchDriver {
    /// The (late-row, eviction) watermarks of the next batch.
    ///
    /// Spark (`PropagateWatermarkSimulator`, the default propagator since
    /// `spark.sql.streaming.statefulOperator.allowMultiple` is on):
    /// `getInputWatermarkForLateEvents(N)` is batch N−1's watermark,
    /// `getInputWatermarkForEviction(N)` is batch N's own, which the tracker
    /// computed at the end of batch N−1; "batch −1" has watermark 0.
    func watermarks(batchTime: Instant) -> (late: Instant, eviction: Instant) {
        if engine.timeDomain == .processingTime { return (.min, batchTime) }
        let eviction = tracker.current
        if engine.mutation == .sparkCurrentWatermark { return (eviction, eviction) }
        return (lastEvictionWatermark ?? eviction, eviction)
    }

    /// Runs one micro-batch over offsets `committedOffset..<upper`, starting
    /// when the trigger fires or the previous batch ends, whichever is later.
    mutating func runBatch(_ op: inout Op, upTo upper: Int, at triggerTime: Instant, evictionOverride: Instant? = nil) {
        let batchId = nextBatchId
        nextBatchId += 1
        let start = Swift.max(clock, triggerTime)
        let recordCount = upper - committedOffset
        let end = start + engine.costs.perBatch + engine.costs.perRecord * Int64(recordCount)
        var (lateWatermark, evictionWatermark) = watermarks(batchTime: triggerTime)
        if let evictionOverride { evictionWatermark = evictionOverride }
        context.processingTime = end
        context.watermark = lateWatermark
        for offset in committedOffset..<upper {
            var event = events[offset]
            // DStreams: a record's time is its batch's time; `- 1µs` puts it
            // inside windows ending at the batch time ([start, end)).
            if engine.timeDomain == .processingTime { event.eventTime = triggerTime - Duration(micros: 1) }
            tracker.observe(event.eventTime)
            op.process(event, context: &context)
        }
        run.recordsProcessed += recordCount
        context.watermark = evictionWatermark
        op.advanceWatermark(to: evictionWatermark, context: &context)
        run.drain(&context, batch: batchId)
        // Processing-time timers (Spark: `ProcessingTimeTimeout`) are checked
        // once per batch, after its data; what they emit commits with the batch.
        run.advanceProcessingTime(&op, to: end, busyUntil: end, context: &context, batch: batchId)
        run.batchCount += 1
        if recordCount == 0 { run.noDataBatchCount += 1 }
        committedOffset = upper
        clock = end
        lastEvictionWatermark = evictionWatermark
        tracker.endBatch()
    }

    /// DStreams have no watermark: when the input ends, one last batch at the
    /// next interval closes every open window (a graceful stop).
    mutating func flushProcessingTimeWindows(_ op: inout Op) {
        guard case .fixedInterval(let interval) = engine.trigger, clock != .min else { return }
        runBatch(&op, upTo: committedOffset, at: clock + interval, evictionOverride: .max)
    }
}
