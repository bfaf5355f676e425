/// The queued session deadlines, popped in (time, key, start, kind) order:
/// a timing wheel in front of a heap.
///
/// A session's deadline is about one gap after its latest record, and the
/// watermark pops deadlines a little behind the latest records, so nearly
/// every deadline is pushed a few seconds ahead of the earliest one and
/// popped in time order. A binary heap paid for that with a sift through
/// about 16 levels per pop, the lower ones out of the cache: at 10^5 keys
/// `removeMin` was a quarter of a session's cost (perf, Benchmarks/RESULTS.md).
///
/// Here a deadline goes to the bucket of its time (2^`bucketShift` µs wide;
/// the wheel spans `bucketCount` buckets, about 8.4 s, from the cursor's
/// bucket), unsorted: a linked list through one slab of nodes, so a push
/// touches no per-bucket storage (with an array per bucket, the uniqueness
/// check on each bucket's header missed the cache: 13 % at 10^5 keys). The
/// cursor's bucket alone is an array, sorted when the cursor reaches it.
/// Deadlines beyond the wheel wait in `SessionTimerHeap` and move into the
/// wheel as the cursor approaches them. A bitmap of occupied buckets finds
/// the next one a word at a time, as the generator's reorder buffer does.
///
/// Invariants (`checkInvariants`): `current` holds the cursor bucket's
/// entries and any earlier ones, sorted with the least last; every linked
/// entry's bucket number lies in (cursor, cursor + bucketCount); every
/// overflow entry's is at least cursor + bucketCount; an empty `current`
/// means an empty queue. So the least entry is `current.last`.
struct SessionTimerQueue {
    typealias Entry = SessionTimerEntry

    /// 2^10 µs buckets: about 10 deadlines each at 10^4 records/s.
    static var bucketShift: Int64 { 10 }
    static var bucketCount: Int { 1 << 13 }

    private struct Node {
        var entry: Entry
        /// The next node of the same bucket, or -1.
        var next: Int32
    }

    /// The cursor's bucket (and anything earlier), least entry last.
    private var current: [Entry] = []
    /// The later buckets: `heads[slot]` is the first node of a bucket's list, or -1.
    private var nodes: [Node] = []
    private var freeNodes: [Int32] = []
    private var heads: [Int32] = Array(repeating: -1, count: SessionTimerQueue.bucketCount)
    private var occupied: [UInt64] = Array(repeating: 0, count: SessionTimerQueue.bucketCount / 64)
    private var linkedCount = 0
    /// The bucket number (time >> bucketShift) of the cursor.
    private var cursor: Int64 = 0
    private var overflow = SessionTimerHeap()

    var count: Int { current.count + linkedCount + overflow.count }

    /// The least entry, or nil.
    var min: Entry? { current.last }

    private static func bucketNumber(_ time: Int64) -> Int64 { time >> bucketShift }

    @inline(__always)
    private func slot(_ bucket: Int64) -> Int { Int(truncatingIfNeeded: bucket) & (Self.bucketCount - 1) }

    /// Whether `bucket` lies within the wheel's span from the cursor.
    @inline(__always)
    private func isOnWheel(_ bucket: Int64) -> Bool { bucket - cursor < Int64(Self.bucketCount) }

    mutating func insert(_ entry: Entry) {
        let bucket = Self.bucketNumber(entry.time)
        if current.isEmpty {
            // An empty queue starts at this entry.
            cursor = bucket
            current.append(entry)
        } else if bucket <= cursor {
            insertSorted(entry)
        } else if isOnWheel(bucket) {
            link(entry, bucket: bucket)
        } else {
            overflow.insert(entry)
        }
    }

    @discardableResult
    mutating func removeMin() -> Entry {
        precondition(!current.isEmpty, "no queued session timer")
        let least = current.removeLast()
        if current.isEmpty { advance() }
        return least
    }

