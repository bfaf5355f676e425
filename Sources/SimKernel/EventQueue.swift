/// The simulator's pending-event set, ordered by (time, insertion sequence).
///
/// Ties at the same instant pop in insertion order (FIFO), as swift-nio's
/// EmbeddedEventLoop breaks them, so a run never depends on heap layout.
/// The structure is an implicit binary min-heap in one contiguous array;
/// cancellation is lazy (a cancelled entry is skipped when it reaches the top),
/// which keeps `schedule` and `popNext` free of search.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Int64
        @usableFromInline var sequence: UInt64
        @usableFromInline var payload: Payload

        @inlinable init(time: Int64, sequence: UInt64, payload: Payload) {
            self.time = time
            self.sequence = sequence
            self.payload = payload
        }

        @inlinable func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled: Set<UInt64> = []

    public init() {}

    /// The number of live (not cancelled) entries.
    @inlinable public var count: Int { heap.count - cancelled.count }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// Adds a payload due at `time`; returns a token that can cancel it.
    @inlinable @discardableResult
    public mutating func schedule(at time: Instant, _ payload: Payload) -> ScheduledToken {
        let sequence = nextSequence
        nextSequence &+= 1
        heap.append(Entry(time: time.micros, sequence: sequence, payload: payload))
        siftUp(heap.count - 1)
        return ScheduledToken(sequence: sequence)
    }

    /// Cancels a scheduled entry. Cancelling one that already ran or was
    /// already cancelled is a programmer error.
    public mutating func cancel(_ token: ScheduledToken) {
        precondition(token.sequence < nextSequence, "cancel: unknown token \(token.sequence)")
        let inserted = cancelled.insert(token.sequence).inserted
        precondition(inserted, "cancel: token \(token.sequence) cancelled twice")
    }

    /// The time of the earliest live entry.
    @inlinable public mutating func peekTime() -> Instant? {
        dropCancelledTop()
        return heap.first.map { Instant(micros: $0.time) }
    }

    /// Removes and returns the earliest live entry.
    @inlinable public mutating func popNext() -> (time: Instant, payload: Payload)? {
        dropCancelledTop()
        guard let top = removeTop() else { return nil }
        return (Instant(micros: top.time), top.payload)
    }

    @inlinable mutating func dropCancelledTop() {
        if cancelled.isEmpty { return }
        while let first = heap.first, cancelled.remove(first.sequence) != nil {
            _ = removeTop()
        }
    }

    @inlinable mutating func removeTop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        siftDown(0)
        return top
    }

    @inlinable mutating func siftUp(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { buffer in
            var child = start
            let moving = buffer[child]
            while child > 0 {
                let parent = (child - 1) >> 1
                guard moving.precedes(buffer[parent]) else { break }
                buffer[child] = buffer[parent]
                child = parent
            }
            buffer[child] = moving
        }
    }

    @inlinable mutating func siftDown(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { buffer in
            let count = buffer.count
            var parent = start
            let moving = buffer[parent]
            while true {
                var child = 2 * parent + 1
                if child >= count { break }
                if child + 1 < count, buffer[child + 1].precedes(buffer[child]) { child += 1 }
                guard buffer[child].precedes(moving) else { break }
                buffer[parent] = buffer[child]
                parent = child
            }
            buffer[parent] = moving
        }
    }
}

/// Identifies one scheduled entry, for cancellation.
public struct ScheduledToken: Hashable, Sendable {
    public let sequence: UInt64
    @inlinable init(sequence: UInt64) { self.sequence = sequence }
}

#if STREAMLAB_INVARIANTS
extension EventQueue {
    /// Expensive check, compiled in with `-D STREAMLAB_INVARIANTS`: every
    /// parent precedes its children.
    public func checkInvariants() {
        for index in heap.indices.dropFirst() {
            precondition(!heap[index].precedes(heap[(index - 1) / 2]), "heap order violated at \(index)")
        }
    }
}
#endif
