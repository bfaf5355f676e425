/// The reorder buffer's current bucket: its entries sorted ascending, read
/// from `head`, on manually managed storage.
///
/// A bucket holds 256 µs of arrivals, a handful of entries, so
/// sorting it once when it becomes current (insertion sort, or the standard
/// sort for a crowded bucket) and then reading it front to back beats
/// keeping a heap: a pop is an index increment. Late pushes into the current
/// bucket (a delay shorter than a bucket) are placed by one insertion step,
/// usually at the end. `ArrivalReorderBuffer` calls `deallocate()` exactly
/// once.
struct ReorderRun {
    private var storage: ReorderEntryStorage
    private(set) var head = 0
    private(set) var end = 0

    init(capacity: Int) { storage = ReorderEntryStorage(capacity: capacity) }

    func deallocate() { storage.deallocate() }

    var base: UnsafeMutablePointer<ReorderEntry> { storage.base }
    var isEmpty: Bool { head == end }
    var count: Int { end - head }
    var minimum: ReorderEntry? { head == end ? nil : base[head] }

    /// Starts a new run; only when empty.
    mutating func reset() {
        precondition(head == end, "reset of a run that still holds entries")
        head = 0
        end = 0
    }

    /// Adds an entry without keeping order; `sortAppended()` restores it.
    @inline(__always) mutating func appendUnsorted(_ entry: ReorderEntry) {
        if end == storage.capacity { makeRoom() }
        base[end] = entry
        end += 1
    }

    mutating func sortAppended() {
        let count = end - head
        if count > 48 {
            var crowded = UnsafeMutableBufferPointer(start: base + head, count: count)
            crowded.sort { $0.precedes($1) }
            return
        }
        var index = head + 1
        while index < end {
            insertionStep(from: index)
            index += 1
        }
    }

    /// Inserts an entry at its sorted place (usually the end).
    @inline(__always) mutating func insert(_ entry: ReorderEntry) {
        appendUnsorted(entry)
        insertionStep(from: end - 1)
    }

    mutating func popMinimum() -> ReorderEntry {
        precondition(head < end, "pop from an empty run")
        head += 1
        return base[head - 1]
    }

    /// Moves `base[position]` left past every entry it precedes.
    @inline(__always) private mutating func insertionStep(from position: Int) {
        let entry = base[position]
        var hole = position
        while hole > head, entry.precedes(base[hole - 1]) {
            base[hole] = base[hole - 1]
            hole -= 1
        }
        base[hole] = entry
    }

    /// True when the entries from `head` are in ascending order.
    func isSorted() -> Bool {
        (head + 1..<Swift.max(end, head + 1)).allSatisfy { !base[$0].precedes(base[$0 - 1]) }
    }

    /// Compacts in place when fewer than half the slots hold live entries,
    /// otherwise doubles it.
    private mutating func makeRoom() {
        let live = end - head
        if head > 0 && live < storage.capacity / 2 {
            base.moveInitialize(from: base + head, count: live)
        } else {
            storage.doubleCapacity(moving: head..<end)
        }
        head = 0
        end = live
    }
}
