import Collections
import Delivery
import Foundation
import SimKernel
import Workloads

/// The streaming checker on a thread of its own, beside the run (issue 14,
/// "a fast crash pipeline"): the run only appends what the checker is told
/// (an output visible, a span final) to a batch, and the checker applies
/// the batches in the same order on another core. The checker is a function
/// of that sequence alone and the run never reads it back before `finish`,
/// so every figure is the same as on one thread.
///
/// The records themselves do not pass through the run's thread one by one:
/// the source's reader already holds them in batches, so each batch it
/// hands to the run is handed to the checker too, whole (`events`, the
/// array shared, not copied). Before each other message the run says how
/// many records the log has pulled by then (`logged(upTo:)`), and the
/// checker logs the records up to there first: the order the checker sees
/// is exactly the one-thread order (each record logged before anything that
/// followed its pull), at no per-record cost on the run's thread (copying
/// every record into a message was 4 % of it, callgrind).
///
/// Used where a run has a core to itself (`crash`); `compare` already keeps
/// every core busy with its pieces, so there the checker stays inline.
final class ConcurrentCheck: RetentionObserver {
    enum Message {
        /// A batch of the source's records, in order, as the run took it.
        case events([Event])
        /// The log has pulled this many records: the checker logs up to here.
        case logged(upTo: Int)
        case published(PipelineOutput, at: Instant)
        /// Outputs that became visible together (a committed transaction or
        /// micro-batch), handed over whole: the engine thread passes the
        /// array, the checker's thread walks it.
        case publishedAll([PipelineOutput], at: Instant)
        case finalized(before: Int)
    }

    /// Messages per hand-over: large enough that the lock is rare, small
    /// enough to stay in the cache.
    static var batchCapacity: Int { 1 << 13 }

    let check: StreamingCheck
    /// The run's source: it tells how many records the log has pulled.
    let source: PrefetchedSource
    @exclusivity(unchecked) private var batch: [Message]
    /// The pull count last told to the checker.
    @exclusivity(unchecked) private var announced = 0
    private let channel = BatchChannel<Message>(capacity: ConcurrentCheck.batchCapacity)
    /// Committed transactions' arrays, checked and emptied, for the sink to
    /// open its next transactions in: one is enough (a transaction opens
    /// per checkpoint), and each is megabytes.
    private let spares = SpareArrays<PipelineOutput>(keeping: 1)
    private var finished = false

    /// Reads `source` ahead on a thread of its own and checks beside it:
    /// `source` must be the run's input and the run its only reader.
    init(_ check: StreamingCheck, source: ArrivalSource) {
        self.check = check
        batch = []
        batch.reserveCapacity(Self.batchCapacity)
        self.source = PrefetchedSource(source)
        self.source.onBatch = { [unowned self] events in taken(events) }
        let worker = Worker(check: check, channel: channel, spares: spares)
        let thread = Thread { worker.run() }
        thread.name = "streamlab-check"
        thread.start()
    }

    deinit {
        // A run that ended early (it cannot: runs return normally) would
        // otherwise leave the worker waiting.
        if !finished { channel.close() }
    }

    func finalized(before position: Int) { tell(.finalized(before: position)) }

    /// The sink that reports to the checker through the batches.
    func makeSink() -> DeliverySink {
        TransactionalSink(
            kind: check.sinkKind,
            onPublish: { [unowned self] output, time, _ in self.tell(.published(output, at: time)) },
            onPublishAll: { [unowned self] outputs, time, _ in self.tell(.publishedAll(outputs, at: time)) },
            takeSpare: { [spares] in spares.take() })
    }

    /// The source's next batch, before the log pulls any of it: the checker
    /// may log everything before it, and gets this hand-over now. (Waiting
    /// for a full one would hold the records until the next commit tells
    /// anything, or to the end of an exactly-once run.)
    private func taken(_ events: [Event]) {
        announcePulled()
        append(.events(events))
        batch = channel.handOver(batch)!
    }

    /// A message that follows the records pulled so far.
    @inline(__always)
    private func tell(_ message: Message) {
        announcePulled()
        append(message)
    }

    @inline(__always)
    private func announcePulled() {
        let pulled = source.deliveredCount
        guard pulled != announced else { return }
        announced = pulled
        append(.logged(upTo: pulled))
    }

    @inline(__always)
    private func append(_ message: Message) {
        batch.append(message)
        if batch.count == Self.batchCapacity { batch = channel.handOver(batch)! }
    }

