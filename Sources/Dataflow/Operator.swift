import SimKernel
import Workloads

/// The contract between the shared operators and the three engines.
///
/// An operator is *what* is computed (a window aggregate, a keyed process
/// function, a join); an engine is *when* it runs. The engines call exactly
/// these three entry points:
///
/// - `process(_:context:)` for each input record, in the order the engine
///   delivers them (per record for the record engine, per micro-batch for the
///   micro-batch engine, once over all data for the batch engine);
/// - `advanceWatermark(to:context:)` when the event-time watermark moves
///   forward (per event or periodically in the record engine, at the end of a
///   batch in the micro-batch engine, to +∞ at the end of a batch job);
/// - `advanceProcessingTime(to:context:)` when the engine's processing-time
///   clock (driven by its cost model) moves forward.
///
/// Operators never read a clock of their own: the context carries the
/// engine's current watermark and processing time, as swift-nio's
/// EmbeddedEventLoop hands time to the code under test.
public protocol StreamOperator {
    associatedtype Output

    mutating func process(_ event: Event, context: inout OperatorContext<Output>)
    mutating func advanceWatermark(to watermark: Instant, context: inout OperatorContext<Output>)
    mutating func advanceProcessingTime(to time: Instant, context: inout OperatorContext<Output>)

    /// The earliest pending processing-time timer, or nil when none is
    /// pending (or the operator keeps no timers). Engines read it to call
    /// `advanceProcessingTime` at each timer's own due time, so a timer fires
    /// on time even when no record arrives, and its outputs carry that time.
    /// Mutating because a timer queue may drop cancelled timers while looking.
    mutating func nextProcessingTimeTimer() -> Instant?

    /// False promises that `advanceProcessingTime` is the default no-op and
    /// `nextProcessingTimeTimer` always nil, so an engine may skip driving
    /// processing time into the operator, and draining after it, on every
    /// record. True (the default) for any operator that keeps timers or
    /// observes the clock.
    static var reactsToProcessingTime: Bool { get }

    /// True for an aggregate in Spark's complete mode, which never evicts,
    /// so Spark plans no no-data batch for it. False by default.
    var emitsCompleteTable: Bool { get }

    /// Whether Spark would plan a no-data batch for this operator when the
    /// watermark moves: only when its state is evicted by the watermark
    /// (`StateStoreSaveExec.shouldRunAnotherBatch` needs a watermark on a
    /// grouping key). Complete mode and an aggregation with no event-time
    /// window evict nothing. Defaults to `!emitsCompleteTable`.
    var plansNoDataBatches: Bool { get }

    /// A hint that `event` comes a few records after the one about to be
    /// processed: an operator may start loading the state it will touch (a cache
    /// prefetch), so a look-up in a table larger than the cache overlaps the
    /// record in hand. It must not change anything the operator computes.
    /// The default does nothing. Mutating only so an engine calls it on its
    /// operator in place: as a borrow, the optimiser copied the whole
    /// operator around the call on every record (perf: retain and release of
    /// every table, 5× slower at 10^3 keys).
    mutating func prefetch(for event: Event)

    /// Whether `prefetch(for:)` would do anything now (its state has
    /// outgrown the cache). An engine may ask once per few hundred records
    /// and give no hints while it is false, so that a small state pays
    /// nothing for them. False by default.
    var wantsPrefetch: Bool { get }

    /// Emits more of an output that the last call left pending because it
    /// reached `context.outputLimit`, up to that limit again; true when it
    /// emitted rows (to be drained), false when nothing was pending. An
    /// engine that lowers the limit calls it after each drain until it
    /// returns false, before any other call, so that a table of 10^6 rows
    /// (Spark's complete mode) streams out through a buffer of a few
    /// thousand instead of one array of them all. The default has nothing
    /// pending.
    mutating func continueOutput(context: inout OperatorContext<Output>) -> Bool

    /// A hint that `count` records are about to be processed in one go (a
    /// batch job's input): an operator may size its state for them once,
    /// rather than grow it step by step while they arrive. It must not
    /// change anything the operator computes. The default does nothing.
    mutating func reserveCapacity(forRecords count: Int)
}

extension StreamOperator {
    @inlinable
    public mutating func prefetch(for event: Event) {}

    @inlinable
    public var wantsPrefetch: Bool { false }

    @inlinable
    public mutating func continueOutput(context: inout OperatorContext<Output>) -> Bool { false }

    @inlinable
    public mutating func reserveCapacity(forRecords count: Int) {}

    @inlinable
    public mutating func advanceProcessingTime(to time: Instant, context: inout OperatorContext<Output>) {}

    @inlinable
    public mutating func nextProcessingTimeTimer() -> Instant? { nil }

    @inlinable
    public static var reactsToProcessingTime: Bool { true }

    public var emitsCompleteTable: Bool { false }

    public var plansNoDataBatches: Bool { !emitsCompleteTable }
}

/// What an engine lends an operator during one call: the current clocks, a
/// place to put outputs, and counters the harness reads.
public struct OperatorContext<Output> {
    /// The event-time watermark in force (`Instant.min` before the first one).
    public var watermark: Instant
    /// The engine's simulated processing time.
    public var processingTime: Instant
    /// Outputs produced during this call, in production order. The engine
    /// drains this after each call and forwards it to the sink.
    public var outputs: [Output] = []
    /// Records the operator dropped as late (not sent to a side output).
    public var droppedLateCount: Int = 0
    /// Late records routed to the side output, when the operator keeps them.
    public var lateSideOutput: [Event] = []
    /// How many rows an operator that can resume (`continueOutput`) may
    /// emit in one call before it leaves the rest pending. `Int.max`, the
    /// default, asks for everything at once: only an engine that calls
    /// `continueOutput` until it returns false may lower it.
    public var outputLimit: Int = .max

    public init(watermark: Instant = .min, processingTime: Instant = .zero) {
        self.watermark = watermark
        self.processingTime = processingTime
    }

    @inlinable public mutating func emit(_ output: Output) { outputs.append(output) }
}
