import Foundation
import SimKernel
import Workloads

/// One read of a log shared by several runs that go through it at once
/// (issue 14: each of `compare`'s runs generated the same 10 M-event log
/// again, and generating it was a third of the comparison's work).
///
/// The records come in chunks of `chunkSize`. Whichever reader first needs
/// a chunk that is not there yet reads it from the source (so no thread of
/// its own), and the others take it from there; a chunk is dropped once
/// every reader has gone past it. At most `chunksAhead` chunks are held:
/// a reader that far ahead of the slowest one waits (giving back its core
/// permit), so the pass holds a bounded span, never the stream, and the
/// slowest reader is never kept waiting by the bound.
///
/// Each reader gets the source's records, all of them, in order, as a read
/// of its own would: a run cannot tell the difference, and its results do
/// not depend on how the threads interleave. A reader's `reopened()` is a
/// private read of the log from its start (`reopen`), for a replay or
/// re-read behind the pass.
public final class SharedLogPass: @unchecked Sendable {
    public static var defaultChunkSize: Int { 8_192 }
    public static var defaultChunksAhead: Int { 16 }

    /// Sees each chunk once, in log order, as it is read from the source
    /// (by whichever reader reads it, one at a time), then the end: work
    /// that depends on the log alone is done there once for all readers.
    public protocol Observer: AnyObject, Sendable {
        func read(_ events: UnsafeBufferPointer<Event>)
        /// The log has ended: every record was given to `read`.
        func ended()
    }

    let chunkSize: Int
    let chunksAhead: Int
    private let reopen: () -> ArrivalSource
    private let permits: CorePermits?
    private let observer: Observer?
    private let condition = NSCondition()
    // Everything below is guarded by `condition`.
    private let source: ArrivalSource
    /// Chunks `firstHeld..<firstHeld + held.count`, with how many readers
    /// have not yet finished each.
    private var held: [(events: EventChunk, unread: Int)] = []
    private var firstHeld = 0
    private var readers: Int
    /// True while a reader is reading the next chunk from the source (outside the lock).
    private var reading = false
    /// The number of chunks in the log, once the source has ended.
    private var chunkTotal: Int?
    /// The most chunks held at once (the pass's memory high-water mark).
    public private(set) var peakHeldChunks = 0

    /// A pass of `source` for `readers` readers (each made once, with
    /// `reader()`); `reopen` gives a fresh read of the same log from its
    /// start. A reader that waits gives back a permit of `permits`.
    public init(source: ArrivalSource, readers: Int, reopen: @escaping () -> ArrivalSource, permits: CorePermits? = nil,
                observer: Observer? = nil, chunkSize: Int = SharedLogPass.defaultChunkSize,
                chunksAhead: Int = SharedLogPass.defaultChunksAhead) {
        precondition(readers >= 0 && chunkSize >= 1 && chunksAhead >= 1, "a pass needs room for one chunk")
        self.source = source
        self.readers = readers
        self.reopen = reopen
        self.permits = permits
        self.observer = observer
        self.chunkSize = chunkSize
        self.chunksAhead = chunksAhead
    }

    /// One of the `readers` readers of the pass; a reader that is done
    /// before the end of the log must be `close()`d, or the others wait for it.
    public func reader() -> Reader { Reader(pass: self) }

    /// Returns once the source is read to its end (no reader will wait on
    /// the pass again: what is left of each read is held) or every reader
    /// has left. A reader may stay on past that, at most `chunksAhead`
    /// chunks behind: a run can take its last records long after the
    /// others (a nightly job's log took them only at its run's end), and
    /// the next cohort (`CohortRun`) waited for that (3 s of a 30 s
    /// comparison at 10 M events).
    public func awaitReadThrough() {
        condition.lock()
        defer { condition.unlock() }
        // Bounded: each wake-up follows a chunk read or a reader leaving;
        // the log's chunks and the readers are bounded.
        while readers > 0, chunkTotal == nil { condition.wait() }
    }

