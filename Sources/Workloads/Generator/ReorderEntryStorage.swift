/// Manually managed storage of `ReorderEntry` values for the reorder
/// buffer's overflow heap.
///
/// A plain struct of a pointer and a capacity: pushes and pops through it
/// pay no reference counting and no copy-on-write uniqueness check
/// (together about a tenth of the generator's hot path when these were
/// `Array`s). Entries are trivial values, so moving them is a memory copy.
/// The owner calls `deallocate()` exactly once.
struct ReorderEntryStorage {
    private(set) var base: UnsafeMutablePointer<ReorderEntry>
    private(set) var capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    func deallocate() { base.deallocate() }

    /// Doubles the capacity, moving the entries at `live` to the front.
    mutating func doubleCapacity(moving live: Range<Int>) {
        let bigger = UnsafeMutablePointer<ReorderEntry>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base + live.lowerBound, count: live.count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
