/// The generator's reorder buffer: events generated but not yet arrived,
/// handed out in (arrival time, id, attempt) order.
///
/// Model: a hashed timing wheel in front of a binary heap (Varghese and
/// Lauck's scheme, as kernels use for timers). Time is cut into buckets of
/// 2^5 µs; the wheel has 2^15 of them, about one second ahead of the
/// current bucket. Every waiting event sits in one slot of a slab
/// (`ReorderSlab`) and, through the slab's links, in one sorted list or in
/// the overflow:
/// - the due list holds every event whose bucket is at or before the
///   current bucket, ascending, so its head is the buffer's minimum and a
///   pop unlinks the head;
/// - events up to a wheel turn ahead wait in their wheel bucket's list, kept
///   sorted as they are inserted; an occupancy bitmap finds the next
///   non-empty bucket in a few word scans;
/// - events further ahead (Pareto tails, offline backlogs) wait in the
///   `overflow` heap of (arrival, id, attempt, slot) entries.
/// When the due list runs dry, the current bucket moves on. With an empty
/// overflow it moves to the last occupied bucket in the bitmap word of the
/// next occupied one, and the lists of that word's occupied buckets,
/// linked end to end, become the due list (see `advance`). Otherwise it
/// moves to the earliest of the next occupied wheel bucket and the
/// overflow's minimum; that bucket's list becomes the due list whole, and
/// the overflow's entries of that bucket are inserted into it.
/// Invariant: every event outside the due list lies in a later bucket than
/// the current one, so none can jump the queue.
///
/// Measured with callgrind on the reference workload (Poisson 10,000/s,
/// lognormal delay median 50 ms, sigma 0.5), 300 k events, whole run (31.6 M
/// of it start-up): the earlier design (an array run per bucket, filled
/// from the bucket and sorted) ran 427.95 M instructions; sorted lists,
/// 396.2 M; with `dueMinimumMicros`, 2^9 µs buckets and the short advance
/// path, 389.6 M, and 386.8 M once the generator calls `popIfDue` instead
/// of `minimumArrival` then `pop()`. The bucket width trades the
/// per-bucket advance against the insertion walk (measured with `popIfDue`,
/// before the short advance path): 2^7 µs 395.4 M, 2^8 µs 391.2 M, 2^9 µs
/// 388.8 M, 2^10 µs 389.3 M. But instructions are not the whole cost: an
/// insertion walk compares arrivals in random order and the due list's
/// "more in this bucket?" test follows the random occupancy, so their
/// branches are mispredicted in proportion to the events per bucket.
/// Narrow buckets (0.3 events each at 10,000/s) make a bucket almost always
/// empty or single. Callgrind with branch simulation on the same run
/// (with the record engine's hot windows): 2^9 µs 267.7 M instructions and
/// 929 k mispredicted conditional branches, 2^5 µs 275.2 M and 642 k, so
/// 25 more instructions but one misprediction fewer per event; wall clock,
/// eight alternating 3 M-event runs on a quiet machine: 2^9 µs 7.55 M
/// events/s, 2^5 µs 8.73 M events/s on average.
/// Memory is the number of events in flight plus the fixed wheel (260 kB:
/// two Int32 list ends per bucket and the occupancy bitmap),
/// never the stream's length; after warm-up nothing is allocated.
final class ArrivalReorderBuffer {
    static let bucketShift: Int64 = 5
    static let wheelSize = 1 << 15
    static let wheelMask = Int64(wheelSize - 1)
    static let noSlot = ReorderSlab.noSlot
    /// The list index of the due list, after the wheel's buckets in `ends`,
    /// so one insertion routine serves both.
    static let dueList = wheelSize
    /// `dueMinimumMicros` markers. `push` refuses an arrival equal to
    /// `needsAdvance`; an arrival equal to `emptyMarker` is told apart from
    /// an empty buffer by `count`.
    static let needsAdvance = Int64.min
    static let emptyMarker = Int64.max

