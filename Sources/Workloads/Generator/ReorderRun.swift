/// The reorder buffer's current bucket: its entries sorted ascending, read
/// from `head`, on manually managed storage.
///
/// A bucket holds about a millisecond of arrivals, a handful of entries, so
/// sorting it once when it becomes current (insertion sort, or the standard
/// sort for a crowded bucket) and then reading it front to back beats
/// keeping a heap: a pop is an index increment. Late pushes into the current
/// bucket (a delay under a millisecond) are placed by one insertion step,
/// usually at the end. It is a plain struct of a pointer and counts, so it
/// pays no reference counting or uniqueness checks; `ArrivalReorderBuffer`
/// calls `deallocate()` exactly once.
struct ReorderRun {
    private(set) var base: UnsafeMutablePointer<ReorderEntry>
    private(set) var head = 0
    private(set) var end = 0
    private var capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    func deallocate() { base.deallocate() }

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
        if end == capacity { grow() }
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

    private mutating func grow() {
        // Compact first: the consumed prefix is dead.
        let live = end - head
        if head > 0 && live < capacity / 2 {
            base.moveInitialize(from: base + head, count: live)
            head = 0
            end = live
            return
        }
        let bigger = UnsafeMutablePointer<ReorderEntry>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base + head, count: live)
        base.deallocate()
        base = bigger
        capacity *= 2
        head = 0
        end = live
    }
}