    /// The cursor's bucket ran empty: moves the cursor to the next occupied
    /// bucket (or, with nothing linked, to the overflow's least entry), takes
    /// in the overflow entries the wheel now reaches, and sorts the new
    /// cursor bucket into `current`.
    private mutating func advance() {
        if linkedCount > 0 {
            cursor += Int64(distanceToNextOccupied(after: slot(cursor)))
        } else if let next = overflow.min {
            cursor = Self.bucketNumber(next.time)
        } else {
            return
        }
        // Bounded by the overflow's size; each pass moves one entry onto the wheel.
        while let next = overflow.min, isOnWheel(Self.bucketNumber(next.time)) {
            let entry = overflow.removeMin()
            let bucket = Self.bucketNumber(entry.time)
            if bucket == cursor { current.append(entry) } else { link(entry, bucket: bucket) }
        }
        let position = slot(cursor)
        var node = heads[position]
        // Bounded by the bucket's list, which ends at -1.
        while node >= 0 {
            current.append(nodes[Int(node)].entry)
            freeNodes.append(node)
            linkedCount -= 1
            node = nodes[Int(node)].next
        }
        heads[position] = -1
        occupied[position >> 6] &= ~(1 << UInt64(position & 63))
        // Least entry last, so a pop takes it from the end.
        current.sort { $1.precedes($0) }
    }

    /// Adds `entry` to the list of `bucket` (unsorted; sorted when the cursor reaches it).
    @inline(__always)
    private mutating func link(_ entry: Entry, bucket: Int64) {
        let position = slot(bucket)
        let node = Node(entry: entry, next: heads[position])
        if let free = freeNodes.popLast() {
            nodes[Int(free)] = node
            heads[position] = free
        } else {
            heads[position] = Int32(nodes.count)
            nodes.append(node)
        }
        occupied[position >> 6] |= 1 << UInt64(position & 63)
        linkedCount += 1
    }

    /// Puts `entry` into `current` at its sorted place (least last).
    private mutating func insertSorted(_ entry: Entry) {
        var low = 0
        var high = current.count
        // Bounded: binary search over the cursor's bucket.
        while low < high {
            let middle = (low + high) / 2
            if current[middle].precedes(entry) { high = middle } else { low = middle + 1 }
        }
        current.insert(entry, at: low)
    }

    /// How many buckets after `position` (circularly) the next occupied one
    /// is; there is one, since something is linked.
    private func distanceToNextOccupied(after position: Int) -> Int {
        let words = occupied.count
        var word = position >> 6
        // The bits above `position` in its own word, then whole words, wrapping round.
        var bits = occupied[word] & (~0 << UInt64((position & 63) + 1))
        // Bounded: one pass over the words and back to the starting one.
        for _ in 0...words {
            if bits != 0 {
                let found = (word << 6) + bits.trailingZeroBitCount
                return (found - position + Self.bucketCount) & (Self.bucketCount - 1)
            }
            word = (word + 1) % words
            bits = occupied[word]
        }
        preconditionFailure("a wheel with linked entries has an occupied bucket")
    }

    /// Checks the invariants in the type's comment (tests only: it walks every bucket).
    func checkInvariants() -> Bool {
        if current.isEmpty { return linkedCount == 0 && overflow.count == 0 }
        guard zip(current, current.dropFirst()).allSatisfy({ !$0.0.precedes($0.1) }),
              current.allSatisfy({ Self.bucketNumber($0.time) <= cursor }) else { return false }
        var linked = 0
        for position in 0..<Self.bucketCount {
            let bit = occupied[position >> 6] >> UInt64(position & 63) & 1
            if (bit == 1) != (heads[position] >= 0) { return false }
            var node = heads[position]
            while node >= 0 {
                let bucket = Self.bucketNumber(nodes[Int(node)].entry.time)
                guard bucket > cursor, isOnWheel(bucket), slot(bucket) == position else { return false }
                linked += 1
                node = nodes[Int(node)].next
            }
        }
        guard linked == linkedCount else { return false }
        if let least = overflow.min, isOnWheel(Self.bucketNumber(least.time)) { return false }
        return true
    }
}