    // The mutable state is `@exclusivity(unchecked)`: the buffer is owned by
    // one single-threaded generator and never lends inout access to it, and
    // the dynamic checks cost a tenth of the hot path.
    @exclusivity(unchecked) private(set) var count = 0
    /// The due list's first arrival; `needsAdvance` when the due list is
    /// empty but events wait further ahead, `emptyMarker` when the buffer is
    /// empty. Kept up to date by every operation so that "is anything due by
    /// t?" is one comparison, asked about twice per event by the generator.
    @exclusivity(unchecked) private var dueMinimumMicros = emptyMarker
    /// The current bucket: the due list holds every event at or before it.
    @exclusivity(unchecked) private var currentBucket: Int64 = 0
    @exclusivity(unchecked) private var slab = ReorderSlab(capacity: 1024)
    @exclusivity(unchecked) private var overflow = ReorderEntryHeap(capacity: 64)
    /// The first and last slot of each list (wheel buckets, then the due
    /// list), side by side: `ends[2·list]` and `ends[2·list + 1]`, so an
    /// insertion touches one cache line, not two (perf: with separate
    /// 128 kB head and tail arrays, loading a bucket's head was the
    /// generator's hottest instruction). `head(list).pointee == noSlot`
    /// means the list is empty.
    private let ends: UnsafeMutablePointer<Int32>
    private let occupied: UnsafeMutablePointer<UInt64>

    init() {
        ends = .allocate(capacity: 2 * (Self.wheelSize + 1))
        ends.initialize(repeating: Self.noSlot, count: 2 * (Self.wheelSize + 1))
        occupied = .allocate(capacity: Self.wheelSize / 64)
        occupied.initialize(repeating: 0, count: Self.wheelSize / 64)
    }

    deinit {
        ends.deallocate()
        occupied.deallocate()
        slab.deallocate()
        overflow.deallocate()
    }

    @inline(__always) private func head(_ list: Int) -> UnsafeMutablePointer<Int32> { ends + 2 &* list }
    @inline(__always) private func tail(_ list: Int) -> UnsafeMutablePointer<Int32> { ends + (2 &* list &+ 1) }

    @inline(__always) static func bucket(_ arrivalMicros: Int64) -> Int64 { arrivalMicros >> bucketShift }

    /// The earliest arrival waiting, or nil when the buffer is empty.
    @inline(__always) var minimumArrival: Int64? {
        if dueMinimumMicros == Self.needsAdvance { advance() }
        return count == 0 ? nil : dueMinimumMicros
    }

    /// Inlined into the generator: the common case (an arrival up to a
    /// wheel turn ahead) is a slab store and a list insertion; an arrival
    /// already due, the first push into an empty buffer and the overflow
    /// take the out-of-line path.
    @inline(__always) func push(_ event: Event) {
        let arrival = event.arrivalTime.micros
        let slot = slab.store(event)
        let bucket = Self.bucket(arrival)
        let ahead = bucket &- currentBucket
        if count > 0, ahead > 0, ahead < Int64(Self.wheelSize) {
            count &+= 1
            insertIntoWheel(slot, bucket: bucket)
        } else {
            pushOutsideWheel(slot, arrivalMicros: arrival)
        }
    }

    /// `push` for an empty buffer, an arrival at or before the current
    /// bucket (into the due list) or more than a wheel turn ahead (into the
    /// overflow).
    @inline(never) private func pushOutsideWheel(_ slot: Int32, arrivalMicros: Int64) {
        // Only this path can see the earliest representable arrival (a wheel
        // arrival lies after the current bucket), which would read as
        // `needsAdvance`.
        precondition(arrivalMicros != Self.needsAdvance, "arrival at the start of time")
        let bucket = Self.bucket(arrivalMicros)
        if count == 0 { currentBucket = bucket }
        count &+= 1
        let ahead = bucket &- currentBucket
        if ahead <= 0 {
            insertIntoDue(slot)
        } else if ahead < Int64(Self.wheelSize) {
            insertIntoWheel(slot, bucket: bucket)
        } else {
            let event = slab.events[Int(slot)]
            overflow.push(ReorderEntry(arrivalMicros: arrivalMicros, id: event.id, slot: slot, attempt: event.attempt))
        }
    }

