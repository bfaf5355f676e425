import CPrefetch

/// The windows of one pane (one window start) by key: an open-addressing
/// hash map from key to slot number with 8-byte buckets, for the per-record
/// lookup of `AssignedWindowTable`.
///
/// It has no per-entry removal: the windows of a pane all fall due at the
/// same instant, so a pane's map is emptied at once (`removeAll`) and kept
/// for the next pane. With 10^5–10^6 keys the former single map of
/// (key, start) paid a cache miss and a backward shift for every window it
/// removed (callgrind and perf, Benchmarks/RESULTS.md). The hash is a fixed
/// multiplication (Fibonacci hashing), so nothing depends on a per-process
/// seed; iteration order is never used for output.
@usableFromInline
struct PaneKeyIndex {
    @usableFromInline
    struct Bucket {
        var key: Int32
        /// The slot, or -1 for an empty bucket.
        var slot: Int32
    }

    @usableFromInline private(set) var buckets: [Bucket]
    @usableFromInline private(set) var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        buckets = .advisingHugePages(repeating: Bucket(key: 0, slot: -1), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inlinable @inline(__always)
    func home(of key: Int32) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot stored for `key`; when `key` is absent, `-1 - bucket` for
    /// the empty bucket where it would go, which `insert(_:slot:at:)` takes,
    /// so that a new window costs one probe, not two.
    @inline(__always)
    func lookup(_ key: Int32) -> Int {
        let mask = buckets.count - 1
        var bucket = home(of: key)
        // Bounded: the map is at most half full, so a probe meets an empty bucket.
        while true {
            let entry = buckets[bucket]
            if entry.slot < 0 { return -1 - bucket }
            if entry.key == key { return Int(entry.slot) }
            bucket = (bucket + 1) & mask
        }
    }

    /// Stores a new entry in `bucket`, the empty bucket `lookup(key)` just
    /// returned; if the map must grow first, its buckets move and `key` is
    /// placed anew.
    @inline(__always)
    mutating func insert(_ key: Int32, slot: Int32, at bucket: Int) {
        guard (count + 1) * 2 <= buckets.count else { return insert(key, slot: slot) }
        precondition(slot >= 0 && buckets[bucket].slot < 0, "a new entry goes to an empty bucket")
        buckets[bucket] = Bucket(key: key, slot: slot)
        count += 1
    }

    /// Starts loading the bucket where a look-up of `key` begins, when the
    /// map is too large to stay in the cache (at 10^5–10^6 keys the probe
    /// missed on nearly every record: Benchmarks/RESULTS.md).
    @inlinable @inline(__always)
    mutating func prefetch(_ key: Int32) {
        guard isLarge else { return }
        buckets.withUnsafeBufferPointer { streamlab_prefetch_read($0.baseAddress! + home(of: key)) }
    }

    /// Whether the map is too large to stay in the cache: 2^14 buckets, 128 KB.
    @inlinable var isLarge: Bool { buckets.count >= 1 << 14 }

    /// Stores a new entry; `key` must not be present.
    mutating func insert(_ key: Int32, slot: Int32) {
        precondition(slot >= 0, "a slot number is never negative")
        if (count + 1) * 2 > buckets.count { grow() }
        let mask = buckets.count - 1
        var bucket = home(of: key)
        while buckets[bucket].slot >= 0 {
            precondition(buckets[bucket].key != key, "a key has one window per pane")
            bucket = (bucket + 1) & mask
        }
        buckets[bucket] = Bucket(key: key, slot: slot)
        count += 1
    }

    /// Empties the map, keeping its capacity.
    mutating func removeAll() {
        buckets.withUnsafeMutableBufferPointer { $0.update(repeating: Bucket(key: 0, slot: -1)) }
        count = 0
    }

    private mutating func grow() {
        let old = buckets
        buckets = .advisingHugePages(repeating: Bucket(key: 0, slot: -1), count: old.count * 2)
        shift -= 1
        count = 0
        for entry in old where entry.slot >= 0 { insert(entry.key, slot: entry.slot) }
    }
}
