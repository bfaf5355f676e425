/// The checker's per-window entries, keyed by (key, window start): open
/// addressing with linear probing and a multiplicative hash of one 64-bit
/// word, so the per-event oracle count costs a multiply and a probe or two
/// instead of a `Hasher` pass (callgrind, issue 14). Iteration order is the
/// table's, so callers only fold order-free totals over it.
struct WindowTable<Entry> {
    private var keys: [Int32]
    private var starts: [Int64]
    private var entries: [Entry?]
    private(set) var count = 0

    init() {
        keys = Array(repeating: 0, count: 1 << 10)
        starts = Array(repeating: 0, count: 1 << 10)
        entries = Array(repeating: nil, count: 1 << 10)
    }

    private var mask: Int { entries.count - 1 }

    private static func hash(_ key: Int32, _ startMicros: Int64) -> Int {
        let word = UInt64(bitPattern: startMicros) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: key)) &* 0xC2B2_AE3D_27D4_EB4F
        return Int(truncatingIfNeeded: word ^ (word >> 29))
    }

    /// The slot of (key, start), or the empty slot where it would go.
    private func slot(_ key: Int32, _ startMicros: Int64) -> Int {
        var index = Self.hash(key, startMicros) & mask
        // Bounded: the table is never more than half full.
        while entries[index] != nil, keys[index] != key || starts[index] != startMicros { index = (index + 1) & mask }
        return index
    }

    /// Changes the entry of (key, start), made from `initial` if absent.
    mutating func update(key: Int32, startMicros: Int64, initial: @autoclosure () -> Entry, _ change: (inout Entry) -> Void) {
        var index = slot(key, startMicros)
        if entries[index] == nil {
            if 2 * (count + 1) > entries.count {
                grow()
                index = slot(key, startMicros)
            }
            keys[index] = key
            starts[index] = startMicros
            entries[index] = initial()
            count += 1
        }
        change(&entries[index]!)
    }

    /// Every entry, in table order (callers fold order-free totals).
    var values: some Sequence<Entry> { entries.lazy.compactMap { $0 } }

    private mutating func grow() {
        let old = (keys, starts, entries)
        let capacity = entries.count * 2
        keys = Array(repeating: 0, count: capacity)
        starts = Array(repeating: 0, count: capacity)
        entries = Array(repeating: nil, count: capacity)
        count = 0
        for index in old.2.indices {
            guard let entry = old.2[index] else { continue }
            update(key: old.0[index], startMicros: old.1[index], initial: entry) { _ in }
        }
    }
}
