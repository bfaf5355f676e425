import SimKernel

/// What a sink can hold: a record with a stable identity, which an upsert
/// sink keys on and a replay recomputes.
public protocol SinkRecord {
    associatedtype Identity: Hashable
    var sinkIdentity: Identity { get }
    /// The record as written by the micro-batch (or job) `batch`, for records
    /// that carry their batch id (the replay rows do, as Spark's do).
    func stamped(batch: Int?) -> Self
}

extension SinkRecord {
    public func stamped(batch: Int?) -> Self { self }
}

/// The three sink kinds (see `TransactionalSink`).
public enum SinkKind: String, Sendable, CaseIterable { case append, upsert, transactional }

/// The delivery experiments' sink, over the delivery query's outputs.
public typealias DeliverySink = TransactionalSink<PipelineOutput>

/// The three sink kinds of the delivery experiments, and what a reader sees.
///
/// - `append`: a non-transactional append-only sink (a Kafka topic without
///   transactions, a log file). Each write is visible at once; a replay after a
///   crash writes the same outputs again, so they appear twice.
/// - `upsert`: an idempotent upsert by output identity (a JDBC table with a
///   primary key, a Delta `MERGE`). Each write is visible at once; a replayed
///   write overwrites the row with the same value, so a reader never sees a duplicate.
/// - `transactional`: a two-phase-commit sink (Flink's `TwoPhaseCommitSinkFunction`
///   over Kafka transactions, read with `read_committed`). Outputs become
///   visible only when their transaction commits, which adds latency.
///   The record engine drives it per checkpoint (see `preCommit`, `commit`,
///   `restore`); the micro-batch engine commits one transaction per batch id,
///   and a batch id that was already committed is skipped, as Spark's file
///   sink skips a batch its metadata log already holds.
public struct TransactionalSink<Record: SinkRecord> {
    public typealias Kind = SinkKind

    public let kind: Kind
    /// Every output as it became visible, in visibility order (for an upsert
    /// sink, each row write; the current table is `upsertTable`).
    public private(set) var visible: [Visible<Record>] = []
    public private(set) var upsertTable: [Record.Identity: Record] = [:]
    public private(set) var writeCount: Int = 0
    public private(set) var abortedOutputCount: Int = 0
    public private(set) var skippedBatchCount: Int = 0

    private var openTransaction: [Record] = []
    private var pending: [(checkpointID: Int, outputs: [Record])] = []
    private var committedBatches: Set<Int> = []

    /// Where a streaming sink hands each output as it becomes visible
    /// (output, visible at, attempt); nil keeps them in `visible` instead.
    let onPublish: ((Record, Instant, Int) -> Void)?
    /// Where a streaming sink hands a whole committed transaction or
    /// micro-batch at once (outputs in order, visible at, attempt), when its
    /// reader would rather take the array than one call per output; nil
    /// hands them one by one to `onPublish`.
    let onPublishAll: (([Record], Instant, Int) -> Void)?
    /// An emptied array to open the next transaction in, if the reader of
    /// `onPublishAll` gives its arrays back (nil: a new one each time).
    let takeSpare: (() -> [Record]?)?

    public init(kind: Kind) {
        self.kind = kind
        onPublish = nil
        onPublishAll = nil
        takeSpare = nil
    }

    /// A sink that keeps nothing a reader saw: each visible output goes to
    /// `onPublish` (the harness's streaming checker), so memory holds only
    /// what is still uncommitted. `visible` and `upsertTable` stay empty.
    /// With `onPublishAll`, an array of outputs that become visible together
    /// (a committed transaction, a micro-batch) goes to it in one call: the
    /// same outputs in the same order as through `onPublish`. A reader that
    /// is done with such arrays may hand them back through `takeSpare`: a
    /// transaction then opens in memory already paged in (a fresh one per
    /// checkpoint faulted in every page of it, ten megabytes, on the engine's
    /// thread: 90 % of a crash run's page faults, perf).
    public init(kind: Kind, onPublish: @escaping (Record, Instant, Int) -> Void, onPublishAll: (([Record], Instant, Int) -> Void)? = nil,
                takeSpare: (() -> [Record]?)? = nil) {
        self.kind = kind
        self.onPublish = onPublish
        self.onPublishAll = onPublishAll
        self.takeSpare = takeSpare
    }

    public var openTransactionCount: Int { openTransaction.count }
    public var pendingTransactionIDs: [Int] { pending.map(\.checkpointID) }

    /// One write by a running engine: visible now, or buffered in the open transaction.
    public mutating func write<Outputs: Sequence>(_ outputs: Outputs, at time: Instant, attempt: Int) where Outputs.Element == Record {
        writeCount += 1
        switch kind {
        case .append, .upsert: publish(outputs, at: time, attempt: attempt)
        case .transactional: openTransaction.append(contentsOf: outputs)
        }
    }

