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
///
/// Each live id has an entry and a nonzero one-byte mark, kept in two
/// arrays (structure of arrays): the checker's ring spans a checkpoint
/// interval of ids (about 10^5, megabytes), so each pass over it misses the
/// cache once per line, and a pass that needs only the marks (settling an
/// event) reads 64 ids per line instead of two (perf, issue 14: the three
/// passes over 32-byte optional entries were a fifth of a crash run).
struct IDTable<Entry> {
    /// The ring's largest size; beyond it, ids go to `overflow`.
    static var maxRingCapacity: Int { 1 << 20 }

    /// Valid where the slot's mark is nonzero. A removed entry stays in its
    /// slot until another overwrites it (clearing it would touch the line
    /// the removal avoids); the checker's entries are plain values.
    private var ring: [Entry]
    /// 0: no id in the slot.
    private var marks: [UInt8]
    private let vacant: Entry
    /// The id in ring slot `base & mask` (the ring covers `base..<base + ring.count`).
    /// Every id in the ring lies in that window; `base` is not kept at the
    /// lowest one, only moved when an insert needs it (`place`).
    private var base: UInt64 = 0
    /// At least the highest id in the ring (the window must reach it).
    private var top: UInt64 = 0
    private var overflow: [UInt64: (entry: Entry, mark: UInt8)] = [:]
    private(set) var count = 0
    /// The entries in the ring (the rest are in `overflow`).
    private var ringCount = 0

    /// `vacant` fills the slots that hold no id (it is never returned).
    init(vacant: Entry) {
        self.vacant = vacant
        ring = Array(repeating: vacant, count: 1 << 10)
        marks = Array(repeating: 0, count: 1 << 10)
    }

    private var mask: Int { marks.count - 1 }

    /// The ring's slots and the ids kept beside it (for the tests).
    var ringCapacity: Int { marks.count }
    var overflowCount: Int { overflow.count }

    private func inRing(_ id: UInt64) -> Bool {
        id >= base && id - base < UInt64(marks.count)
    }

    // An id may sit in `overflow` while its slot is in the ring's span (the
    // ring restarted lower after emptying), so an empty slot falls back to it.

    subscript(id: UInt64) -> (entry: Entry, mark: UInt8)? {
        if inRing(id) {
            let slot = Int(truncatingIfNeeded: id) & mask
            if marks[slot] != 0 { return (ring[slot], marks[slot]) }
        }
        return overflow.isEmpty ? nil : overflow[id]
    }

    /// Stores an entry and its (nonzero) mark for an id that has none.
    mutating func insert(_ entry: Entry, mark: UInt8, for id: UInt64) {
        precondition(mark != 0, "a live id's mark is nonzero")
        place(id)
        if inRing(id) {
            top = Swift.max(top, id)
            let slot = Int(truncatingIfNeeded: id) & mask
            precondition(marks[slot] == 0, "id \(id) inserted twice")
            // The same id in `overflow` too: a debug check only, as the
            // hash it costs was 6 % of the checker's thread once a backlog
            // left ids there (perf, issue 14); the ring check stays.
            assert(overflow.isEmpty || overflow[id] == nil, "id \(id) inserted twice")
            ring[slot] = entry
            marks[slot] = mark
            ringCount += 1
        } else {
            precondition(overflow[id] == nil, "id \(id) inserted twice")
            overflow[id] = (entry, mark)
        }
        count += 1
    }

    /// Changes the entry and mark of `id` in place (the mark stays nonzero);
    /// false when there is none.
    /// Inlined into its caller: as a call, the checker that the closure
    /// captures was retained and released around it on every output
    /// (perf, issue 14).
    @discardableResult @inline(__always)
    mutating func update(_ id: UInt64, _ change: (inout Entry, inout UInt8) -> Void) -> Bool {
        if inRing(id) {
            let slot = Int(truncatingIfNeeded: id) & mask
            if marks[slot] != 0 {
                change(&ring[slot], &marks[slot])
                precondition(marks[slot] != 0, "a live id's mark is nonzero")
                return true
            }
        }
        guard !overflow.isEmpty, var held = overflow[id] else { return false }
        change(&held.entry, &held.mark)
        precondition(held.mark != 0, "a live id's mark is nonzero")
        overflow[id] = held
        return true
    }

    /// Removes `id`; returns its mark (the entry is not read: settling
    /// needs only the mark, and the marks are the small array).
    mutating func remove(_ id: UInt64) -> UInt8? {
        if inRing(id) {
            let slot = Int(truncatingIfNeeded: id) & mask
            let mark = marks[slot]
            if mark != 0 {
                marks[slot] = 0
                count -= 1
                ringCount -= 1
                return mark
            }
        }
        guard let removed = overflow.removeValue(forKey: id) else { return nil }
        count -= 1
        return removed.mark
    }

    /// Moves the window so that `id` fits, if it can without losing a live
    /// id: an empty ring starts over around it; an id below the window
    /// lowers it while the highest live id still fits; an id above it slides
    /// it up past empty slots, then grows the ring (to `maxRingCapacity`).
    ///
    /// The window moves only when an insert needs it. Moving its start past
    /// every removed id at removal scanned the gaps between live ids again
    /// and again when few are live (an at-most-once run finalizes each
    /// record as it is written: 100 slots per record, half the checker,
    /// callgrind, issue 14); sliding scans each slot once as the window
    /// passes it. Half the ring is left below a new start, for records that
    /// arrive out of id order.
    private mutating func place(_ id: UInt64) {
        let capacity = UInt64(marks.count)
        if ringCount == 0 {
            base = id - Swift.min(id, capacity / 2)
            top = id
            return
        }
        if id < base {
            if top - id < capacity { base = id }
            return
        }
        guard id - base >= capacity else { return }
        // Bounded by the window: each pass moves the start past one empty slot.
        let target = id - capacity / 2
        while base < target, marks[Int(truncatingIfNeeded: base) & mask] == 0 { base += 1 }
        if id - base >= capacity, id - base < UInt64(Self.maxRingCapacity) { grow(toHold: id) }
    }

    /// Doubles the ring until `id` fits, keeping each entry at its id's slot.
    private mutating func grow(toHold id: UInt64) {
        var capacity = marks.count
        while UInt64(capacity) <= id - base { capacity *= 2 }
        var larger = [Entry](repeating: vacant, count: capacity)
        var largerMarks = [UInt8](repeating: 0, count: capacity)
        for offset in 0..<marks.count {
            let slotID = base + UInt64(offset)
            let slot = Int(truncatingIfNeeded: slotID) & mask
            guard marks[slot] != 0 else { continue }
            larger[Int(truncatingIfNeeded: slotID) & (capacity - 1)] = ring[slot]
            largerMarks[Int(truncatingIfNeeded: slotID) & (capacity - 1)] = marks[slot]
        }
        ring = larger
        marks = largerMarks
    }
}
