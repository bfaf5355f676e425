/// One waiting event's place in the reorder buffer: its arrival, its
/// tie-break (`id << 8 | attempt`) and the slab slot holding the event.
struct ReorderEntry {
    var arrivalMicros: Int64
    var order: UInt64
    var slot: Int32

    @inline(__always) func precedes(_ other: ReorderEntry) -> Bool {
        arrivalMicros != other.arrivalMicros ? arrivalMicros < other.arrivalMicros : order < other.order
    }
}

/// A binary min-heap of `ReorderEntry` on manually managed storage.
///
/// It is a plain struct of a pointer and two counts, so pushes and pops pay
/// no reference counting and no copy-on-write uniqueness check (together
/// about a tenth of the generator's hot path when this was an `Array`).
/// Its owner, `ArrivalReorderBuffer`, calls `deallocate()` exactly once.
struct ReorderEntryHeap {
    private(set) var base: UnsafeMutablePointer<ReorderEntry>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    func deallocate() { base.deallocate() }

    var isEmpty: Bool { count == 0 }
    var minimum: ReorderEntry? { count == 0 ? nil : base[0] }

    mutating func push(_ entry: ReorderEntry) {
        if count == capacity { grow() }
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) >> 1
            guard entry.precedes(base[parent]) else { break }
            base[child] = base[parent]
            child = parent
        }
        base[child] = entry
    }

    /// Floyd's bottom-up deletion: walk the hole at the root down to a leaf
    /// along the smaller children (one comparison per level instead of two),
    /// then sift the former last entry up from there; it usually belongs
    /// near the bottom, so the climb is short.
    mutating func popMinimum() -> ReorderEntry {
        precondition(count > 0, "pop from an empty heap")
        let top = base[0]
        count -= 1
        if count == 0 { return top }
        let last = base[count]
        var hole = 0
        while true {
            var child = 2 * hole + 1
            if child >= count { break }
            if child + 1 < count, base[child + 1].precedes(base[child]) { child += 1 }
            base[hole] = base[child]
            hole = child
        }
        while hole > 0 {
            let parent = (hole - 1) >> 1
            guard last.precedes(base[parent]) else { break }
            base[hole] = base[parent]
            hole = parent
        }
        base[hole] = last
        return top
    }

    /// True when every parent precedes or equals its children.
    func isHeapOrdered() -> Bool {
        (1..<Swift.max(count, 1)).allSatisfy { !base[$0].precedes(base[($0 - 1) >> 1]) }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<ReorderEntry>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
