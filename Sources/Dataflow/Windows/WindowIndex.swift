import CPrefetch

/// A flat open-addressing hash map from (key, window start) to a slot
/// number, for the per-record path of the window operator. Session windows
/// find a key's list of sessions through it (start 0); assigned windows use
/// one `PaneKeyIndex` per window start instead (`AssignedWindowTable+Panes`).
///
/// Why not `Dictionary`: Swift's per-process-seeded SipHash and the boxed
/// storage cost more per lookup than the whole rest of a tumbling count. This
/// map hashes two integers with a fixed multiplicative mix, probes linearly
/// and deletes by backward shifting (no tombstones), so it never allocates on
/// a lookup. Its iteration order is never used for output, so the fixed hash
/// does not leak into results.
///
/// One bucket is 16 bytes holding key, slot and start together, so a probe
/// touches one cache line; the earlier layout (three parallel arrays) missed
/// the cache three times per probe with 10^5–10^6 keys (issue 14,
/// Benchmarks/RESULTS.md).
public struct WindowIndex {
    @usableFromInline struct Bucket: Sendable {
        @usableFromInline var start: Int64
        @usableFromInline var key: Int32
        /// The slot, or -1 for an empty bucket.
        @usableFromInline var slot: Int32

        @usableFromInline static let empty = Bucket(start: 0, key: 0, slot: -1)

        @inlinable init(start: Int64, key: Int32, slot: Int32) {
            self.start = start
            self.key = key
            self.slot = slot
        }
    }

    @usableFromInline var buckets: [Bucket]
    @usableFromInline var mask: Int
    @usableFromInline var storedCount: Int = 0
    public var count: Int { storedCount }

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        buckets = Array(repeating: .empty, count: size)
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
            let entry = buckets[bucket]
            if entry.slot < 0 { return -1 }
            if entry.key == key && entry.start == start { return entry.slot }
            bucket = (bucket + 1) & mask
        }
    }

    /// Starts loading the bucket where a look-up of (key, start) begins, when
    /// the map has outgrown the cache (2^14 buckets of 16 bytes: 256 KB).
    @inlinable @inline(__always)
    public func prefetch(key: Int32, start: Int64) {
        guard buckets.count >= 1 << 14 else { return }
        let bucket = Self.hash(key: key, start: start) & mask
        buckets.withUnsafeBufferPointer { streamlab_prefetch_read($0.baseAddress! + bucket) }
    }

    /// Stores a new entry; (key, start) must not be present.
    @inlinable
    public mutating func insert(key: Int32, start: Int64, slot: Int32) {
        precondition(slot >= 0, "a slot number is never negative")
        if (storedCount + 1) * 2 > buckets.count { grow() }
        var bucket = Self.hash(key: key, start: start) & mask
        while buckets[bucket].slot >= 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = Bucket(start: start, key: key, slot: slot)
        storedCount += 1
    }

    /// Removes (key, start) if present, shifting later entries of the probe
    /// run back so lookups stay correct without tombstones.
    public mutating func remove(key: Int32, start: Int64) {
        var bucket = Self.hash(key: key, start: start) & mask
        while true {
            let entry = buckets[bucket]
            if entry.slot < 0 { return }
            if entry.key == key && entry.start == start { break }
            bucket = (bucket + 1) & mask
        }
        var hole = bucket
        var next = (hole + 1) & mask
        // Bounded: the table always has an empty bucket, which ends the run.
        while buckets[next].slot >= 0 {
            let entry = buckets[next]
            let home = Self.hash(key: entry.key, start: entry.start) & mask
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            let inRange = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !inRange {
                buckets[hole] = entry
                hole = next
            }
            next = (next + 1) & mask
        }
        buckets[hole] = .empty
        storedCount -= 1
    }

    @usableFromInline
    mutating func grow() {
        let old = buckets
        buckets = Array(repeating: .empty, count: old.count * 2)
        mask = buckets.count - 1
        storedCount = 0
        for entry in old where entry.slot >= 0 {
            insert(key: entry.key, start: entry.start, slot: entry.slot)
        }
    }
}
