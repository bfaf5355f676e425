import CPrefetch
import SimKernel

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
/// bucket), unsorted: a linked list of blocks of `blockSize` entries in one
/// slab, so a push touches no per-bucket storage (with an array per bucket,
/// the uniqueness check on each bucket's header missed the cache: 13 % at
/// 10^5 keys). Blocks, not one node per entry: taking a bucket in walked
/// its list one dependent miss per entry (85 % of `advance`, a sixth of a
/// session's cost at 10^5 keys), and a block holds a bucket's usual few
/// entries in four adjacent lines. The cursor's bucket alone is an array,
/// sorted when the cursor reaches it.
/// Deadlines beyond the wheel wait in a `BinaryMinHeap` and move into the
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

    /// Entries per block: 8 × 32 bytes, four cache lines.
    static var blockSize: Int { 8 }

    /// The cursor's bucket (and anything earlier), least entry last.
    private var current: [Entry] = []
    /// The later buckets: `heads[slot]` is the block of a bucket's list
    /// filled last (the only one with room), or -1. Block `b` holds
    /// `blockFill[b]` entries at `blockEntries[b * blockSize...]`, and
    /// `blockNext[b]` is the bucket's next block, or -1.
    private var blockEntries: [Entry] = []
    private var blockFill: [Int32] = []
    private var blockNext: [Int32] = []
    private var freeBlocks: [Int32] = []
    private var heads: [Int32] = Array(repeating: -1, count: SessionTimerQueue.bucketCount)
    private var occupied: [UInt64] = Array(repeating: 0, count: SessionTimerQueue.bucketCount / 64)
    private var linkedCount = 0
    /// The bucket number (time >> bucketShift) of the cursor.
    private var cursor: Int64 = 0
    private var overflow = BinaryMinHeap<Entry>()

    var count: Int { current.count + linkedCount + overflow.count }

    /// The least entry, or nil.
    var min: Entry? { current.last }

    /// The entry after the least when both are in the cursor's bucket, else
    /// nil (even if the queue holds more): for look-ahead hints only.
    var secondMin: Entry? { current.count >= 2 ? current[current.count - 2] : nil }

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
        var block = heads[position]
        // Bounded by the bucket's list of blocks, which ends at -1.
        while block >= 0 {
            let index = Int(block)
            let next = blockNext[index]
            if next >= 0 { prefetchBlock(next) }
            let first = index * Self.blockSize
            let fill = Int(blockFill[index])
            for entry in first..<(first + fill) { current.append(blockEntries[entry]) }
            linkedCount -= fill
            freeBlocks.append(block)
            block = next
        }
        heads[position] = -1
        occupied[position >> 6] &= ~(1 << UInt64(position & 63))
        // Least entry last, so a pop takes it from the end.
        current.sort { $1.precedes($0) }
    }

    /// Adds `entry` to the list of `bucket` (unsorted; sorted when the cursor
    /// reaches it): into the bucket's last block if it has room, else into a
    /// new block put at the head of the list.
    @inline(__always)
    private mutating func link(_ entry: Entry, bucket: Int64) {
        let position = slot(bucket)
        let head = heads[position]
        if head >= 0 && Int(blockFill[Int(head)]) < Self.blockSize {
            blockEntries[Int(head) * Self.blockSize + Int(blockFill[Int(head)])] = entry
            blockFill[Int(head)] += 1
        } else {
            let block: Int32
            if !freeBlocks.isEmpty {
                block = freeBlocks.removeLast()
                blockEntries[Int(block) * Self.blockSize] = entry
                blockFill[Int(block)] = 1
                blockNext[Int(block)] = head
            } else {
                block = Int32(blockFill.count)
                blockEntries.append(contentsOf: repeatElement(entry, count: Self.blockSize))
                blockFill.append(1)
                blockNext.append(head)
            }
            heads[position] = block
        }
        occupied[position >> 6] |= 1 << UInt64(position & 63)
        linkedCount += 1
    }

    /// Starts loading the first two lines of `block`'s entries.
    @inline(__always)
    private func prefetchBlock(_ block: Int32) {
        blockEntries.withUnsafeBufferPointer { entries in
            let first = UnsafeRawPointer(entries.baseAddress! + Int(block) * Self.blockSize)
            streamlab_prefetch_read_span(first, 128)
        }
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
            var block = heads[position]
            var isHead = true
            while block >= 0 {
                let index = Int(block)
                let fill = Int(blockFill[index])
                // Only the head block may have room; no block is empty.
                guard fill >= 1 && fill <= Self.blockSize && (isHead || fill == Self.blockSize) else { return false }
                for entry in blockEntries[(index * Self.blockSize)..<(index * Self.blockSize + fill)] {
                    let bucket = Self.bucketNumber(entry.time)
                    guard bucket > cursor, isOnWheel(bucket), slot(bucket) == position else { return false }
                }
                linked += fill
                isHead = false
                block = blockNext[index]
            }
        }
        guard linked == linkedCount else { return false }
        if let least = overflow.min, isOnWheel(Self.bucketNumber(least.time)) { return false }
        return true
    }
}
