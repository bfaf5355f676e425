import Dataflow
import SimKernel
import Workloads

/// An engine decides *when* the shared operators run: per record
/// (`RecordAtATimeEngine`, Flink), per trigger (`MicroBatchEngine`, Spark
/// Structured Streaming) or per schedule (`BatchEngine`). It never decides
/// *what* an operator computes, so any `StreamOperator` (a window aggregate,
/// a keyed process function, a join) runs on all three unchanged.
///
/// `events` are in arrival order (the order a source hands them out). An
/// engine advances its own simulated processing time with its cost
/// parameters; it never reads a clock.
public protocol StreamEngine {
    /// The rules a window operator must follow on this engine.
    func windowRules(for query: Query) -> WindowRules

    /// A deliberately wrong rule for the conformance suite's mutation test; nil normally.
    var mutation: RuleMutation? { get }

    /// Runs `op` over `events`, adding what it emits to `run`. A caller that
    /// sets `run.forward` first gets every output as the engine emits it and
    /// holds none of them (issue 14, "Nothing materializes the stream").
    func run<Op: StreamOperator, Events: Sequence>(_ op: inout Op, events: Events, into run: inout EngineRun<Op.Output>)
    where Events.Element == Event
}

/// One operator output, stamped with when (in simulated processing time) and
/// in which micro-batch (if any) the engine emitted it.
public struct Emitted<Output> {
    public var output: Output
    public var processingTime: Instant
    /// The micro-batch id (Spark's `batchId`), or nil on engines without batches.
    public var batch: Int?

    public init(output: Output, processingTime: Instant, batch: Int? = nil) {
        self.output = output
        self.processingTime = processingTime
        self.batch = batch
    }
}
extension Emitted: Sendable where Output: Sendable {}
extension Emitted: Equatable where Output: Equatable {}

/// What an engine run produced, plus what it had to say about late data.
public struct EngineRun<Output> {
    public var outputs: [Emitted<Output>] = []
    /// Records routed to the late side output, in arrival order.
    public var lateSideOutput: [Event] = []
    /// Records dropped as late without a side output (Flink's
    /// `numLateRecordsDropped`; Spark's `numRowsDroppedByWatermark`).
    public var droppedLateCount: Int = 0
    /// Records the engine handed to the operator.
    public var recordsProcessed: Int = 0
    /// Micro-batches run, counting no-data batches (0 on other engines).
    public var batchCount: Int = 0
    /// How many of those were no-data batches.
    public var noDataBatchCount: Int = 0
    /// Processing time when the run finished.
    public var finishTime: Instant = .zero
    /// Where drained outputs go instead of `outputs`, when set: a caller that
    /// writes a batch to its sink as the batch produces it holds none of it
    /// (issue 14, "Nothing materializes the stream": a nightly job over the
    /// whole input emitted one running total per record).
    ///
    /// It gets the parts of an `Emitted`, the row borrowed where the operator
    /// left it: building an `Emitted` per row copied it (a retain, a release
    /// and an outlined copy per row, 8 % of `bench keys` at 10^6 keys).
    public var forward: ((_ output: Output, _ processingTime: Instant, _ batch: Int?) -> Void)?

    public init() {}

    /// Outputs a batch's record loop may hold before it drains them: with
    /// `forward` set, a batch never holds more than this many.
    public static var drainThreshold: Int { 1 << 12 }

    /// Drains mid-batch once the context holds `drainThreshold` outputs. The
    /// outputs keep their order and their stamp (the batch's processing time
    /// is set before its records), so the run is the same as one drain at
    /// the end.
    @inlinable @inline(__always)
    mutating func drainIfFull(_ context: inout OperatorContext<Output>, batch: Int?) {
        if context.outputs.count >= Self.drainThreshold { drain(&context, batch: batch) }
    }

    /// Takes an operator call's outputs and late records into the run.
    /// `@inlinable` so engines specialise it per output type: unspecialised,
    /// it looked up generic metadata on every record (perf, callgrind: a
    /// quarter of the reference workload's instructions).
    @inlinable @inline(__always)
    mutating func drain(_ context: inout OperatorContext<Output>, batch: Int?) {
        if !context.outputs.isEmpty {
            if let forward {
                let time = context.processingTime
                context.outputs.withUnsafeBufferPointer { rows in
                    for index in rows.indices { forward(rows[index], time, batch) }
                }
            } else {
                let time = context.processingTime
                // By index: a for-in held the array's buffer, a retain and a
                // release on every drain, so every record (perf, issue 14).
                for index in context.outputs.indices {
                    outputs.append(Emitted(output: context.outputs[index], processingTime: time, batch: batch))
                }
            }
            context.outputs.removeAllKeepingCapacity()
        }
        if !context.lateSideOutput.isEmpty {
            lateSideOutput.append(contentsOf: context.lateSideOutput)
            context.lateSideOutput.removeAll(keepingCapacity: true)
        }
        if context.droppedLateCount != 0 {
            droppedLateCount += context.droppedLateCount
            context.droppedLateCount = 0
        }
    }

