/// An order for `BinaryMinHeap`: whether `self` comes out before `other`.
///
/// It must be a strict total order on the values a heap holds: ties broken
/// all the way (by a sequence number, say), so that what the heap pops does
/// not depend on the order of the pushes or on how the heap is laid out.
public protocol HeapOrdered {
    func precedes(_ other: Self) -> Bool
}

/// A binary min-heap in one array: the generator's auxiliary queues (open
/// sessions, pending follow-ups) and the session timers beyond the timing
/// wheel's span (`SessionTimerQueue`).
///
/// Sifts move a hole rather than swapping, and the order is a protocol
/// requirement, so a heap of a concrete type is specialised and its
/// comparisons inlined. Why not `HeapModule.Heap`: that is a min-max heap
/// (every other level ordered the other way, so a pop compares more); with
/// 10^5 sessions its pops (`trickleDownMin`) were a seventh of a session's
/// cost (perf, Benchmarks/RESULTS.md). A 4-ary heap was slower still.
public struct BinaryMinHeap<Element: HeapOrdered> {
    @usableFromInline var entries: [Element] = []

    @inlinable public init() {}

    @inlinable public var count: Int { entries.count }
    @inlinable public var isEmpty: Bool { entries.isEmpty }
    /// The least element, or nil.
    @inlinable public var min: Element? { entries.first }

    @inlinable
    public mutating func insert(_ element: Element) {
        entries.append(element)
        var child = entries.count - 1
        // Bounded: the depth of the heap.
        while child > 0 {
            let parent = (child - 1) / 2
            guard element.precedes(entries[parent]) else { break }
            entries[child] = entries[parent]
            child = parent
        }
        entries[child] = element
    }

    /// Removes and returns the least element; the heap must not be empty.
    @inlinable @discardableResult
    public mutating func removeMin() -> Element {
        precondition(!entries.isEmpty, "removeMin on an empty heap")
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
