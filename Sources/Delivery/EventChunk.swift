import Workloads

/// Records in storage of their own, written once when made and only read
/// after: a log keeps them by reference instead of copying them one by one,
/// and a shared pass (`SharedLogPass`) gives the same chunk to each of its
/// readers, so a cohort's runs hold one copy of the span they replay, not
/// one each (issue 14). Readers walk the records by pointer, with no
/// reference counting per record (an array in a class property costs a
/// retain and a release per read).
public final class EventChunk: @unchecked Sendable {
    public let events: UnsafeBufferPointer<Event>

    /// A chunk holding a copy of `records`.
    public init(_ records: [Event]) {
        let storage = UnsafeMutableBufferPointer<Event>.allocate(capacity: records.count)
        _ = storage.initialize(from: records)
        events = UnsafeBufferPointer(storage)
    }

    deinit {
        let storage = UnsafeMutableBufferPointer(mutating: events)
        storage.deinitialize()
        storage.deallocate()
    }
}

/// Consecutive records of a chunk: what a source hands out by reference
/// (`ArrivalSource.nextRun`). `chunk` keeps `events` alive.
public struct EventRun {
    public let chunk: EventChunk
    public let events: UnsafeBufferPointer<Event>

    /// The records `range` of `chunk`'s.
    public init(_ chunk: EventChunk, _ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= chunk.events.count, "a run lies within its chunk")
        self.chunk = chunk
        events = UnsafeBufferPointer(rebasing: chunk.events[range])
    }
}
