import SimKernel

/// The generator's reorder buffer: events waiting to be delivered, ordered
/// by (arrival time, id, attempt).
///
/// The heap orders compact 24-byte entries (arrival, id·256 + attempt, slot)
/// while the 56-byte events stay put in a slab, so a sift moves a third of
/// the bytes it would move with whole events; freed slots are reused. Arrays
/// keep their capacity, so after warm-up pushing and popping allocate
/// nothing, and the size is the number of events in flight (generated, not
/// yet arrived), never the stream's length.
struct ArrivalOrderHeap {
    struct Entry {
        var arrivalMicros: Int64
        /// `id << 8 | attempt`: ids stay below 2^56 (a precondition in `push`).
        var order: UInt64
        var slot: UInt32

        @inline(__always) func precedes(_ other: Entry) -> Bool {
            arrivalMicros != other.arrivalMicros ? arrivalMicros < other.arrivalMicros : order < other.order
        }
    }

    private var entries: [Entry] = []
    private var slab: [Event] = []
    private var freeSlots: [UInt32] = []

    init() {
        entries.reserveCapacity(1024)
        slab.reserveCapacity(1024)
    }

    var count: Int { entries.count }
    var minimumArrival: Int64? { entries.first?.arrivalMicros }

    mutating func push(_ event: Event) {
        precondition(event.id < 1 << 56, "event ids beyond 2^56")
        let slot: UInt32
        if let free = freeSlots.popLast() {
            slot = free
            slab[Int(free)] = event
        } else {
            slot = UInt32(slab.count)
            slab.append(event)
        }
        let entry = Entry(arrivalMicros: event.arrivalTime.micros, order: event.id << 8 | UInt64(event.attempt), slot: slot)
        entries.append(entry)
        entries.withUnsafeMutableBufferPointer { buffer in
            var child = buffer.count - 1
            while child > 0 {
                let parent = (child - 1) >> 1
                guard entry.precedes(buffer[parent]) else { break }
                buffer[child] = buffer[parent]
                child = parent
            }
            buffer[child] = entry
        }
    }

    /// Floyd's bottom-up deletion: walk the hole at the root down to a leaf
    /// along the smaller children (one comparison per level instead of two),
    /// then sift the former last entry up from there; it usually belongs
    /// near the bottom, so the climb is short.
    mutating func pop() -> Event? {
        guard let last = entries.popLast() else { return nil }
        let top: Entry
        if entries.isEmpty {
            top = last
        } else {
            top = entries.withUnsafeMutableBufferPointer { buffer in
                let top = buffer[0]
                let count = buffer.count
                var hole = 0
                while true {
                    var child = 2 * hole + 1
                    if child >= count { break }
                    if child + 1 < count, buffer[child + 1].precedes(buffer[child]) { child += 1 }
                    buffer[hole] = buffer[child]
                    hole = child
                }
                while hole > 0 {
                    let parent = (hole - 1) >> 1
                    guard last.precedes(buffer[parent]) else { break }
                    buffer[hole] = buffer[parent]
                    hole = parent
                }
                buffer[hole] = last
                return top
            }
        }
        freeSlots.append(top.slot)
        return slab[Int(top.slot)]
    }
}