    @inline(__always) private func insertIntoWheel(_ slot: Int32, bucket: Int64) {
        let index = Int(bucket & Self.wheelMask)
        if slab.insertSorted(slot, head: head(index), tail: tail(index)) {
            occupied[index >> 6] |= 1 << UInt64(index & 63)
        }
    }

    private func insertIntoDue(_ slot: Int32) {
        _ = slab.insertSorted(slot, head: head(Self.dueList), tail: tail(Self.dueList))
        dueMinimumMicros = slab.events[Int(head(Self.dueList).pointee)].arrivalTime.micros
    }

    @inline(__always) func pop() -> Event? {
        if dueMinimumMicros == Self.needsAdvance { advance() }
        return count == 0 ? nil : popDue()
    }

    /// Pops the earliest event if it arrives at or before `limitMicros`:
    /// `minimumArrival` and `pop()` in one call. The common answer, "not
    /// yet", costs one load and one comparison.
    @inline(__always) func popIfDue(atOrBefore limitMicros: Int64) -> Event? {
        if dueMinimumMicros > limitMicros { return nil }
        if dueMinimumMicros == Self.needsAdvance {
            advance()
            if dueMinimumMicros > limitMicros { return nil }
        }
        return count == 0 ? nil : popDue()
    }

    /// Unlinks the due list's head; the due list is not empty.
    @inline(__always) private func popDue() -> Event {
        let first = head(Self.dueList).pointee
        let next = slab.links[Int(first)]
        head(Self.dueList).pointee = next
        count &-= 1
        slab.release(first)
        dueMinimumMicros = next != Self.noSlot ? slab.events[Int(next)].arrivalTime.micros
            : count == 0 ? Self.emptyMarker : Self.needsAdvance
        return slab.events[Int(first)]
    }

    /// Moves the current bucket forward and makes the events it passes the
    /// due list. Called only when the due list is empty and `count > 0`
    /// (`dueMinimumMicros == needsAdvance`). The common case, with an empty
    /// overflow, takes every occupied bucket of the next occupied bucket's
    /// bitmap word (up to 64 buckets, 2 ms) at once: buckets cover disjoint,
    /// ascending time ranges, so linking their sorted lists end to end gives
    /// one sorted due list, and the current bucket becomes the last bucket
    /// taken. A push into a bucket passed this way joins the due list by
    /// `insertSorted`, so the invariant holds.
    ///
    /// Why a word, not a bucket: at 10,000 events/s a 32 µs bucket holds 0.3
    /// events on average, so taking one bucket at a time called this
    /// function for 86 % of the events (callgrind, reference workload,
    /// ~40 instructions each), and the due list's "is there a next event?"
    /// test followed the random occupancy. Taking a word costs a few
    /// instructions per bucket and one call per ~20 events.
    /// The rest is out of line, so this path saves few registers.
    @inline(never) private func advance() {
        let start = Int((currentBucket &+ 1) & Self.wheelMask)
        let wordIndex = start >> 6
        var word = occupied[wordIndex] & (~0 << UInt64(start & 63))
        guard word != 0, overflow.isEmpty else { return advanceFar() }
        occupied[wordIndex] &= ~word
        let base = wordIndex << 6
        var index = base &+ word.trailingZeroBitCount
        let first = head(index).pointee
        var last = tail(index).pointee
        head(index).pointee = Self.noSlot
        word &= word &- 1
        // Bounded: each pass clears one of the word's 64 bits.
        while word != 0 {
            index = base &+ word.trailingZeroBitCount
            slab.links[Int(last)] = head(index).pointee
            last = tail(index).pointee
            head(index).pointee = Self.noSlot
            word &= word &- 1
        }
        currentBucket = currentBucket &+ 1 &+ Int64(index &- start)
        head(Self.dueList).pointee = first
        tail(Self.dueList).pointee = last
        dueMinimumMicros = slab.events[Int(first)].arrivalTime.micros
    }