    /// Chunk `index` for a reader that has finished chunk `index - 1` (if
    /// any), or nil past the end of the log.
    fileprivate func chunk(_ index: Int) -> EventChunk? {
        condition.lock()
        defer { condition.unlock() }
        if index > 0 { finish(index - 1) }
        // Bounded: each pass returns, reads a chunk, or waits for another
        // reader to read one or to finish one (both move the pass on).
        while true {
            if index < firstHeld + held.count {
                precondition(index >= firstHeld, "chunk \(index) was read by every reader")
                return held[index - firstHeld].events
            }
            if let chunkTotal, index >= chunkTotal { return nil }
            if !reading, held.count < chunksAhead {
                reading = true
                condition.unlock()
                var events: [Event] = []
                events.reserveCapacity(chunkSize)
                let more = source.nextArrivals(into: &events, capacity: chunkSize)
                if let observer {
                    events.withUnsafeBufferPointer { observer.read($0) }
                    if !more { observer.ended() }
                }
                condition.lock()
                reading = false
                if !events.isEmpty { held.append((EventChunk(events), readers)) }
                peakHeldChunks = Swift.max(peakHeldChunks, held.count)
                if !more { chunkTotal = firstHeld + held.count }
                condition.broadcast()
                continue
            }
            // Ahead of the slowest reader by `chunksAhead`, or another
            // reader is reading: wait without holding a core.
            permits?.release()
            condition.wait()
            condition.unlock()
            permits?.acquire()
            condition.lock()
        }
    }

    /// One reader is done with chunk `index`.
    private func finish(_ index: Int) {
        precondition(index >= firstHeld && index < firstHeld + held.count, "chunk \(index) is not held")
        held[index - firstHeld].unread -= 1
        dropFinished()
    }

    /// Drops the chunks every reader is done with; a reader waiting for room may go on.
    private func dropFinished() {
        var dropped = false
        // Bounded by the chunks held.
        while let first = held.first, first.unread == 0 {
            held.removeFirst()
            firstHeld += 1
            dropped = true
        }
        if dropped { condition.broadcast() }
    }

    /// A reader leaves at chunk `index` (nil: before its first; past the
    /// last at the end of the log): it is done with that chunk and every
    /// later one, read or not (the earlier ones it finished on the way).
    fileprivate func close(at index: Int?) {
        condition.lock()
        defer { condition.unlock() }
        readers -= 1
        let from = index ?? 0
        // Bounded by the chunks held.
        for offset in held.indices where firstHeld + offset >= from { held[offset].unread -= 1 }
        dropFinished()
        if readers == 0 { condition.broadcast() }
    }

    /// A run's read of the pass, as an `ArrivalSource`.
    public final class Reader: ArrivalSource {
        private let pass: SharedLogPass
        /// The chunk being read (kept alive while `events` points into it).
        @exclusivity(unchecked) private var chunk: EventChunk?
        @exclusivity(unchecked) private var events = UnsafeBufferPointer<Event>(start: nil, count: 0)
        @exclusivity(unchecked) private var offset = 0
        /// The index of `chunk`; nil before the first.
        @exclusivity(unchecked) private var chunkIndex: Int?
        @exclusivity(unchecked) private var ended = false
        @exclusivity(unchecked) private var closed = false

        fileprivate init(pass: SharedLogPass) { self.pass = pass }

        deinit { close() }

        /// Leaves the pass (at the end of the log, or before it).
        public func close() {
            guard !closed else { return }
            closed = true
            pass.close(at: chunkIndex)
        }

        /// Moves to the next chunk; false at the end of the log.
        private func advance() -> Bool {
            guard !ended, !closed else { return false }
            let next = (chunkIndex ?? -1) + 1
            events = UnsafeBufferPointer(start: nil, count: 0)
            offset = 0
            chunkIndex = next
            chunk = pass.chunk(next)
            guard let chunk else {
                // The last chunk is finished; nothing later is held for this reader.
                ended = true
                close()
                return false
            }
            events = chunk.events
            return true
        }

        public func nextArrival() -> Event? {
            if offset == events.count, !advance() { return nil }
            defer { offset += 1 }
            return events[offset]
        }

        /// The rest of the chunk in hand (or the next one), shared with the
        /// other readers, not copied.
        public func nextRun(maxCount: Int) -> EventRun? {
            if offset == events.count, !advance() { return nil }
            let take = Swift.min(maxCount, events.count - offset)
            defer { offset += take }
            return EventRun(chunk!, offset..<offset + take)
        }

        public func reopened() -> ArrivalSource? { pass.reopen() }
        public var isReopenable: Bool { true }
    }
}