    /// Drains, then has `op` emit whatever it left pending under
    /// `context.outputLimit`, draining after each part, until nothing is
    /// pending. The rows keep their order and stamp, so the run is the same
    /// as with no limit; only the buffer between the operator and the run
    /// stays small.
    @inlinable
    mutating func drainAll<Op: StreamOperator>(_ op: inout Op, _ context: inout OperatorContext<Output>, batch: Int?)
    where Op.Output == Output {
        drain(&context, batch: batch)
        // Bounded: each call emits at most `outputLimit` rows of a finite table.
        while op.continueOutput(context: &context) { drain(&context, batch: batch) }
    }
}

extension EngineRun {
    /// Moves the operator's processing-time clock forward to `target`, firing
    /// each pending processing-time timer at its own due time, stamped with
    /// that time: a timer fires on time even when no record comes to wake the
    /// operator. A timer that fell due while the engine was busy (before
    /// `busyUntil`) fires when the work ends, as Flink's task runs timer
    /// callbacks from its mailbox between records.
    @inlinable @inline(__always)
    mutating func advanceProcessingTime<Op: StreamOperator>(
        _ op: inout Op, to target: Instant, busyUntil: Instant, context: inout OperatorContext<Output>, batch: Int?
    ) where Op.Output == Output {
        precondition(target >= busyUntil, "processing time cannot move back")
        // Resolved per operator type when specialised: a window aggregate has no
        // processing-time behaviour, so its clock just moves (nothing to fire or drain).
        guard Op.reactsToProcessingTime else {
            context.processingTime = target
            return
        }
        // Bounded by `target`: each pass fires every timer due by `time`, so the next pass starts later.
        while let due = op.nextProcessingTimeTimer(), due <= target {
            let time = Swift.max(due, busyUntil)
            context.processingTime = time
            op.advanceProcessingTime(to: time, context: &context)
            drain(&context, batch: batch)
            if let next = op.nextProcessingTimeTimer() {
                precondition(next > time, "advanceProcessingTime must fire every timer it reported due")
            }
        }
        context.processingTime = target
        op.advanceProcessingTime(to: target, context: &context)
        drain(&context, batch: batch)
    }
}

/// The engine cost parameters, in simulated time. The `CostModel` types of
/// the presets reduce to these; zero costs give an idealised engine whose
/// processing time is the arrival time.
public struct EngineCosts: Equatable, Sendable {
    /// Per record handled by the operator.
    public var perRecord: Duration
    /// Per micro-batch or batch job: scheduling, planning, committing.
    public var perBatch: Duration

    public init(perRecord: Duration = .zero, perBatch: Duration = .zero) {
        precondition(perRecord >= .zero && perBatch >= .zero, "costs cannot be negative")
        self.perRecord = perRecord
        self.perBatch = perBatch
    }

    public static let free = EngineCosts()
}

extension StreamEngine {
    public var mutation: RuleMutation? { nil }

    /// Runs `op` over `events` and keeps every output in the returned run.
    @inlinable
    public func run<Op: StreamOperator, Events: Sequence>(_ op: inout Op, events: Events) -> EngineRun<Op.Output>
    where Events.Element == Event {
        var run = EngineRun<Op.Output>()
        self.run(&op, events: events, into: &run)
        return run
    }

    /// Runs a logical query: builds the shared window operator with this
    /// engine's rules and runs it. Inlinable so the caller's event sequence
    /// type is specialised all the way into the engine's per-record loop.
    @inlinable
    public func run<Events: Sequence>(query: Query, events: Events) -> EngineRun<WindowResult>
    where Events.Element == Event {
        var run = EngineRun<WindowResult>()
        self.run(query: query, events: events, into: &run)
        return run
    }

    /// The same, adding to `run`: with `run.forward` set, the rows stream out.
    @inlinable
    public func run<Events: Sequence>(query: Query, events: Events, into run: inout EngineRun<WindowResult>)
    where Events.Element == Event {
        var op = WindowAggregateOperator(query: query, rules: windowRules(for: query), mutation: mutation)
        self.run(&op, events: events, into: &run)
    }
}
