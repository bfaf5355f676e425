/// A flat open-addressing hash map from (key, window start) to a slot
/// number, for the per-record path of the window operator.
///
/// Why not `Dictionary`: Swift's per-process-seeded SipHash and the boxed
/// storage cost more per lookup than the whole rest of a tumbling count. This
/// map hashes two integers with a fixed multiplicative mix, probes linearly in
/// three parallel arrays and deletes by backward shifting (no tombstones), so
/// it never allocates on a lookup. Its iteration order is never used for
/// output, so the fixed hash does not leak into results.
public struct WindowIndex {
    @usableFromInline var keys: [Int32]
    @usableFromInline var starts: [Int64]
    /// The slot, or -1 for an empty bucket.
    @usableFromInline var slots: [Int32]
    @usableFromInline var mask: Int
    @usableFromInline var storedCount: Int = 0
    public var count: Int { storedCount }

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        starts = Array(repeating: 0, count: size)
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inlinable
    static func hash(key: Int32, start: Int64) -> Int {
        var mixed = UInt64(bitPattern: start) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= UInt64(UInt32(bitPattern: key)) &* 0xC2B2_AE3D_27D4_EB4F
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed)
    }

    /// The slot stored for (key, start), or -1.
    @inlinable
    public func find(key: Int32, start: Int64) -> Int32 {
        var bucket = Self.hash(key: key, start: start) & mask
        // Bounded: the table is at most half full, so a probe meets an empty bucket.
        while true {
            let slot = slots[bucket]
            if slot < 0 { return -1 }
            if keys[bucket] == key && starts[bucket] == start { return slot }
            bucket = (bucket + 1) & mask
        }
    }

    /// Stores a new entry; (key, start) must not be present.
    @inlinable
    public mutating func insert(key: Int32, start: Int64, slot: Int32) {
        if (storedCount + 1) * 2 > slots.count { grow() }
        var bucket = Self.hash(key: key, start: start) & mask
        while slots[bucket] >= 0 { bucket = (bucket + 1) & mask }
        keys[bucket] = key
        starts[bucket] = start
        slots[bucket] = slot
        storedCount += 1
    }

    /// Removes (key, start) if present, shifting later entries of the probe
    /// run back so lookups stay correct without tombstones.
    public mutating func remove(key: Int32, start: Int64) {
        var bucket = Self.hash(key: key, start: start) & mask
        while true {
            if slots[bucket] < 0 { return }
            if keys[bucket] == key && starts[bucket] == start { break }
            bucket = (bucket + 1) & mask
        }
        var hole = bucket
        var next = (hole + 1) & mask
        while slots[next] >= 0 {
            let home = Self.hash(key: keys[next], start: starts[next]) & mask
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            let inRange = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !inRange {
                keys[hole] = keys[next]
                starts[hole] = starts[next]
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = -1
        storedCount -= 1
    }

    @usableFromInline
    mutating func grow() {
        let oldKeys = keys, oldStarts = starts, oldSlots = slots
        let size = oldSlots.count * 2
        keys = Array(repeating: 0, count: size)
        starts = Array(repeating: 0, count: size)
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        storedCount = 0
        for bucket in oldSlots.indices where oldSlots[bucket] >= 0 {
            insert(key: oldKeys[bucket], start: oldStarts[bucket], slot: oldSlots[bucket])
        }
    }
}
