import SimKernel

/// The generator's reorder buffer: events waiting to be delivered, ordered
/// by (arrival time, id, attempt). A binary min-heap in one array whose
/// capacity is kept, so after warm-up pushing and popping allocate nothing;
/// its size is the number of events in flight (generated, not yet arrived).
struct ArrivalOrderHeap {
    private(set) var items: [Event] = []

    init() { items.reserveCapacity(1024) }

    var count: Int { items.count }
    var minimumArrival: Int64? { items.first?.arrivalTime.micros }

    @inline(__always) static func precedes(_ a: Event, _ b: Event) -> Bool {
        if a.arrivalTime.micros != b.arrivalTime.micros { return a.arrivalTime.micros < b.arrivalTime.micros }
        if a.id != b.id { return a.id < b.id }
        return a.attempt < b.attempt
    }

    mutating func push(_ event: Event) {
        items.append(event)
        items.withUnsafeMutableBufferPointer { buffer in
            var child = buffer.count - 1
            while child > 0 {
                let parent = (child - 1) >> 1
                guard Self.precedes(event, buffer[parent]) else { break }
                buffer[child] = buffer[parent]
                child = parent
            }
            buffer[child] = event
        }
    }

    /// Floyd's bottom-up deletion: walk the hole at the root down to a leaf
    /// along the smaller children (one comparison per level instead of two),
    /// then sift the former last element up from there; it usually belongs
    /// near the bottom, so the climb is short.
    mutating func pop() -> Event? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        return items.withUnsafeMutableBufferPointer { buffer in
            let top = buffer[0]
            let count = buffer.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                if child >= count { break }
                if child + 1 < count, Self.precedes(buffer[child + 1], buffer[child]) { child += 1 }
                buffer[hole] = buffer[child]
                hole = child
            }
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard Self.precedes(last, buffer[parent]) else { break }
                buffer[hole] = buffer[parent]
                hole = parent
            }
            buffer[hole] = last
            return top
        }
    }
}
