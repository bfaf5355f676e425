/// The checker's per-window entries, keyed by (key, window start): open
/// addressing with linear probing and a multiplicative hash of one 64-bit
/// word, so the per-event oracle count costs a multiply and a probe or two
/// instead of a `Hasher` pass (callgrind, issue 14). Iteration order is the
/// table's, so callers only fold order-free totals over it.
struct WindowTable<Entry> {
    /// One slot holds all its window's facts (an array of structures): a
    /// probe reads one cache line, not one in each of three arrays. The
    /// table outgrows the cache over a long run, and the three misses per
    /// lookup were most of the checker's window cost (perf, issue 14).
    private struct Slot {
        var key: Int32
        var occupied: Bool
        var startMicros: Int64
        var entry: Entry
    }

    private var slots: [Slot]
    private let vacant: Entry
    private(set) var count = 0

    /// `vacant` fills the empty slots (it is never returned).
    init(vacant: Entry) {
        self.vacant = vacant
        slots = Array(repeating: Slot(key: 0, occupied: false, startMicros: 0, entry: vacant), count: 1 << 10)
    }

    private var mask: Int { slots.count - 1 }

    private static func hash(_ key: Int32, _ startMicros: Int64) -> Int {
        let word = UInt64(bitPattern: startMicros) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: key)) &* 0xC2B2_AE3D_27D4_EB4F
        return Int(truncatingIfNeeded: word ^ (word >> 29))
    }

    /// The slot of (key, start), or the empty slot where it would go.
    private func slot(_ key: Int32, _ startMicros: Int64) -> Int {
        var index = Self.hash(key, startMicros) & mask
        // Bounded: the table is never more than three quarters full.
        while slots[index].occupied, slots[index].key != key || slots[index].startMicros != startMicros { index = (index + 1) & mask }
        return index
    }

    /// Changes the entry of (key, start), made from `initial` if absent.
    mutating func update(key: Int32, startMicros: Int64, initial: @autoclosure () -> Entry, _ change: (inout Entry) -> Void) {
        var index = slot(key, startMicros)
        if !slots[index].occupied {
            // At most three quarters full: a probe or two still finds a
            // window, and a table of 10^5-10^6 windows (one per key per
            // window of a 100 M-event run; ten runs of a cohort keep theirs
            // at once) takes half the slots it took at one half.
            if 4 * (count + 1) > 3 * slots.count {
                grow()
                index = slot(key, startMicros)
            }
            slots[index] = Slot(key: key, occupied: true, startMicros: startMicros, entry: initial())
            count += 1
        }
        change(&slots[index].entry)
    }

    /// The entry of (key, start), if there is one.
    func entry(key: Int32, startMicros: Int64) -> Entry? {
        let index = slot(key, startMicros)
        return slots[index].occupied ? slots[index].entry : nil
    }

    /// Every window with its entry, in table order (callers fold order-free totals).
    func forEach(_ body: (_ key: Int32, _ startMicros: Int64, _ entry: Entry) -> Void) {
        for held in slots where held.occupied { body(held.key, held.startMicros, held.entry) }
    }

    /// Every entry, in table order (callers fold order-free totals).
    var values: some Sequence<Entry> { slots.lazy.filter(\.occupied).map(\.entry) }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, occupied: false, startMicros: 0, entry: vacant), count: old.count * 2)
        for held in old where held.occupied {
            slots[slot(held.key, held.startMicros)] = held
        }
    }
}
