/// A session deadline, ordered by (time, key, start, kind): the order in
/// which Flink's and Spark's timers run here (ties never depend on insertion
/// order). It keeps the session's list, which spares a hash lookup when it pops.
struct SessionTimerEntry {
    var time: Int64
    var start: Int64
    var key: Int32
    /// The list of the key's sessions when the timer was queued (a hint, checked on use).
    var list: Int32
    var kind: WindowTimer.Kind

    @inline(__always)
    func precedes(_ other: SessionTimerEntry) -> Bool {
        if time != other.time { return time < other.time }
        if key != other.key { return key < other.key }
        if start != other.start { return start < other.start }
        return kind.rawValue < other.kind.rawValue
    }
}

/// A binary min-heap of session deadlines in one array of 32-byte entries:
/// `SessionTimerQueue`'s overflow, for deadlines beyond its wheel.
///
/// Why not `HeapModule.Heap<WindowTimer>`: that is a min-max heap (every
/// other level ordered the other way, so a pop compares more) over 40-byte
/// elements; with 10^5 sessions its pops (`trickleDownMin`) were a seventh of
/// a session's cost (perf, Benchmarks/RESULTS.md). A 4-ary heap was slower
/// still (more comparisons per level).
struct SessionTimerHeap {
    typealias Entry = SessionTimerEntry

    private var entries: [Entry] = []

    var count: Int { entries.count }
    var min: Entry? { entries.first }

    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        // Bounded: the depth of the heap.
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(entries[parent]) else { break }
            entries[child] = entries[parent]
            child = parent
        }
        entries[child] = entry
    }

    @discardableResult
    mutating func removeMin() -> Entry {
        precondition(!entries.isEmpty, "no queued session timer")
        let first = entries[0]
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        let count = entries.count
        var parent = 0
        // Bounded: the depth of the heap.
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && entries[child + 1].precedes(entries[child]) { child += 1 }
            guard entries[child].precedes(last) else { break }
            entries[parent] = entries[child]
            parent = child
        }
        entries[parent] = last
        return first
    }
}