    /// One write of a single output (a record engine's usual step): the
    /// same as `write` of a one-element sequence, without a sequence's
    /// generic append per record (perf, issue 14).
    public mutating func write(_ output: Record, at time: Instant, attempt: Int) {
        writeCount += 1
        switch kind {
        case .append, .upsert: publishOne(output, at: time, attempt: attempt)
        case .transactional: openTransaction.append(output)
        }
    }

    /// `publish` of one output. The reader's closure is called in place:
    /// bound with `if let`, it was retained and released around every
    /// output (perf, `compare`: 3–6 % of its time).
    private mutating func publishOne(_ output: Record, at time: Instant, attempt: Int) {
        if onPublish != nil {
            onPublish?(output, time, attempt)
        } else {
            publish(CollectionOfOne(output), at: time, attempt: attempt)
        }
    }

    private mutating func publish<Outputs: Sequence>(_ outputs: Outputs, at time: Instant, attempt: Int) where Outputs.Element == Record {
        if let onPublish {
            for output in outputs { onPublish(output, time, attempt) }
            return
        }
        for output in outputs {
            visible.append(Visible(output: output, visibleAt: time, attempt: attempt))
            if kind == .upsert { upsertTable[output.sinkIdentity] = output }
        }
    }

    /// `publish` of outputs already in an array, which a streaming reader
    /// may take whole (a committed transaction's outputs on the crash
    /// path: one call instead of one per output, issue 14).
    private mutating func publishAll(_ outputs: [Record], at time: Instant, attempt: Int) {
        if let onPublishAll {
            if !outputs.isEmpty { onPublishAll(outputs, time, attempt) }
            return
        }
        publish(outputs, at: time, attempt: attempt)
    }

    // MARK: Flink two-phase commit (record engine)

    /// Flink 2PC, step one: at the checkpoint barrier, pre-commit (flush) the
    /// open transaction under the checkpoint's id and open a new one.
    public mutating func preCommit(checkpointID: Int) {
        guard kind == .transactional else { return }
        precondition(pending.last.map { $0.checkpointID < checkpointID } ?? true, "checkpoint ids increase")
        pending.append((checkpointID, openTransaction))
        // The next transaction is likely as long: sized once, it is not
        // copied as it grows.
        let previousCount = openTransaction.count
        openTransaction = takeSpare?() ?? []
        precondition(openTransaction.isEmpty, "a spare array is empty")
        openTransaction.reserveCapacity(previousCount)
    }

    /// Flink 2PC, step two: when checkpoint `checkpointID` completes, commit
    /// every pending transaction with id <= that checkpoint.
    public mutating func commit(upTo checkpointID: Int, at time: Instant, attempt: Int) {
        guard kind == .transactional else { return }
        while let first = pending.first, first.checkpointID <= checkpointID {
            pending.removeFirst()
            publishAll(first.outputs, at: time, attempt: attempt)
        }
    }

    /// Flink 2PC on restore from checkpoint `checkpointID`: commit what was
    /// pending in that checkpoint, abort the open transaction. Transactions
    /// pre-committed for later checkpoints that never completed are not in the
    /// restored state, so they are aborted too (Kafka fences them).
    public mutating func restore(checkpointID: Int, at time: Instant, attempt: Int) {
        guard kind == .transactional else { return }
        commit(upTo: checkpointID, at: time, attempt: attempt)
        abortedOutputCount += openTransaction.count + pending.reduce(0) { $0 + $1.outputs.count }
        openTransaction = []
        pending = []
    }

    // MARK: Spark micro-batch commit

    /// Writes one micro-batch. Append and upsert sinks write as usual; the
    /// transactional sink commits the batch atomically unless its id was
    /// already committed (then the replayed batch is skipped).
    public mutating func writeBatch(_ outputs: [Record], batchID: Int, at time: Instant, attempt: Int) {
        guard beginBatch(batchID: batchID) else { return }
        publishAll(outputs, at: time, attempt: attempt)
    }

    /// `writeBatch` one output at a time, so a batch's outputs need not be
    /// held together: `beginBatch` is the write (it counts it, and tells
    /// whether the outputs are published: false when a transactional sink
    /// already committed this batch id), then `writeInBatch` hands each
    /// output, all at the batch's one instant. What a reader sees is the
    /// same as `writeBatch` with the outputs in the same order.
    public mutating func beginBatch(batchID: Int) -> Bool {
        writeCount += 1
        guard kind == .transactional else { return true }
        guard committedBatches.insert(batchID).inserted else {
            skippedBatchCount += 1
            return false
        }
        return true
    }

    /// One output of the batch opened by `beginBatch` (which returned true).
    public mutating func writeInBatch(_ output: Record, at time: Instant, attempt: Int) {
        publishOne(output, at: time, attempt: attempt)
    }

    /// What the engine had written but not committed when it crashed, for a
    /// transactional sink (lost with the crash and aborted on restore).
    public mutating func abortOpenOnCrash() {
        guard kind == .transactional else { return }
        abortedOutputCount += openTransaction.count
        openTransaction = []
    }
}