    /// `advance` when the next occupied bucket lies beyond the first bitmap
    /// word or the overflow holds events.
    @inline(never) private func advanceFar() {
        let wheelNext = nextOccupiedBucket()
        let overflowNext = overflow.minimum.map { Self.bucket($0.arrivalMicros) } ?? .max
        let target = Swift.min(wheelNext, overflowNext)
        precondition(target != .max, "events counted but none found")
        currentBucket = target
        if wheelNext == target { takeWheelBucket(Int(target & Self.wheelMask)) }
        // Bounded: each pass removes one overflow entry.
        while let top = overflow.minimum, Self.bucket(top.arrivalMicros) <= currentBucket {
            insertIntoDue(overflow.popMinimum().slot)
        }
    }

    /// Makes wheel bucket `index` (the current bucket) the due list, which
    /// is empty.
    @inline(__always) private func takeWheelBucket(_ index: Int) {
        let first = head(index).pointee
        head(Self.dueList).pointee = first
        tail(Self.dueList).pointee = tail(index).pointee
        head(index).pointee = Self.noSlot
        occupied[index >> 6] &= ~(1 << UInt64(index & 63))
        dueMinimumMicros = slab.events[Int(first)].arrivalTime.micros
    }

    /// The first occupied wheel bucket after the current one, or `.max`:
    /// at most `wheelSize / 64 + 1` word scans.
    private func nextOccupiedBucket() -> Int64 {
        let words = Self.wheelSize / 64
        let start = Int((currentBucket &+ 1) & Self.wheelMask)
        let startWord = start >> 6
        var wordIndex = startWord
        var word = occupied[wordIndex] & (~0 << UInt64(start & 63))
        for step in 0...words {
            if word != 0 {
                let position = wordIndex << 6 + word.trailingZeroBitCount
                return currentBucket &+ 1 &+ Int64((position - start) & (Self.wheelSize - 1))
            }
            guard step < words else { break }
            wordIndex = (wordIndex + 1) & (words - 1)
            word = occupied[wordIndex]
            if wordIndex == startWord { word &= ~(~0 << UInt64(start & 63)) }
        }
        return .max
    }

    /// Checks the structure's invariants (swift-collections style); tests
    /// call it after every operation of a random schedule.
    func checkInvariants() -> Bool {
        guard overflow.isHeapOrdered() else { return false }
        for index in 0..<overflow.count where Self.bucket(overflow.base[index].arrivalMicros) <= currentBucket { return false }
        guard let dueCount = listLength(Self.dueList, buckets: Int64.min...currentBucket) else { return false }
        var wheelCount = 0
        for index in 0..<Self.wheelSize {
            let bit = occupied[index >> 6] >> UInt64(index & 63) & 1
            guard (bit == 1) == (head(index).pointee != Self.noSlot) else { return false }
            let ahead = Int64((index - Int((currentBucket &+ 1) & Self.wheelMask)) & (Self.wheelSize - 1))
            guard let length = listLength(index, buckets: currentBucket + 1 + ahead...currentBucket + 1 + ahead) else { return false }
            wheelCount += length
        }
        guard dueCount + wheelCount + overflow.count == count, let free = slab.freeCount() else { return false }
        let first = head(Self.dueList).pointee
        let expectedMinimum = first != Self.noSlot ? slab.events[Int(first)].arrivalTime.micros
            : count == 0 ? Self.emptyMarker : Self.needsAdvance
        guard dueMinimumMicros == expectedMinimum else { return false }
        return free + count == slab.used
    }

    /// The length of list `list` if it is sorted, ends at its tail, and
    /// holds only events of `buckets`; nil otherwise. Bounded by `count`.
    private func listLength(_ list: Int, buckets: ClosedRange<Int64>) -> Int? {
        var length = 0
        var previous = Self.noSlot
        var slot = head(list).pointee
        while slot != Self.noSlot {
            guard slot >= 0, Int(slot) < slab.used, length < count,
                  buckets.contains(Self.bucket(slab.events[Int(slot)].arrivalTime.micros)),
                  previous == Self.noSlot || !slab.precedes(slot, previous) else { return nil }
            length += 1
            previous = slot
            slot = slab.links[Int(slot)]
        }
        return previous == Self.noSlot || previous == tail(list).pointee ? length : nil
    }
}
