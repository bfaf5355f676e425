import SimKernel

/// The two watermarks a Spark micro-batch runs with, and the rule that
/// decides whether a batch without new data runs at all. With
/// `SparkWatermarkTracker` this is all of Spark's event-time progress; the
/// micro-batch scheduler, and through it `run`, `replay`, `compare`, `crash`
/// and the teaching lab, ask this type and nothing else.
///
/// - Late rows and eviction (`PropagateWatermarkSimulator`, the default since
///   `spark.sql.streaming.statefulOperator.allowMultiple` is on):
///   `getInputWatermarkForLateEvents(N)` is batch N−1's watermark and
///   `getInputWatermarkForEviction(N)` is batch N's own, which the tracker
///   computed at the end of batch N−1; "batch −1" has watermark 0.
/// - No-data batches (`MicroBatchExecution.constructNextBatch`,
///   `shouldRunAnotherBatch`, confirmed against Spark 4.3.0 in
///   Conformance/FINDINGS.md): with `noDataMicroBatches` on, a stateful query
///   in append or update mode runs a batch without new data whenever the
///   watermark the next batch would use exceeds the one the last batch
///   evicted with, even when nothing would be evicted. Complete mode never
///   evicts, so it never asks for one.
public struct SparkBatchProgress: Sendable, Equatable {
    public var tracker: SparkWatermarkTracker
    /// The eviction watermark of the last batch run (nil before the first).
    public private(set) var lastEvictionWatermark: Instant?
    /// A deliberately wrong rule for the conformance suite's mutation test.
    public let mutation: RuleMutation?

    public init(delay: Duration, mutation: RuleMutation? = nil) {
        tracker = SparkWatermarkTracker(delay: delay)
        self.mutation = mutation
    }

    /// The (late-row filter, eviction) watermarks of the next batch.
    public var nextBatchWatermarks: (late: Instant, eviction: Instant) {
        let eviction = tracker.current
        if mutation == .sparkCurrentWatermark { return (eviction, eviction) }
        return (lastEvictionWatermark ?? eviction, eviction)
    }

    /// `shouldRunAnotherBatch` for a stateful aggregation.
    public func shouldRunNoDataBatch(noDataBatchesEnabled: Bool, isCompleteMode: Bool) -> Bool {
        guard noDataBatchesEnabled, !isCompleteMode, let last = lastEvictionWatermark else { return false }
        return tracker.current > last
    }

    /// Records a row the running batch read (late ones included).
    @inlinable public mutating func observe(_ eventTime: Instant) { tracker.observe(eventTime) }

    /// Ends a batch that evicted with `evictionWatermark`: the watermark for
    /// the next batch is computed from what this batch read.
    public mutating func endBatch(evictedWith evictionWatermark: Instant) {
        lastEvictionWatermark = evictionWatermark
        tracker.endBatch()
    }
}