    /// Waits for the checker to apply everything, then settles it.
    func finish(_ result: DeliveryRunResult) -> (RunMetrics, BusinessMetrics) {
        precondition(!finished, "a check finishes once")
        finished = true
        precondition(result.inputCount == source.deliveredCount, "the log pulled \(result.inputCount) records, the source delivered \(source.deliveredCount)")
        announcePulled()
        if !batch.isEmpty { batch = channel.handOver(batch)! }
        channel.close()
        channel.waitForWorker()
        return check.finish(result)
    }

    /// What runs on the checker's thread; it alone touches the checker until
    /// `waitForWorker` returns.
    private struct Worker: @unchecked Sendable {
        let check: StreamingCheck
        let channel: BatchChannel<Message>
        let spares: SpareArrays<PipelineOutput>

        func run() {
            // The source's batch being logged through, the next record's
            // place in it, and the batches after it.
            var current: [Event] = [], index = 0, loggedCount = 0
            var later = Deque<[Event]>()
            var checked: [[PipelineOutput]] = []
            // Bounded: the run hands over finitely many batches, then closes.
            while var batch = channel.take() {
                for message in batch {
                    switch message {
                    case .events(let events): later.append(events)
                    case .logged(let count):
                        // Bounded by `count`: each pass logs one record the run's source delivered.
                        while loggedCount < count {
                            if index == current.count {
                                guard let next = later.popFirst() else { preconditionFailure("the log pulled records the source never delivered") }
                                current = next
                                index = 0
                                continue
                            }
                            check.logged(current[index], at: loggedCount)
                            index += 1
                            loggedCount += 1
                        }
                    case .published(let output, let time): check.published(output, at: time)
                    case .publishedAll(let outputs, let time):
                        for output in outputs { check.published(output, at: time) }
                        checked.append(outputs)
                    case .finalized(let position): check.finalized(before: position)
                    }
                }
                // The messages let go of the transactions' arrays first, so
                // each is the sink's alone when it is filled again.
                batch.removeAll(keepingCapacity: true)
                channel.recycle(batch)
                // Bounded by `checked`: each pass gives one back.
                while !checked.isEmpty { spares.give(checked.removeLast()) }
            }
            channel.workerExited()
        }
    }
}

/// Arrays that one thread is done with, emptied, for another to fill again
/// (at most `keeping` of them; the rest are freed).
final class SpareArrays<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [[Element]] = []
    private let keeping: Int

    init(keeping: Int = 2) { self.keeping = keeping }

    /// `array` must be its caller's last reference, or emptying it copies it.
    func give(_ array: consuming [Element]) {
        if !array.isEmpty { array.removeAll(keepingCapacity: true) }
        lock.lock()
        defer { lock.unlock() }
        if spare.count < keeping { spare.append(array) }
    }

    func take() -> [Element]? {
        lock.lock()
        defer { lock.unlock() }
        return spare.popLast()
    }
}

/// Batches from one producer to one consumer, in order, at most
/// `maxWaiting` of them waiting (the producer waits beyond that, so memory
/// stays a few batches), with the emptied arrays sent back for reuse. The producer closes it after its
/// last batch; a consumer that stops early cancels it.
final class BatchChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting = Deque<[Element]>()
    private let spares = SpareArrays<Element>()
    private var closed = false
    private var cancelled = false
    private var exited = false
    private let capacity: Int
    private let maxWaiting: Int
    /// Enough that one slow stretch on either side (a committed
    /// transaction's outputs checked at once) does not stall the other:
    /// with 2, the crash run's engine waited on each commit (3.0 s against
    /// 2.6 s at 10 M events, issue 14).
    static var defaultMaxWaiting: Int { 16 }

    init(capacity: Int, maxWaiting: Int = BatchChannel.defaultMaxWaiting) {
        precondition(capacity > 0 && maxWaiting > 0, "a channel holds at least one batch of one")
        self.capacity = capacity
        self.maxWaiting = maxWaiting
    }

    /// Runs `body` under the channel's lock.
    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    /// Changes the state under the lock and wakes every waiter.
    private func announce(_ change: () -> Void) {
        locked {
            change()
            condition.broadcast()
        }
    }

    /// Queues a full batch; returns an empty one to fill next, or nil when
    /// the consumer cancelled (the batch is dropped).
    func handOver(_ batch: [Element]) -> [Element]? {
        locked {
            precondition(!closed, "no batch after close")
            // Bounded by the consumer: it takes one batch per wake-up, or cancels.
            while waiting.count >= maxWaiting, !cancelled { condition.wait() }
            guard !cancelled else { return nil }
            waiting.append(batch)
            condition.broadcast()
            if let empty = spares.take() { return empty }
            var empty: [Element] = []
            empty.reserveCapacity(capacity)
            return empty
        }
    }

    /// The next batch, or nil once the producer closed and all were taken.
    func take() -> [Element]? {
        locked {
            // Bounded by the producer: it hands over or closes.
            while waiting.isEmpty, !closed { condition.wait() }
            guard let batch = waiting.popFirst() else { return nil }
            condition.broadcast()
            return batch
        }
    }

    /// Gives a taken batch back, emptied, for the producer to fill again.
    func recycle(_ batch: consuming [Element]) { spares.give(batch) }

    /// The producer hands over no more.
    func close() { announce { closed = true } }

    /// The consumer takes no more: a waiting producer returns.
    func cancel() {
        announce {
            cancelled = true
            waiting.removeAll()
        }
    }

    /// The thread that works the channel (the checker, or the reader) is done.
    func workerExited() { announce { exited = true } }

    func waitForWorker() {
        locked {
            // Bounded: the worker exits once the channel is closed and empty, or cancelled.
            while !exited { condition.wait() }
        }
    }
}

