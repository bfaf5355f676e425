/// The simulator's pending-event set, ordered by (time, insertion sequence).
///
/// Ties at the same instant pop in insertion order (FIFO), as swift-nio's
/// EmbeddedEventLoop breaks them, so a run never depends on the structure's
/// layout.
///
/// The structure is a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990),
/// chosen by benchmark over a binary heap and a 4-ary heap (figures in
/// Benchmarks/README.md): a discrete-event simulation is a *monotone* priority
/// queue, since nothing is scheduled before the last popped time, and a radix
/// heap exploits that. Bucket `i` holds the entries whose time first differs
/// from the last minimum (`floorKey`) in bit `i - 1`; bucket 0 holds the
/// entries due exactly at `floorKey`. Inserting is an append; popping takes
/// from bucket 0 and, when it is empty, redistributes the lowest non-empty
/// bucket into strictly lower buckets. Each entry moves a few times at most,
/// along contiguous arrays, instead of ~log₂(n) random swaps per operation.
///
/// FIFO ties come for free: every bucket stays in sequence order, because an
/// entry reaches a bucket either by append (the newest sequence) or by a
/// redistribution that runs only while every lower bucket is empty and keeps
/// the order it reads. A schedule earlier than the last popped time (allowed
/// for a bare queue, though `Simulation` forbids it) takes a slow path that
/// rebuilds the buckets in sequence order.
///
/// Cancellation is lazy: a cancelled entry is skipped when it reaches the
/// front, which keeps `schedule` and `popNext` free of search.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry {
        /// The time, biased to an unsigned key so that order is preserved.
        @usableFromInline var key: UInt64
        @usableFromInline var sequence: UInt64
        @usableFromInline var payload: Payload

        @inlinable init(key: UInt64, sequence: UInt64, payload: Payload) {
            self.key = key
            self.sequence = sequence
            self.payload = payload
        }
    }

    /// 65 buckets: 0 for "equal to `floorKey`", 1…64 by highest differing bit.
    @usableFromInline var buckets: [[Entry]] = Array(repeating: [], count: 65)
    /// Read position in bucket 0 (a FIFO consumed from the front).
    @usableFromInline var frontIndex: Int = 0
    /// Bit `i - 1` set when bucket `i` (1…64) is non-empty.
    @usableFromInline var occupiedMask: UInt64 = 0
    /// A lower bound of every stored key: the key of the last minimum.
    @usableFromInline var floorKey: UInt64 = 0
    @usableFromInline var storedCount: Int = 0
    /// A recycled array, so redistribution does not allocate.
    @usableFromInline var spare: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled: Set<UInt64> = []

    public init() {}

    /// The number of live (not cancelled) entries.
    @inlinable public var count: Int { storedCount - cancelled.count }
    @inlinable public var isEmpty: Bool { count == 0 }

    @inlinable static func key(_ time: Instant) -> UInt64 {
        UInt64(bitPattern: time.micros) ^ (1 << 63)
    }

    @inlinable static func time(_ key: UInt64) -> Instant {
        Instant(micros: Int64(bitPattern: key ^ (1 << 63)))
    }

    /// 0 when `key == floorKey`, else 1 + the index of the highest differing bit.
    @inlinable func bucketIndex(_ key: UInt64) -> Int {
        64 - (key ^ floorKey).leadingZeroBitCount
    }

    /// Adds a payload due at `time`; returns a token that can cancel it.
    @inlinable @discardableResult
    public mutating func schedule(at time: Instant, _ payload: Payload) -> ScheduledToken {
        let sequence = nextSequence
        nextSequence &+= 1
        let key = Self.key(time)
        if key < floorKey { rebuild(floorKey: key) }
        append(Entry(key: key, sequence: sequence, payload: payload))
        storedCount += 1
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
        guard fillFront() else { return nil }
        return Self.time(buckets[0][frontIndex].key)
    }

    /// Removes and returns the earliest live entry.
    @inlinable public mutating func popNext() -> (time: Instant, payload: Payload)? {
        guard fillFront() else { return nil }
        let entry = takeFront()
        return (Self.time(entry.key), entry.payload)
    }

    @inlinable mutating func append(_ entry: Entry) {
        let index = bucketIndex(entry.key)
        if index != 0 { occupiedMask |= 1 &<< UInt64(index - 1) }
        buckets[index].append(entry)
    }

    @inlinable mutating func takeFront() -> Entry {
        let entry = buckets[0][frontIndex]
        frontIndex += 1
        storedCount -= 1
        if frontIndex == buckets[0].count {
            buckets[0].removeAll(keepingCapacity: true)
            frontIndex = 0
        }
        return entry
    }

    /// Makes bucket 0 hold the earliest live entry at `frontIndex`; false
    /// when no live entry is left.
    @inlinable mutating func fillFront() -> Bool {
        while true {
            if frontIndex == buckets[0].count {
                guard occupiedMask != 0 else { return false }
                redistribute(occupiedMask.trailingZeroBitCount + 1)
            }
            if cancelled.isEmpty || cancelled.remove(buckets[0][frontIndex].sequence) == nil { return true }
            _ = takeFront()
        }
    }

    /// Moves the lowest non-empty bucket into lower ones, with `floorKey`
    /// raised to its minimum key. Reads in order, so sequence order is kept.
    @inlinable mutating func redistribute(_ index: Int) {
        swap(&spare, &buckets[index])
        occupiedMask &= ~(1 &<< UInt64(index - 1))
        var minimum = UInt64.max
        for entry in spare where entry.key < minimum { minimum = entry.key }
        floorKey = minimum
        for entry in spare { append(entry) }
        spare.removeAll(keepingCapacity: true)
    }

    /// The slow path for a schedule before the last popped time: lower the
    /// floor and re-bucket everything, in sequence order.
    @usableFromInline mutating func rebuild(floorKey newFloor: UInt64) {
        var entries = Array(buckets[0][frontIndex...])
        for index in 1..<buckets.count { entries.append(contentsOf: buckets[index]) }
        entries.sort { $0.sequence < $1.sequence }
        for index in buckets.indices { buckets[index].removeAll(keepingCapacity: true) }
        frontIndex = 0
        occupiedMask = 0
        floorKey = newFloor
        for entry in entries { append(entry) }
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
    /// entry sits in the bucket its key selects, and every bucket is in
    /// sequence order.
    public func checkInvariants() {
        var stored = buckets[0].count - frontIndex
        for (index, bucket) in buckets.enumerated() {
            if index > 0 { stored += bucket.count }
            precondition(index == 0 || bucket.isEmpty == (occupiedMask & (1 &<< UInt64(index - 1)) == 0), "mask wrong at \(index)")
            let live = index == 0 ? Array(bucket[frontIndex...]) : bucket
            for entry in live { precondition(bucketIndex(entry.key) == index, "entry in wrong bucket \(index)") }
            for (a, b) in zip(live, live.dropFirst()) { precondition(a.sequence < b.sequence, "bucket \(index) out of sequence order") }
        }
        precondition(stored == storedCount, "stored count \(storedCount) != \(stored)")
    }
}
#endif
