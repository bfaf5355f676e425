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
    /// Buckets 0…64 (0 for "equal to `floorKey`", 1…64 by highest differing
    /// bit) and a spare, in one copy-on-write buffer.
    @usableFromInline var storage: Storage
    /// Bit `i - 1` set when bucket `i` (1…64) is non-empty.
    @usableFromInline var occupiedMask: UInt64 = 0
    /// A lower bound of every stored key: the key of the last minimum.
    @usableFromInline var floorKey: UInt64 = 0
    @usableFromInline var storedCount: Int = 0
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled: Set<UInt64> = []

    public init() { storage = Storage() }

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

    /// The buffer, copied first if another queue value shares it.
    @inlinable mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Adds a payload due at `time`; returns a token that can cancel it.
    @inlinable @discardableResult
    public mutating func schedule(at time: Instant, _ payload: Payload) -> ScheduledToken {
        let sequence = nextSequence
        nextSequence &+= 1
        let key = Self.key(time)
        let buckets = uniqueStorage().buckets
        if key < floorKey { rebuild(floorKey: key) }
        append(Entry(key: key, sequence: sequence, payload: payload), to: buckets)
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
        let buckets = uniqueStorage().buckets
        guard fillFront(buckets) else { return nil }
        return Self.time(buckets[0].base.unsafelyUnwrapped[buckets[0].start].key)
    }

    /// Removes and returns the earliest live entry.
    @inlinable public mutating func popNext() -> (time: Instant, payload: Payload)? {
        let buckets = uniqueStorage().buckets
        guard fillFront(buckets) else { return nil }
        let entry = takeFront(buckets)
        return (Self.time(entry.key), entry.payload)
    }

    @inlinable mutating func append(_ entry: Entry, to buckets: UnsafeMutablePointer<Bucket>) {
        let index = bucketIndex(entry.key)
        if index != 0 { occupiedMask |= 1 &<< UInt64(index &- 1) }
        buckets[index].append(entry)
    }

    @inlinable mutating func takeFront(_ buckets: UnsafeMutablePointer<Bucket>) -> Entry {
        let entry = (buckets[0].base.unsafelyUnwrapped + buckets[0].start).move()
        buckets[0].start &+= 1
        storedCount &-= 1
        if buckets[0].start == buckets[0].count {
            buckets[0].count = 0
            buckets[0].start = 0
        }
        return entry
    }

    /// Makes bucket 0 hold the earliest live entry at its `start`; false
    /// when no live entry is left.
    @inlinable mutating func fillFront(_ buckets: UnsafeMutablePointer<Bucket>) -> Bool {
        while true {
            if buckets[0].start == buckets[0].count {
                guard occupiedMask != 0 else { return false }
                redistribute(occupiedMask.trailingZeroBitCount &+ 1, buckets)
            }
            if cancelled.isEmpty { return true }
            let sequence = buckets[0].base.unsafelyUnwrapped[buckets[0].start].sequence
            if cancelled.remove(sequence) == nil { return true }
            _ = takeFront(buckets)
        }
    }

    /// Moves the lowest non-empty bucket into lower ones, with `floorKey`
    /// raised to its minimum key. Reads in order, so sequence order is kept.
    @inlinable mutating func redistribute(_ index: Int, _ buckets: UnsafeMutablePointer<Bucket>) {
        swap(&buckets[Storage.spareIndex], &buckets[index])
        occupiedMask &= ~(1 &<< UInt64(index &- 1))
        let moving = buckets[Storage.spareIndex]
        let base = moving.base.unsafelyUnwrapped
        var minimum = UInt64.max
        for offset in 0..<moving.count where base[offset].key < minimum { minimum = base[offset].key }
        floorKey = minimum
        for offset in 0..<moving.count { append((base + offset).move(), to: buckets) }
        buckets[Storage.spareIndex].count = 0
    }

    /// The slow path for a schedule before the last popped time: lower the
    /// floor and re-bucket everything, in sequence order.
    @usableFromInline mutating func rebuild(floorKey newFloor: UInt64) {
        let buckets = storage.buckets
        var entries: [Entry] = []
        entries.reserveCapacity(storedCount)
        for index in 0...64 {
            for offset in buckets[index].start..<buckets[index].count { entries.append((buckets[index].base! + offset).move()) }
            buckets[index].count = 0
            buckets[index].start = 0
        }
        entries.sort { $0.sequence < $1.sequence }
        occupiedMask = 0
        floorKey = newFloor
        for entry in entries { append(entry, to: buckets) }
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
        let buckets = storage.buckets
        var stored = 0
        for index in 0...64 {
            let bucket = buckets[index]
            let start = bucket.start
            stored += bucket.count - start
            precondition(index == 0 || (bucket.count == 0) == (occupiedMask & (1 &<< UInt64(index - 1)) == 0), "mask wrong at \(index)")
            var previous: UInt64? = nil
            for offset in start..<bucket.count {
                let entry = bucket.base![offset]
                precondition(bucketIndex(entry.key) == index, "entry in wrong bucket \(index)")
                precondition(previous.map { $0 < entry.sequence } ?? true, "bucket \(index) out of sequence order")
                previous = entry.sequence
            }
        }
        precondition(stored == storedCount, "stored count \(storedCount) != \(stored)")
    }
}
#endif