/// A source read ahead on a thread of its own: the generator fills batches
/// of records while the run processes the previous ones (issue 14, "a fast
/// crash pipeline"). The records and their order are the source's; a
/// reopened copy is the source's own (read inline, it is only for re-reads).
final class PrefetchedSource: ArrivalSource {
    /// Records per batch, and batches read ahead at most. Large batches:
    /// each hand-over wakes a thread, and three threads share two cores in
    /// a crash run (best of five for 10 M events: 1.88 s with 4,096 records
    /// a batch, 1.70 s with 16,384, Benchmarks/RESULTS.md). Not too many of
    /// them: 16 waiting batches of 65,536 records peaked at 289 MB at 10 M
    /// events, and 8 of 16,384 at up to 303 MB at 100 M (4: 252-258 MB).
    static var batchCapacity: Int { 1 << 14 }
    static var maxWaiting: Int { 4 }

    private let source: ArrivalSource
    private let channel = BatchChannel<Event>(capacity: PrefetchedSource.batchCapacity, maxWaiting: PrefetchedSource.maxWaiting)
    @exclusivity(unchecked) private var batch: [Event] = []
    @exclusivity(unchecked) private var index = 0
    /// Records in the batches before the current one.
    @exclusivity(unchecked) private var deliveredBefore = 0
    @exclusivity(unchecked) private var ended = false
    /// Told each batch as it is taken, before any of its records is
    /// delivered (then the batch is shared, so it is not recycled).
    @exclusivity(unchecked) var onBatch: (([Event]) -> Void)?

    /// Records delivered so far by `nextArrival`.
    var deliveredCount: Int { deliveredBefore + index }

    init(_ source: ArrivalSource) {
        self.source = source
        let reader = Reader(source: source, channel: channel)
        let thread = Thread { reader.run() }
        thread.name = "streamlab-source"
        thread.start()
    }

    deinit {
        // A run may stop before the source ends; the reader then stops too.
        channel.cancel()
        channel.waitForWorker()
    }

    func nextArrival() -> Event? {
        if index == batch.count {
            guard !ended else { return nil }
            deliveredBefore += index
            if !batch.isEmpty, onBatch == nil { channel.recycle(batch) }
            guard let next = channel.take() else {
                ended = true
                batch = []
                index = 0
                return nil
            }
            batch = next
            index = 0
            onBatch?(next)
        }
        index += 1
        return batch[index - 1]
    }

    func reopened() -> ArrivalSource? { source.reopened() }
    var isReopenable: Bool { source.isReopenable }

    /// What runs on the reading thread; it alone touches the source until
    /// `waitForWorker` returns (reopening makes a new source, not a read).
    private struct Reader: @unchecked Sendable {
        let source: ArrivalSource
        let channel: BatchChannel<Event>

        func run() {
            defer { channel.workerExited() }
            var batch: [Event] = []
            batch.reserveCapacity(PrefetchedSource.batchCapacity)
            // Bounded by the source's end: each pass fills a batch or ends.
            while source.nextArrivals(into: &batch, capacity: PrefetchedSource.batchCapacity) {
                guard let empty = channel.handOver(batch) else { return }
                batch = empty
            }
            if !batch.isEmpty, channel.handOver(batch) == nil { return }
            channel.close()
        }
    }
}
