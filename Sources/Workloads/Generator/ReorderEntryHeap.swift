/// One event waiting in the reorder buffer's overflow: its delivery order
/// (arrival, id, attempt) kept beside the slab slot that holds the event, so
/// heap moves do not touch the slab.
struct ReorderEntry {
    var arrivalMicros: Int64
    var id: UInt64
    var slot: Int32
    var attempt: UInt8

    @inline(__always) func precedes(_ other: ReorderEntry) -> Bool {
        (arrivalMicros, id, attempt) < (other.arrivalMicros, other.id, other.attempt)
    }
}

/// A binary min-heap of `ReorderEntry` on `ReorderEntryStorage`: the
/// reorder buffer's overflow, for entries more than a wheel turn ahead.
/// Its owner, `ArrivalReorderBuffer`, calls `deallocate()` exactly once.
struct ReorderEntryHeap {
    private var storage: ReorderEntryStorage
    private(set) var count = 0

    init(capacity: Int) { storage = ReorderEntryStorage(capacity: capacity) }

    func deallocate() { storage.deallocate() }

    var base: UnsafeMutablePointer<ReorderEntry> { storage.base }
    var isEmpty: Bool { count == 0 }
    var minimum: ReorderEntry? { count == 0 ? nil : base[0] }

    mutating func push(_ entry: ReorderEntry) {
        if count == storage.capacity { storage.doubleCapacity(moving: 0..<count) }
        count += 1
        siftUp(entry, from: count - 1)
    }

    /// Moves the hole at `hole` up past every parent `entry` precedes, then fills it.
    @inline(__always) private func siftUp(_ entry: ReorderEntry, from hole: Int) {
        let base = storage.base
        var hole = hole
        while hole > 0 {
            let parent = (hole - 1) >> 1
            guard entry.precedes(base[parent]) else { break }
            base[hole] = base[parent]
            hole = parent
        }
        base[hole] = entry
    }

    /// Floyd's bottom-up deletion: walk the hole at the root down to a leaf
    /// along the smaller children (one comparison per level instead of two),
    /// then sift the former last entry up from there; it usually belongs
    /// near the bottom, so the climb is short.
    mutating func popMinimum() -> ReorderEntry {
        precondition(count > 0, "pop from an empty heap")
        let base = storage.base
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
        siftUp(last, from: hole)
        return top
    }

    /// True when every parent precedes or equals its children.
    func isHeapOrdered() -> Bool {
        (1..<Swift.max(count, 1)).allSatisfy { !base[$0].precedes(base[($0 - 1) >> 1]) }
    }
}
