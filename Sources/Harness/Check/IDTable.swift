/// Per-event bookkeeping keyed by event id, for the ids live in a run: the
/// records between the oldest offset a restore can seek back to and the
/// newest record read.
///
/// Generated ids are dense and roughly follow arrival, so the live ids lie
/// in a short span: a ring indexed by `id - base` holds them with no hashing
/// (one array access per lookup). An id outside the span the ring allows
/// (a backlog from a device that was offline for long, or a hand-made test
/// id) goes to a dictionary instead, so memory is always the live entries,
/// never the id range.
struct IDTable<Entry> {
    /// The ring's largest size; beyond it, ids go to `overflow`.
    static var maxRingCapacity: Int { 1 << 20 }

    private var ring: [Entry?]
    /// The id in ring slot `base & mask` (the ring covers `base..<base + ring.count`).
    private var base: UInt64 = 0
    private var started = false
    private var overflow: [UInt64: Entry] = [:]
    private(set) var count = 0
    /// The entries in the ring (the rest are in `overflow`).
    private var ringCount = 0

    init() { ring = Array(repeating: nil, count: 1 << 10) }

    private var mask: Int { ring.count - 1 }

    private func inRing(_ id: UInt64) -> Bool {
        started && id >= base && id - base < UInt64(ring.count)
    }

    // An id may sit in `overflow` while its slot is in the ring's span (the
    // ring restarted lower after emptying), so an empty slot falls back to it.

    subscript(id: UInt64) -> Entry? {
        if inRing(id), let entry = ring[Int(truncatingIfNeeded: id) & mask] { return entry }
        return overflow.isEmpty ? nil : overflow[id]
    }

    /// Stores an entry for an id that has none.
    mutating func insert(_ entry: Entry, for id: UInt64) {
        if !started {
            started = true
            base = id
        }
        if !inRing(id), id >= base, id - base < UInt64(Self.maxRingCapacity) { grow(toHold: id) }
        if inRing(id) {
            let slot = Int(truncatingIfNeeded: id) & mask
            precondition(ring[slot] == nil && (overflow.isEmpty || overflow[id] == nil), "id \(id) inserted twice")
            ring[slot] = entry
            ringCount += 1
        } else {
            precondition(overflow[id] == nil, "id \(id) inserted twice")
            overflow[id] = entry
        }
        count += 1
    }

    /// Changes the entry of `id` in place; false when there is none.
    @discardableResult
    mutating func update(_ id: UInt64, _ change: (inout Entry) -> Void) -> Bool {
        if inRing(id), ring[Int(truncatingIfNeeded: id) & mask] != nil {
            change(&ring[Int(truncatingIfNeeded: id) & mask]!)
            return true
        }
        guard !overflow.isEmpty, overflow[id] != nil else { return false }
        change(&overflow[id]!)
        return true
    }

    /// Removes and returns the entry of `id`.
    mutating func remove(_ id: UInt64) -> Entry? {
        if inRing(id), let entry = ring[Int(truncatingIfNeeded: id) & mask] {
            ring[Int(truncatingIfNeeded: id) & mask] = nil
            count -= 1
            ringCount -= 1
            if id == base { advanceBase() }
            return entry
        }
        guard let entry = overflow.removeValue(forKey: id) else { return nil }
        count -= 1
        return entry
    }

    /// Moves the ring's start past empty slots (bounded by the ring size).
    private mutating func advanceBase() {
        // An empty ring restarts at the next insert's id (scanning it for
        // nothing cost a pass over every slot per removal).
        guard ringCount > 0 else {
            started = false
            return
        }
        var steps = 0
        while steps < ring.count, ring[Int(truncatingIfNeeded: base) & mask] == nil {
            base += 1
            steps += 1
        }
    }

    /// Doubles the ring until `id` fits, keeping each entry at its id's slot.
    private mutating func grow(toHold id: UInt64) {
        var capacity = ring.count
        while UInt64(capacity) <= id - base { capacity *= 2 }
        var larger = [Entry?](repeating: nil, count: capacity)
        for offset in 0..<ring.count {
            let slotID = base + UInt64(offset)
            if let entry = ring[Int(truncatingIfNeeded: slotID) & mask] {
                larger[Int(truncatingIfNeeded: slotID) & (capacity - 1)] = entry
            }
        }
        ring = larger
    }
}
