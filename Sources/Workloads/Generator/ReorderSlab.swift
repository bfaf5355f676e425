/// The reorder buffer's slab: every waiting event by slot, and one link per
/// slot that threads either a sorted list (a wheel bucket, the due list) or
/// the free list.
///
/// Why lists kept sorted on insertion, rather than an array sorted when a
/// bucket becomes current: a bucket that becomes current is taken whole,
/// with no copy into a run and no sort, and most insertions stop at once.
/// Callgrind, 300 k reference events in 512 µs buckets: 58 k pushes found
/// their bucket empty, 72 k sorted after the tail and were appended, 170 k
/// preceded the tail (71 k of them into a one-entry list, placed without a
/// walk). The run-and-sort design spent about 60 instructions per event
/// building, sorting and reading 24-byte entries; these lists spend none.
/// The tail also keeps the common patterns linear: when arrivals follow
/// generation order (no transport delay, equal arrivals, retries) every
/// insertion is an append. Only out-of-order arrivals walk, and only within
/// their own bucket. The price: k events arriving in random order into one
/// bucket cost O(k^2) comparisons in all, where sorting an array costs
/// O(k log k); at the scenarios' rates (at most 10,000/s, about 0.3 events
/// per 32 µs bucket) that never shows.
///
/// Storage is manually managed: events are trivial values, so a slot is
/// reused without deinitialisation, and after warm-up nothing is
/// allocated. The owner calls `deallocate()` exactly once.
struct ReorderSlab {
    static let noSlot: Int32 = -1

    private(set) var events: UnsafeMutablePointer<Event>
    private(set) var links: UnsafeMutablePointer<Int32>
    private(set) var capacity: Int
    /// Slots ever handed out: `0..<used`; the free ones are on the free list.
    private(set) var used = 0
    private(set) var freeHead = noSlot

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        events = .allocate(capacity: capacity)
        links = .allocate(capacity: capacity)
    }

    func deallocate() {
        events.deallocate()
        links.deallocate()
    }

    /// Copies `event` into a free slot (the most recently freed one, still
    /// in cache) and returns the slot.
    @inline(__always) mutating func store(_ event: Event) -> Int32 {
        var slot = freeHead
        if slot != Self.noSlot {
            freeHead = links[Int(slot)]
        } else {
            slot = appendSlot()
        }
        (events + Int(slot)).initialize(to: event)
        return slot
    }

    /// Returns `slot`, already unlinked from its list, to the free list.
    @inline(__always) mutating func release(_ slot: Int32) {
        links[Int(slot)] = freeHead
        freeHead = slot
    }

    /// True when the event in `slot` comes before the one in `other` in
    /// delivery order: (arrival time, id, attempt). Ids and attempts are
    /// read only on equal arrivals, which are rare.
    @inline(__always) func precedes(_ slot: Int32, _ other: Int32) -> Bool {
        Self.precedes(slot, other, in: events)
    }

    @inline(__always) static func precedes(_ slot: Int32, _ other: Int32, in events: UnsafeMutablePointer<Event>) -> Bool {
        let event = events + Int(slot)
        let otherEvent = events + Int(other)
        let arrival = event.pointee.arrivalTime.micros
        let otherArrival = otherEvent.pointee.arrivalTime.micros
        if arrival != otherArrival { return arrival < otherArrival }
        return (event.pointee.id, event.pointee.attempt) < (otherEvent.pointee.id, otherEvent.pointee.attempt)
    }

    /// Links `slot` into the ascending list whose ends are `head` and
    /// `tail`, after every entry that precedes or equals it. Returns true
    /// when the list was empty. A list's `tail` is meaningful only while its
    /// `head` is not `noSlot`.
    @inline(__always) func insertSorted(
        _ slot: Int32, head: UnsafeMutablePointer<Int32>, tail: UnsafeMutablePointer<Int32>
    ) -> Bool {
        let first = head.pointee
        if first == Self.noSlot {
            links[Int(slot)] = Self.noSlot
            head.pointee = slot
            tail.pointee = slot
            return true
        }
        let last = tail.pointee
        if !precedes(slot, last) {
            links[Int(slot)] = Self.noSlot
            links[Int(last)] = slot
            tail.pointee = slot
            return false
        }
        if first == last {
            links[Int(slot)] = first
            head.pointee = slot
        } else {
            Self.insertBeforeTail(slot, head: head, first: first, events: events, links: links)
        }
        return false
    }

    /// The walk of `insertSorted` for a slot that precedes the list's tail.
    /// Bounded: the walk stops at the tail at the latest, and a list is
    /// acyclic (each slot is linked once). Static, over the two pointers, so
    /// the call does not spill the slab to the stack.
    private static func insertBeforeTail(
        _ slot: Int32, head: UnsafeMutablePointer<Int32>, first: Int32,
        events: UnsafeMutablePointer<Event>, links: UnsafeMutablePointer<Int32>
    ) {
        if precedes(slot, first, in: events) {
            links[Int(slot)] = first
            head.pointee = slot
            return
        }
        var previous = first
        var cursor = links[Int(first)]
        while !precedes(slot, cursor, in: events) {
            previous = cursor
            cursor = links[Int(cursor)]
        }
        links[Int(slot)] = cursor
        links[Int(previous)] = slot
    }

    /// A slot never used before; doubles the slab when it is full.
    private mutating func appendSlot() -> Int32 {
        if used == capacity { grow() }
        precondition(used < Int(Int32.max), "more than 2^31 events in flight")
        used += 1
        return Int32(used - 1)
    }

    private mutating func grow() {
        let bigger = capacity * 2
        let biggerEvents = UnsafeMutablePointer<Event>.allocate(capacity: bigger)
        biggerEvents.moveInitialize(from: events, count: used)
        events.deallocate()
        events = biggerEvents
        let biggerLinks = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
        biggerLinks.moveInitialize(from: links, count: used)
        links.deallocate()
        links = biggerLinks
        capacity = bigger
    }

    /// The number of slots on the free list, or nil when it is longer than
    /// `used` (a cycle).
    func freeCount() -> Int? {
        var length = 0
        var slot = freeHead
        while slot != Self.noSlot {
            guard slot >= 0, Int(slot) < used, length < used else { return nil }
            length += 1
            slot = links[Int(slot)]
        }
        return length
    }
}
